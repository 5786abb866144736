import type { ErrorTable } from './catalog.js';

/** Errors of the tokens capability. Codes are stable: never rename one that has shipped. */
export const tokensErrors = {
} as const satisfies ErrorTable;
