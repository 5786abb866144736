import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { PdfView } from './document.js';
import { limitExceeded } from './limits.js';
import { PdfDict, PdfRef } from './objects.js';
import type { PdfObject } from './objects.js';
import { corrupt } from './parser.js';

/**
 * The page tree (ISO 32000-1 §7.7.3): pages in order with their inherited attributes. Walks are
 * iterative and remember visited nodes, so a tree that loops back on itself is reported, not
 * followed forever.
 */

/** A rectangle `[llx lly urx ury]`. */
export type PdfRect = readonly [number, number, number, number];

/** One page with the attributes it inherits from its ancestors resolved. */
export interface PdfPage {
  /** 0-based position in the document. */
  readonly index: number;
  /** The page object's reference (pages are always indirect in a valid file). */
  readonly ref: PdfRef;
  /** The page dictionary as stored (without inherited entries). */
  readonly dict: PdfDict;
  /** `/Resources`, own or inherited; null when none is given anywhere. */
  readonly resources: PdfObject;
  /** `/MediaBox`, own or inherited; US Letter when the file omits it, as readers assume. */
  readonly mediaBox: PdfRect;
  /** `/CropBox`, own or inherited; the media box when absent. */
  readonly cropBox: PdfRect;
  /** `/Rotate` normalised to 0, 90, 180 or 270. */
  readonly rotate: 0 | 90 | 180 | 270;
}

const LETTER: PdfRect = [0, 0, 612, 792];

interface Inherited {
  resources: PdfObject;
  mediaBox: PdfObject;
  cropBox: PdfObject;
  rotate: PdfObject;
}

/** All pages in document order. `PDF_CORRUPT` for a loop or a missing node. */
export function listPages(view: PdfView): PdfPage[] {
  const pages: PdfPage[] = [];
  walkPages(view, (page) => {
    pages.push(page);
    return true;
  });
  return pages;
}

/** The number of pages, by walking the tree (a root `/Count` can lie). */
export function pageCount(view: PdfView): number {
  let n = 0;
  walkPages(view, () => {
    n++;
    return true;
  });
  return n;
}

/** The page at 0-based `index`; `PDF_NO_SUCH_PAGE` if out of range. */
export function getPage(view: PdfView, index: number): PdfPage {
  let found: PdfPage | null = null;
  let count = 0;
  walkPages(view, (page) => {
    count++;
    if (page.index === index) {
      found = page;
      return false;
    }
    return true;
  });
  if (!found) throw new InkstoneError('PDF_NO_SUCH_PAGE', { page: index + 1, pageCount: count });
  return found;
}

/** The 0-based index of the page `ref`, or -1 when it is not in the tree. */
export function pageIndexOf(view: PdfView, ref: PdfRef): number {
  let index = -1;
  walkPages(view, (page) => {
    if (page.ref.equals(ref)) {
      index = page.index;
      return false;
    }
    return true;
  });
  return index;
}

/**
 * Visit pages in order until `visit` returns false. Depth-first with an explicit stack; every node
 * is visited at most once, and the walk is capped by `maxWalkSteps`.
 */
export function walkPages(view: PdfView, visit: (page: PdfPage) => boolean): void {
  const rootRef = view.catalog.get('Pages');
  const start: Inherited = { resources: null, mediaBox: null, cropBox: null, rotate: null };
  const stack: Array<{ node: PdfObject; inherited: Inherited }> = [{ node: rootRef ?? null, inherited: start }];
  const seen = new Set<string>();
  let index = 0;
  let steps = 0;
  while (stack.length) {
    const { node, inherited } = stack.pop()!;
    if (++steps > view.limits.maxWalkSteps) throw limitExceeded('maxWalkSteps', view.limits.maxWalkSteps);
    if (node instanceof PdfRef) {
      if (seen.has(node.key)) throw corrupt(`the page tree loops back to object ${node.num}`);
      seen.add(node.key);
    }
    const dict = view.getDict(node);
    if (!dict) throw corrupt(`the page tree refers to a missing or invalid node${node instanceof PdfRef ? ` (object ${node.num})` : ''}`);
    const here: Inherited = {
      resources: dict.get('Resources') ?? inherited.resources,
      mediaBox: dict.get('MediaBox') ?? inherited.mediaBox,
      cropBox: dict.get('CropBox') ?? inherited.cropBox,
      rotate: dict.get('Rotate') ?? inherited.rotate,
    };
    const kids = dict.get('Kids');
    // A node with /Kids is an intermediate node whatever its /Type says (some writers omit /Type).
    if (!dict.isName('Type', 'Page') && kids !== undefined) {
      const list = view.getArray(kids);
      if (!list) throw corrupt('a page tree node has an invalid /Kids');
      for (let i = list.length - 1; i >= 0; i--) stack.push({ node: list[i], inherited: here });
      continue;
    }
    if (!(node instanceof PdfRef)) throw corrupt('a page object is not an indirect object');
    const mediaBox = rect(view, here.mediaBox) ?? LETTER;
    const page: PdfPage = {
      index: index++,
      ref: node,
      dict,
      resources: here.resources,
      mediaBox,
      cropBox: rect(view, here.cropBox) ?? mediaBox,
      rotate: normaliseRotation(view.getNumber(here.rotate)),
    };
    if (!visit(page)) return;
  }
}

/** A resolved rectangle with its corners normalised (llx ≤ urx, lly ≤ ury); null if malformed. */
export function rect(view: PdfView, obj: PdfObject | undefined): PdfRect | null {
  const arr = view.getArray(obj);
  if (!arr || arr.length !== 4) return null;
  const n = arr.map((v) => view.getNumber(v));
  if (n.some((v) => v === null)) return null;
  const [a, b, c, d] = n as number[];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function normaliseRotation(r: number | null): 0 | 90 | 180 | 270 {
  if (r === null || !Number.isInteger(r) || r % 90 !== 0) return 0;
  return (((r % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}
