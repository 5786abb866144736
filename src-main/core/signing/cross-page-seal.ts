import { InkstoneError } from '../../../src-shared/errors/index.js';
import { crossPageSlices, STANDARD_SEAL_SIZE } from '../../../src-shared/placement/geometry.js';
import { listPages, type IncrementalUpdate, type SignatureWidget } from '../pdf/index.js';
import { AppearanceCanvas } from './appearance-canvas.js';
import { visualPage } from './page-geometry.js';
import type { CrossPageSeal } from './request.js';
import { sealArtwork } from './seal-artwork.js';

/**
 * The cross-page seal (骑缝章): one seal image cut into as many vertical slices as there are pages
 * in the range, slice k shown at the right edge of page k, so that the pages fanned out side by side
 * show the whole seal and a page swapped in later shows a broken one. Every slice is a widget of the
 * one signature field: they appear and are verified together.
 */

/** Draw the slices into the update; returns one widget per page, for `addSignatureWidgets`. */
export async function addCrossPageSeal(update: IncrementalUpdate, seal: CrossPageSeal): Promise<SignatureWidget[]> {
  const pages = listPages(update.base).map(visualPage);
  const canvas = await AppearanceCanvas.create();
  const art = await sealArtwork(canvas, seal.image);
  const height = seal.size ?? STANDARD_SEAL_SIZE;
  const width = (height * art.width) / art.height;
  const cut = crossPageSlices({ pages, firstPage: seal.firstPage, lastPage: seal.lastPage, width, height, y: seal.y });
  if ('problem' in cut) throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: cut.problem });

  const forms = cut.slices.map(({ page, box, offset }) => {
    // The form is one slice wide; the whole seal is drawn shifted left so only this slice falls inside.
    const ops = art.draw({ x: -offset, y: 0, w: width, h: height });
    return canvas.form(ops, box.width, box.height, { fonts: art.fonts, images: art.images }, pages[page - 1].rotation);
  });
  const refs = await canvas.transfer(update, forms);
  return cut.slices.map(({ page, box }, k) => ({ page: page - 1, rect: pages[page - 1].toUser(box.x, box.y, box.width, box.height), appearance: refs[k] }));
}
