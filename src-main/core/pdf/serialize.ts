import { InkstoneError } from '../../../src-shared/errors/index.js';
import { BYTE_RANGE_DIGITS, PdfDict, PdfName, PdfPlaceholder, PdfRef, PdfStream, PdfString } from './objects.js';
import type { PdfObject } from './objects.js';
import type { ByteSpan } from './parser.js';

/**
 * PDF object syntax out: the inverse of the parser, producing the bytes of an incremental update.
 * Output is plain, readable and deterministic; placeholders record where they landed so they can be
 * patched in place after the file is written.
 */

/** Collects output bytes and knows the absolute file position of everything written. */
export class ByteSink {
  private chunks: Uint8Array[] = [];
  private pending = 0;
  /** Spans of placeholders written through this sink, in absolute file positions. */
  readonly placeholders = new Map<PdfPlaceholder, ByteSpan>();

  constructor(
    /** Absolute file position of the first byte written to this sink. */
    private position: number,
  ) {}

  get offset(): number {
    return this.position;
  }
  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.chunks.push(bytes);
    this.pending += bytes.length;
    this.position += bytes.length;
  }
  /** Bytes buffered since the last `take()`. */
  get buffered(): number {
    return this.pending;
  }
  /** Hand over the buffered bytes (and forget them). */
  take(): Uint8Array {
    const out = Buffer.concat(this.chunks);
    this.chunks = [];
    this.pending = 0;
    return out;
  }
}

/** Write `num gen obj … endobj`; `streamData` supplies the encoded bytes of file-backed streams. */
export function writeIndirectObject(sink: ByteSink, ref: PdfRef, value: PdfObject, streamData: (s: PdfStream) => Uint8Array): void {
  sink.write(`${ref.num} ${ref.gen} obj\n`);
  if (value instanceof PdfStream) {
    const data = value.encoded ?? streamData(value);
    const dict = value.dict.clone().set('Length', data.length);
    writeObject(sink, dict);
    sink.write('\nstream\n');
    sink.write(data);
    sink.write('\nendstream');
  } else {
    writeObject(sink, value);
  }
  sink.write('\nendobj\n');
}

/** Write one direct object. Streams may only appear as the value of an indirect object. */
export function writeObject(sink: ByteSink, obj: PdfObject): void {
  if (obj === null) sink.write('null');
  else if (typeof obj === 'boolean') sink.write(obj ? 'true' : 'false');
  else if (typeof obj === 'number') sink.write(formatNumber(obj));
  else if (obj instanceof PdfName) sink.write(formatName(obj.value));
  else if (obj instanceof PdfString) sink.write(obj.hex ? `<${Buffer.from(obj.bytes).toString('hex').toUpperCase()}>` : formatLiteral(obj.bytes));
  else if (obj instanceof PdfRef) sink.write(`${obj.num} ${obj.gen} R`);
  else if (Array.isArray(obj)) {
    sink.write('[');
    obj.forEach((item, i) => {
      if (i) sink.write(' ');
      writeObject(sink, item);
    });
    sink.write(']');
  } else if (obj instanceof PdfDict) {
    sink.write('<<');
    for (const [key, value] of obj.entries()) {
      sink.write(` ${formatName(key)} `);
      writeObject(sink, value);
    }
    sink.write(' >>');
  } else if (obj instanceof PdfPlaceholder) {
    const start = sink.offset;
    sink.write(placeholderText(obj));
    sink.placeholders.set(obj, { start, end: sink.offset });
  } else {
    throw new InkstoneError('INTERNAL', { reason: 'a stream can only be written as an indirect object' });
  }
}

/** The initial text of a placeholder: zeros of the final width. */
function placeholderText(p: PdfPlaceholder): string {
  if (p.kind === 'contents') return `<${'0'.repeat(2 * p.size)}>`;
  const slot = '0'.repeat(BYTE_RANGE_DIGITS);
  return `[0 ${slot} ${slot} ${slot}]`;
}

/** The `/ByteRange` text for a placeholder span: the numbers, space-padded to the reserved width. */
export function formatByteRange(range: readonly number[], width: number): string {
  const body = `[${range.join(' ')}`;
  if (body.length + 1 > width) throw new InkstoneError('INTERNAL', { reason: 'ByteRange does not fit its placeholder' });
  return `${body}${' '.repeat(width - body.length - 1)}]`;
}

/** Integers as is; reals with at most 6 decimals and no exponent (PDF has no exponent syntax). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new InkstoneError('INTERNAL', { reason: `cannot write the number ${n} in a PDF` });
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** `/Name` with `#xx` escapes for delimiters, whitespace, `#` and bytes outside printable ASCII. */
export function formatName(value: string): string {
  let out = '/';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) & 0xff;
    const plain = c > 0x20 && c < 0x7f && !'()<>[]{}/%#'.includes(value[i]);
    out += plain ? value[i] : `#${c.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

/** A literal string with escapes for the three special characters and non-printable bytes. */
function formatLiteral(bytes: Uint8Array): string {
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d)
      out += '\\r'; // a raw CR would be read back as LF (§7.3.4.2)
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}
