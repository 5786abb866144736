import type { PlacementKind } from '../../src-shared/api/placements.js';
import { keepOnPage, snapToPageEdges, STANDARD_SEAL_SIZE, type Box, type PageSize } from '../../src-shared/placement/geometry.js';

/**
 * What moving, resizing and dropping do to a box, in points on the shown page (y up from the lower
 * edge). The screen's y runs down, so the layer converts at its edge (`onScreen`, `fromScreen`).
 */

/** The smallest box a person can make: a date still fits at 12 pt high. */
export const MIN_SIZE = 12;

/** The size a new box starts at (a seal at the seal's own size when one is chosen). */
export function startingSize(kind: PlacementKind, seal?: { width: number; height: number }): { width: number; height: number } {
  if (seal) return seal;
  switch (kind) {
    case 'seal':
      return { width: STANDARD_SEAL_SIZE, height: STANDARD_SEAL_SIZE };
    case 'signature':
      return { width: 140, height: 56 };
    case 'date':
      return { width: 120, height: 26 };
  }
}

/** Where a box is drawn on a page shown at `scale`, in CSS pixels from the page's top-left corner. */
export function onScreen(box: Box, page: PageSize, scale: number): { left: number; top: number; width: number; height: number } {
  return { left: box.x * scale, top: (page.height - box.y - box.height) * scale, width: box.width * scale, height: box.height * scale };
}

/** A box of `size` centred on a point given in CSS pixels from the page's top-left corner, kept on the page. */
export function centredAt(px: number, py: number, size: { width: number; height: number }, page: PageSize, scale: number): Box {
  const box = { x: px / scale - size.width / 2, y: page.height - py / scale - size.height / 2, ...size };
  return keepOnPage(box, page);
}

/** The box moved by (dx, dy) points (dy up), kept on the page, snapped to edges within `snap` points. */
export function moved(box: Box, dx: number, dy: number, page: PageSize, snap: number): Box {
  return snapToPageEdges(keepOnPage({ ...box, x: box.x + dx, y: box.y + dy }, page), page, snap);
}

/**
 * The box resized from its lower-right corner by (dw, dh) points (dh taller), its top-left corner
 * staying put; a seal keeps its proportions. The right and lower edges snap to the page's.
 */
export function resized(box: Box, dw: number, dh: number, page: PageSize, snap: number, keepProportions: boolean): Box {
  const top = box.y + box.height;
  let width = Math.max(MIN_SIZE, Math.min(box.width + dw, page.width - box.x));
  let height = keepProportions ? (width * box.height) / box.width : Math.max(MIN_SIZE, Math.min(box.height + dh, top));
  if (keepProportions && height > top) {
    height = top;
    width = (height * box.width) / box.height;
  }
  if (page.width - (box.x + width) <= snap && !keepProportions) width = page.width - box.x;
  if (top - height <= snap && !keepProportions) height = top;
  return { x: box.x, y: top - height, width, height };
}

/** A new box id, unique within the version (a UUID where the page can make one). */
export function newPlacementId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
