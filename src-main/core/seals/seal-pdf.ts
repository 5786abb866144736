import {
  appendBezierCurve,
  beginText,
  closePath,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
  type PDFFont,
  type PDFName,
  type PDFOperator,
} from 'pdf-lib';
import type { SealLayout } from './round-seal.js';

/** Cap-height centre of the CJK face, as a fraction of the font size: where a glyph's visual middle sits above its baseline. */
const GLYPH_MIDDLE = 0.36;
/** Control distance for a quarter circle drawn with one cubic Bézier. */
const KAPPA = 0.5522847498;

/**
 * The seal as PDF content operators, centred at (cx, cy) in the current user space: the ring as
 * four Béziers, the star as a filled path, each character as real text in `font` (so the name can
 * be copied and searched), turned to face outward. `font.font` must hold every character of the
 * seal; `font.key` is its name in the resources of the page or form the operators go into.
 */
export function sealOperators(layout: SealLayout, font: { font: PDFFont; key: string | PDFName }, cx: number, cy: number): PDFOperator[] {
  const [r, g, b] = layout.color;
  const ops: PDFOperator[] = [pushGraphicsState(), setStrokingRgbColor(r, g, b), setFillingRgbColor(r, g, b), setLineWidth(layout.ring.width)];
  const k = layout.ring.radius * KAPPA;
  const R = layout.ring.radius;
  ops.push(
    moveTo(cx + R, cy),
    appendBezierCurve(cx + R, cy + k, cx + k, cy + R, cx, cy + R),
    appendBezierCurve(cx - k, cy + R, cx - R, cy + k, cx - R, cy),
    appendBezierCurve(cx - R, cy - k, cx - k, cy - R, cx, cy - R),
    appendBezierCurve(cx + k, cy - R, cx + R, cy - k, cx + R, cy),
    closePath(),
    stroke(),
  );
  layout.star.forEach(([x, y], i) => ops.push(i === 0 ? moveTo(cx + x, cy + y) : lineTo(cx + x, cy + y)));
  ops.push(closePath(), fill());

  const text = (char: string, size: number, x: number, y: number, rotation: number, widthScale: number) => {
    const width = font.font.widthOfTextAtSize(char, size) * widthScale;
    const cos = Math.cos(rotation);
    const sin = Math.sin(rotation);
    // Move from the glyph's centre to its baseline start, in the glyph's own turned axes.
    const ox = x - (cos * width) / 2 + sin * size * GLYPH_MIDDLE;
    const oy = y - (sin * width) / 2 - cos * size * GLYPH_MIDDLE;
    const matrix = [cos * widthScale, sin * widthScale, -sin, cos, ox, oy] as const;
    ops.push(beginText(), setFontAndSize(font.key, size), setTextMatrix(...matrix), showText(font.font.encodeText(char)), endText());
  };
  for (const glyph of layout.name) text(glyph.char, glyph.size, cx + glyph.x, cy + glyph.y, glyph.rotation, glyph.widthScale);
  if (layout.kind) text(layout.kind.text, layout.kind.size, cx, cy + layout.kind.y, 0, 1);
  ops.push(popGraphicsState());
  return ops;
}
