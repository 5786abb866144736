export { Library, newId, addDays, daysBetween, SEARCH_WINDOW, LIST_ANCHOR_EVERY, contractFilterSql, type NewVersion } from './library.js';
export { importFiles, DEFAULT_MAX_IMPORT_BYTES, type IncomingFile, type ImportOptions } from './import.js';
export { DocumentStore } from './document-store.js';
export { looksLikePdf, type PdfFacts } from './pdf-inspect.js';
export { inspectPdf, PdfInspector, DEFAULT_INSPECT_LIMITS, type InspectLimits } from './pdf-inspector.js';
export { indexText, buildMatchExpression, cjkBigrams } from './search-text.js';
