import { KeyObject, constants, sign, type webcrypto } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { hashLength, nodeHashName, type SignatureKind, type SignatureScheme, type SigningHashAlgorithm } from '../crypto-names/index.js';

/** A WebCrypto key as Node types it (no DOM lib in the core). */
export type CryptoKey = webcrypto.CryptoKey;

/** A software private key wrapped as the `sign(tbs)` callback the CMS builders take. */
export interface SoftwareKeySigner {
  readonly scheme: SignatureScheme;
  /** Signs bytes (hashing them with `scheme.hash`); ECDSA results are DER. */
  sign(tbs: Uint8Array): Promise<Uint8Array>;
  /** The same, synchronously (software keys need no I/O). */
  signSync(tbs: Uint8Array): Uint8Array;
}

const CURVE_HASH: Readonly<Record<string, SigningHashAlgorithm>> = {
  'P-256': 'SHA-256',
  prime256v1: 'SHA-256',
  'P-384': 'SHA-384',
  secp384r1: 'SHA-384',
  'P-521': 'SHA-512',
  secp521r1: 'SHA-512',
};

function isCryptoKey(key: CryptoKey | KeyObject): key is CryptoKey {
  return !(key instanceof KeyObject);
}

function schemeOf(key: CryptoKey | KeyObject, options: { kind?: SignatureKind; hash?: SigningHashAlgorithm }): SignatureScheme {
  let kind: SignatureKind | undefined;
  let hash = options.hash;
  if (isCryptoKey(key)) {
    const alg = key.algorithm as { name: string; hash?: { name: string }; namedCurve?: string };
    kind = alg.name === 'RSASSA-PKCS1-v1_5' ? 'rsa-pkcs1' : alg.name === 'RSA-PSS' ? 'rsa-pss' : alg.name === 'ECDSA' ? 'ecdsa' : undefined;
    hash ??= (alg.hash?.name as SigningHashAlgorithm | undefined) ?? CURVE_HASH[alg.namedCurve ?? ''];
  } else {
    const type = key.asymmetricKeyType;
    kind = type === 'ec' ? 'ecdsa' : type === 'rsa' ? (options.kind === 'rsa-pss' ? 'rsa-pss' : 'rsa-pkcs1') : type === 'rsa-pss' ? 'rsa-pss' : undefined;
    hash ??= type === 'ec' ? CURVE_HASH[key.asymmetricKeyDetails?.namedCurve ?? ''] : 'SHA-256';
  }
  if (options.kind && kind && options.kind !== kind && !(kind === 'rsa-pkcs1' && options.kind === 'rsa-pss')) {
    throw new InkstoneError('PKI_ALGORITHM_UNSUPPORTED', { algorithm: `${options.kind} with this key`, purpose: 'signing' });
  }
  if (!kind || !hash || !['SHA-256', 'SHA-384', 'SHA-512'].includes(hash)) {
    throw new InkstoneError('PKI_ALGORITHM_UNSUPPORTED', {
      algorithm: isCryptoKey(key) ? key.algorithm.name : String(key.asymmetricKeyType),
      purpose: 'signing',
    });
  }
  return kind === 'rsa-pss' ? { kind, hash, saltLength: hashLength(hash) } : { kind, hash };
}

/**
 * Wrap a software private key (a WebCrypto key of the TSA or a test CA, or a Node key read from a
 * PKCS#12 file) as a signer. The scheme follows the key: a WebCrypto key's algorithm and hash, a
 * Node EC key's curve (P-256→SHA-256, P-384→SHA-384, P-521→SHA-512), a Node RSA key PKCS#1 v1.5
 * with SHA-256 unless `options` ask for PSS or another hash.
 */
export function softwareKeySigner(key: CryptoKey | KeyObject, options: { kind?: SignatureKind; hash?: SigningHashAlgorithm } = {}): SoftwareKeySigner {
  const scheme = schemeOf(key, options);
  const keyObject = isCryptoKey(key) ? KeyObject.from(key) : key;
  const signSync = (tbs: Uint8Array): Uint8Array => {
    const hash = nodeHashName(scheme.hash);
    if (scheme.kind === 'ecdsa') return new Uint8Array(sign(hash, tbs, { key: keyObject, dsaEncoding: 'der' }));
    if (scheme.kind === 'rsa-pss')
      return new Uint8Array(sign(hash, tbs, { key: keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength }));
    return new Uint8Array(sign(hash, tbs, { key: keyObject, padding: constants.RSA_PKCS1_PADDING }));
  };
  return { scheme, signSync, sign: async (tbs) => signSync(tbs) };
}
