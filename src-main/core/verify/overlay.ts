import { listPages, type PdfPage, type PdfRect, type PdfView } from '../pdf/index.js';
import { area, overlapArea } from './geometry.js';
import { drawnBoxes, type DrawnBox } from './page-drawing.js';
import type { AddedAnnotation } from './revision-changes.js';

/**
 * Overlays: annotations added after signing that cover what was signed. An opaque annotation over
 * a clause changes what a reader sees as surely as editing the clause, yet DocMDP levels that allow
 * annotations would let it through; EU DSS reports annotation overlap for the same reason. Only
 * annotation types that paint an area count (a sticky-note icon or a highlight does not hide text).
 */

/** Annotation subtypes that paint over an area. */
const COVERING = new Set(['FreeText', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Ink', 'Stamp', 'Redact', 'Widget', 'Watermark', '3D', 'RichMedia', 'Screen']);

/** Share of a drawn box that must be covered before it counts: text boxes are approximate. */
const COVERED_SHARE = 0.25;

export interface Overlay {
  /** The revision that added the annotation. */
  readonly revision: number;
  readonly page: number;
  readonly subtype: string;
  /** What it covers: signed text, a signed image, or an existing signature's appearance. */
  readonly covers: 'text' | 'image' | 'signature';
}

export interface OverlapFinding {
  readonly page: number;
  readonly subtype: string;
}

/**
 * Overlays and plain overlaps of `added` annotations against the signed revision `signed`:
 * `signatureWidgets` are the rectangles of signature appearances present when it was signed.
 */
export function findOverlays(
  signed: PdfView,
  added: readonly AddedAnnotation[],
  signatureWidgets: ReadonlyMap<number, readonly PdfRect[]>,
  existingAnnotations: ReadonlyMap<number, readonly PdfRect[]>,
  tick: () => void,
): { overlays: Overlay[]; overlaps: OverlapFinding[] } {
  const overlays: Overlay[] = [];
  const overlaps: OverlapFinding[] = [];
  const visible = added.filter((a) => !a.hidden && a.rect && area(a.rect) > 1);
  if (!visible.length) return { overlays, overlaps };
  let pages: PdfPage[] | null = null;
  const boxCache = new Map<number, DrawnBox[]>();
  const boxesOf = (index: number): DrawnBox[] => {
    let boxes = boxCache.get(index);
    if (!boxes) {
      pages ??= listPages(signed);
      boxes = pages[index] ? drawnBoxes(signed, pages[index], tick).filter((b) => !b.invisible) : [];
      boxCache.set(index, boxes);
    }
    return boxes;
  };
  for (const a of visible) {
    const rect = a.rect!;
    const overSignature = (signatureWidgets.get(a.page) ?? []).some((w) => overlapArea(w, rect) > COVERED_SHARE * Math.min(area(w), area(rect)));
    if (overSignature) {
      overlays.push({ revision: a.revision, page: a.page + 1, subtype: a.subtype, covers: 'signature' });
      continue;
    }
    if ((existingAnnotations.get(a.page) ?? []).some((r) => overlapArea(r, rect) > 0)) overlaps.push({ page: a.page + 1, subtype: a.subtype });
    if (a.signatureWidget || !COVERING.has(a.subtype)) continue;
    const hit = boxesOf(a.page).find((b) => area(b.rect) > 0 && overlapArea(b.rect, rect) >= COVERED_SHARE * area(b.rect));
    if (hit) overlays.push({ revision: a.revision, page: a.page + 1, subtype: a.subtype, covers: hit.kind });
  }
  return { overlays, overlaps };
}
