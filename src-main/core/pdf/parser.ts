import { InkstoneError } from '../../../src-shared/errors/index.js';
import { escapedByte, hexValue, isRegular, isWhitespace } from './characters.js';
import type { PdfSource } from './source.js';
import type { PdfLimits } from './limits.js';
import { limitExceeded } from './limits.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString } from './objects.js';
import type { PdfObject } from './objects.js';

/**
 * PDF syntax (ISO 32000-1 §7.2–7.3): a byte cursor over a random-access source and a recursive
 * descent parser for objects, indirect objects and streams. Lenient where real files are sloppy
 * (comments anywhere, odd hex digits, CR-only line ends, wrong stream /Length), strict about limits.
 */

const CHUNK = 16 * 1024;
const EMPTY = new Uint8Array(0);

/** A forward-reading cursor that pulls chunks from the source as it goes; `pos` may be set freely. */
export class Cursor {
  pos: number;
  private buf: Uint8Array = EMPTY;
  private bufStart = 0;

  constructor(
    readonly source: PdfSource,
    pos = 0,
  ) {
    this.pos = pos;
  }

  get size(): number {
    return this.source.size;
  }
  /** The byte at `pos`, or -1 at end of input. */
  peek(): number {
    const i = this.pos - this.bufStart;
    if (i >= 0 && i < this.buf.length) return this.buf[i];
    if (this.pos < 0 || this.pos >= this.source.size) return -1;
    this.bufStart = this.pos;
    this.buf = this.source.read(this.pos, CHUNK);
    return this.buf.length ? this.buf[0] : -1;
  }
  /** The byte at `pos + k` without moving. */
  peekAt(k: number): number {
    const saved = this.pos;
    this.pos += k;
    const c = this.peek();
    this.pos = saved;
    return c;
  }
  next(): number {
    const c = this.peek();
    if (c >= 0) this.pos++;
    return c;
  }
  /** Skip whitespace and comments. */
  skipWhitespace(): void {
    for (;;) {
      const c = this.peek();
      if (c < 0) return;
      if (isWhitespace(c)) {
        this.pos++;
      } else if (c === 0x25 /* % */) {
        while (this.peek() >= 0 && this.peek() !== 0x0a && this.peek() !== 0x0d) this.pos++;
      } else {
        return;
      }
    }
  }
  /** Read one regular token (keyword or number text) as latin1; empty if none here. */
  readToken(maxLength = 256): string {
    let s = '';
    while (isRegular(this.peek())) {
      if (s.length >= maxLength) break;
      s += String.fromCharCode(this.next());
    }
    return s;
  }
  /** True (and consumes it) if the keyword `word` is next, followed by a non-regular byte. */
  matchKeyword(word: string): boolean {
    const saved = this.pos;
    for (let i = 0; i < word.length; i++) {
      if (this.next() !== word.charCodeAt(i)) {
        this.pos = saved;
        return false;
      }
    }
    if (isRegular(this.peek())) {
      this.pos = saved;
      return false;
    }
    return true;
  }
}

/** Where a value sits in the file: `[start, end)`. */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

/** One indirect object as parsed: its number, generation, value and where it sits. */
export interface ParsedIndirect {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfObject;
  /** Offset of the `num gen obj` header. */
  readonly start: number;
  /** Offset just after `endobj` (or after the value when `endobj` is missing). */
  readonly end: number;
  /** True when `endobj` follows the value: the body is one object, nothing was guessed. */
  readonly closed: boolean;
}

/** Resolves an indirect `/Length`; returns null when it cannot be known. */
export type LengthResolver = (ref: PdfRef) => number | null;

export function corrupt(reason: string, offset?: number): InkstoneError {
  return new InkstoneError('PDF_CORRUPT', offset === undefined ? { reason } : { reason: `${reason} (at byte ${offset})`, offset });
}

