import type { HashAlgorithm } from './hash.js';

/**
 * The family of a signature: RSASSA-PKCS1-v1_5, RSASSA-PSS (MGF1 with the message hash), ECDSA.
 * The three Inkstone writes and reads.
 */
export type SignatureKind = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa';

/**
 * A signature algorithm fully determined: family and hash, plus the PSS salt length (Inkstone
 * writes salt length = hash length, what RFC 8017 recommends and PAdES validators expect).
 */
export interface SignatureScheme {
  readonly kind: SignatureKind;
  readonly hash: HashAlgorithm;
  /** RSA-PSS only. */
  readonly saltLength?: number;
}

/** A person-readable name: "RSA-PSS / SHA-256". */
export function describeSignatureScheme(scheme: SignatureScheme): string {
  const family = scheme.kind === 'rsa-pkcs1' ? 'RSA PKCS#1 v1.5' : scheme.kind === 'rsa-pss' ? 'RSA-PSS' : 'ECDSA';
  return `${family} / ${scheme.hash}`;
}
