import type { ErrorTable } from './catalog.js';

/** Errors of the pki capability. Codes are stable: never rename one that has shipped. */
export const pkiErrors = {
} as const satisfies ErrorTable;
