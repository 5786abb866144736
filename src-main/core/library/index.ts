export { Library, newId, addDays, daysBetween, SEARCH_WINDOW, LIST_ANCHOR_EVERY, contractFilterSql, type NewVersion } from './library.js';
export { importFiles, DEFAULT_MAX_IMPORT_BYTES, type IncomingFile, type ImportOptions } from './import.js';
export { DocumentStore } from './document-store.js';
export { inspectPdf, looksLikePdf, type PdfFacts } from './pdf-inspect.js';
export { indexText, buildMatchExpression, cjkBigrams } from './search-text.js';
export { factSuggestions, dismissFactSuggestion } from './fact-suggestions.js';
