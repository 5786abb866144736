import type { ErrorTable } from './catalog.js';

/** Errors of the pdf capability. Codes are stable: never rename one that has shipped. */
export const pdfErrors = {
} as const satisfies ErrorTable;
