import type { ErrorTable } from './catalog.js';

/** Errors of the verify capability. Codes are stable: never rename one that has shipped. */
export const verifyErrors = {
} as const satisfies ErrorTable;
