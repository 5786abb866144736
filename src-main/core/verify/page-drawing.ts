import { operations, type Operand, type PdfDict, type PdfStream, type PdfObject, type PdfPage, type PdfRect, type PdfView } from '../pdf/index.js';

/**
 * Where a page puts text and images, approximately: enough to tell whether an annotation added
 * after signing covers signed words, and to spot content a signer cannot see (invisible text). Text
 * boxes use the font size and an average glyph width, which is coarse but never misses a line of
 * text; paths are ignored (a filled rectangle behind text is not "content"). Bounded in operations,
 * nesting and decoded bytes.
 */

export interface DrawnBox {
  readonly kind: 'text' | 'image';
  readonly rect: PdfRect;
  /** Text render mode 3 (neither filled nor stroked): drawn invisibly. */
  readonly invisible: boolean;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const MAX_OPERATIONS = 500_000;
const MAX_FORM_DEPTH = 8;
const MAX_BOXES = 20_000;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function transformRect(m: Matrix, x0: number, y0: number, x1: number, y1: number): PdfRect {
  const pts = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const num = (v: Operand | undefined, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const matrixOf = (ops: readonly Operand[]): Matrix => [num(ops[0], 1), num(ops[1]), num(ops[2]), num(ops[3], 1), num(ops[4]), num(ops[5])];

/** Decoded content of a page's /Contents (one stream or an array of them), concatenated. */
function pageContent(view: PdfView, contents: PdfObject | undefined): Uint8Array {
  const parts = view.getStream(contents) ? [contents] : (view.getArray(contents) ?? []);
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const stream = view.getStream(part);
    if (!stream) continue;
    try {
      chunks.push(view.decodeStream(stream), Uint8Array.of(0x0a));
    } catch {
      // An undecodable stream draws nothing a viewer can show either.
    }
  }
  return Buffer.concat(chunks);
}

/** The text and image boxes of one page, in default user space. */
export function drawnBoxes(view: PdfView, page: PdfPage, tick: () => void): DrawnBox[] {
  const boxes: DrawnBox[] = [];
  const resources = view.getDict(page.resources);
  interpret(view, pageContent(view, page.dict.get('Contents')), resources, IDENTITY, 0, boxes, tick);
  return boxes;
}

function interpret(view: PdfView, data: Uint8Array, resources: PdfDict | null, base: Matrix, depth: number, boxes: DrawnBox[], tick: () => void): void {
  let ctm = base;
  const saved: Array<{ ctm: Matrix; font: { size: number; twoByte: boolean }; mode: number }> = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let font = { size: 12, twoByte: false };
  let leading = 0;
  let mode = 0;
  let scale = 1;
  const fonts = view.getDict(resources?.get('Font'));
  const xobjects = view.getDict(resources?.get('XObject'));

  const show = (bytes: Uint8Array, adjust = 0) => {
    const glyphs = font.twoByte ? Math.ceil(bytes.length / 2) : bytes.length;
    const width = glyphs * font.size * 0.6 * scale - (adjust / 1000) * font.size * scale;
    if (boxes.length < MAX_BOXES && glyphs > 0)
      boxes.push({
        kind: 'text',
        rect: transformRect(multiply(tm, ctm), 0, -0.25 * font.size, Math.max(width, 0), font.size),
        invisible: mode === 3 || mode === 7,
      });
    tm = multiply([1, 0, 0, 1, width, 0], tm);
  };

  for (const op of operations(data, MAX_OPERATIONS)) {
    tick();
    const o = op.operands;
    switch (op.operator) {
      case 'q':
        if (saved.length < 64) saved.push({ ctm, font, mode });
        break;
      case 'Q': {
        const s = saved.pop();
        if (s) ({ ctm, font, mode } = s);
        break;
      }
      case 'cm':
        ctm = multiply(matrixOf(o), ctm);
        break;
      case 'BT':
        tm = tlm = IDENTITY;
        break;
      case 'Tf': {
        const f = typeof o[0] === 'string' ? view.getDict(fonts?.get(o[0])) : null;
        font = { size: num(o[1], 12), twoByte: Boolean(f?.isName('Subtype', 'Type0')) };
        break;
      }
      case 'Tr':
        mode = num(o[0]);
        break;
      case 'Tz':
        scale = num(o[0], 100) / 100;
        break;
      case 'TL':
        leading = num(o[0]);
        break;
      case 'Tm':
        tm = tlm = matrixOf(o);
        break;
      case 'Td':
      case 'TD':
        if (op.operator === 'TD') leading = -num(o[1]);
        tm = tlm = multiply([1, 0, 0, 1, num(o[0]), num(o[1])], tlm);
        break;
      case 'T*':
        tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm);
        break;
      case "'":
      case '"':
        tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm);
        if (o[o.length - 1] instanceof Uint8Array) show(o[o.length - 1] as Uint8Array);
        break;
      case 'Tj':
        if (o[0] instanceof Uint8Array) show(o[0]);
        break;
      case 'TJ':
        if (Array.isArray(o[0]))
          for (const item of o[0]) show(item instanceof Uint8Array ? item : new Uint8Array(0), item instanceof Uint8Array ? 0 : num(item));
        break;
      case 'BI':
        if (boxes.length < MAX_BOXES) boxes.push({ kind: 'image', rect: transformRect(ctm, 0, 0, 1, 1), invisible: false });
        break;
      case 'Do': {
        const target = typeof o[0] === 'string' ? xobjects?.get(o[0]) : undefined;
        const xo = view.getStream(target);
        if (!xo) break;
        if (xo.dict.isName('Subtype', 'Image')) {
          if (boxes.length < MAX_BOXES) boxes.push({ kind: 'image', rect: transformRect(ctm, 0, 0, 1, 1), invisible: false });
        } else if (xo.dict.isName('Subtype', 'Form') && depth < MAX_FORM_DEPTH) {
          const m = view.getArray(xo.dict.get('Matrix'));
          const matrix: Matrix = m && m.length === 6 ? (m.map((v) => view.getNumber(v) ?? 0) as Matrix) : IDENTITY;
          const formResources = view.getDict(xo.dict.get('Resources')) ?? resources;
          interpret(view, decodeOrEmpty(view, xo), formResources, multiply(matrix, ctm), depth + 1, boxes, tick);
        }
        break;
      }
    }
  }
}

function decodeOrEmpty(view: PdfView, stream: PdfStream): Uint8Array {
  try {
    return view.decodeStream(stream);
  } catch {
    return new Uint8Array(0);
  }
}
