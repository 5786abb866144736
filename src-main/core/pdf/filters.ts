import { inflateSync, inflateRawSync, deflateSync, constants as zc } from 'node:zlib';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { limitExceeded } from './limits.js';
import { PdfDict } from './objects.js';
import { corrupt } from './parser.js';

/**
 * Stream filters (ISO 32000-1 §7.4): the decoders the signer and verifier need to read structure —
 * cross-reference streams, object streams, DSS entries, content streams — each capped at a maximum
 * output size so a decompression bomb ends in `PDF_LIMIT_EXCEEDED` instead of exhausting memory.
 * Image codecs (DCT, JPX, CCITT, JBIG2) are not decoded here: structure never needs them.
 */

/** One filter of a stream's `/Filter` chain with its (resolved) `/DecodeParms`. */
export interface FilterStep {
  readonly name: string;
  readonly params: PdfDict | null;
}

/** Apply a chain of filters to encoded bytes, never producing more than `maxBytes` at any stage. */
export function applyFilters(encoded: Uint8Array, steps: readonly FilterStep[], maxBytes: number): Uint8Array {
  let data = encoded;
  for (const step of steps) data = applyFilter(data, step, maxBytes);
  return data;
}

function applyFilter(data: Uint8Array, step: FilterStep, maxBytes: number): Uint8Array {
  switch (step.name) {
    case 'FlateDecode':
    case 'Fl':
      return unpredict(inflate(data, maxBytes), step.params, maxBytes);
    case 'LZWDecode':
    case 'LZW':
      return unpredict(lzwDecode(data, earlyChange(step.params), maxBytes), step.params, maxBytes);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHexDecode(data);
    case 'ASCII85Decode':
    case 'A85':
      return ascii85Decode(data, maxBytes);
    case 'RunLengthDecode':
    case 'RL':
      return runLengthDecode(data, maxBytes);
    case 'Crypt':
      // Only the Identity crypt filter can appear in an unencrypted file.
      if (!step.params || step.params.name('Name') === undefined || step.params.name('Name') === 'Identity') return data;
      throw new InkstoneError('PDF_UNSUPPORTED_FILTER', { filter: 'Crypt' });
    default:
      throw new InkstoneError('PDF_UNSUPPORTED_FILTER', { filter: step.name });
  }
}

/** zlib-compress bytes for a new FlateDecode stream. */
export function deflate(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 6 });
}

function inflate(data: Uint8Array, maxBytes: number): Uint8Array {
  // Z_SYNC_FLUSH keeps what decodes from a truncated stream instead of failing outright.
  const opts = { maxOutputLength: maxBytes, finishFlush: zc.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, opts);
  } catch (err) {
    if (isTooLarge(err)) throw limitExceeded('maxDecodedStreamBytes', maxBytes);
    // A bad zlib header or Adler-32 checksum is common in the wild; the raw deflate data is often fine.
    try {
      if (data.length > 2) return inflateRawSync(data.subarray(2), opts);
    } catch (raw) {
      if (isTooLarge(raw)) throw limitExceeded('maxDecodedStreamBytes', maxBytes);
    }
    throw corrupt(`FlateDecode data is damaged (${(err as Error).message})`);
  }
}

function isTooLarge(err: unknown): boolean {
  return err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
}

function intParam(params: PdfDict | null, key: string, fallback: number): number {
  const v = params?.get(key);
  return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
}

function earlyChange(params: PdfDict | null): number {
  return intParam(params, 'EarlyChange', 1);
}

/** Undo a PNG (10–15) or TIFF (2) predictor (§7.4.4.4). */
function unpredict(data: Uint8Array, params: PdfDict | null, maxBytes: number): Uint8Array {
  const predictor = intParam(params, 'Predictor', 1);
  if (predictor <= 1) return data;
  const colors = intParam(params, 'Colors', 1);
  const bpc = intParam(params, 'BitsPerComponent', 8);
  const columns = intParam(params, 'Columns', 1);
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bpc) || columns < 1 || columns > 1 << 24) {
    throw corrupt('invalid predictor parameters');
  }
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  const pixelBytes = Math.max(1, Math.ceil((colors * bpc) / 8));
  if (predictor === 2) return tiffUnpredict(data, rowBytes, colors, bpc, columns);
  if (predictor < 10) throw new InkstoneError('PDF_UNSUPPORTED_FILTER', { filter: `Predictor ${predictor}` });
  const rows = Math.floor(data.length / (rowBytes + 1));
  if (rows * rowBytes > maxBytes) throw limitExceeded('maxDecodedStreamBytes', maxBytes);
  const out = new Uint8Array(rows * rowBytes);
  let prev = new Uint8Array(rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)];
    const src = data.subarray(r * (rowBytes + 1) + 1, (r + 1) * (rowBytes + 1));
    const row = out.subarray(r * rowBytes, (r + 1) * rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= pixelBytes ? row[i - pixelBytes] : 0;
      const up = prev[i];
      const upLeft = i >= pixelBytes ? prev[i - pixelBytes] : 0;
      let v: number;
      switch (type) {
        case 0:
          v = src[i];
          break;
        case 1:
          v = src[i] + left;
          break;
        case 2:
          v = src[i] + up;
          break;
        case 3:
          v = src[i] + ((left + up) >> 1);
          break;
        case 4:
          v = src[i] + paeth(left, up, upLeft);
          break;
        default:
          throw corrupt(`unknown PNG predictor row type ${type}`);
      }
      row[i] = v & 0xff;
    }
    prev = row;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** TIFF predictor 2: each component is stored as the difference from the same component to its left. */
