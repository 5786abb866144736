export * from './model.js';
export * from './operations.js';
export * from './bridge.js';
