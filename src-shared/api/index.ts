export * from './model.js';
export * from './facts.js';
export * from './drafting.js';
export * from './operations.js';
export * from './bridge.js';
export * from './seals.js';
export * from './devices.js';
export * from './sync.js';
