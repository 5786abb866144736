/**
 * The organisation and its seals (印章): the organisation profile, the seal library (company seals
 * and personal signatures in the data folder, audited), and the drawings the signing engine stamps.
 *
 *   const seals = new SealLibrary(db, dataDir, actor);
 *   await seals.generate({ sealType: '合同专用章' });        // from the organisation profile
 *   const { drawing } = await seals.stamp(sealId);         // → SignatureAppearance.seal
 */
export { roundSealLayout, roundSealSvg, sealText, type SealLayout, type PlacedGlyph } from './round-seal.js';
export { sealOperators } from './seal-pdf.js';
export { SealLibrary, type SealDrawing, type SealStamp } from './seal-library.js';
export { organisationProfile, updateOrganisationProfile } from './organisation.js';
export { readSvgSeal, SVG_MAX_BYTES } from './svg-import.js';
export { readPngSeal, decodePng, encodePng, PNG_MAX_BYTES } from './png-seal.js';
export { vectorArtOperators, vectorArtSvg, type VectorArt, type InkShape } from './vector-art.js';
