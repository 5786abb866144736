import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { SignatureScheme } from '../crypto-names/index.js';
import { parseCertificate } from './certificates.js';
import { CK, type Cryptoki, type CryptokiAttribute, type CryptokiLoader, type Handle } from './cryptoki.js';
import { logIn, type PinSource } from './pkcs11-login.js';
import { Pkcs11Module } from './pkcs11-module.js';
import { digestInfo, ecdsaRawToDer } from './signature-encoding.js';
import type { TokenSelector } from './token-info.js';
import { closeSessionQuietly, guardToken, openTokenSession, type TokenSession } from './token-session.js';

/** The key pairs Inkstone makes on a token for a CA application. */
export const TOKEN_KEY_SPECS = ['RSA-2048', 'RSA-3072', 'P-256'] as const;
export type TokenKeySpec = (typeof TOKEN_KEY_SPECS)[number];

const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

export interface TokenWriteOptions extends PinSource {
  readonly module: string;
  readonly token?: TokenSelector;
  readonly loader?: CryptokiLoader;
}

/** A key pair just made on the token, its session still open to sign the certificate request with it. */
export interface NewTokenKey {
  /** CKA_ID in lowercase hex: SHA-1 of the public key, as a certificate's subject key identifier (RFC 5280 §4.2.1.2 method 1). */
  readonly keyId: string;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKey: Uint8Array;
  /** How `sign` signs: PKCS#1 v1.5 or ECDSA, with SHA-256. */
  readonly scheme: SignatureScheme;
  /** Sign with the new private key (a CSR's CertificationRequestInfo); ECDSA comes back DER-encoded. */
  sign(data: Uint8Array): Uint8Array;
  /** End the session (logs out). */
  close(): void;
}

/**
 * Generate a signing key pair on the token: the private key sensitive and never extractable
 * (CKA_SENSITIVE true, CKA_EXTRACTABLE false) and private to the PIN holder; the public key beside
 * it. Both get the same CKA_ID, derived from the public key, so the certificate the CA issues for it
 * finds its key again (storeCertificatesOnToken). Nothing is left on the token if a step fails.
 */
