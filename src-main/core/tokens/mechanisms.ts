import { createHash } from 'node:crypto';
import { hashLength, nodeHashName, type SigningHashAlgorithm } from '../crypto-names/index.js';
import { CK, type CryptokiMechanism } from './cryptoki.js';
import { digestInfo, ecdsaRawToDer, looksLikeDerEcdsa } from './signature-encoding.js';
import type { EcCurve, KeyAlgorithm, SignParams } from './signer.js';

/**
 * How one kind of signature is made on a given token: the mechanism, what goes into C_Sign, and
 * how its answer becomes the signature CMS expects.
 */
export interface SignaturePlan {
  readonly mechanism: CryptokiMechanism;
  /** Name for messages, e.g. "CKM_RSA_PKCS_PSS (SHA-384)". */
  readonly name: string;
  /** Room C_Sign needs for its answer. */
  readonly outputLength: number;
  input(data: Uint8Array): Buffer;
  output(answer: Buffer): Uint8Array;
}

const HASH_MECH: Readonly<Record<SigningHashAlgorithm, number>> = { 'SHA-256': CK.CKM_SHA256, 'SHA-384': CK.CKM_SHA384, 'SHA-512': CK.CKM_SHA512 };
const MGF1: Readonly<Record<SigningHashAlgorithm, number>> = { 'SHA-256': CK.CKG_MGF1_SHA256, 'SHA-384': CK.CKG_MGF1_SHA384, 'SHA-512': CK.CKG_MGF1_SHA512 };
const RSA_PKCS_WITH: Readonly<Record<SigningHashAlgorithm, number>> = {
  'SHA-256': CK.CKM_SHA256_RSA_PKCS,
  'SHA-384': CK.CKM_SHA384_RSA_PKCS,
  'SHA-512': CK.CKM_SHA512_RSA_PKCS,
};
const RSA_PSS_WITH: Readonly<Record<SigningHashAlgorithm, number>> = {
  'SHA-256': CK.CKM_SHA256_RSA_PKCS_PSS,
  'SHA-384': CK.CKM_SHA384_RSA_PKCS_PSS,
  'SHA-512': CK.CKM_SHA512_RSA_PKCS_PSS,
};
const ECDSA_WITH: Readonly<Record<SigningHashAlgorithm, number>> = {
  'SHA-256': CK.CKM_ECDSA_SHA256,
  'SHA-384': CK.CKM_ECDSA_SHA384,
  'SHA-512': CK.CKM_ECDSA_SHA512,
};
const CURVE_ORDER_BYTES: Readonly<Record<EcCurve, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

const asBuffer = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const hashOf =
  (hash: SigningHashAlgorithm) =>
  (data: Uint8Array): Buffer =>
    createHash(nodeHashName(hash)).update(data).digest();

/**
 * Choose how to make `params` signatures with `key` on a token offering `available` mechanisms,
 * or undefined when it cannot. Preferences:
 * - PKCS#1 v1.5: the combined CKM_SHAxxx_RSA_PKCS, else raw CKM_RSA_PKCS over a DigestInfo we build.
 * - PSS: CKM_RSA_PKCS_PSS over our hash (the one USB keys commonly offer), else CKM_SHAxxx_RSA_PKCS_PSS.
 *   Parameters: the same hash, MGF1 with that hash, salt length = hash length (RFC 8017 / PAdES).
 * - ECDSA: CKM_ECDSA over our hash, else CKM_ECDSA_SHAxxx; r‖s is converted to DER.
 */
export function planSignature(params: SignParams, key: KeyAlgorithm, available: ReadonlySet<number>): SignaturePlan | undefined {
  const { hash, kind } = params;
  if (key.kind === 'RSA') {
    const rsa = { outputLength: Math.ceil(key.modulusBits / 8), output: (answer: Buffer): Uint8Array => Uint8Array.from(answer) };
    if (kind === 'rsa-pkcs1') {
      if (available.has(RSA_PKCS_WITH[hash])) {
        return { ...rsa, mechanism: { mechanism: RSA_PKCS_WITH[hash] }, name: `CKM_${hash.replace('-', '')}_RSA_PKCS`, input: asBuffer };
      }
      if (available.has(CK.CKM_RSA_PKCS)) {
        return {
          ...rsa,
          mechanism: { mechanism: CK.CKM_RSA_PKCS },
          name: `CKM_RSA_PKCS (${hash} DigestInfo)`,
          input: (data) => digestInfo(hash, hashOf(hash)(data)),
        };
      }
    }
    if (kind === 'rsa-pss') {
      const parameter = { type: CK.CK_PARAMS_RSA_PSS, hashAlg: HASH_MECH[hash], mgf: MGF1[hash], saltLen: hashLength(hash) };
      if (available.has(CK.CKM_RSA_PKCS_PSS)) {
        return { ...rsa, mechanism: { mechanism: CK.CKM_RSA_PKCS_PSS, parameter }, name: `CKM_RSA_PKCS_PSS (${hash})`, input: hashOf(hash) };
      }
      if (available.has(RSA_PSS_WITH[hash])) {
        return { ...rsa, mechanism: { mechanism: RSA_PSS_WITH[hash], parameter }, name: `CKM_${hash.replace('-', '')}_RSA_PKCS_PSS`, input: asBuffer };
      }
    }
    return undefined;
  }
  if (key.kind === 'EC' && kind === 'ecdsa') {
    const rawLength = 2 * CURVE_ORDER_BYTES[key.curve];
    const ecdsa = {
      // Room for a DER answer too: some middleware return DER despite the standard.
      outputLength: rawLength + 16,
      output: (answer: Buffer): Uint8Array => {
        if (answer.length === rawLength) return ecdsaRawToDer(answer);
        if (looksLikeDerEcdsa(answer)) return Uint8Array.from(answer);
        throw new RangeError(`ECDSA ${key.curve} signature of unexpected length ${answer.length}`);
      },
    };
    if (available.has(CK.CKM_ECDSA)) {
      return { ...ecdsa, mechanism: { mechanism: CK.CKM_ECDSA }, name: `CKM_ECDSA (${hash})`, input: hashOf(hash) };
    }
    if (available.has(ECDSA_WITH[hash])) {
      return { ...ecdsa, mechanism: { mechanism: ECDSA_WITH[hash] }, name: `CKM_ECDSA_${hash.replace('-', '')}`, input: asBuffer };
    }
    return undefined;
  }
  return undefined;
}
