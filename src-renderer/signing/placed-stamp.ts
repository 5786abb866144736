import type { SigningRequest, VersionPlacements } from '../../src-shared/api/index.js';

/** What the boxes a person placed in the viewer ask the signature to stamp: all of them, in one signing. */
export interface PlacedStamp {
  /** Every box; none: an invisible signature. The core picks the one that carries the signature's own appearance. */
  placements: NonNullable<SigningRequest['placements']>;
  /** The seal for boxes (and a cross-page seal) that name none of their own. */
  sealId?: string;
  crossPageSeal: NonNullable<SigningRequest['crossPageSeal']>;
}

/** A seal library id (the placement model only bounds its length). */
const SEAL_ID = /^[0-9a-f]{32}$/;
const sealIdOf = (id: string | undefined) => (id && SEAL_ID.test(id) ? id : undefined);

/**
 * Every box the person placed, as placed, with its own seal; the cross-page seal where its slices
 * were previewed. The first seal named anywhere is the default for boxes that name none.
 */
export function placedStamp(saved: VersionPlacements | null): PlacedStamp {
  const boxes = saved?.placements ?? [];
  const cross = saved?.crossPageSeal ?? null;
  const sealId = [...boxes.filter((p) => p.kind === 'seal').map((p) => p.sealId), cross?.sealId].map(sealIdOf).find(Boolean);
  return {
    placements: boxes.map((p) => {
      const own = sealIdOf(p.sealId);
      return { page: p.page, x: p.x, y: p.y, width: p.width, height: p.height, kind: p.kind, ...(own ? { sealId: own } : {}) };
    }),
    ...(sealId ? { sealId } : {}),
    crossPageSeal: cross
      ? {
          firstPage: cross.firstPage,
          lastPage: cross.lastPage,
          size: cross.size,
          ...(cross.y !== undefined ? { y: cross.y } : {}),
          ...(sealIdOf(cross.sealId) ? { sealId: cross.sealId } : {}),
        }
      : false,
  };
}
