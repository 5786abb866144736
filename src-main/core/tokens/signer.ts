import type { SignatureKind, SigningHashAlgorithm } from '../crypto-names/index.js';

/** The signature to make: its family and hash. RSA-PSS uses MGF1 with the same hash and salt = hash length. */
export interface SignParams {
  readonly kind: SignatureKind;
  readonly hash: SigningHashAlgorithm;
}

export type EcCurve = 'P-256' | 'P-384' | 'P-521';

export type KeyAlgorithm = { readonly kind: 'RSA'; readonly modulusBits: number } | { readonly kind: 'EC'; readonly curve: EcCurve };

/**
 * How strongly the signature creation data is bound to the signer (PRC Electronic Signature Law,
 * art. 13(1)): a non-extractable key on the signer's own token, or a key in a file that can be copied.
 */
export type Assurance = 'hardware-token' | 'software-key';

/** Where the key lives, in words a person can check against the device in their hand. */
export interface KeyDescription {
  readonly provider: 'pkcs11' | 'pkcs12';
  readonly tokenLabel?: string;
  readonly tokenSerial?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  /** CKA_LABEL on a token; the friendly name in a PKCS#12 file. */
  readonly keyLabel?: string;
  /** CKA_ID as lowercase hex. */
  readonly keyId?: string;
  /** The PKCS#12 file the key was read from (base name only). */
  readonly fileName?: string;
  /** CKA_EXTRACTABLE: the key can leave the device (always true for a PKCS#12 file). */
  readonly extractable?: boolean;
  /** CKA_SENSITIVE: the key's secret parts never leave the device in clear. */
  readonly sensitive?: boolean;
  /** CKA_ALWAYS_AUTHENTICATE: the token asks for the PIN again before every signature. */
  readonly alwaysAuthenticate?: boolean;
}

/**
 * A private key ready to sign, with the certificate that names its holder. The signing engine
 * builds CMS around it and never needs to know whether the key is on a token or in a file.
 *
 * `sign` takes the bytes to be signed (for CMS: the DER of the signed attributes) and does the
 * hashing itself, in whatever split the device needs: a combined hash-and-sign mechanism, a
 * DigestInfo for raw RSA, a prehash for PSS or ECDSA. ECDSA signatures come back DER-encoded
 * (`SEQUENCE { r, s }`), as CMS wants them. Calls may overlap; each signer runs them one at a time.
 */
export interface Signer {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** The issuing chain found beside the key, nearest issuer first (may be empty). */
  readonly chain: readonly Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  readonly assurance: Assurance;
  readonly keyDescription: KeyDescription;
  sign(data: Uint8Array, params: SignParams): Promise<Uint8Array>;
  /** End the session (the token logs the user out) and release the key. Safe to call twice. */
  close(): Promise<void>;
}

export function describeKeyAlgorithm(alg: KeyAlgorithm): string {
  return alg.kind === 'RSA' ? `RSA-${alg.modulusBits}` : `ECDSA ${alg.curve}`;
}

/** The signature family must fit the key: RSA keys make PKCS#1 or PSS signatures, EC keys ECDSA. */
export function kindFitsKey(kind: SignatureKind, alg: KeyAlgorithm): boolean {
  return alg.kind === 'EC' ? kind === 'ecdsa' : kind !== 'ecdsa';
}
