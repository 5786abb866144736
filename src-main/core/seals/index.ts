export { roundSealLayout, roundSealSvg, sealText, SEAL_KINDS, type SealKind, type SealLayout, type PlacedGlyph } from './round-seal.js';
export { sealOperators } from './seal-pdf.js';
