/**
 * Placements: where a stored version will be stamped (seal, signature and date boxes, a cross-page
 * seal), saved with the version before it is signed so a half-prepared signing survives a restart.
 * The model and its schema are in src-shared/api/placements.ts; the geometry in
 * src-shared/placement/geometry.ts, shared with the viewer and the signing engine.
 */
export { getPlacements, savePlacements, checkPlacements } from './placements.js';
export { placeAtKeyword } from './keyword-placement.js';
