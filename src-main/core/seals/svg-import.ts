import { InkstoneError } from '../../../src-shared/errors/index.js';
import { parsePathData, type Segment } from './path-data.js';
import type { InkShape, Rgb, VectorArt } from './vector-art.js';

/**
 * An imported SVG seal read into plain paths. The file is never passed on: it is parsed by a
 * small reader that knows only shapes, groups, transforms and colours, and the artwork is rebuilt
 * from what was read. So scripts, event handlers, external references (href, url(…), <use>,
 * <image>, stylesheets), DOCTYPEs and entities — the tricks that make an SVG fetch, run or expand —
 * are refused by name instead of being filtered out of a text that is kept. White fills are taken
 * as the paper's background and dropped, as for a PNG.
 */

export const SVG_MAX_BYTES = 1024 * 1024;
const MAX_SHAPES = 20_000;
const MAX_DEPTH = 64;

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

interface Paint {
  fill: Rgb | null;
  stroke: Rgb | null;
  strokeWidth: number;
  evenOdd: boolean;
  roundCaps: boolean;
  hidden: boolean;
}

const SHAPES = new Set(['path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon']);
/** Elements that draw nothing and are skipped with everything inside them. */
const IGNORED = new Set(['title', 'desc', 'metadata']);
/** Attributes that run code or reach outside the file. */
const REFUSED_ATTRIBUTE = /^(on|href$|xlink:href$|xml:base$)/i;

function refuse(reason: string): InkstoneError {
  return new InkstoneError('SEAL_SVG_INVALID', { reason });
}

const NAMED_COLOURS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [1, 1, 1],
  red: [1, 0, 0],
  darkred: [0.545, 0, 0],
  crimson: [0.863, 0.078, 0.235],
  blue: [0, 0, 1],
  navy: [0, 0, 0.5],
};

function colour(value: string): Rgb | null {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === 'transparent') return null;
  if (v === 'currentcolor') return [0, 0, 0];
  if (NAMED_COLOURS[v]) return NAMED_COLOURS[v];
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (m) return [m[1], m[2], m[3]].map((h) => parseInt(h + h, 16) / 255) as unknown as Rgb;
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(v);
  if (m) return [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255) as unknown as Rgb;
  m = /^rgb\(\s*(\d+(?:\.\d+)?)(%?)\s*[, ]\s*(\d+(?:\.\d+)?)(%?)\s*[, ]\s*(\d+(?:\.\d+)?)(%?)\s*\)$/.exec(v);
  if (m) return [1, 3, 5].map((i) => Math.min(1, Number(m![i]) / (m![i + 1] ? 100 : 255))) as unknown as Rgb;
  throw refuse(`the colour “${value.slice(0, 40)}” is not one this reader knows`);
}

const isWhite = (c: Rgb | null) => c !== null && c.every((v) => v >= 0.94);

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

function numbers(text: string): number[] {
  const found = text.match(/[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g) ?? [];
  return found.map(Number);
}

function transformOf(value: string): Matrix {
  let m = IDENTITY;
  const re = /\s*,?\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/y;
  let pos = 0;
  const text = value.trim();
  while (pos < text.length) {
    re.lastIndex = pos;
    const found = re.exec(text);
    if (!found) throw refuse(`the transform “${value.slice(0, 60)}” cannot be read`);
    pos = re.lastIndex;
    const a = numbers(found[2]);
    const rad = ((a[0] ?? 0) * Math.PI) / 180;
    let t: Matrix;
    switch (found[1]) {
      case 'matrix':
        if (a.length !== 6) throw refuse('matrix() needs six numbers');
        t = a as unknown as Matrix;
        break;
      case 'translate':
        t = [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0];
        break;
      case 'scale':
        t = [a[0] ?? 1, 0, 0, a[1] ?? a[0] ?? 1, 0, 0];
        break;
      case 'rotate': {
        const r: Matrix = [Math.cos(rad), Math.sin(rad), -Math.sin(rad), Math.cos(rad), 0, 0];
        const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
        t = multiply(multiply([1, 0, 0, 1, cx, cy], r), [1, 0, 0, 1, -cx, -cy]);
        break;
      }
      case 'skewX':
        t = [1, 0, Math.tan(rad), 1, 0, 0];
        break;
      default:
        t = [1, Math.tan(rad), 0, 1, 0, 0];
    }
    m = multiply(m, t);
  }
  return m;
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    if (named[name] !== undefined && whole.endsWith(';')) return named[name];
    throw new InkstoneError('SEAL_SVG_DECLARATION_REFUSED');
  });
}

