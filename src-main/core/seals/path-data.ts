import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * SVG path data (`d`) read into absolute move / line / cubic / close segments — the only shapes a
 * PDF path has. Quadratic curves, arcs and the shorthand commands are turned into cubics here, so
 * the PDF stamp and the SVG preview draw from the same segments. Anything that is not path data
 * is refused rather than guessed at.
 */
export type Segment = { op: 'M' | 'L'; x: number; y: number } | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number } | { op: 'Z' };

/** More than this many numbers in one path is not a seal or a signature. */
const MAX_NUMBERS = 200_000;
const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

function invalid(reason: string): InkstoneError {
  return new InkstoneError('SEAL_SVG_INVALID', { reason });
}

/** Tokens of path data: command letters and numbers (an arc's flags may be written without separators). */
function tokens(d: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\s*,?\s*([MLHVCSQTAZmlhvcsqtaz])|\s*,?\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
  let pos = 0;
  const end = d.trimEnd().length;
  while (pos < end) {
    re.lastIndex = pos;
    const m = re.exec(d);
    if (!m) throw invalid(`path data cannot be read at “${d.slice(pos, pos + 12)}”`);
    out.push(m[1] ?? Number(m[2]));
    if (out.length > MAX_NUMBERS) throw invalid('a path has too many points');
    pos = re.lastIndex;
  }
  return out;
}

export function parsePathData(d: string): Segment[] {
  const toks = tokens(d);
  const segs: Segment[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let lastCubic: [number, number] | null = null;
  let lastQuad: [number, number] | null = null;
  let i = 0;
  let cmd = '';
  while (i < toks.length) {
    const t = toks[i];
    if (typeof t === 'string') {
      cmd = t;
      i++;
      if (cmd === 'z' || cmd === 'Z') {
        segs.push({ op: 'Z' });
        x = startX;
        y = startY;
        lastCubic = lastQuad = null;
        continue;
      }
    } else if (!cmd || cmd === 'z' || cmd === 'Z') throw invalid('path data must start with a command');
    const upper = cmd.toUpperCase();
    const n = ARITY[upper];
    const args = toks.slice(i, i + n);
    if (args.length < n || args.some((a) => typeof a !== 'number' || !Number.isFinite(a))) throw invalid(`command ${cmd} lacks its numbers`);
    i += n;
    const a = args as number[];
    const rel = cmd !== upper;
    const ax = (v: number) => (rel ? x + v : v);
    const ay = (v: number) => (rel ? y + v : v);
    let cubic: [number, number] | null = null;
    let quad: [number, number] | null = null;
    switch (upper) {
      case 'M':
        x = startX = ax(a[0]);
        y = startY = ay(a[1]);
        segs.push({ op: 'M', x, y });
        cmd = rel ? 'l' : 'L'; // further pairs are lines
        break;
      case 'L':
      case 'H':
      case 'V': {
        const nx = upper === 'V' ? x : ax(a[0]);
        const ny = upper === 'H' ? y : upper === 'V' ? ay(a[0]) : ay(a[1]);
        segs.push({ op: 'L', x: (x = nx), y: (y = ny) });
        break;
      }
      case 'C':
      case 'S': {
        const [x1, y1]: [number, number] = upper === 'C' ? [ax(a[0]), ay(a[1])] : lastCubic ? [2 * x - lastCubic[0], 2 * y - lastCubic[1]] : [x, y];
        const k = upper === 'C' ? 2 : 0;
        const x2 = ax(a[k]);
        const y2 = ay(a[k + 1]);
        segs.push({ op: 'C', x1, y1, x2, y2, x: (x = ax(a[k + 2])), y: (y = ay(a[k + 3])) });
        cubic = [x2, y2];
        break;
      }
      case 'Q':
      case 'T': {
        const control: [number, number] = upper === 'Q' ? [ax(a[0]), ay(a[1])] : lastQuad ? [2 * x - lastQuad[0], 2 * y - lastQuad[1]] : [x, y];
        const [qx, qy] = control;
        const k = upper === 'Q' ? 2 : 0;
        const ex = ax(a[k]);
        const ey = ay(a[k + 1]);
        segs.push({
          op: 'C',
          x1: x + (2 / 3) * (qx - x),
          y1: y + (2 / 3) * (qy - y),
          x2: ex + (2 / 3) * (qx - ex),
          y2: ey + (2 / 3) * (qy - ey),
          x: ex,
          y: ey,
        });
        x = ex;
        y = ey;
        quad = control;
        break;
      }
      case 'A': {
        const ex = ax(a[5]);
        const ey = ay(a[6]);
        segs.push(...arcToCubics(x, y, a[0], a[1], a[2], a[3] !== 0, a[4] !== 0, ex, ey));
        x = ex;
        y = ey;
        break;
      }
    }
    lastCubic = cubic;
    lastQuad = quad;
  }
  if (segs.length && segs[0].op !== 'M') throw invalid('path data must start with a move');
  return segs;
}

/** An elliptical arc (SVG's endpoint form, implementation notes B.2.4) as cubic Béziers of at most 90° each. */
function arcToCubics(x1: number, y1: number, rx: number, ry: number, angle: number, large: boolean, sweep: boolean, x2: number, y2: number): Segment[] {
  if (x1 === x2 && y1 === y2) return [];
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  if (rx === 0 || ry === 0) return [{ op: 'L', x: x2, y: y2 }];
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const coef = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * yp) / ry;
  const cyp = (-coef * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angleOf = (ux: number, uy: number) => Math.atan2(uy, ux);
  const theta1 = angleOf((xp - cxp) / rx, (yp - cyp) / ry);
  let delta = angleOf((-xp - cxp) / rx, (-yp - cyp) / ry) - theta1;
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const parts = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2)));
  const step = delta / parts;
  const k = (4 / 3) * Math.tan(step / 4);
  const point = (t: number) => [cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin, cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos];
  const derivative = (t: number) => [-rx * Math.sin(t) * cos - ry * Math.cos(t) * sin, -rx * Math.sin(t) * sin + ry * Math.cos(t) * cos];
  const segs: Segment[] = [];
  for (let p = 0; p < parts; p++) {
    const t1 = theta1 + p * step;
    const t2 = t1 + step;
    const [px1, py1] = point(t1);
    const [px2, py2] = point(t2);
    const [dx1, dy1] = derivative(t1);
    const [dx2, dy2] = derivative(t2);
    segs.push({ op: 'C', x1: px1 + k * dx1, y1: py1 + k * dy1, x2: px2 - k * dx2, y2: py2 - k * dy2, x: px2, y: py2 });
  }
  const last = segs[segs.length - 1] as { x: number; y: number };
  last.x = x2;
  last.y = y2;
  return segs;
}
