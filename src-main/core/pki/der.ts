import * as asn1js from 'asn1js';

/**
 * Byte-level helpers shared by every PKI structure: DER decoding that reports instead of throwing,
 * PEM armour, and the conversions between Node's Buffers and the ArrayBuffers asn1js wants.
 */

/** A standalone ArrayBuffer holding exactly these bytes (asn1js and pkijs want ArrayBuffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** View any BufferSource as a Uint8Array without copying. */
export function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Lowercase hex. */
export function toHex(bytes: ArrayBuffer | ArrayBufferView): string {
  return Buffer.from(asBytes(bytes)).toString('hex');
}

/**
 * Decode one BER/DER element. Returns the element or a reason. Trailing zero bytes are accepted
 * because PDF signature /Contents are zero-padded to their reserved size; other trailing bytes are
 * not, since they would be unsigned data smuggled beside the structure.
 */
export function decodeAsn1(bytes: Uint8Array): { ok: true; value: asn1js.AsnType } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'no bytes' };
  const buffer = toArrayBuffer(bytes);
  let decoded: ReturnType<typeof asn1js.fromBER>;
  try {
    decoded = asn1js.fromBER(buffer);
  } catch (err) {
    // asn1js throws (rather than reporting) on some malformed values, e.g. a GeneralizedTime whose digits are not digits.
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  if (decoded.offset === -1 || decoded.result.error) return { ok: false, reason: decoded.result.error || 'not ASN.1 (BER/DER)' };
  for (let i = decoded.offset; i < bytes.length; i++) {
    if (bytes[i] !== 0) return { ok: false, reason: `unexpected bytes after the structure (offset ${decoded.offset})` };
  }
  return { ok: true, value: decoded.result };
}

/** DER of an asn1js element. */
export function encodeDer(value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array {
  return new Uint8Array(value.toBER(false));
}

/**
 * The bytes an element was decoded from, or its DER when it was built rather than decoded. Embedded
 * certificates, CRLs and tokens must be passed on exactly as received: re-encoding a BER original
 * would change its fingerprint.
 */
export function rawDer(value: asn1js.AsnType): Uint8Array {
  const original = value.valueBeforeDecodeView;
  return original && original.byteLength ? new Uint8Array(original) : encodeDer(value);
}

/** DER length octets (X.690 §8.1.3: short form below 128, else the minimal long form). */
function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/**
 * One DER element of `tag` around already-encoded contents. Lets structures embed received
 * certificates and tokens byte for byte instead of decoding and re-encoding them (which costs
 * milliseconds each and could alter a BER original).
 */
export function derElement(tag: number, contents: readonly Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, c) => sum + c.length, 0);
  const header = derLength(length);
  const out = new Uint8Array(1 + header.length + length);
  out[0] = tag;
  out.set(header, 1);
  let at = 1 + header.length;
  for (const c of contents) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** One element located in a byte array: its identifier octet and where it and its value lie. */
export interface DerSpan {
  readonly tag: number;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
  /** BER indefinite length: the value is followed by the end-of-contents octets `00 00` (berSpan only). */
  readonly indefinite?: boolean;
}

/**
 * Locate the element at `at` without decoding it: definite lengths and single-octet tags only
 * (what DER structures of CMS use); undefined for anything else, so callers fall back to a full
 * decode. Lets readers take embedded certificates as raw bytes.
 */
export function derSpan(bytes: Uint8Array, at: number, limit = bytes.length): DerSpan | undefined {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at];
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = bytes[at + 1];
  let valueStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || valueStart + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[valueStart++];
  }
  const end = valueStart + length;
  return end <= limit ? { tag, start: at, valueStart, end } : undefined;
}

/** Where an element's value ends: before the end-of-contents octets when its length is indefinite. */
export function valueEnd(span: DerSpan): number {
  return span.indefinite ? span.end - 2 : span.end;
}

/**
 * Like derSpan, but a constructed element may also have BER's indefinite length (`80` … `00 00`),
 * as streaming encoders wrote CMS. Walks forward without recursion, skipping definite-length
 * elements whole, so hostile nesting costs no stack.
 */
export function berSpan(bytes: Uint8Array, at: number, limit = bytes.length): DerSpan | undefined {
  if (at + 2 > limit || bytes[at + 1] !== 0x80) return derSpan(bytes, at, limit);
  const tag = bytes[at];
  if ((tag & 0x1f) === 0x1f || !(tag & 0x20)) return undefined;
  let open = 1;
  let pos = at + 2;
  while (open > 0) {
    if (pos + 2 > limit) return undefined;
    if (bytes[pos] === 0 && bytes[pos + 1] === 0) {
      open--;
      pos += 2;
    } else if (bytes[pos + 1] === 0x80) {
      if ((bytes[pos] & 0x1f) === 0x1f || !(bytes[pos] & 0x20)) return undefined;
      open++;
      pos += 2;
    } else {
      const inner = derSpan(bytes, pos, limit);
      if (!inner) return undefined;
      pos = inner.end;
    }
  }
  return { tag, start: at, valueStart: at + 2, end: pos, indefinite: true };
}

/** berSpan's children of a constructed element, or undefined when they do not tile its value exactly. */
export function berChildren(bytes: Uint8Array, parent: DerSpan): DerSpan[] | undefined {
  const out: DerSpan[] = [];
  const end = valueEnd(parent);
  for (let at = parent.valueStart; at < end;) {
    const child = berSpan(bytes, at, end);
    if (!child) return undefined;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The elements inside a constructed element, or undefined when they do not tile its value exactly. */
export function derChildren(bytes: Uint8Array, parent: DerSpan): DerSpan[] | undefined {
  const out: DerSpan[] = [];
  for (let at = parent.valueStart; at < parent.end;) {
    const child = derSpan(bytes, at, parent.end);
    if (!child) return undefined;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The value bytes of a DER INTEGER as unsigned big-endian hex, without sign padding (how serials are shown). */
export function integerHex(value: asn1js.Integer): string {
  const hex = toHex(value.valueBlock.valueHexView);
  const trimmed = hex.replace(/^(00)+/, '');
  return trimmed === '' ? '00' : trimmed;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block of the given label ("CERTIFICATE", ...) in a text, decoded. */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (match[1] === label) out.push(new Uint8Array(Buffer.from(match[2].replace(/\s+/g, ''), 'base64')));
  }
  return out;
}

/** PEM armour with 64-character lines, as OpenSSL writes it. */
export function toPem(der: Uint8Array, label: string): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Whether a file's bytes look like PEM text rather than DER. */
export function looksLikePem(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1').includes('-----BEGIN ');
}
