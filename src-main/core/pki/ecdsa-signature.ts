import * as asn1js from 'asn1js';
import { toArrayBuffer } from './der.js';

/**
 * ECDSA signatures come in two encodings: PKCS#11 tokens and WebCrypto return raw r‖s, while CMS,
 * X.509 and OCSP carry the DER SEQUENCE { r INTEGER, s INTEGER }.
 */

/** Decode a DER ECDSA-Sig-Value into r and s, or undefined when it is not one. */
export function decodeEcdsaDer(sig: Uint8Array): { r: bigint; s: bigint } | undefined {
  const decoded = asn1js.fromBER(toArrayBuffer(sig));
  if (decoded.offset !== sig.length || !(decoded.result instanceof asn1js.Sequence)) return undefined;
  const items = decoded.result.valueBlock.value;
  if (items.length !== 2 || !(items[0] instanceof asn1js.Integer) || !(items[1] instanceof asn1js.Integer)) return undefined;
  return { r: items[0].toBigInt(), s: items[1].toBigInt() };
}

/** DER-encode r and s. */
export function encodeEcdsaDer(r: bigint, s: bigint): Uint8Array {
  const seq = new asn1js.Sequence({
    value: [asn1js.Integer.fromBigInt(r), asn1js.Integer.fromBigInt(s)],
  });
  return new Uint8Array(seq.toBER(false));
}

/**
 * Normalise an ECDSA signature to DER. Accepts DER, or raw r‖s of exactly twice the curve's field
 * size. Returns undefined when the bytes are neither.
 */
export function normaliseEcdsaSignature(sig: Uint8Array, fieldBytes: number): Uint8Array | undefined {
  if (sig.length === 2 * fieldBytes) {
    const half = sig.length / 2;
    const r = BigInt(`0x${Buffer.from(sig.subarray(0, half)).toString('hex')}`);
    const s = BigInt(`0x${Buffer.from(sig.subarray(half)).toString('hex')}`);
    // A raw signature can also happen to parse as DER; raw is what its length says it is.
    if (r > 0n && s > 0n) return encodeEcdsaDer(r, s);
  }
  const der = decodeEcdsaDer(sig);
  if (der && der.r > 0n && der.s > 0n) return encodeEcdsaDer(der.r, der.s);
  return undefined;
}

/** Field size in bytes of a named curve ("P-256" → 32). */
export function curveFieldBytes(curve: string): number | undefined {
  return { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[curve];
}
