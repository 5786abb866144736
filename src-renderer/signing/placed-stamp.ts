import type { SigningPlacement, VersionPlacements } from '../../src-shared/api/index.js';

/** What the boxes a person placed in the viewer ask one signature to stamp. */
export interface PlacedStamp {
  /** The box the signature's appearance goes in (one per signature); none: an invisible signature. */
  placements: SigningPlacement[];
  sealId?: string;
  crossPageSeal: boolean;
  /** Further boxes this signature does not stamp (another signer's, or a date box). */
  leftOver: number;
}

const SEAL_ID = /^[0-9a-f]{32}$/;

/**
 * A signature carries one visible appearance, so the first seal (or, failing that, signature) box
 * the person placed is stamped, with its seal; the cross-page seal follows the saved toggle and
 * borrows that seal when it names none of its own.
 */
export function placedStamp(saved: VersionPlacements | null): PlacedStamp {
  const boxes = saved?.placements ?? [];
  const box = boxes.find((p) => p.kind === 'seal') ?? boxes.find((p) => p.kind === 'signature');
  const cross = saved?.crossPageSeal ?? null;
  const sealId = [box?.sealId, cross?.sealId].find((id): id is string => Boolean(id && SEAL_ID.test(id)));
  return {
    placements: box ? [{ page: box.page, x: box.x, y: box.y, width: box.width, height: box.height }] : [],
    ...(sealId ? { sealId } : {}),
    crossPageSeal: Boolean(cross),
    leftOver: boxes.length - (box ? 1 : 0),
  };
}