/** Keywords that end or frame objects; inside an object they mean the object was cut short. */
const STRUCTURAL = new Set(['endobj', 'obj', 'stream', 'endstream', 'xref', 'trailer', 'startxref']);

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export class Parser {
  constructor(
    readonly cursor: Cursor,
    private readonly limits: PdfLimits,
    private readonly resolveLength: LengthResolver = () => null,
  ) {}

  /**
   * Parse one object at the cursor. When `spans` is given and the object is a dictionary, the
   * byte span of each top-level value is recorded (used to locate `/Contents` and `/ByteRange`).
   */
  parseObject(depth = 0, spans?: Map<string, ByteSpan>): PdfObject {
    if (depth > this.limits.maxNestingDepth) throw limitExceeded('maxNestingDepth', this.limits.maxNestingDepth);
    const cur = this.cursor;
    cur.skipWhitespace();
    const start = cur.pos;
    const c = cur.peek();
    switch (c) {
      case -1:
        throw corrupt('unexpected end of file', start);
      case 0x2f /* / */:
        return this.parseName();
      case 0x28 /* ( */:
        return this.parseLiteralString();
      case 0x3c /* < */:
        if (cur.peekAt(1) === 0x3c) return this.parseDict(depth, spans);
        return this.parseHexString();
      case 0x5b /* [ */:
        return this.parseArray(depth);
      default:
        break;
    }
    const token = cur.readToken();
    if (token === '') throw corrupt(`unexpected character 0x${c.toString(16)}`, start);
    if (NUMBER_RE.test(token)) return this.afterNumber(token);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (STRUCTURAL.has(token)) throw corrupt(`unexpected "${token}" inside an object`, start);
    // Sloppy writers emit numbers like "--3" or "0.00-5"; readers take the leading number.
    const loose = /^([+-]+)(\d+\.?\d*|\.\d+)|^(\d+\.?\d*|\.\d+)[+-]/.exec(token);
    if (loose) return loose[3] !== undefined ? Number(loose[3]) : (loose[1].includes('-') ? -1 : 1) * Number(loose[2]);
    // An unknown bare word (a damaged name, say) reads as null, as in viewers.
    return null;
  }

  /** An integer may start a reference `num gen R`; look ahead without consuming otherwise. */
  private afterNumber(token: string): PdfObject {
    const n = Number(token);
    if (!/^\d+$/.test(token)) return n;
    const cur = this.cursor;
    const saved = cur.pos;
    cur.skipWhitespace();
    const genTok = /\d/.test(String.fromCharCode(cur.peek())) ? cur.readToken() : '';
    if (/^\d+$/.test(genTok)) {
      cur.skipWhitespace();
      if (cur.matchKeyword('R')) return new PdfRef(n, Number(genTok));
    }
    cur.pos = saved;
    return n;
  }

  private parseName(): PdfName {
    const cur = this.cursor;
    cur.pos++; // '/'
    const bytes: number[] = [];
    for (;;) {
      const c = cur.peek();
      if (!isRegular(c)) break;
      cur.pos++;
      if (c === 0x23 /* # */) {
        const h = hexValue(cur.peek());
        const l = hexValue(cur.peekAt(1));
        if (h >= 0 && l >= 0) {
          cur.pos += 2;
          bytes.push((h << 4) | l);
          continue;
        }
      }
      bytes.push(c);
      if (bytes.length > this.limits.maxStringBytes) throw limitExceeded('maxStringBytes', this.limits.maxStringBytes);
    }
    return new PdfName(Buffer.from(bytes).toString('latin1'));
  }

  private parseLiteralString(): PdfString {
    const cur = this.cursor;
    const start = cur.pos;
    cur.pos++; // '('
    const out = new ByteBuilder(this.limits.maxStringBytes);
    let depth = 1;
    for (;;) {
      let c = cur.next();
      if (c < 0) throw corrupt('unterminated string', start);
      if (c === 0x5c /* \ */) {
        c = cur.next();
        const escaped = escapedByte(c);
        if (escaped !== undefined) {
          out.push(escaped);
          continue;
        }
        switch (c) {
          case 0x0d: // line continuation: backslash-EOL is dropped
            if (cur.peek() === 0x0a) cur.pos++;
            break;
          case 0x0a:
            break;
          case -1:
            throw corrupt('unterminated string', start);
          default:
            if (c >= 0x30 && c <= 0x37) {
              let v = c - 0x30;
              for (let i = 0; i < 2; i++) {
                const d = cur.peek();
                if (d < 0x30 || d > 0x37) break;
                v = v * 8 + (d - 0x30);
                cur.pos++;
              }
              out.push(v & 0xff);
            } else {
              out.push(c); // \( \) \\ and unknown escapes: the character itself
            }
        }
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c === 0x0d) {
        // An unescaped end-of-line in a string reads as a single LF (§7.3.4.2).
        if (cur.peek() === 0x0a) cur.pos++;
        c = 0x0a;
      }
      out.push(c);
    }
    return new PdfString(out.bytes(), false);
  }

  private parseHexString(): PdfString {
    const cur = this.cursor;
    const start = cur.pos;
    cur.pos++; // '<'
    const out = new ByteBuilder(this.limits.maxStringBytes);
    let hi = -1;
    for (;;) {
      const c = cur.next();
      if (c < 0) throw corrupt('unterminated hex string', start);
      if (c === 0x3e /* > */) break;
      const v = hexValue(c);
      if (v < 0) continue; // whitespace, and junk that viewers skip too
      if (hi < 0) hi = v;
      else {
        out.push((hi << 4) | v);
        hi = -1;
      }
    }
    if (hi >= 0) out.push(hi << 4); // odd digit count: final digit is followed by an implied 0
    return new PdfString(out.bytes(), true);
  }

  private parseArray(depth: number): PdfObject[] {
    const cur = this.cursor;
    const start = cur.pos;
    cur.pos++; // '['
    const items: PdfObject[] = [];
    for (;;) {
      cur.skipWhitespace();
      const c = cur.peek();
      if (c === 0x5d /* ] */) {
        cur.pos++;
        break;
      }
      if (c < 0) throw corrupt('unterminated array', start);
      if (items.length >= this.limits.maxContainerEntries) throw limitExceeded('maxContainerEntries', this.limits.maxContainerEntries);
      items.push(this.parseObject(depth + 1));
    }
    return Object.freeze(items) as PdfObject[];
  }

  private parseDict(depth: number, spans?: Map<string, ByteSpan>): PdfDict {
    const cur = this.cursor;
    const start = cur.pos;
    cur.pos += 2; // '<<'
    const dict = new PdfDict();
    for (;;) {
      cur.skipWhitespace();
      const c = cur.peek();
      if (c === 0x3e /* > */) {
        cur.pos++;
        if (cur.peek() === 0x3e) cur.pos++;
        break;
      }
      if (c < 0) throw corrupt('unterminated dictionary', start);
      if (c !== 0x2f) {
        this.skipStrayToken(depth, start);
        continue;
      }
      const key = this.parseName().value;
      cur.skipWhitespace();
      if (cur.peek() === 0x3e && cur.peekAt(1) === 0x3e) {
        dict.set(key, null); // a key with no value before >>: treat as null, as readers do
        continue;
      }
      const valueStart = cur.pos;
      const value = this.parseObject(depth + 1);
      spans?.set(key, { start: valueStart, end: cur.pos });
      if (dict.size >= this.limits.maxContainerEntries) throw limitExceeded('maxContainerEntries', this.limits.maxContainerEntries);
      // Duplicate keys: the last one wins, as in most readers.
      dict.set(key, value);
    }
    return dict.freeze();
  }

  /**
   * A dictionary key that is not a name: skip it as viewers do, but stop at a structural keyword
   * (a dictionary cut short by `endobj` must not swallow the objects after it).
   */
  private skipStrayToken(depth: number, dictStart: number): void {
    const cur = this.cursor;
    const at = cur.pos;
    if (isRegular(cur.peek())) {
      const word = cur.readToken();
      if (STRUCTURAL.has(word)) throw corrupt('unterminated dictionary', dictStart);
      return;
    }
    try {
      this.parseObject(depth + 1);
    } catch (err) {
      if ((err as { code?: string }).code !== 'PDF_CORRUPT') throw err;
      cur.pos = at + 1;
    }
  }

  /**
   * Parse `num gen obj … endobj` at `offset`. A dictionary followed by `stream` becomes a
   * PdfStream whose data location is validated against `endstream`; when `/Length` is wrong or
   * unknown the data is delimited by searching for `endstream`, as every real reader does.
   */
  parseIndirectObject(offset: number, spans?: Map<string, ByteSpan>): ParsedIndirect {
    const cur = this.cursor;
    cur.pos = offset;
    cur.skipWhitespace();
    const start = cur.pos;
    const numTok = cur.readToken();
    cur.skipWhitespace();
    const genTok = cur.readToken();
    cur.skipWhitespace();
    if (!/^\d+$/.test(numTok) || !/^\d+$/.test(genTok) || !cur.matchKeyword('obj')) {
      throw corrupt('no object header where the cross-reference table points', start);
    }
    const num = Number(numTok);
    const gen = Number(genTok);
    let value = this.parseObject(0, spans);
    cur.skipWhitespace();
    if (value instanceof PdfDict && cur.matchKeyword('stream')) {
      value = this.parseStreamBody(value);
      cur.skipWhitespace();
    }
    const closed = cur.matchKeyword('endobj');
    return { num, gen, value, start, end: cur.pos, closed };
  }

  private parseStreamBody(dict: PdfDict): PdfStream {
    const cur = this.cursor;
    // The keyword is followed by CRLF or LF (a lone CR is tolerated).
    if (cur.peek() === 0x0d) cur.pos++;
    if (cur.peek() === 0x0a) cur.pos++;
    const dataStart = cur.pos;
    const declared = this.declaredLength(dict);
    if (declared !== null && declared >= 0 && dataStart + declared <= cur.size) {
      cur.pos = dataStart + declared;
      cur.skipWhitespace();
      if (cur.matchKeyword('endstream')) return PdfStream.inFile(dict, dataStart, declared);
    }
    const found = findForward(cur.source, 'endstream', dataStart);
    if (found < 0) throw corrupt('stream without endstream', dataStart);
    let length = found - dataStart;
    // The end-of-line before endstream is not part of the data.
    if (length > 0 && byteAt(cur.source, dataStart + length - 1) === 0x0a) length--;
    if (length > 0 && byteAt(cur.source, dataStart + length - 1) === 0x0d) length--;
    cur.pos = found + 'endstream'.length;
    return PdfStream.inFile(dict, dataStart, length);
  }

  private declaredLength(dict: PdfDict): number | null {
    const v = dict.get('Length');
    if (typeof v === 'number') return Number.isInteger(v) ? v : null;
    if (v instanceof PdfRef) {
      const saved = this.cursor.pos;
      try {
        return this.resolveLength(v);
      } finally {
        this.cursor.pos = saved;
      }
    }
    return null;
  }
}

