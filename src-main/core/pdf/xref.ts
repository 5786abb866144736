import type { PdfSource } from './source.js';
import type { PdfLimits } from './limits.js';
import { limitExceeded } from './limits.js';
import { PdfDict, PdfStream } from './objects.js';
import type { PdfObject } from './objects.js';
import { Cursor, Parser, corrupt, findBackward } from './parser.js';

/**
 * Cross-reference sections (ISO 32000-1 §7.5.4, §7.5.8): classic tables, cross-reference streams
 * and the table half of hybrid files, plus the tolerance real readers apply to a `startxref` or
 * `/Prev` that misses by a few bytes. Following the chain and grouping sections into revisions is
 * the document's job; this module reads one section at a time.
 */

/** Where one object of a section lives: free, at a byte offset, or inside an object stream. */
export type XrefEntry =
  | { readonly type: 'free'; readonly num: number; readonly gen: number }
  | { readonly type: 'offset'; readonly num: number; readonly gen: number; readonly offset: number }
  | { readonly type: 'compressed'; readonly num: number; readonly stream: number; readonly index: number };

/** One cross-reference section as found in the file. */
export interface XrefSection {
  /** `table` (`xref` keyword) or `stream` (a `/Type /XRef` stream object). */
  readonly kind: 'table' | 'stream';
  /** Offset of the `xref` keyword or of the stream object's header. */
  readonly offset: number;
  /** Offset just after the trailer dictionary or the stream's `endobj`. */
  readonly end: number;
  /** The trailer dictionary, or the cross-reference stream's dictionary. */
  readonly trailer: PdfDict;
  /** Entries by object number (a hybrid table's /XRefStm entries are merged in by the document). */
  readonly entries: Map<number, XrefEntry>;
}

/** Running total of entries read, shared by all sections of one document. */
export interface EntryBudget {
  used: number;
}

function charge(budget: EntryBudget, n: number, limits: PdfLimits): void {
  budget.used += n;
  if (budget.used > limits.maxXrefEntries) throw limitExceeded('maxXrefEntries', limits.maxXrefEntries);
}

/** How far from a stated offset we look for the section it meant (files edited by hand, CRLF rewrites). */
const SLACK = 1024;

/**
 * Read the section at `offset`, or the nearest one within a small window when the offset is a
 * little off. Returns null when nothing recognisable is there. `decode` turns a stream's data into
 * bytes (filters and bomb limits live with the document).
 */
export function readSectionNear(
  source: PdfSource,
  offset: number,
  limits: PdfLimits,
  budget: EntryBudget,
  decode: (stream: PdfStream) => Uint8Array,
): XrefSection | null {
  const exact = tryReadSection(source, offset, limits, budget, decode);
  if (exact) return exact;
  for (const candidate of nearbyCandidates(source, offset)) {
    const s = tryReadSection(source, candidate, limits, budget, decode);
    if (s) return s;
  }
  return null;
}

function tryReadSection(
  source: PdfSource,
  offset: number,
  limits: PdfLimits,
  budget: EntryBudget,
  decode: (stream: PdfStream) => Uint8Array,
): XrefSection | null {
  if (offset < 0 || offset >= source.size) return null;
  const cur = new Cursor(source, offset);
  cur.skipWhitespace();
  const start = cur.pos;
  try {
    if (cur.matchKeyword('xref')) return readTable(cur, start, limits, budget);
    return readStreamSection(source, start, limits, budget, decode);
  } catch (err) {
    if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
    return null;
  }
}

/** Offsets near `offset` that look like a section start, nearest first. */
function nearbyCandidates(source: PdfSource, offset: number): number[] {
  const from = Math.max(0, offset - SLACK);
  const text = Buffer.from(source.read(from, 2 * SLACK)).toString('latin1');
  const found: number[] = [];
  const re = /(?<![A-Za-z])xref(?=[\s\d])|(?<![\d])\d+\s+\d+\s+obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push(from + m.index);
  return found.sort((a, b) => Math.abs(a - offset) - Math.abs(b - offset));
}

