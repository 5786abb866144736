/**
 * How strictly a signature's ASN.1 is read before anything else touches it. EU DSS (through
 * BouncyCastle) refuses what is not well-formed, and so do we — a lenient verifier accepts bytes
 * that a court's expert tool rejects. Checked iteratively, so hostile nesting cannot overflow the
 * stack of the ASN.1 library that reads the bytes afterwards:
 * - the first element's extent (a PDF `/Contents` is zero-padded, sometimes padded with junk);
 * - nesting depth;
 * - INTEGERs in minimal two's-complement form (X.690 §8.3.2), which BouncyCastle enforces.
 */

/** Deeper than any real CMS (a signature with a timestamp with certificates nests about 20). */
const MAX_DEPTH = 64;

export interface DerScan {
  /** Length of the first element (header plus content), or null when it is not one. */
  readonly length: number | null;
  /** Why the bytes are refused, in English; null when they are acceptable. */
  readonly problem: string | null;
}

interface Header {
  /** The identifier octet (0x02 is a universal INTEGER). */
  readonly identifier: number;
  readonly constructed: boolean;
  readonly headerLength: number;
  /** Content length, or -1 for the indefinite form. */
  readonly length: number;
}

function readHeader(bytes: Uint8Array, at: number, end: number): Header | string {
  if (at >= end) return 'truncated';
  const identifier = bytes[at];
  let pos = at + 1;
  if ((identifier & 0x1f) === 0x1f) {
    // High tag number: base-128 digits, at most 4 of them.
    for (let n = 0; ; n++) {
      if (pos >= end || n >= 4) return 'bad tag';
      if (!(bytes[pos++] & 0x80)) break;
    }
  }
  if (pos >= end) return 'truncated';
  const lenByte = bytes[pos++];
  let length = lenByte;
  if (lenByte === 0x80) length = -1;
  else if (lenByte > 0x80) {
    const count = lenByte & 0x7f;
    if (count > 4 || pos + count > end) return 'bad length';
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++];
  }
  return { identifier, constructed: (identifier & 0x20) !== 0, headerLength: pos - at, length };
}

/** Scan the first element of `bytes`; see the module comment for what is checked. */
export function scanDer(bytes: Uint8Array): DerScan {
  // Ends of the open constructed elements, innermost last; -1 marks an indefinite one awaiting 00 00.
  const ends: number[] = [];
  let pos = 0;
  for (;;) {
    while (ends.length && ends[ends.length - 1] === pos) ends.pop();
    if (!ends.length && pos > 0) return { length: pos, problem: null };
    if (ends[ends.length - 1] === -1 && bytes[pos] === 0 && bytes[pos + 1] === 0) {
      ends.pop();
      pos += 2;
      continue;
    }
    const limit = ends.findLast((e) => e !== -1) ?? bytes.length;
    const h = readHeader(bytes, pos, limit);
    if (typeof h === 'string') return { length: null, problem: `not DER: ${h} at byte ${pos}` };
    const contentStart = pos + h.headerLength;
    if (h.constructed) {
      if (ends.length >= MAX_DEPTH) return { length: null, problem: `nested deeper than ${MAX_DEPTH}` };
      if (h.length !== -1 && contentStart + h.length > limit) return { length: null, problem: `an element runs past its container at byte ${pos}` };
      ends.push(h.length === -1 ? -1 : contentStart + h.length);
      pos = contentStart;
      continue;
    }
    if (h.length === -1) return { length: null, problem: `indefinite length on a primitive at byte ${pos}` };
    if (contentStart + h.length > limit) return { length: null, problem: `an element runs past its container at byte ${pos}` };
    if (h.identifier === 0x02 && !minimalInteger(bytes, contentStart, h.length))
      return { length: null, problem: `an INTEGER is not minimally encoded at byte ${pos}` };
    pos = contentStart + h.length;
  }
}

/** X.690 §8.3.2: at least one content byte, and the first nine bits not all zeros or all ones. */
function minimalInteger(bytes: Uint8Array, at: number, length: number): boolean {
  if (length === 0) return false;
  if (length === 1) return true;
  const [a, b] = [bytes[at], bytes[at + 1]];
  return !((a === 0x00 && b < 0x80) || (a === 0xff && b >= 0x80));
}