export async function generateKeyPairOnToken(options: TokenWriteOptions & { readonly spec: TokenKeySpec; readonly label: string }): Promise<NewTokenKey> {
  const module = Pkcs11Module.acquire(options.module, options.loader);
  let ts: TokenSession | undefined;
  let made: { publicKey: Handle; privateKey: Handle } | undefined;
  try {
    ts = openTokenSession(module, options.token, { readWrite: true });
    const session = ts;
    await logIn(session, options, 'login');
    const api = requireWriting(session.api);
    const rsa = options.spec !== 'P-256';
    const common: CryptokiAttribute[] = [
      { type: CK.CKA_TOKEN, value: true },
      { type: CK.CKA_LABEL, value: options.label },
    ];
    const publicTemplate: CryptokiAttribute[] = [
      ...common,
      { type: CK.CKA_VERIFY, value: true },
      ...(rsa
        ? [
            { type: CK.CKA_MODULUS_BITS, value: Number(options.spec.slice(4)) },
            { type: CK.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
          ]
        : [{ type: CK.CKA_EC_PARAMS, value: P256_PARAMS }]),
    ];
    const privateTemplate: CryptokiAttribute[] = [
      ...common,
      { type: CK.CKA_PRIVATE, value: true },
      { type: CK.CKA_SIGN, value: true },
      { type: CK.CKA_SENSITIVE, value: true },
      { type: CK.CKA_EXTRACTABLE, value: false },
    ];
    const mechanism = { mechanism: rsa ? CK.CKM_RSA_PKCS_KEY_PAIR_GEN : CK.CKM_EC_KEY_PAIR_GEN };
    made = guardToken(session, 'C_GenerateKeyPair', () => api.C_GenerateKeyPair(session.session, mechanism, publicTemplate, privateTemplate));
    const publicKey = publicKeyOf(api, session.session, made.publicKey, rsa);
    const keyId = publicKeyId(publicKey);
    const pair = made;
    for (const object of [pair.publicKey, pair.privateKey])
      guardToken(session, 'C_SetAttributeValue', () =>
        api.C_SetAttributeValue(session.session, object, [{ type: CK.CKA_ID, value: Buffer.from(keyId, 'hex') }]),
      );
    const scheme: SignatureScheme = { kind: rsa ? 'rsa-pkcs1' : 'ecdsa', hash: 'SHA-256' };
    let closed = false;
    return {
      keyId,
      publicKey: publicKey.export({ type: 'spki', format: 'der' }),
      scheme,
      sign(data) {
        // Plain mechanisms every token has: raw PKCS#1 over our DigestInfo, or ECDSA over the hash.
        const hash = createHash('sha256').update(data).digest();
        const input = rsa ? digestInfo('SHA-256', hash) : hash;
        const sig = guardToken(session, 'C_Sign', () => {
          api.C_SignInit(session.session, { mechanism: rsa ? CK.CKM_RSA_PKCS : CK.CKM_ECDSA }, pair.privateKey);
          return api.C_Sign(session.session, Buffer.from(input), Buffer.alloc(1024));
        });
        return rsa ? sig : ecdsaRawToDer(sig);
      },
      close() {
        if (closed) return;
        closed = true;
        closeSessionQuietly(session, session.session);
        module.release();
      },
    };
  } catch (err) {
    if (ts && made) destroyQuietly(ts, [made.publicKey, made.privateKey]);
    if (ts) closeSessionQuietly(ts, ts.session);
    module.release();
    throw err;
  }
}

/**
 * Store the certificate the CA issued next to its key (same CKA_ID), and the issuing chain beside
 * it. The key is found from the certificate's public key; TOKEN_KEY_NOT_FOUND when this token does
 * not hold it. Certificates already on the token are not stored twice.
 */
export async function storeCertificatesOnToken(
  options: TokenWriteOptions & { readonly certificate: Uint8Array; readonly chain: readonly Uint8Array[]; readonly label: string },
): Promise<{ keyId: string; stored: number }> {
  const leaf = parseCertificate(options.certificate);
  if (!leaf) throw new InkstoneError('DEVICE_CERTIFICATE_UNREADABLE', { index: 1 });
  const keyId = publicKeyId(leaf.publicKey);
  const module = Pkcs11Module.acquire(options.module, options.loader);
  try {
    const ts = openTokenSession(module, options.token, { readWrite: true });
    try {
      await logIn(ts, options, 'login');
      const api = requireWriting(ts.api);
      const find = (template: CryptokiAttribute[]) =>
        guardToken(ts, 'C_FindObjects', () => {
          api.C_FindObjectsInit(ts.session, template);
          try {
            return api.C_FindObjects(ts.session, 16);
          } finally {
            api.C_FindObjectsFinal(ts.session);
          }
        });
      const id = Buffer.from(keyId, 'hex');
      if (
        find([
          { type: CK.CKA_CLASS, value: CK.CKO_PRIVATE_KEY },
          { type: CK.CKA_ID, value: id },
        ]).length === 0
      )
        throw new InkstoneError('TOKEN_KEY_NOT_FOUND', { token: ts.token.label, key: keyId });
      let stored = 0;
      for (const [index, der] of [options.certificate, ...options.chain].entries()) {
        const cert = parseCertificate(der);
        if (!cert) throw new InkstoneError('DEVICE_CERTIFICATE_UNREADABLE', { index: index + 1 });
        const value = Buffer.from(der);
        if (
          find([
            { type: CK.CKA_CLASS, value: CK.CKO_CERTIFICATE },
            { type: CK.CKA_VALUE, value },
          ]).length > 0
        )
          continue;
        const template: CryptokiAttribute[] = [
          { type: CK.CKA_CLASS, value: CK.CKO_CERTIFICATE },
          { type: CK.CKA_CERTIFICATE_TYPE, value: CK.CKC_X_509 },
          { type: CK.CKA_TOKEN, value: true },
          { type: CK.CKA_PRIVATE, value: false },
          {
            type: CK.CKA_LABEL,
            value:
              index === 0
                ? options.label
                : (cert.subject
                    .split('\n')
                    .find((l) => l.startsWith('CN='))
                    ?.slice(3) ?? 'CA'),
          },
          { type: CK.CKA_SUBJECT, value: subjectDer(der) },
          // The signer's certificate sits under its key's id; CA certificates under their own key's.
          { type: CK.CKA_ID, value: index === 0 ? id : Buffer.from(publicKeyId(cert.publicKey), 'hex') },
          { type: CK.CKA_VALUE, value },
        ];
        guardToken(ts, 'C_CreateObject', () => api.C_CreateObject(ts.session, template));
        stored += 1;
      }
      return { keyId, stored };
    } finally {
      closeSessionQuietly(ts, ts.session);
    }
  } finally {
    module.release();
  }
}

type WritingCryptoki = Cryptoki & Required<Pick<Cryptoki, 'C_GenerateKeyPair' | 'C_CreateObject' | 'C_SetAttributeValue'>>;

function requireWriting(api: Cryptoki): WritingCryptoki {
  if (!api.C_GenerateKeyPair || !api.C_CreateObject || !api.C_SetAttributeValue)
    throw new InkstoneError('TOKEN_ERROR', { token: '', operation: 'C_GenerateKeyPair', ckr: 'CKR_FUNCTION_NOT_SUPPORTED' });
  return api as WritingCryptoki;
}

/** The public key of a key pair just generated, from its attributes. */
function publicKeyOf(api: Cryptoki, session: Handle, object: Handle, rsa: boolean): KeyObject {
  const read = (type: number) => api.C_GetAttributeValue(session, object, [{ type }])[0].value as Buffer;
  if (rsa)
    return createPublicKey({
      key: { kty: 'RSA', n: read(CK.CKA_MODULUS).toString('base64url'), e: read(CK.CKA_PUBLIC_EXPONENT).toString('base64url') },
      format: 'jwk',
    });
  // CKA_EC_POINT is the DER OCTET STRING around 04‖X‖Y (PKCS#11 v2.40); some tokens omit the wrapper.
  let point = read(CK.CKA_EC_POINT);
  if (point[0] === 0x04 && point.length === 67 && point[1] === 65) point = point.subarray(2);
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
}

/** SHA-1 of the public key's bits (RSAPublicKey DER, or the EC point), lowercase hex. */
export function publicKeyId(key: KeyObject): string {
  const spki = key.export({ type: 'spki', format: 'der' });
  // The BIT STRING closes the SubjectPublicKeyInfo: its contents after the unused-bits byte.
  const bits = subjectPublicKeyBits(spki);
  return createHash('sha1').update(bits).digest('hex');
}

function subjectPublicKeyBits(spki: Buffer): Buffer {
  // SEQUENCE { AlgorithmIdentifier, BIT STRING }: skip the outer header and the algorithm.
  const [, outerBody] = tlv(spki, 0);
  const [algEnd] = tlv(spki, outerBody);
  const [, bitsBody, bitsEnd] = tlv(spki, algEnd);
  return spki.subarray(bitsBody + 1, bitsEnd);
}

/** [end, bodyStart, end] of the DER element at `at`. */
function tlv(der: Buffer, at: number): [number, number, number] {
  let len = der[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i += 1) len = len * 256 + der[at + 2 + i];
    body += n;
  }
  return [body + len, body, body + len];
}

/** The DER of a certificate's subject Name (the fifth or sixth element of its TBSCertificate). */
function subjectDer(cert: Uint8Array): Buffer {
  const der = Buffer.from(cert);
  const [, certBody] = tlv(der, 0);
  const [, tbsBody] = tlv(der, certBody);
  let at = tbsBody;
  // [0] version (optional), serial, signature algorithm, issuer, validity, subject.
  if (der[at] === 0xa0) at = tlv(der, at)[0];
  for (let i = 0; i < 4; i += 1) at = tlv(der, at)[0];
  return der.subarray(at, tlv(der, at)[0]);
}

/** Take back a key pair a later step could not finish (a token pulled out has nothing left to take back). */
function destroyQuietly(ts: TokenSession, objects: Handle[]): void {
  for (const object of objects) {
    try {
      ts.api.C_DestroyObject?.(ts.session, object);
    } catch {
      // Nothing more to undo.
    }
  }
}
