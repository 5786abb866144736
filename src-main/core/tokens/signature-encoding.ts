import type { SigningHashAlgorithm } from '../crypto-names/index.js';

/** DER prefixes of `DigestInfo { AlgorithmIdentifier { hashOID, NULL }, OCTET STRING digest }` (RFC 8017 §9.2, note 1). */
const DIGEST_INFO_PREFIX: Readonly<Record<SigningHashAlgorithm, Buffer>> = {
  'SHA-256': Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  'SHA-384': Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  'SHA-512': Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** What raw CKM_RSA_PKCS signs for a PKCS#1 v1.5 signature: the DigestInfo around the digest. */
export function digestInfo(hash: SigningHashAlgorithm, digest: Uint8Array): Buffer {
  return Buffer.concat([DIGEST_INFO_PREFIX[hash], digest]);
}

/**
 * PKCS#11 returns ECDSA signatures as r‖s, each half the length of the curve order; CMS and X.509
 * want `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 / X9.62).
 */
export function ecdsaRawToDer(raw: Uint8Array): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new RangeError(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const body = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

/** A non-negative big-endian integer as DER: minimal length, with a 0x00 when the top bit is set. */
function derInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const digits = magnitude.subarray(start);
  const content = digits[0] & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : Buffer.from(digits);
  return Buffer.concat([Buffer.from([0x02]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  return Buffer.from([0x82, length >> 8, length & 0xff]);
}

/** Whether a token already answered in DER (some middleware do, against the standard). */
export function looksLikeDerEcdsa(sig: Uint8Array): boolean {
  if (sig.length < 8 || sig[0] !== 0x30) return false;
  const long = sig[1] === 0x81;
  const length = long ? sig[2] : sig[1];
  return (long ? 3 : 2) + length === sig.length && sig[long ? 3 : 2] === 0x02;
}
