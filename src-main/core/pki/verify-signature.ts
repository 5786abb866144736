import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { nodeHashName, type SignatureScheme } from '../crypto-names/index.js';

/**
 * Checks a signature value over bytes with a public key given as DER SubjectPublicKeyInfo. One
 * function for every structure Inkstone verifies (certificates, CRLs, OCSP responses, CMS), so the
 * algorithm rules live in one place.
 */

/**
 * Imported keys by SPKI byte array. Parsed certificates are cached and shared, so the same array
 * comes back for every check against a CA or signer key; importing it costs more than a verify.
 */
const imported = new WeakMap<Uint8Array, KeyObject | null>();

/** Node's KeyObject for a DER SPKI, or undefined when the bytes are not a usable public key. */
export function publicKeyFromSpki(spki: Uint8Array): KeyObject | undefined {
  let key = imported.get(spki);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    imported.set(spki, key);
  }
  return key ?? undefined;
}

/** Whether a key type fits a scheme: an RSA signature checked with an EC key is simply invalid. */
export function keyFitsScheme(key: KeyObject, scheme: SignatureScheme): boolean {
  const type = key.asymmetricKeyType;
  if (scheme.kind === 'ecdsa') return type === 'ec';
  if (scheme.kind === 'rsa-pss') return type === 'rsa' || type === 'rsa-pss';
  return type === 'rsa';
}

/** True when `signature` is a valid signature of `data` under `spki` with this scheme. Never throws. */
export function verifySignature(scheme: SignatureScheme, spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  const key = publicKeyFromSpki(spki);
  if (!key || !keyFitsScheme(key, scheme)) return false;
  try {
    if (scheme.kind === 'rsa-pss') {
      return verify(nodeHashName(scheme.hash), data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength ?? 20 }, signature);
    }
    if (scheme.kind === 'rsa-pkcs1') {
      return verify(nodeHashName(scheme.hash), data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    }
    return verify(nodeHashName(scheme.hash), data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
