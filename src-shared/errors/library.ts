import type { ErrorTable } from './catalog.js';

/** Errors of the library capability. Codes are stable: never rename one that has shipped. */
export const libraryErrors = {
} as const satisfies ErrorTable;
