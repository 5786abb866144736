/**
 * Where boxes go on a page, as a person measures it: PDF points (1/72 inch) from the lower-left
 * corner of the page as it is shown (its crop box turned by /Rotate). The signing engine takes
 * placements in these coordinates; the viewer draws them; the core checks them. Pure arithmetic,
 * shared by all three so they agree to the point.
 */

/** A rectangle in points from the shown page's lower-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The size of a page as shown. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export type PageRotation = 0 | 90 | 180 | 270;

/** The shown size of a page: its crop box [llx, lly, urx, ury], turned by /Rotate. */
export function shownPageSize(cropBox: readonly [number, number, number, number], rotation: PageRotation): PageSize {
  const [llx, lly, urx, ury] = cropBox;
  const turned = rotation === 90 || rotation === 270;
  return { width: turned ? ury - lly : urx - llx, height: turned ? urx - llx : ury - lly };
}

/** Half a point of slack: a box dragged flush to an edge may round a hair past it. */
const EDGE_SLACK = 0.5;

/** True when the box has a positive size and lies wholly on the page. */
export function boxFitsPage(box: Box, page: PageSize): boolean {
  return (
    box.width > 0 &&
    box.height > 0 &&
    box.x >= -EDGE_SLACK &&
    box.y >= -EDGE_SLACK &&
    box.x + box.width <= page.width + EDGE_SLACK &&
    box.y + box.height <= page.height + EDGE_SLACK
  );
}

/** The box moved (never resized) so that it lies on the page; a box larger than the page is shrunk to it. */
export function keepOnPage(box: Box, page: PageSize): Box {
  const width = Math.min(box.width, page.width);
  const height = Math.min(box.height, page.height);
  return {
    x: Math.min(Math.max(0, box.x), page.width - width),
    y: Math.min(Math.max(0, box.y), page.height - height),
    width,
    height,
  };
}

/** Edges within `distance` points of a page edge jump onto it (the box keeps its size). */
export function snapToPageEdges(box: Box, page: PageSize, distance: number): Box {
  const snap = (start: number, size: number, limit: number) => {
    if (Math.abs(start) <= distance) return 0;
    if (Math.abs(limit - (start + size)) <= distance) return limit - size;
    return start;
  };
  return { ...box, x: snap(box.x, box.width, page.width), y: snap(box.y, box.height, page.height) };
}

/** One slice of a cross-page seal: the part of the seal shown at the right edge of one page. */
export interface CrossPageSlice {
  /** 1-based page number. */
  readonly page: number;
  /** Where the slice lies on the page (flush with its right edge). */
  readonly box: Box;
  /** How far into the whole seal's width the slice starts (points): slice k starts at k × slice width. */
  readonly offset: number;
}

export interface CrossPageSealGeometry {
  /** Shown sizes of every page of the document, in order. */
  readonly pages: readonly PageSize[];
  /** First and last page (1-based, inclusive); every page by default. */
  readonly firstPage?: number;
  readonly lastPage?: number;
  /** The whole seal's size in points. */
  readonly width: number;
  readonly height: number;
  /** Distance of the seal's lower edge from each page's lower edge; centred vertically when absent. */
  readonly y?: number;
}

/**
 * The cross-page seal (骑缝章) cut into as many vertical slices as there are pages in the range,
 * slice k at the right edge of page k, so the pages fanned out side by side show the whole seal.
 * Returns a reason instead of slices when the range or size cannot work on this document.
 */
export function crossPageSlices(seal: CrossPageSealGeometry): { slices: CrossPageSlice[] } | { problem: string } {
  const count = seal.pages.length;
  const first = seal.firstPage ?? 1;
  const last = seal.lastPage ?? count;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > count || first > last) {
    return { problem: `pages ${first}–${last} are not a range of this ${count}-page document` };
  }
  if (!(Number.isFinite(seal.width) && seal.width > 0 && Number.isFinite(seal.height) && seal.height > 0)) {
    return { problem: 'the seal needs a positive size' };
  }
  const sliceWidth = seal.width / (last - first + 1);
  const slices: CrossPageSlice[] = [];
  for (let k = 0; first + k <= last; k++) {
    const page = seal.pages[first - 1 + k];
    const y = seal.y ?? (page.height - seal.height) / 2;
    if (y < 0 || y + seal.height > page.height) {
      return { problem: `a seal ${round(seal.height)} pt high at ${round(y)} pt does not fit page ${first + k} (${round(page.height)} pt high)` };
    }
    slices.push({ page: first + k, box: { x: page.width - sliceWidth, y, width: sliceWidth, height: seal.height }, offset: k * sliceWidth });
  }
  return { slices };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** 40 mm, the diameter of a standard Chinese company seal, in points. */
export const STANDARD_SEAL_SIZE = (40 / 25.4) * 72;

/** A box offered next to found text: just after it on the same line, or below it when the line is full. */
export function besideText(text: Box, size: { width: number; height: number }, page: PageSize): Box {
  const middle = text.y + text.height / 2;
  const after = { x: text.x + text.width + 4, y: middle - size.height / 2, ...size };
  if (after.x + size.width <= page.width) return keepOnPage(after, page);
  return keepOnPage({ x: text.x, y: text.y - size.height - 4, ...size }, page);
}
