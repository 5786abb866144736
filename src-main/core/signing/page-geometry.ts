import { shownPageSize } from '../../../src-shared/placement/geometry.js';
import type { PdfPage, PdfRect } from '../pdf/index.js';
import type { PageRotation } from './appearance-canvas.js';

/**
 * A page as a person sees it: its crop box turned clockwise by `/Rotate`. Placements are given in
 * these visual coordinates (points from the visible lower-left corner) and converted to the page's
 * own user space, where annotation rectangles live.
 */
export interface VisualPage {
  readonly width: number;
  readonly height: number;
  readonly rotation: PageRotation;
  /** The user-space rectangle of a visual one. */
  toUser(x: number, y: number, width: number, height: number): PdfRect;
}

export function visualPage(page: PdfPage): VisualPage {
  const [llx, lly, urx, ury] = page.cropBox;
  const rotation = page.rotate;
  return {
    ...shownPageSize(page.cropBox, rotation),
    rotation,
    toUser(x, y, w, h) {
      switch (rotation) {
        case 0:
          return [llx + x, lly + y, llx + x + w, lly + y + h];
        case 90: // the top edge shows on the right
          return [urx - y - h, lly + x, urx - y, lly + x + w];
        case 180:
          return [urx - x - w, ury - y - h, urx - x, ury - y];
        case 270: // the top edge shows on the left
          return [llx + y, ury - x - w, llx + y + h, ury - x];
      }
    },
  };
}
