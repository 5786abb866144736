import { InkstoneError } from '../../../src-shared/errors/index.js';
import { getPage, pageCount, type IncrementalUpdate, type SignatureWidget } from '../pdf/index.js';
import { AppearanceCanvas, pt } from './appearance-canvas.js';
import { visualPage } from './page-geometry.js';
import type { CrossPageSeal } from './request.js';
import { sealArtwork } from './seal-artwork.js';

/**
 * The cross-page seal (骑缝章): one seal image cut into as many vertical slices as there are pages
 * in the range, slice k shown at the right edge of page k, so that the pages fanned out side by side
 * show the whole seal and a page swapped in later shows a broken one. Every slice is a widget of the
 * one signature field: they appear and are verified together.
 */

/** 40 mm, the diameter of a standard Chinese company seal, in points. */
const DEFAULT_SEAL_SIZE = (40 / 25.4) * 72;

/** Draw the slices into the update; returns one widget per page, for `addSignatureWidgets`. */
export async function addCrossPageSeal(update: IncrementalUpdate, seal: CrossPageSeal): Promise<SignatureWidget[]> {
  const count = pageCount(update.base);
  const first = seal.firstPage ?? 1;
  const last = seal.lastPage ?? count;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > count || first > last) {
    throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: `pages ${first}–${last} are not a range of this ${count}-page document` });
  }
  const size = seal.size ?? DEFAULT_SEAL_SIZE;
  if (!Number.isFinite(size) || size <= 0) throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: 'the seal needs a positive size' });

  const canvas = await AppearanceCanvas.create();
  const art = await sealArtwork(canvas, seal.image);
  const height = size;
  const width = (size * art.width) / art.height;
  const slices = last - first + 1;
  const slice = width / slices;

  const places = [];
  const forms = [];
  for (let k = 0; k < slices; k++) {
    const pageIndex = first - 1 + k;
    const page = visualPage(getPage(update.base, pageIndex));
    const y = seal.y ?? (page.height - height) / 2;
    if (y < 0 || y + height > page.height) {
      throw new InkstoneError('SIGN_PLACEMENT_INVALID', {
        reason: `a seal ${pt(height)} pt high at ${pt(y)} pt does not fit page ${pageIndex + 1} (${pt(page.height)} pt high)`,
      });
    }
    // The form is one slice wide; the whole seal is drawn shifted left so only slice k falls inside.
    const ops = art.draw({ x: -k * slice, y: 0, w: width, h: height });
    forms.push(canvas.form(ops, slice, height, { fonts: art.fonts, images: art.images }, page.rotation));
    places.push({ page: pageIndex, rect: page.toUser(page.width - slice, y, slice, height) });
  }
  const refs = await canvas.transfer(update, forms);
  return places.map((p, k) => ({ ...p, appearance: refs[k] }));
}
