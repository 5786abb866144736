import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type PDFFont,
  type PDFImage,
  type PDFOperator,
} from 'pdf-lib';
import { defineMessages, inLanguage, type Language } from '../../../src-shared/i18n/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { getPage, type IncrementalUpdate, type PdfRect, type PdfRef } from '../pdf/index.js';
import { AppearanceCanvas, pt, type PageRotation } from './appearance-canvas.js';
import { visualPage } from './page-geometry.js';
import type { PagePlacement, SignatureAppearance } from './request.js';

/**
 * The visible signature: a seal image and a short text block — who signed, when, why, where —
 * drawn in a form XObject the signature's widget shows. With a wide box the seal sits left of the
 * text; in a narrow one the text is printed over the seal, as a stamped paper signature looks.
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

/** The time as a person reads it on paper, in this computer's time zone with its UTC offset. */
function formatLocalTime(time: Date): string {
  const offset = -time.getTimezoneOffset();
  const local = new Date(time.getTime() + offset * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local} ${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function appearanceLines(facts: AppearanceFacts, language: Language): string[] {
  const l = inLanguage(LABELS, language);
  const lines = [l.signer + facts.signer];
  if (facts.organisation) lines.push(l.organisation + facts.organisation);
  lines.push(l.time + formatLocalTime(facts.time));
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
  const { pageIndex, rect, rotation } = placementRect(update, appearance.placement);
  const showText = appearance.showText ?? true;
  if (!appearance.seal && !showText) throw new InkstoneError('SIGN_PLACEMENT_INVALID', { reason: 'a visible signature needs a seal image or text' });
  const { width: w, height: h } = appearance.placement;
  const canvas = await AppearanceCanvas.create();
  const image = appearance.seal ? await canvas.image(appearance.seal) : undefined;
  const lines = showText ? appearanceLines(facts, appearance.language ?? 'zh-CN') : [];
  const font = lines.length ? await canvas.font(lines.join('')) : undefined;

  const pad = Math.min(4, Math.max(1, Math.min(w, h) * 0.04));
  const ops: PDFOperator[] = [];
  let textBox: Box = { x: pad, y: pad, w: w - 2 * pad, h: h - 2 * pad };
  if (image) {
    const sideBySide = font !== undefined && w >= 1.6 * h;
    const sealBox: Box = sideBySide ? { x: pad, y: pad, w: h - 2 * pad, h: h - 2 * pad } : textBox;
    ops.push(...drawImage(fit(image, sealBox)));
    if (sideBySide) textBox = { x: h, y: pad, w: w - h - pad, h: h - 2 * pad };
  }
  if (font) ops.push(...drawLines(font, lines, textBox));
  const form = canvas.form(ops, w, h, { ...(font ? { fonts: { F0: font } } : {}), ...(image ? { images: { Im0: image } } : {}) }, rotation);
  const [ref] = await canvas.transfer(update, [form]);
  return { pageIndex, rect, form: ref };
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The largest box of the image's proportions inside `box`, centred. */
function fit(image: PDFImage, box: Box): Box {
  const scale = Math.min(box.w / image.width, box.h / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** Draw the form's image `Im0` (a unit square in image space) into `at`. */
function drawImage(at: Box): PDFOperator[] {
  return [pushGraphicsState(), concatTransformationMatrix(pt(at.w), 0, 0, pt(at.h), pt(at.x), pt(at.y)), drawObject('Im0'), popGraphicsState()];
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
