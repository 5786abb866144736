export type { LayoutDocument, LayoutBlock, Run, RunStyle } from './layout-input.js';
export { runsText } from './layout-input.js';
export { exportPdf } from './export-pdf.js';
export { breakLines, mayBreakBetween, NO_LINE_START, NO_LINE_END } from './line-breaking.js';
export { compareVersions, applyDecisions, diffText, tokenize } from './redline.js';
export type { ComparableBlock, Redline, RedlineBlock, RedlineSegment, RedlineChange, Decision } from './redline.js';
