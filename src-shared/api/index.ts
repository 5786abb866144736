export * from './model.js';
export * from './facts.js';
export * from './placements.js';
export * from './drafting.js';
// drafting: export, import and redlines
export * from './draft-files.js';
// clause library (issue 10)
export * from './clauses.js';
// drafting: templates (issue 10)
export * from './templates.js';
export * from './operations.js';
export * from './bridge.js';
export * from './seals.js';
export * from './devices.js';
export * from './signing.js';
// Batch signing (issue 9)
export * from './signing-batch.js';
export * from './sync.js';
export * from './evidence-receipts.js';
export * from './signature-upgrade.js';
