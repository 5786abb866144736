import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * The PDF object model (ISO 32000-1 §7.3). Plain JavaScript values stand for the simple types —
 * `null`, booleans, numbers — and small classes for the rest, so a `switch` on the type is explicit
 * and exhaustive. Objects handed out by the reader are frozen and shared: `clone()` a dictionary
 * before changing it for an incremental update.
 */
export type PdfObject = null | boolean | number | PdfName | PdfString | PdfArray | PdfDict | PdfStream | PdfRef | PdfPlaceholder;

/** An array. Arrays from the reader are frozen; build new ones for updates. */
export type PdfArray = readonly PdfObject[];

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  equals(other: PdfObject | undefined): boolean {
    return other instanceof PdfRef && other.num === this.num && other.gen === this.gen;
  }
  /** A stable key for maps: "12 0". */
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/**
 * A name. `value` holds the name's bytes after `#xx` decoding, one char per byte (latin1), so a
 * name round-trips exactly; use `text` for a UTF-8 reading (field names are sometimes UTF-8).
 */
export class PdfName {
  constructor(readonly value: string) {}
  is(value: string): boolean {
    return this.value === value;
  }
  get text(): string {
    return Buffer.from(this.value, 'latin1').toString('utf8');
  }
  toString(): string {
    return `/${this.value}`;
  }
}

/** A string: raw bytes plus whether it was written in hex form (`<…>`) or literal form (`(…)`). */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean = false,
  ) {}
  /** A text string: printable ASCII as a literal string, anything else UTF-16BE with BOM as a hex string. */
  static fromText(text: string): PdfString {
    const bytes = encodeTextString(text);
    return new PdfString(bytes, bytes[0] === 0xfe);
  }
  /** Read as a PDF text string (§7.9.2.2): UTF-16BE or UTF-8 with BOM, otherwise PDFDocEncoding. */
  get text(): string {
    return decodeTextString(this.bytes);
  }
}

/** A dictionary: an insertion-ordered map from key (without the slash) to value. */
export class PdfDict {
  private readonly map: Map<string, PdfObject>;
  private frozen = false;

  constructor(entries?: Iterable<readonly [string, PdfObject]> | Record<string, PdfObject>) {
    if (!entries) this.map = new Map();
    else if (Symbol.iterator in entries) this.map = new Map(entries as Iterable<[string, PdfObject]>);
    else this.map = new Map(Object.entries(entries));
  }

  get size(): number {
    return this.map.size;
  }
  /** The value as stored (a reference stays a reference; resolve it through a document view). */
  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  entries(): IterableIterator<[string, PdfObject]> {
    return this.map.entries();
  }
  /** True when `key` holds the name `value` (direct values only). */
  isName(key: string, value: string): boolean {
    const v = this.map.get(key);
    return v instanceof PdfName && v.value === value;
  }
  /** The value if it is a direct name, else undefined. */
  name(key: string): string | undefined {
    const v = this.map.get(key);
    return v instanceof PdfName ? v.value : undefined;
  }
  set(key: string, value: PdfObject): this {
    if (this.frozen) throw frozenError();
    this.map.set(key, value);
    return this;
  }
  delete(key: string): boolean {
    if (this.frozen) throw frozenError();
    return this.map.delete(key);
  }
  /** A mutable shallow copy (values are shared; nested dictionaries stay frozen). */
  clone(): PdfDict {
    return new PdfDict(this.map);
  }
  get isFrozen(): boolean {
    return this.frozen;
  }
  /** Make this dictionary read-only; the reader does this for every object it hands out. */
  freeze(): this {
    this.frozen = true;
    return this;
  }
}

/**
 * A stream: its dictionary plus where its encoded bytes are. Streams read from a file point at
 * `rawOffset`/`rawLength` in that file; streams built for an update carry their `encoded` bytes.
 * Decode with `PdfView.decodeStream`.
 */
