import type { PdfObject, PdfRect, PdfView } from '../pdf/index.js';

/** Rectangles on a page: reading them (normalised corners) and measuring overlap. */

/** A `[llx lly urx ury]` array with its corners normalised; null when it is not four numbers. */
export function rectOf(view: PdfView, obj: PdfObject | undefined): PdfRect | null {
  const n = view.getArray(obj)?.map((v) => view.getNumber(v));
  if (!n || n.length !== 4 || n.some((v) => v === null || !Number.isFinite(v))) return null;
  const [a, b, c, d] = n as number[];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

export function area(r: PdfRect): number {
  return Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
}

/** Area of the intersection of two rectangles (0 when they do not overlap). */
export function overlapArea(a: PdfRect, b: PdfRect): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}
