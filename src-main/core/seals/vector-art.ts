import {
  appendBezierCurve,
  closePath,
  fill,
  fillAndStroke,
  LineCapStyle,
  LineJoinStyle,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
  PDFOperator,
  PDFOperatorNames,
  type PDFOperator as Operator,
} from 'pdf-lib';
import type { Segment } from './path-data.js';

/**
 * Vector artwork made only of filled and stroked paths: what an imported SVG seal, a drawn
 * signature and a typed signature become. Transforms are already applied, so the same shapes give
 * the SVG preview and the PDF stamp — nothing the preview shows is missing from the stamp.
 * Coordinates are SVG's: origin top left, y down, in a `width` × `height` box.
 */
export type Rgb = readonly [number, number, number];

export interface InkShape {
  readonly segments: readonly Segment[];
  readonly fill: Rgb | null;
  readonly stroke: Rgb | null;
  readonly strokeWidth: number;
  readonly evenOdd: boolean;
  readonly roundCaps: boolean;
}

export interface VectorArt {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly InkShape[];
}

const num = (v: number) => Number(v.toFixed(3)).toString();
const hex = (c: Rgb) =>
  `#${c
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

export function pathDataOf(segments: readonly Segment[]): string {
  return segments
    .map((s) =>
      s.op === 'Z' ? 'Z' : s.op === 'C' ? `C${num(s.x1)} ${num(s.y1)} ${num(s.x2)} ${num(s.y2)} ${num(s.x)} ${num(s.y)}` : `${s.op}${num(s.x)} ${num(s.y)}`,
    )
    .join('');
}

/** The artwork as a standalone SVG built from its shapes alone (nothing of an imported file is copied through). */
export function vectorArtSvg(art: VectorArt): string {
  const paths = art.shapes.map((s) => {
    const attrs = [`d="${pathDataOf(s.segments)}"`, `fill="${s.fill ? hex(s.fill) : 'none'}"`];
    if (s.evenOdd) attrs.push('fill-rule="evenodd"');
    if (s.stroke) attrs.push(`stroke="${hex(s.stroke)}"`, `stroke-width="${num(s.strokeWidth)}"`);
    if (s.stroke && s.roundCaps) attrs.push('stroke-linecap="round"', 'stroke-linejoin="round"');
    return `<path ${attrs.join(' ')}/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(art.width)} ${num(art.height)}" width="${num(art.width)}" height="${num(art.height)}">${paths.join('')}</svg>`;
}

/**
 * The artwork as PDF operators in a space where it occupies (0, 0)–(width, height) with y up: the
 * caller scales that box into place with `cm`.
 */
export function vectorArtOperators(art: VectorArt): Operator[] {
  const ops: Operator[] = [pushGraphicsState()];
  const y = (v: number) => art.height - v;
  for (const shape of art.shapes) {
    if (!shape.fill && !shape.stroke) continue;
    ops.push(pushGraphicsState());
    if (shape.fill) ops.push(setFillingRgbColor(...shape.fill));
    if (shape.stroke) {
      ops.push(setStrokingRgbColor(...shape.stroke), setLineWidth(shape.strokeWidth));
      if (shape.roundCaps) ops.push(setLineCap(LineCapStyle.Round), setLineJoin(LineJoinStyle.Round));
    }
    for (const s of shape.segments) {
      if (s.op === 'M') ops.push(moveTo(s.x, y(s.y)));
      else if (s.op === 'L') ops.push(lineTo(s.x, y(s.y)));
      else if (s.op === 'C') ops.push(appendBezierCurve(s.x1, y(s.y1), s.x2, y(s.y2), s.x, y(s.y)));
      else ops.push(closePath());
    }
    if (shape.fill && shape.stroke) ops.push(shape.evenOdd ? PDFOperator.of(PDFOperatorNames.FillEvenOddAndStroke) : fillAndStroke());
    else if (shape.fill) ops.push(shape.evenOdd ? PDFOperator.of(PDFOperatorNames.FillEvenOdd) : fill());
    else ops.push(stroke());
    ops.push(popGraphicsState());
  }
  ops.push(popGraphicsState());
  return ops;
}