export class PdfStream {
  private constructor(
    readonly dict: PdfDict,
    /** Offset of the first data byte in the file (after `stream` and its end-of-line), or -1. */
    readonly rawOffset: number,
    /** Number of encoded data bytes, as found in the file. */
    readonly rawLength: number,
    /** The encoded bytes of a stream built in memory, or null for a file stream. */
    readonly encoded: Uint8Array | null,
  ) {}
  /** A stream located in the file being read. */
  static inFile(dict: PdfDict, rawOffset: number, rawLength: number): PdfStream {
    return new PdfStream(dict, rawOffset, rawLength, null);
  }
  /** A stream whose (already encoded) bytes are in memory; `/Length` is written from them. */
  static fromBytes(dict: PdfDict, encoded: Uint8Array): PdfStream {
    return new PdfStream(dict, -1, encoded.length, encoded);
  }
}

/**
 * A writer-only value: a fixed-width slot in a signature dictionary that is filled in after the
 * file is written (`/Contents` hex string, `/ByteRange` array). The reader never produces one.
 */
export class PdfPlaceholder {
  constructor(
    readonly kind: 'contents' | 'byteRange',
    /** For `contents`: reserved bytes (the hex string is twice as long, plus `<` `>`). */
    readonly size: number,
  ) {}
}

/** Width of each number slot in a `/ByteRange` placeholder: ten digits cover files up to 9.3 GiB. */
export const BYTE_RANGE_DIGITS = 10;

function frozenError(): InkstoneError {
  return new InkstoneError('INTERNAL', { reason: 'a dictionary read from a PDF was changed in place; clone() it first' });
}

// ---------------------------------------------------------------------------------------------
// Text strings (§7.9.2.2)

// PDFDocEncoding differs from Latin-1 only in 0x18–0x1F and 0x80–0xA0.
const PDF_DOC_HIGH: Record<number, number> = {
  0x18: 0x02d8,
  0x19: 0x02c7,
  0x1a: 0x02c6,
  0x1b: 0x02d9,
  0x1c: 0x02dd,
  0x1d: 0x02db,
  0x1e: 0x02da,
  0x1f: 0x02dc,
  0x80: 0x2022,
  0x81: 0x2020,
  0x82: 0x2021,
  0x83: 0x2026,
  0x84: 0x2014,
  0x85: 0x2013,
  0x86: 0x0192,
  0x87: 0x2044,
  0x88: 0x2039,
  0x89: 0x203a,
  0x8a: 0x2212,
  0x8b: 0x2030,
  0x8c: 0x201e,
  0x8d: 0x201c,
  0x8e: 0x201d,
  0x8f: 0x2018,
  0x90: 0x2019,
  0x91: 0x201a,
  0x92: 0x2122,
  0x93: 0xfb01,
  0x94: 0xfb02,
  0x95: 0x0141,
  0x96: 0x0152,
  0x97: 0x0160,
  0x98: 0x0178,
  0x99: 0x017d,
  0x9a: 0x0131,
  0x9b: 0x0142,
  0x9c: 0x0153,
  0x9d: 0x0161,
  0x9e: 0x017e,
  0xa0: 0x20ac,
};

/** Decode a PDF text string: UTF-16BE (BOM FE FF), UTF-8 (BOM EF BB BF, PDF 2.0), else PDFDocEncoding. */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const b = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return b.swap16().toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return Buffer.from(bytes.subarray(3)).toString('utf8');
  }
  let out = '';
  for (const b of bytes) out += String.fromCharCode(PDF_DOC_HIGH[b] ?? b);
  return out;
}

/** Encode text for a PDF text string: printable ASCII stays one byte per char, anything else UTF-16BE with BOM. */
export function encodeTextString(text: string): Uint8Array {
  if (/^[\x20-\x7e\t\n\r]*$/.test(text)) return Buffer.from(text, 'latin1');
  const body = Buffer.from(text, 'utf16le').swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
}

// ---------------------------------------------------------------------------------------------
// Small conveniences for building update objects

/** A name, for building dictionaries: `name('Sig')`. */
export function name(value: string): PdfName {
  return new PdfName(value);
}

/** True when `obj` is the name `value`. */
export function isName(obj: PdfObject | undefined, value?: string): obj is PdfName {
  return obj instanceof PdfName && (value === undefined || obj.value === value);
}