function byteAt(source: PdfSource, offset: number): number {
  const b = source.read(offset, 1);
  return b.length ? b[0] : -1;
}

/** Growable byte buffer with a hard cap. */
class ByteBuilder {
  private buf = new Uint8Array(64);
  private len = 0;
  constructor(private readonly max: number) {}
  push(b: number): void {
    if (this.len === this.buf.length) {
      if (this.len >= this.max) throw limitExceeded('maxStringBytes', this.max);
      const next = new Uint8Array(Math.min(this.max, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = b;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** First offset ≥ `from` where `needle` (ASCII) occurs, or -1. Reads in chunks; memory stays flat. */
export function findForward(source: PdfSource, needle: string, from: number, limit = source.size): number {
  const pat = Buffer.from(needle, 'latin1');
  const step = 64 * 1024;
  for (let pos = Math.max(0, from); pos < limit; pos += step - pat.length + 1) {
    const chunk = Buffer.from(source.read(pos, Math.min(step, limit - pos)));
    const i = chunk.indexOf(pat);
    if (i >= 0) return pos + i;
    if (chunk.length < step) break;
  }
  return -1;
}

/** Last offset < `before` where `needle` starts, searching back at most `window` bytes; -1 if none. */
export function findBackward(source: PdfSource, needle: string, before: number, window: number): number {
  const from = Math.max(0, before - window);
  const chunk = Buffer.from(source.read(from, before - from));
  const i = chunk.lastIndexOf(Buffer.from(needle, 'latin1'));
  return i < 0 ? -1 : from + i;
}