function tiffUnpredict(data: Uint8Array, rowBytes: number, colors: number, bpc: number, columns: number): Uint8Array {
  const out = new Uint8Array(data.length - (data.length % rowBytes));
  out.set(data.subarray(0, out.length));
  const mask = bpc === 16 ? 0xffff : (1 << bpc) - 1;
  for (let rowStart = 0; rowStart < out.length; rowStart += rowBytes) {
    const row = out.subarray(rowStart, rowStart + rowBytes);
    const get = (i: number): number => {
      if (bpc === 8) return row[i];
      if (bpc === 16) return (row[2 * i] << 8) | row[2 * i + 1];
      const bit = i * bpc;
      return (row[bit >> 3] >> (8 - bpc - (bit & 7))) & mask;
    };
    const put = (i: number, v: number): void => {
      if (bpc === 8) row[i] = v;
      else if (bpc === 16) {
        row[2 * i] = v >> 8;
        row[2 * i + 1] = v & 0xff;
      } else {
        const bit = i * bpc;
        const shift = 8 - bpc - (bit & 7);
        row[bit >> 3] = (row[bit >> 3] & ~(mask << shift)) | (v << shift);
      }
    };
    for (let i = colors; i < colors * columns; i++) put(i, (get(i) + get(i - colors)) & mask);
  }
  return out;
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    let v: number;
    if (c >= 0x30 && c <= 0x39) v = c - 0x30;
    else if (c >= 0x41 && c <= 0x46) v = c - 0x37;
    else if (c >= 0x61 && c <= 0x66) v = c - 0x57;
    else continue; // whitespace and junk are skipped
    if (hi < 0) hi = v;
    else {
      out.push((hi << 4) | v);
      hi = -1;
    }
  }
  if (hi >= 0) out.push(hi << 4);
  return Uint8Array.from(out);
}

function ascii85Decode(data: Uint8Array, maxBytes: number): Uint8Array {
  const out: number[] = [];
  let group: number[] = [];
  let i = 0;
  if (data[0] === 0x3c && data[1] === 0x7e) i = 2; // optional <~
  const flush = (count: number): void => {
    let v = 0;
    for (let k = 0; k < 5; k++) v = v * 85 + (k < group.length ? group[k] : 84);
    for (let k = 0; k < count; k++) out.push((v >>> (24 - 8 * k)) & 0xff);
  };
  for (; i < data.length; i++) {
    const c = data[i];
    if (c === 0x7e) break; // ~>
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
    } else if (c >= 0x21 && c <= 0x75) {
      group.push(c - 0x21);
      if (group.length === 5) {
        flush(4);
        group = [];
      }
    } else if (!(c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00)) {
      throw corrupt('invalid character in ASCII85 data');
    }
    if (out.length > maxBytes) throw limitExceeded('maxDecodedStreamBytes', maxBytes);
  }
  if (group.length === 1) throw corrupt('truncated ASCII85 data');
  if (group.length > 1) flush(group.length - 1);
  return Uint8Array.from(out);
}

function runLengthDecode(data: Uint8Array, maxBytes: number): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) out.push(data[i++]);
    } else if (i < data.length) {
      const b = data[i++];
      for (let k = 0; k < 257 - n; k++) out.push(b);
    }
    if (out.length > maxBytes) throw limitExceeded('maxDecodedStreamBytes', maxBytes);
  }
  return Uint8Array.from(out);
}

/** LZW as in TIFF/PDF: 9–12 bit codes, 256 = clear table, 257 = end of data. */
function lzwDecode(data: Uint8Array, early: number, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let table: Uint8Array[] = [];
  const reset = (): void => {
    table = [];
    for (let i = 0; i < 256; i++) table.push(Uint8Array.of(i));
    table.push(new Uint8Array(0), new Uint8Array(0));
  };
  reset();
  let codeLen = 9;
  let bitBuf = 0;
  let bits = 0;
  let prev: Uint8Array | null = null;
  for (let i = 0; i < data.length || bits >= codeLen;) {
    while (bits < codeLen && i < data.length) {
      bitBuf = ((bitBuf << 8) | data[i++]) >>> 0;
      bits += 8;
    }
    if (bits < codeLen) break;
    const code = (bitBuf >>> (bits - codeLen)) & ((1 << codeLen) - 1);
    bits -= codeLen;
    bitBuf &= (1 << bits) - 1;
    if (code === 256) {
      reset();
      codeLen = 9;
      prev = null;
      continue;
    }
    if (code === 257) break;
    let entry: Uint8Array;
    if (code < table.length) entry = table[code];
    else if (prev && code === table.length) entry = concatByte(prev, prev[0]);
    else throw corrupt('invalid LZW code');
    chunks.push(entry);
    total += entry.length;
    if (total > maxBytes) throw limitExceeded('maxDecodedStreamBytes', maxBytes);
    if (prev && table.length < 4096) table.push(concatByte(prev, entry[0]));
    prev = entry;
    if (table.length + early >= 1 << codeLen && codeLen < 12) codeLen++;
  }
  return Buffer.concat(chunks);
}

function concatByte(a: Uint8Array, b: number): Uint8Array {
  const out = new Uint8Array(a.length + 1);
  out.set(a);
  out[a.length] = b;
  return out;
}
