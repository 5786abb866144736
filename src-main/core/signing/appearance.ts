import { beginText, endText, setFillingRgbColor, setFontAndSize, setTextMatrix, showText, type PDFFont, type PDFOperator } from 'pdf-lib';
import { defineMessages, inLanguage, type Language } from '../../../src-shared/i18n/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { getPage, type IncrementalUpdate, type PdfRect, type PdfRef, type SignatureWidget } from '../pdf/index.js';
import { AppearanceCanvas, pt, type PageRotation } from './appearance-canvas.js';
import { visualPage } from './page-geometry.js';
import type { PagePlacement, SignatureAppearance, SignatureStamp } from './request.js';
import { fitInto, sealArtwork, type Box, type StampArt } from './seal-artwork.js';
import { localSigningTime } from './signing-time-text.js';

/**
 * The visible signature: a seal (or a signature) and a short text block — who signed, when, why,
 * where — in the document's language, drawn in a form XObject the signature's widget shows. The
 * text never covers the seal: in a wide box the seal sits left of the text, otherwise above it.
 */

/** What the text block states. */
export interface AppearanceFacts {
  readonly signer: string;
  readonly organisation: string | null;
  readonly time: Date;
  readonly reason?: string;
  readonly location?: string;
}

const LABELS = defineMessages({
  signer: { en: 'Signed by: ', 'zh-CN': '签署人：' },
  organisation: { en: 'Organisation: ', 'zh-CN': '单位：' },
  time: { en: 'Date: ', 'zh-CN': '时间：' },
  reason: { en: 'Reason: ', 'zh-CN': '事由：' },
  location: { en: 'Location: ', 'zh-CN': '地点：' },
});

const MAX_FONT_SIZE = 12;
/** Ascent and line spacing of the face, as fractions of the font size. */
const ASCENT = 0.88;
const LEADING = 1.3;

/** Below this, text would be unreadable on paper; the seal shrinks before the text does. */
const MIN_READABLE_SIZE = 5;

export function appearanceLines(facts: AppearanceFacts, language: Language, timeZone?: string): string[] {
  const l = inLanguage(LABELS, language);
  const lines = [l.signer + facts.signer];
  if (facts.organisation) lines.push(l.organisation + facts.organisation);
  lines.push(l.time + localSigningTime(facts.time, language, timeZone));
  if (facts.reason) lines.push(l.reason + facts.reason);
  if (facts.location) lines.push(l.location + facts.location);
  return lines;
}

/**
 * Check a placement (in the page as shown) against the page; return the 0-based page index, the
 * user-space rectangle and the page's rotation.
 */
function placementRect(update: IncrementalUpdate, placement: PagePlacement): { pageIndex: number; rect: PdfRect; rotation: PageRotation } {
  const { page, x, y, width, height } = placement;
  if (!Number.isInteger(page) || page < 1) throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: `page ${page} is not a page number` });
  if (![x, y, width, height].every(Number.isFinite) || width <= 0 || height <= 0) {
    throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: 'the rectangle needs a positive width and height' });
  }
  const visual = visualPage(getPage(update.base, page - 1));
  const tolerance = 0.5;
  if (x < -tolerance || y < -tolerance || x + width > visual.width + tolerance || y + height > visual.height + tolerance) {
    throw new InkstoneError('SIGN_PLACEMENT_INVALID', {
      reason: `the rectangle ${x},${y},${width},${height} lies outside page ${page} (${pt(visual.width)} × ${pt(visual.height)} pt)`,
    });
  }
  return { pageIndex: page - 1, rect: visual.toUser(x, y, width, height), rotation: visual.rotation };
}

/** Draw the appearance and add it to the update; returns where it goes and the form XObject. */
export async function addVisibleAppearance(
  update: IncrementalUpdate,
  appearance: SignatureAppearance,
  facts: AppearanceFacts,
): Promise<{ pageIndex: number; rect: PdfRect; form: PdfRef }> {
  const showText = appearance.showText ?? true;
  if (!appearance.seal && !showText) throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: 'a visible signature needs a seal image or text' });
  const lines = showText ? appearanceLines(facts, appearance.language ?? 'zh-CN', appearance.timeZone) : [];
  return drawBox(update, appearance.placement, appearance.seal, lines);
}

/**
 * A further box of the same signature: its seal or signature alone, or, without one, the signing
 * time (a date box) or who signed. Returns the widget `addSignatureWidgets` adds.
 */
