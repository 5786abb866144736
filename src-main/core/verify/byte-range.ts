import type { PdfDocument, PdfSignatureInfo } from '../pdf/index.js';

/**
 * ByteRange sanity (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1): exactly two ranges, the first
 * from byte 0, the gap between them exactly the `/Contents` hex string of this signature, the end
 * inside the file (never clamped) and, for a signature over the document, at the end of a revision.
 * This is where universal signature forgery and signature wrapping live.
 */

export type Coverage = 'entire-file' | 'entire-revision' | 'partial' | 'unclear';

export interface ByteRangeCheck {
  /** `[0, a, b, c]` with `0 < a < b ≤ b + c ≤ file size`: the bytes can be hashed as named. */
  readonly hashable: boolean;
  /** The gap holds exactly a hex string whose value is this dictionary's `/Contents`. */
  readonly gapIsContents: boolean;
  /** Bytes in the gap beyond the `/Contents` string: unsigned bytes a viewer may read (signature wrapping). */
  readonly unsignedGapBytes: number;
  /** Where the signed bytes end (`b + c`), or null when the array is malformed. */
  readonly end: number | null;
  /** The revision whose end the signed bytes reach; null when they stop elsewhere. */
  readonly revision: number | null;
  readonly coverage: Coverage;
  /** Finding codes: BYTERANGE_MISSING, BYTERANGE_MALFORMED, BYTERANGE_PAST_EOF, BYTERANGE_GAP_MISMATCH, CONTENTS_MISSING. */
  readonly findings: readonly string[];
}

/** Only PDF whitespace between two offsets (a revision's trailing line end, say). */
function onlyWhitespace(doc: PdfDocument, from: number, to: number): boolean {
  if (to < from || to - from > 64) return false;
  return doc.source.read(from, to - from).every((c) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00);
}

/** The value of a hex string occupying exactly `bytes` (`<` … `>`, whitespace allowed inside), or null. */
function hexStringValue(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 2 || bytes[0] !== 0x3c || bytes[bytes.length - 1] !== 0x3e) return null;
  const digits: number[] = [];
  for (let i = 1; i < bytes.length - 1; i++) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) continue;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
    if (v < 0) return null;
    digits.push(v);
  }
  if (digits.length % 2) digits.push(0); // §7.3.4.3: a missing final digit is 0
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i] << 4) | digits[2 * i + 1];
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** Largest gap read to compare with `/Contents` by value (a /Contents string is at most a few hundred KiB). */
const MAX_GAP_READ = 4 * 1024 * 1024;

/**
 * Does the gap hold this signature's `/Contents` string? True at once when the gap is where the
 * dictionary's own string sits; otherwise the gap's bytes are read and compared by value, which is
 * how a signature dictionary copied into a later revision (spoofing) still names its signed bytes.
 * Returns the count of gap bytes that are not the string.
 */
function gapAgainstContents(doc: PdfDocument, sig: PdfSignatureInfo, a: number, b: number): { matches: boolean; extra: number } {
  const span = sig.contentsSpan;
  if (span && span.start === a && span.end === b) return { matches: true, extra: 0 };
  if (!sig.contents) return { matches: false, extra: 0 };
  if (span && span.start === a && span.end < b) return { matches: false, extra: b - span.end };
  if (b - a > MAX_GAP_READ) return { matches: false, extra: 0 };
  const value = hexStringValue(doc.source.read(a, b - a));
  return { matches: value !== null && sameBytes(value, sig.contents), extra: 0 };
}

/** Check one signature's `/ByteRange` against its dictionary and the file. */
export function checkByteRange(doc: PdfDocument, sig: PdfSignatureInfo): ByteRangeCheck {
  const br = sig.byteRange;
  const unclear = (findings: string[]): ByteRangeCheck => ({
    hashable: false,
    gapIsContents: false,
    unsignedGapBytes: 0,
    end: null,
    revision: null,
    coverage: 'unclear',
    findings,
  });
  if (!sig.contents) return unclear(br ? ['CONTENTS_MISSING'] : ['CONTENTS_MISSING', 'BYTERANGE_MISSING']);
  if (!br) return unclear(['BYTERANGE_MISSING']);
  if (br.length !== 4 || !br.every((n) => Number.isSafeInteger(n) && n >= 0) || br[0] !== 0) return unclear(['BYTERANGE_MALFORMED']);
  const [, a, b, c] = br;
  const end = b + c;
  if (!(a > 0 && a < b)) return unclear(['BYTERANGE_MALFORMED']);
  if (end > doc.size) return { ...unclear(['BYTERANGE_PAST_EOF']), end };

  const findings: string[] = [];
  const gap = gapAgainstContents(doc, sig, a, b);
  if (!gap.matches) findings.push('BYTERANGE_GAP_MISMATCH');
  const revision = doc.revisions.findIndex(
    (r) =>
      end === r.endOffset ||
      (r.eofOffset >= 0 && end >= r.eofOffset && end <= r.endOffset) ||
      (end > r.endOffset && onlyWhitespace(doc, r.endOffset, end) && end <= doc.size),
  );
  const coverage: Coverage = !gap.matches
    ? 'unclear'
    : end === doc.size || (revision === doc.revisions.length - 1 && onlyWhitespace(doc, end, doc.size))
      ? 'entire-file'
      : revision >= 0
        ? 'entire-revision'
        : 'partial';
  return { hashable: true, gapIsContents: gap.matches, unsignedGapBytes: gap.extra, end, revision: revision >= 0 ? revision : null, coverage, findings };
}