/** Attributes, plus the declarations of a `style` attribute (which win, as in CSS). */
function attributesOf(source: string, name: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /\s*([A-Za-z_][-\w:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
  let pos = 0;
  const text = source.trimEnd();
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw refuse(`the attributes of <${name}> cannot be read`);
    pos = re.lastIndex;
    const key = m[1];
    const value = decodeEntities(m[3] ?? m[4]);
    if (REFUSED_ATTRIBUTE.test(key)) throw new InkstoneError('SEAL_SVG_ATTRIBUTE_REFUSED', { element: name, attribute: key });
    if (/url\s*\(|expression\s*\(|javascript:/i.test(value)) throw new InkstoneError('SEAL_SVG_REFERENCE_REFUSED', { element: name, attribute: key });
    attrs.set(key, value);
  }
  for (const decl of (attrs.get('style') ?? '').split(';')) {
    const colon = decl.indexOf(':');
    if (colon > 0) attrs.set(decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).trim());
  }
  return attrs;
}

function length(attrs: Map<string, string>, key: string, fallback = 0): number {
  const v = attrs.get(key);
  if (v === undefined) return fallback;
  const n = Number.parseFloat(v);
  if (!Number.isFinite(n)) throw refuse(`${key}="${v.slice(0, 20)}" is not a number`);
  return n;
}

/** A basic shape as path segments. */
function shapeSegments(name: string, a: Map<string, string>): Segment[] {
  const k = 0.5522847498;
  switch (name) {
    case 'path':
      return parsePathData(a.get('d') ?? '');
    case 'circle':
    case 'ellipse': {
      const [cx, cy] = [length(a, 'cx'), length(a, 'cy')];
      const rx = name === 'circle' ? length(a, 'r') : length(a, 'rx');
      const ry = name === 'circle' ? rx : length(a, 'ry');
      if (rx <= 0 || ry <= 0) return [];
      return [
        { op: 'M', x: cx + rx, y: cy },
        { op: 'C', x1: cx + rx, y1: cy + k * ry, x2: cx + k * rx, y2: cy + ry, x: cx, y: cy + ry },
        { op: 'C', x1: cx - k * rx, y1: cy + ry, x2: cx - rx, y2: cy + k * ry, x: cx - rx, y: cy },
        { op: 'C', x1: cx - rx, y1: cy - k * ry, x2: cx - k * rx, y2: cy - ry, x: cx, y: cy - ry },
        { op: 'C', x1: cx + k * rx, y1: cy - ry, x2: cx + rx, y2: cy - k * ry, x: cx + rx, y: cy },
        { op: 'Z' },
      ];
    }
    case 'rect': {
      const [x, y, w, h] = [length(a, 'x'), length(a, 'y'), length(a, 'width'), length(a, 'height')];
      if (w <= 0 || h <= 0) return [];
      return [{ op: 'M', x, y }, { op: 'L', x: x + w, y }, { op: 'L', x: x + w, y: y + h }, { op: 'L', x, y: y + h }, { op: 'Z' }];
    }
    case 'line':
      return [
        { op: 'M', x: length(a, 'x1'), y: length(a, 'y1') },
        { op: 'L', x: length(a, 'x2'), y: length(a, 'y2') },
      ];
    default: {
      const p = numbers(a.get('points') ?? '');
      const segs: Segment[] = [];
      for (let i = 0; i + 1 < p.length; i += 2) segs.push({ op: i === 0 ? 'M' : 'L', x: p[i], y: p[i + 1] });
      if (name === 'polygon' && segs.length) segs.push({ op: 'Z' });
      return segs;
    }
  }
}

function applyMatrix(segs: Segment[], m: Matrix): Segment[] {
  const tx = (x: number, y: number) => m[0] * x + m[2] * y + m[4];
  const ty = (x: number, y: number) => m[1] * x + m[3] * y + m[5];
  return segs.map((s) =>
    s.op === 'Z'
      ? s
      : s.op === 'C'
        ? { op: 'C', x1: tx(s.x1, s.y1), y1: ty(s.x1, s.y1), x2: tx(s.x2, s.y2), y2: ty(s.x2, s.y2), x: tx(s.x, s.y), y: ty(s.x, s.y) }
        : { op: s.op, x: tx(s.x, s.y), y: ty(s.x, s.y) },
  );
}

function paintOf(a: Map<string, string>, inherited: Paint): Paint {
  const p = { ...inherited };
  if (a.has('fill')) p.fill = colour(a.get('fill')!);
  if (a.has('stroke')) p.stroke = colour(a.get('stroke')!);
  if (a.has('stroke-width')) p.strokeWidth = length(a, 'stroke-width', 1);
  if (a.has('fill-rule')) p.evenOdd = a.get('fill-rule') === 'evenodd';
  if (a.has('stroke-linecap')) p.roundCaps = a.get('stroke-linecap') === 'round';
  const transparent = ['opacity', 'fill-opacity'].some((k) => a.has(k) && length(a, k, 1) === 0);
  if (transparent || a.get('display') === 'none' || a.get('visibility') === 'hidden') p.hidden = true;
  return p;
}

/** Read an SVG file into vector artwork; a typed SEAL_SVG_INVALID names what was refused. */
export function readSvgSeal(bytes: Uint8Array): VectorArt {
  if (bytes.length > SVG_MAX_BYTES) throw new InkstoneError('SEAL_FILE_TOO_LARGE', { limit: `${SVG_MAX_BYTES / 1024 / 1024} MiB` });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refuse('the file is not UTF-8 text');
  }
  const shapes: InkShape[] = [];
  const stack: Array<{ name: string; matrix: Matrix; paint: Paint; skip: boolean }> = [];
  let box: { x: number; y: number; w: number; h: number } | null = null;
  let sawRoot = false;
  const tag = /<!--[\s\S]*?-->|<\?xml\s[^?]*\?>|<(\/?)([A-Za-z_][-\w:.]*)([^>]*?)(\/?)>|<[!?]|[^<]+/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(text))) {
    const whole = m[0];
    if (whole.startsWith('<!--') || whole.startsWith('<?xml')) {
      if (whole.startsWith('<?xml') && m.index !== 0) throw refuse('an XML declaration may only open the file');
      continue;
    }
    if (whole === '<!' || whole === '<?') throw new InkstoneError('SEAL_SVG_DECLARATION_REFUSED');
    if (m[2] === undefined) {
      if (whole.includes('&')) decodeEntities(whole); // an unknown entity is refused even in text
      const top = stack[stack.length - 1];
      if (whole.trim() && !top?.skip) throw new InkstoneError('SEAL_SVG_TEXT_REFUSED');
      continue;
    }
    const [, closing, name, rest, selfClosing] = m;
    const parent = stack[stack.length - 1];
    if (closing) {
      if (!parent || parent.name !== name) throw refuse(`</${name}> closes no open element`);
      stack.pop();
      continue;
    }
    if (stack.length >= MAX_DEPTH) throw refuse('elements are nested too deeply');
    if (!parent && (name !== 'svg' || sawRoot)) throw refuse('the file is not one <svg> element');
    const attrs = attributesOf(rest, name);
    let skip = parent?.skip ?? false;
    let matrix = parent?.matrix ?? IDENTITY;
    let paint = parent?.paint ?? { fill: [0, 0, 0], stroke: null, strokeWidth: 1, evenOdd: false, roundCaps: false, hidden: false };
    if (!skip) {
      if (IGNORED.has(name) || name.includes(':') || (name === 'defs' && !selfClosing)) {
        // Editors' own elements (sodipodi:…, inkscape:…), titles and metadata draw nothing.
        skip = true;
      } else if (name === 'svg') {
        if (parent) throw refuse('nested <svg> elements are not supported');
        sawRoot = true;
        const vb = numbers(attrs.get('viewBox') ?? '');
        const w = length(attrs, 'width', NaN);
        const h = length(attrs, 'height', NaN);
        box = vb.length === 4 ? { x: vb[0], y: vb[1], w: vb[2], h: vb[3] } : { x: 0, y: 0, w, h };
        if (!(box.w > 0 && box.h > 0 && box.w < 1e6 && box.h < 1e6)) throw refuse('the drawing has no size (viewBox or width and height)');
        paint = paintOf(attrs, paint);
      } else if (name === 'g' || SHAPES.has(name)) {
        if (attrs.has('transform')) matrix = multiply(matrix, transformOf(attrs.get('transform')!));
        paint = paintOf(attrs, paint);
        if (SHAPES.has(name) && !paint.hidden) {
          // A line has no inside to fill.
          const fillKept = name === 'line' || isWhite(paint.fill) ? null : paint.fill;
          const strokeKept = isWhite(paint.stroke) ? null : paint.stroke;
          if (fillKept || strokeKept) {
            if (shapes.length >= MAX_SHAPES) throw refuse(`more than ${MAX_SHAPES} shapes`);
            const scale = Math.sqrt(Math.abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]));
            shapes.push({
              segments: applyMatrix(shapeSegments(name, attrs), matrix),
              fill: fillKept,
              stroke: strokeKept,
              strokeWidth: paint.strokeWidth * scale,
              evenOdd: paint.evenOdd,
              roundCaps: paint.roundCaps,
            });
          }
        }
      } else {
        throw name === 'text' || name === 'tspan'
          ? new InkstoneError('SEAL_SVG_TEXT_REFUSED')
          : new InkstoneError('SEAL_SVG_ELEMENT_REFUSED', { element: name });
      }
    }
    if (!selfClosing) stack.push({ name, matrix, paint, skip });
  }
  if (stack.length) throw refuse(`<${stack[stack.length - 1].name}> is never closed`);
  if (!box) throw refuse('the file holds no <svg> element');
  if (!shapes.length) throw new InkstoneError('SEAL_IMAGE_EMPTY');
  const origin = box;
  const moved = shapes.map((s) => ({ ...s, segments: applyMatrix([...s.segments], [1, 0, 0, 1, -origin.x, -origin.y]) }));
  return { width: box.w, height: box.h, shapes: moved };
}
