import type { ErrorTable } from './catalog.js';

/** Errors of the signing capability. Codes are stable: never rename one that has shipped. */
export const signingErrors = {
} as const satisfies ErrorTable;
