/**
 * Where each page of a continuously scrolling document sits, and which pages are near enough to
 * the viewport to be drawn. Pure arithmetic over page sizes, so a 300-page document costs 300
 * numbers, and the drawing costs only the few pages on screen.
 */

export interface PageSlot {
  /** Distance from the top of the scrolled content, in CSS pixels. */
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Pages stacked top to bottom at `scale` (CSS px per point), `gap` apart and `gap` from the top. */
export function stackPages(sizes: ReadonlyArray<{ width: number; height: number }>, scale: number, gap: number): { slots: PageSlot[]; height: number } {
  const slots: PageSlot[] = [];
  let top = gap;
  for (const s of sizes) {
    const slot = { top, width: Math.floor(s.width * scale), height: Math.floor(s.height * scale) };
    slots.push(slot);
    top += slot.height + gap;
  }
  return { slots, height: top };
}

/** The index of the first slot whose bottom is below `y` (the slot at or after `y`). */
function firstBelow(slots: readonly PageSlot[], y: number): number {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (slots[mid].top + slots[mid].height <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 0-based pages worth drawing for a viewport at `scrollTop` of height `viewHeight`: those that
 * intersect it, widened by `overscan` screen heights above and below so that scrolling finds the next
 * page already drawn.
 */
export function pagesNear(slots: readonly PageSlot[], scrollTop: number, viewHeight: number, overscan = 0.5): { first: number; last: number } {
  if (slots.length === 0) return { first: 0, last: -1 };
  const margin = viewHeight * overscan;
  const first = Math.min(firstBelow(slots, scrollTop - margin), slots.length - 1);
  let last = first;
  while (last + 1 < slots.length && slots[last + 1].top < scrollTop + viewHeight + margin) last++;
  return { first, last };
}

/** The page a reader is on: the one covering the line a third of the way down the viewport. */
export function currentPage(slots: readonly PageSlot[], scrollTop: number, viewHeight: number): number {
  if (slots.length === 0) return 0;
  return Math.min(firstBelow(slots, scrollTop + viewHeight / 3), slots.length - 1);
}

/** The zoom steps + and − walk through; fit-to-width sits wherever the width puts it. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;

/** The next zoom step up (+1) or down (−1) from `scale`. */
export function nextZoom(scale: number, direction: 1 | -1): number {
  const next = direction > 0 ? ZOOM_STEPS.find((s) => s > scale + 0.01) : [...ZOOM_STEPS].reverse().find((s) => s < scale - 0.01);
  return next ?? (direction > 0 ? ZOOM_STEPS[ZOOM_STEPS.length - 1] : ZOOM_STEPS[0]);
}

/** Fit-to-width: the widest page fills the width available (never below a quarter size). */
export function fitWidthScale(sizes: ReadonlyArray<{ width: number }>, available: number): number {
  const widest = Math.max(1, ...sizes.map((s) => s.width));
  return Math.max(0.25, available / widest);
}
