export type { LayoutDocument, LayoutBlock, Run, RunStyle } from './layout-input.js';
export { runsText } from './layout-input.js';
export { exportPdf } from './export-pdf.js';
export { breakLines, mayBreakBetween, NO_LINE_START, NO_LINE_END } from './line-breaking.js';