export async function addStampAppearance(
  update: IncrementalUpdate,
  stamp: SignatureStamp,
  facts: AppearanceFacts,
  language: Language,
  timeZone?: string,
): Promise<SignatureWidget> {
  const lines = stamp.seal ? [] : stamp.text === 'date' ? [localSigningTime(facts.time, language, timeZone)] : appearanceLines(facts, language, timeZone);
  const { pageIndex, rect, form } = await drawBox(update, stamp.placement, stamp.seal, lines);
  return { page: pageIndex, rect, appearance: form };
}

/** A form XObject for one box, the seal and the lines never overlapping, added to the update. */
async function drawBox(
  update: IncrementalUpdate,
  placement: PagePlacement,
  seal: StampArt | undefined,
  lines: readonly string[],
): Promise<{ pageIndex: number; rect: PdfRect; form: PdfRef }> {
  const { pageIndex, rect, rotation } = placementRect(update, placement);
  const { width: w, height: h } = placement;
  const canvas = await AppearanceCanvas.create();
  const art = seal ? await sealArtwork(canvas, seal) : undefined;
  const font = lines.length ? await canvas.font(lines.join('')) : undefined;

  const boxes = appearanceBoxes(
    w,
    h,
    art,
    font ? { widest: Math.max(...lines.map((line) => font.widthOfTextAtSize(line, 1))), count: lines.length } : undefined,
  );
  const ops: PDFOperator[] = [];
  if (art && boxes.seal) ops.push(...art.draw(boxes.seal));
  if (font && boxes.text) ops.push(...drawLines(font, lines, boxes.text));
  const fonts = { ...(art?.fonts ?? {}), ...(font ? { F0: font } : {}) };
  const form = canvas.form(ops, w, h, { fonts, images: art?.images ?? {} }, rotation);
  const [ref] = await canvas.transfer(update, [form]);
  return { pageIndex, rect, form: ref };
}

/**
 * Where the seal and the text go in a w × h box; the two never overlap. A box at least 1.6 times
 * as wide as it is tall puts the seal left of the text; any other puts it above, leaving the text
 * the height it needs at a readable size (or 45 % of the box at most).
 */
export function appearanceBoxes(
  w: number,
  h: number,
  art: { width: number; height: number } | undefined,
  text: { widest: number; count: number } | undefined,
): { seal?: Box; text?: Box } {
  const pad = Math.min(4, Math.max(1, Math.min(w, h) * 0.04));
  const inner: Box = { x: pad, y: pad, w: w - 2 * pad, h: h - 2 * pad };
  if (!art) return { text: inner };
  if (!text) return { seal: fitInto(art, inner) };
  if (w >= 1.6 * h) {
    const seal = fitInto(art, { x: pad, y: pad, w: inner.h, h: inner.h });
    const left = seal.x + seal.w + pad;
    return { seal, text: { x: left, y: pad, w: w - left - pad, h: inner.h } };
  }
  // Text below at the size that fits the width (up to MAX_FONT_SIZE, at least MIN_READABLE_SIZE when the box allows it).
  const size = Math.max(Math.min(MAX_FONT_SIZE, inner.w / text.widest), MIN_READABLE_SIZE);
  const textHeight = Math.min(inner.h * 0.45, text.count * size * LEADING);
  const textBox: Box = { x: pad, y: pad, w: inner.w, h: textHeight };
  const seal = fitInto(art, { x: pad, y: pad + textHeight + pad / 2, w: inner.w, h: inner.h - textHeight - pad / 2 });
  return { seal, text: textBox };
}

/** Lines at the largest size (up to 12 pt) at which they all fit the box, block centred vertically. */
function drawLines(font: PDFFont, lines: readonly string[], box: Box): PDFOperator[] {
  const widest = Math.max(...lines.map((line) => font.widthOfTextAtSize(line, 1)));
  const size = Math.max(1, Math.min(MAX_FONT_SIZE, box.w / widest, box.h / (lines.length * LEADING)));
  const block = lines.length * size * LEADING;
  const top = box.y + (box.h + block) / 2;
  const ops: PDFOperator[] = [beginText(), setFillingRgbColor(0.1, 0.1, 0.1), setFontAndSize('F0', pt(size))];
  lines.forEach((line, i) => {
    const baseline = top - size * ASCENT - i * size * LEADING - (size * (LEADING - 1)) / 2;
    ops.push(setTextMatrix(1, 0, 0, 1, pt(box.x), pt(baseline)), showText(font.encodeText(line)));
  });
  ops.push(endText());
  return ops;
}
