import type { DrawnSignature } from '../../../src-shared/api/index.js';
import type { Segment } from './path-data.js';
import type { InkShape, Rgb, VectorArt } from './vector-art.js';

/**
 * A signature drawn with a mouse, pen or finger, kept as vector ink: each stroke's segments are
 * as wide as the pen pressed there (a mouse reports a constant 0.5), runs of equal width become
 * one path, and the drawing is cropped to the ink.
 */

/** Blue-black, as a fountain pen signs. */
export const INK: Rgb = [0.07, 0.11, 0.32];
/** Pressure is quantised into this many widths, so a stroke is a few paths rather than one per point. */
const WIDTH_STEPS = 8;

export function drawnSignatureArt(drawing: DrawnSignature): VectorArt {
  const base = Math.max(1, drawing.height / 45);
  const widthAt = (pressure: number) => {
    const step = Math.round(Math.min(1, Math.max(0, pressure)) * (WIDTH_STEPS - 1));
    return base * (0.5 + (1.5 * step) / (WIDTH_STEPS - 1));
  };
  const shapes: InkShape[] = [];
  const ink = (segments: Segment[], width: number) => shapes.push({ segments, fill: null, stroke: INK, strokeWidth: width, evenOdd: false, roundCaps: true });
  for (const { points } of drawing.strokes) {
    if (points.length === 1) {
      const [x, y, p] = points[0];
      ink(
        [
          { op: 'M', x, y },
          { op: 'L', x, y },
        ],
        widthAt(p),
      ); // a dot
      continue;
    }
    let run: Segment[] = [];
    let runWidth = -1;
    for (let i = 1; i < points.length; i++) {
      const [x0, y0, p0] = points[i - 1];
      const [x1, y1, p1] = points[i];
      const width = widthAt((p0 + p1) / 2);
      if (width !== runWidth) {
        if (run.length) ink(run, runWidth);
        run = [{ op: 'M', x: x0, y: y0 }];
        runWidth = width;
      }
      run.push({ op: 'L', x: x1, y: y1 });
    }
    if (run.length) ink(run, runWidth);
  }
  return cropToInk({ width: drawing.width, height: drawing.height, shapes });
}

/** The artwork moved so its ink (with half the widest pen around it) fills the box. */
export function cropToInk(art: VectorArt): VectorArt {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  let pen = 0;
  for (const shape of art.shapes) {
    pen = Math.max(pen, shape.stroke ? shape.strokeWidth : 0);
    for (const s of shape.segments) {
      if (s.op === 'Z') continue;
      const xs = s.op === 'C' ? [s.x1, s.x2, s.x] : [s.x];
      const ys = s.op === 'C' ? [s.y1, s.y2, s.y] : [s.y];
      minX = Math.min(minX, ...xs);
      maxX = Math.max(maxX, ...xs);
      minY = Math.min(minY, ...ys);
      maxY = Math.max(maxY, ...ys);
    }
  }
  if (!Number.isFinite(minX)) return art;
  const margin = pen / 2 + 1;
  const dx = margin - minX;
  const dy = margin - minY;
  const move = (s: Segment): Segment =>
    s.op === 'Z'
      ? s
      : s.op === 'C'
        ? { ...s, x1: s.x1 + dx, y1: s.y1 + dy, x2: s.x2 + dx, y2: s.y2 + dy, x: s.x + dx, y: s.y + dy }
        : { ...s, x: s.x + dx, y: s.y + dy };
  return {
    width: maxX - minX + 2 * margin,
    height: maxY - minY + 2 * margin,
    shapes: art.shapes.map((shape) => ({ ...shape, segments: shape.segments.map(move) })),
  };
}
