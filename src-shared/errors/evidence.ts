import type { ErrorTable } from './catalog.js';

/** Errors of the evidence capability. Codes are stable: never rename one that has shipped. */
export const evidenceErrors = {
} as const satisfies ErrorTable;
