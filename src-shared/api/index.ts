export * from './model.js';
export * from './facts.js';
export * from './placements.js';
export * from './operations.js';
export * from './bridge.js';
export * from './signing.js';
export * from './devices.js';
export * from './seals.js';
