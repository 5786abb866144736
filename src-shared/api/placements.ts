import { z } from 'zod';
import { Id } from './model.js';

/**
 * Where a document version will be stamped: the boxes a person placed in the viewer before signing
 * (seal, signature, date), and whether a cross-page seal (骑缝章) runs down the right edges. Saved
 * with the version (`placements.get` / `placements.save`) so a half-prepared signing survives a
 * restart; the signing ceremony reads them back. Positions are PDF points from the lower-left corner
 * of the page as shown (src-shared/placement/geometry.ts), what the signing engine takes.
 */
export const PLACEMENT_KINDS = ['seal', 'signature', 'date'] as const;
export const PlacementKind = z.enum(PLACEMENT_KINDS);
export type PlacementKind = z.infer<typeof PlacementKind>;

/** The most boxes one version carries: every page of a long contract signed by a few parties. */
export const MAX_PLACEMENTS = 200;
/** Larger than any real page (A0 is 3370 pt), small enough to keep every figure an ordinary number. */
const MAX_POINTS = 14_400;
const points = z.number().finite().min(0).max(MAX_POINTS);
const size = z.number().finite().gt(0).max(MAX_POINTS);
/** The seal library's id of the seal to stamp (its own format; only bounded here). */
const SealId = z.string().min(1).max(64);

export const Placement = z.object({
  /** Chosen by the viewer (a UUID), stable while the person moves the box around. */
  id: z.string().min(1).max(64),
  kind: PlacementKind,
  /** 1-based page number, as the signing engine counts. */
  page: z.number().int().min(1).max(1_000_000),
  x: points,
  y: points,
  width: size,
  height: size,
  sealId: SealId.optional(),
});
export type Placement = z.infer<typeof Placement>;

/** A cross-page seal: one seal cut into slices along the right edge of pages first…last. */
export const CrossPageSealPlacement = z.object({
  sealId: SealId.optional(),
  firstPage: z.number().int().min(1).max(1_000_000),
  lastPage: z.number().int().min(1).max(1_000_000),
  /** The whole seal's height (its width follows the image); 113.4 pt = 40 mm for a standard seal. */
  size,
  /** Distance of the seal's lower edge from each page's lower edge; centred when absent. */
  y: points.optional(),
});
export type CrossPageSealPlacement = z.infer<typeof CrossPageSealPlacement>;

export const VersionPlacements = z.object({
  placements: z.array(Placement).max(MAX_PLACEMENTS),
  crossPageSeal: CrossPageSealPlacement.nullable(),
});
export type VersionPlacements = z.infer<typeof VersionPlacements>;

/** What placements.get answers: the saved boxes (none yet: an empty list), and when they were saved. */
export const SavedPlacements = VersionPlacements.extend({ versionId: Id, savedAt: z.string().nullable() });
export type SavedPlacements = z.infer<typeof SavedPlacements>;
