export { exportDraftPdf, exportDraftDocx, importDraftDocx, draftRedline, draftRedlinePdf } from './draft-files.js';
export type { DraftFilesContext, ExportedPdf, DocxImportResult } from './draft-files.js';
