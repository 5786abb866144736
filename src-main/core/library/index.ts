export { Library } from './library.js';
export { newId } from './context.js';
export { type NewVersion } from './documents.js';
export { SEARCH_WINDOW, contractFilterSql } from './search.js';
export { LIST_ANCHOR_EVERY } from './paging.js';
export { addDays, daysBetween } from './reminders.js';
export { importFiles, DEFAULT_MAX_IMPORT_BYTES, type IncomingFile, type ImportOptions } from './import.js';
export { DocumentStore } from './document-store.js';
export { looksLikePdf, type PdfFacts } from './pdf-inspect.js';
export { inspectPdf, PdfInspector, DEFAULT_INSPECT_LIMITS, type InspectLimits } from './pdf-inspector.js';
export { indexText, buildMatchExpression, cjkBigrams } from './search-text.js';
export { factSuggestions, dismissFactSuggestion } from './fact-suggestions.js';
export {
  replicateContract,
  replicateFields,
  replicateParty,
  replicateVersion,
  currentFieldValues,
  contractExists,
  type ReplicaSource,
} from './replication.js';