function readTable(cur: Cursor, start: number, limits: PdfLimits, budget: EntryBudget): XrefSection {
  const entries = new Map<number, XrefEntry>();
  let firstSubsection = true;
  for (;;) {
    cur.skipWhitespace();
    if (cur.matchKeyword('trailer')) break;
    const first = intToken(cur);
    cur.skipWhitespace();
    const count = intToken(cur);
    if (first === null || count === null) throw corrupt('malformed cross-reference subsection', cur.pos);
    charge(budget, count, limits);
    let base = first;
    for (let i = 0; i < count; i++) {
      cur.skipWhitespace();
      const offset = intToken(cur);
      cur.skipWhitespace();
      const gen = intToken(cur);
      cur.skipWhitespace();
      const kind = cur.readToken(1);
      if (offset === null || gen === null || (kind !== 'n' && kind !== 'f')) {
        throw corrupt('malformed cross-reference entry', cur.pos);
      }
      // A common writer bug numbers the first subsection from 1 while listing object 0 first.
      if (i === 0 && firstSubsection && first === 1 && kind === 'f' && gen === 65535) base = 0;
      const num = base + i;
      if (!entries.has(num)) {
        entries.set(num, kind === 'n' && offset > 0 ? { type: 'offset', num, gen, offset } : { type: 'free', num, gen });
      }
    }
    firstSubsection = false;
  }
  const parser = new Parser(cur, limits);
  const trailer = parser.parseObject();
  if (!(trailer instanceof PdfDict)) throw corrupt('trailer is not a dictionary', cur.pos);
  return { kind: 'table', offset: start, end: cur.pos, trailer, entries };
}

function intToken(cur: Cursor): number | null {
  const t = cur.readToken(20);
  return /^\d+$/.test(t) ? Number(t) : null;
}

function readStreamSection(source: PdfSource, start: number, limits: PdfLimits, budget: EntryBudget, decode: (stream: PdfStream) => Uint8Array): XrefSection {
  const parser = new Parser(new Cursor(source), limits);
  const obj = parser.parseIndirectObject(start);
  const stream = obj.value;
  if (!(stream instanceof PdfStream) || !stream.dict.isName('Type', 'XRef')) throw corrupt('not a cross-reference stream', start);
  const entries = parseXrefStreamEntries(stream.dict, decode(stream), limits, budget);
  return { kind: 'stream', offset: start, end: obj.end, trailer: stream.dict, entries };
}

/** Decode the binary rows of a cross-reference stream (§7.5.8.3) into entries. */
export function parseXrefStreamEntries(dict: PdfDict, data: Uint8Array, limits: PdfLimits, budget: EntryBudget): Map<number, XrefEntry> {
  const w = dict.get('W');
  if (!Array.isArray(w) || w.length < 3 || !w.every((x: PdfObject) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 8)) {
    throw corrupt('cross-reference stream has an invalid /W');
  }
  const [w1, w2, w3] = w as number[];
  const rowLen = w1 + w2 + w3;
  if (rowLen === 0) throw corrupt('cross-reference stream has an empty /W');
  const size = dict.get('Size');
  const index = dict.get('Index');
  const ranges: number[] = Array.isArray(index)
    ? (index as PdfObject[]).filter((x): x is number => typeof x === 'number')
    : [0, typeof size === 'number' ? size : 0];
  const entries = new Map<number, XrefEntry>();
  const rows = Math.floor(data.length / rowLen);
  let row = 0;
  for (let r = 0; r + 1 < ranges.length && row < rows; r += 2) {
    const first = ranges[r];
    const count = Math.min(ranges[r + 1], rows - row);
    if (!Number.isInteger(first) || first < 0 || !Number.isInteger(count) || count < 0) throw corrupt('cross-reference stream has an invalid /Index');
    charge(budget, count, limits);
    for (let i = 0; i < count; i++, row++) {
      const at = row * rowLen;
      const type = w1 === 0 ? 1 : field(data, at, w1);
      const f2 = field(data, at + w1, w2);
      const f3 = field(data, at + w1 + w2, w3);
      const num = first + i;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: 'free', num, gen: f3 });
      else if (type === 1) entries.set(num, f2 > 0 ? { type: 'offset', num, gen: f3, offset: f2 } : { type: 'free', num, gen: f3 });
      else if (type === 2) entries.set(num, { type: 'compressed', num, stream: f2, index: f3 });
      // Other types are reserved: the spec says to treat them as references to null.
    }
  }
  return entries;
}

function field(data: Uint8Array, at: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + data[at + i];
  return v;
}

/** The offset after the last `startxref` keyword near the end of the file, or null. */
export function findStartXref(source: PdfSource): number | null {
  const at = findBackward(source, 'startxref', source.size, Math.min(source.size, 64 * 1024));
  if (at < 0) return null;
  const cur = new Cursor(source, at + 'startxref'.length);
  cur.skipWhitespace();
  const t = cur.readToken(20);
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** A positive-integer value of a trailer key, or null. */
export function trailerOffset(trailer: PdfDict, key: 'Prev' | 'XRefStm'): number | null {
  const v = trailer.get(key);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/** One trailer for a revision made of several sections (linearized files): newer entries win. */
export function mergeTrailers(newestFirst: readonly PdfDict[]): PdfDict {
  const merged = new PdfDict();
  for (const t of [...newestFirst].reverse()) for (const [k, v] of t.entries()) merged.set(k, v);
  return merged.freeze();
}
