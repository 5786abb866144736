import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { derChildren, derElement, derSpan, parseSignedData, type HashAlgorithm, type ParsedSignedData } from '../pki/index.js';
import { scanDer } from './der-strictness.js';

/**
 * Reading a PDF signature's CMS the way EU DSS does, on top of pki's parser and verifier:
 * - `/Contents` is the first DER element; zero padding is normal, other trailing bytes are noted;
 * - malformed DER (see der-strictness) makes the CMS undecodable;
 * - signed attributes are verified over their DER re-encoding (a SET OF sorted by encoding), as
 *   BouncyCastle does — a signer that signed unsorted attributes fails here as it fails there;
 * - the BSI plain-ECDSA algorithms (r‖s, TR-03111) are verified like X9.62 ECDSA.
 */

export interface CmsReading {
  /** Null when the bytes are not a readable SignedData. */
  readonly parsed: ParsedSignedData | null;
  /** Why not, in English (logs and expert details). */
  readonly problem: string | null;
  /** CMS_UNDECODABLE, CONTENTS_TRAILING_BYTES, NON_DER_SIGNED_ATTRIBUTES, UNSUPPORTED_ALGORITHM, CERTIFICATE_UNREADABLE. */
  readonly findings: readonly string[];
  /** The signature value exactly as in the CMS (what a signature timestamp's imprint covers). */
  readonly signatureValue: Uint8Array | null;
}

/** TR-03111 ecdsa-plain-* signature algorithms and their hashes. */
const PLAIN_ECDSA: Readonly<Record<string, HashAlgorithm>> = {
  '0.4.0.127.0.7.1.1.4.1.1': 'SHA-1',
  '0.4.0.127.0.7.1.1.4.1.3': 'SHA-256',
  '0.4.0.127.0.7.1.1.4.1.4': 'SHA-384',
  '0.4.0.127.0.7.1.1.4.1.5': 'SHA-512',
};

/**
 * Recent readings by the SHA-256 of their bytes. Decoding a CMS (certificates, timestamps) is the
 * costliest step for small files, and the same signature is read again whenever a document is
 * re-verified; readings are immutable data, so sharing them is safe.
 */
const recent = new Map<string, CmsReading>();
const RECENT = 64;

/** Read a signature's CMS (a `/Contents` value, or an embedded timestamp token). */
export function readCms(contents: Uint8Array): CmsReading {
  const key = createHash('sha256').update(contents).digest('hex');
  const hit = recent.get(key);
  if (hit) return hit;
  const reading = decodeCms(contents);
  recent.set(key, reading);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value as string);
  return reading;
}

function decodeCms(contents: Uint8Array): CmsReading {
  const scan = scanDer(contents);
  if (scan.length === null) return { parsed: null, problem: scan.problem, findings: ['CMS_UNDECODABLE'], signatureValue: null };
  const findings: string[] = [];
  if (contents.subarray(scan.length).some((b) => b !== 0)) findings.push('CONTENTS_TRAILING_BYTES');
  const element = contents.subarray(0, scan.length);
  const decoded = decodeHostile(() => parseSignedData(element));
  if (!decoded.ok) return { parsed: null, problem: decoded.problem, findings: [...findings, 'CMS_UNDECODABLE'], signatureValue: null };
  const parsed = decoded.value;
  const attrs = parsed.signedAttributes;
  const derAttrs = attrs ? sortedSet(attrs.der) : null;
  if (attrs && derAttrs && !Buffer.from(derAttrs).equals(Buffer.from(attrs.der))) findings.push('NON_DER_SIGNED_ATTRIBUTES');
  const plainHash = parsed.signatureAlgorithm.scheme ? undefined : PLAIN_ECDSA[parsed.signatureAlgorithm.oid];
  const plainValue = plainHash ? rawToDer(parsed.signatureValue) : null;
  if (!parsed.signatureAlgorithm.scheme && !plainValue) findings.push('UNSUPPORTED_ALGORITHM');
  if (parsed.unreadableCertificates.length) findings.push('CERTIFICATE_UNREADABLE');
  const normalised: ParsedSignedData = {
    ...parsed,
    ...(attrs && derAttrs ? { signedAttributes: { ...attrs, der: derAttrs } } : {}),
    ...(plainHash && plainValue
      ? {
          signatureAlgorithm: { oid: parsed.signatureAlgorithm.oid, scheme: { kind: 'ecdsa', hash: plainHash }, name: `Plain ECDSA / ${plainHash}` },
          signatureValue: plainValue,
        }
      : {}),
  };
  return { parsed: normalised, problem: null, findings, signatureValue: parsed.signatureValue };
}

/**
 * Run a pki decoder over bytes from a document. The ASN.1 library underneath throws plain errors on
 * some malformed values (a GeneralizedTime that is not a time) where pki promises typed ones; at
 * this boundary both mean the same thing: the bytes are not a readable structure.
 */
export function decodeHostile<T>(decode: () => T): { ok: true; value: T } | { ok: false; problem: string } {
  try {
    return { ok: true, value: decode() };
  } catch (err) {
    if (err instanceof InkstoneError) return { ok: false, problem: String(err.details.reason ?? err.message) };
    if (err instanceof Error && !(err instanceof RangeError && /call stack/.test(err.message)))
      return { ok: false, problem: `the ASN.1 decoder refused it (${err.message})` };
    throw err;
  }
}

/** The DER form of a SET OF as received: its elements sorted by their encodings (X.690 §11.6). */
function sortedSet(set: Uint8Array): Uint8Array | null {
  // DER attributes (the usual case) are split without decoding; anything else goes through asn1js.
  const span = derSpan(set, 0);
  const children = span && span.tag === 0x31 && span.end === set.length ? derChildren(set, span) : undefined;
  let elements: Buffer[];
  if (children) {
    elements = children.map((c) => Buffer.from(set.subarray(c.start, c.end)));
  } else {
    const attempt = decodeHostile(() => asn1js.fromBER(set.slice().buffer));
    if (!attempt.ok) return null;
    const decoded = attempt.value;
    if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Set)) return null;
    elements = decoded.result.valueBlock.value.map((e) => Buffer.from(e.valueBeforeDecodeView));
  }
  return derElement(0x31, elements.sort(Buffer.compare));
}

/** r‖s (equal halves) as a DER ECDSA-Sig-Value, or null when it is not that shape. */
function rawToDer(raw: Uint8Array): Uint8Array | null {
  if (raw.length === 0 || raw.length % 2) return null;
  const half = raw.length / 2;
  const int = (bytes: Uint8Array) => asn1js.Integer.fromBigInt(BigInt(`0x${Buffer.from(bytes).toString('hex')}`));
  return new Uint8Array(new asn1js.Sequence({ value: [int(raw.subarray(0, half)), int(raw.subarray(half))] }).toBER(false));
}
