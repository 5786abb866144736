import type { PdfSource } from './source.js';
import type { PdfLimits } from './limits.js';
import { limitExceeded } from './limits.js';
import { PdfDict } from './objects.js';
import { Cursor, Parser } from './parser.js';
import type { XrefEntry } from './xref.js';

/**
 * Rebuilding a cross-reference table by scanning the file for `N G obj` headers and `trailer`
 * dictionaries, as every mainstream reader does when the table is missing or broken. A later
 * definition of an object number wins over an earlier one, matching incremental-update semantics.
 * The document marks itself `repaired`; the verifier must say so, because revision boundaries are
 * no longer known from the file's own structure.
 */

export interface ScanResult {
  /** Objects found at byte offsets (object streams are expanded by the document). */
  readonly entries: Map<number, XrefEntry>;
  /** Trailer dictionaries found after `trailer` keywords, in file order. */
  readonly trailers: PdfDict[];
  /** Offsets just after each `%%EOF` marker, in file order (where a revision may end). */
  readonly eofs: number[];
  /** Whether an `xref` or `trailer` keyword was seen, parsable or not (`startxref` alone is not a section). */
  readonly structure: boolean;
}

const CHUNK = 1024 * 1024;
const OVERLAP = 64;
const HEADER_RE = /(\d{1,10})[\0\t\f ]*(?:\r\n|[\0\t\n\f\r ])[\0\t\n\f\r ]*(\d{1,5})[\0\t\n\f\r ]+obj(?![A-Za-z0-9])/g;
const TRAILER_RE = /(?<![A-Za-z])trailer(?![A-Za-z])/g;
const XREF_RE = /(?<![A-Za-z])xref(?![A-Za-z])/g;
const EOF_RE = /%%EOF/g;

/**
 * Scan the file from `from` to its end (in chunks; memory stays flat) for object headers,
 * trailers, cross-reference keywords and `%%EOF` markers.
 */
export function scanObjects(source: PdfSource, limits: PdfLimits, from = 0): ScanResult {
  const entries = new Map<number, XrefEntry>();
  const trailerOffsets: number[] = [];
  const eofs: number[] = [];
  let structure = false;
  for (let pos = from; pos < source.size; pos += CHUNK) {
    const text = Buffer.from(source.read(pos, CHUNK + OVERLAP)).toString('latin1');
    const limit = Math.min(CHUNK, text.length);
    HEADER_RE.lastIndex = 0;
    for (let m = HEADER_RE.exec(text); m && m.index < limit; m = HEADER_RE.exec(text)) {
      // The number must start a token: preceded by whitespace, a delimiter or the start of file.
      const before = m.index > 0 ? text.charCodeAt(m.index - 1) : pos > 0 ? source.read(pos - 1, 1)[0] : 0x0a;
      if (before >= 0x30 && before <= 0x39) continue;
      const num = Number(m[1]);
      entries.set(num, { type: 'offset', num, gen: Number(m[2]), offset: pos + m.index });
      if (entries.size > limits.maxXrefEntries) throw limitExceeded('maxXrefEntries', limits.maxXrefEntries);
    }
    TRAILER_RE.lastIndex = 0;
    for (let m = TRAILER_RE.exec(text); m && m.index < limit; m = TRAILER_RE.exec(text)) trailerOffsets.push(pos + m.index);
    XREF_RE.lastIndex = 0;
    for (let m = XREF_RE.exec(text); m && m.index < limit; m = XREF_RE.exec(text)) structure = true;
    EOF_RE.lastIndex = 0;
    for (let m = EOF_RE.exec(text); m && m.index < limit; m = EOF_RE.exec(text)) eofs.push(pos + m.index + 5);
  }
  const trailers: PdfDict[] = [];
  for (const at of trailerOffsets) {
    const cur = new Cursor(source, at + 'trailer'.length);
    try {
      const t = new Parser(cur, limits).parseObject();
      if (t instanceof PdfDict) trailers.push(t);
    } catch (err) {
      if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
      // A damaged trailer is simply not used.
    }
  }
  return { entries, trailers, eofs, structure: structure || trailerOffsets.length > 0 };
}
