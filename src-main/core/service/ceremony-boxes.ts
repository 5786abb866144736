import type { z } from 'zod';
import type { SigningRequest, StampedBox } from '../../../src-shared/api/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { SealLibrary } from '../seals/index.js';
import type { CrossPageSeal, StampArt } from '../signing/index.js';
import type { SignTaskBox } from './signing-work.js';

/**
 * What one signing stamps: every box the person placed (seals, handwritten signatures, date boxes)
 * and the cross-page seal, each with the seal-library drawing it shows. All of them are drawn by
 * the one signature, in its revision. The signature's own appearance (the seal and who signed) goes
 * in the first seal box, failing that the first signature box, failing that the first box.
 */

type Request = z.output<typeof SigningRequest>;

export interface CeremonyStamps {
  /** In stamping order: the box carrying the signature's appearance first. */
  boxes: SignTaskBox[];
  crossPageSeal?: CrossPageSeal;
  /** Every seal stamped, for the audit trail. */
  seals: Array<{ id: string; name: string; sha256: string }>;
  /** The boxes as the consent step lists them. */
  shown: StampedBox[];
}

const PRIMARY_ORDER = ['seal', 'signature', 'date'] as const;

export async function ceremonyStamps(request: Request, seals: SealLibrary): Promise<CeremonyStamps> {
  const drawings = new Map<string, { art: StampArt; name: string; sha256: string }>();
  const drawing = async (id: string | undefined) => {
    if (!id) return undefined;
    if (!drawings.has(id)) {
      const { seal, drawing } = await seals.stamp(id);
      drawings.set(id, { art: drawing, name: seal.name, sha256: seal.sha256 });
    }
    return drawings.get(id)!;
  };

  const rank = (kind: (typeof PRIMARY_ORDER)[number]) => PRIMARY_ORDER.indexOf(kind);
  const primary = request.placements.reduce((best, p, i) => (rank(p.kind) < rank(request.placements[best].kind) ? i : best), 0);
  const ordered = request.placements.length ? [request.placements[primary], ...request.placements.filter((_, i) => i !== primary)] : [];

  const boxes: SignTaskBox[] = [];
  const shown: StampedBox[] = [];
  for (const p of ordered) {
    // A seal box without its own seal takes the request's; a signature box shows only its own handwriting.
    const art = p.kind === 'date' ? undefined : await drawing(p.sealId ?? (p.kind === 'seal' ? request.sealId : undefined));
    const placement = { page: p.page, x: p.x, y: p.y, width: p.width, height: p.height };
    boxes.push({ placement, ...(art ? { seal: art.art } : {}), text: p.kind === 'date' ? 'date' : 'signer' });
    shown.push({ ...placement, kind: p.kind, sealName: art?.name ?? null });
  }

  let crossPageSeal: CrossPageSeal | undefined;
  const cross = request.crossPageSeal;
  if (cross) {
    const placed = typeof cross === 'object' ? cross : undefined;
    const art = await drawing(placed?.sealId ?? request.sealId);
    if (!art) throw new InkstoneError('SIGNING_CROSS_PAGE_NO_SEAL');
    crossPageSeal = placed
      ? { image: art.art, firstPage: placed.firstPage, lastPage: placed.lastPage, size: placed.size, ...(placed.y !== undefined ? { y: placed.y } : {}) }
      : { image: art.art };
  }
  return { boxes, ...(crossPageSeal ? { crossPageSeal } : {}), seals: [...drawings].map(([id, d]) => ({ id, name: d.name, sha256: d.sha256 })), shown };
}
