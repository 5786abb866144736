/**
 * Drafting's output side: a draft (its plain form, src-shared/drafting) typeset as a PDF ready to
 * sign or written as DOCX, a DOCX read back into the shape of a draft, and redlines between versions.
 */
export type { LayoutDocument, LayoutBlock, Run, RunStyle } from './layout-input.js';
export { runsText } from './layout-input.js';
export { exportPdf, typeset } from './export-pdf.js';
export type { TypesetDocument, TypesetPage, PlacedText } from './typeset.js';
export { exportDocx } from './export-docx.js';
export { importDocx, type ImportedDraft, type ImportedBlock, type ImportedRun, type LossKind } from './docx-import.js';
export { DEFAULT_DOCX_LIMITS, type DocxLimits } from './docx-archive.js';
export { layoutOfDraft } from './plain-layout.js';
export { draftFromImport } from './draft-from-import.js';
export { comparableBlocks } from './comparable.js';
export { layoutOfRedline } from './redline-layout.js';
export { breakLines, mayBreakBetween, NO_LINE_START, NO_LINE_END } from './line-breaking.js';
export { compareVersions, diffText, tokenize, type ComparableBlock } from './redline.js';
