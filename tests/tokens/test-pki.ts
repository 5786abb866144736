// Certificates for token tests: a software CA that certifies public keys taken off a token (or
// made in software), so signers have a certificate and a one-link chain to find.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPublicKey, generateKeyPairSync, verify, constants, type KeyObject } from 'node:crypto';
import { webcrypto } from 'node:crypto';
import { hashLength, nodeHashName } from '../../src-main/core/crypto-names/index.js';
import type { SignParams } from '../../src-main/core/tokens/index.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TestCa {
  readonly der: Uint8Array;
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

const EC_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A self-signed root CA, or with `issuer` a subordinate CA it certifies. */
export async function createTestCa(name = 'CN=Inkstone 测试根证书, O=墨石律师事务所, C=CN', issuer?: TestCa): Promise<TestCa> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const common = {
    signingAlgorithm: EC_SIGN,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 5 * 365 * 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ...(issuer ? [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)] : []),
    ],
  };
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: issuer.cert.subjectName,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  return { der: new Uint8Array(cert.rawData), cert, keys };
}

/** Certify a public key (DER SubjectPublicKeyInfo) for signing. */
export async function issueCertificate(ca: TestCa, spki: Uint8Array, subject: string): Promise<Uint8Array> {
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: ca.cert.subjectName,
    publicKey: await x509.PublicKey.create(Uint8Array.from(spki)),
    signingKey: ca.keys.privateKey,
    signingAlgorithm: EC_SIGN,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return new Uint8Array(cert.rawData);
}

export type SoftwareKeyType = 'rsa-2048' | 'rsa-3072' | 'P-256' | 'P-384';

export function softwareKeyPair(type: SoftwareKeyType): { privateKey: KeyObject; publicKey: KeyObject; spki: Uint8Array } {
  const pair = type.startsWith('rsa') ? generateKeyPairSync('rsa', { modulusLength: Number(type.slice(4)) }) : generateKeyPairSync('ec', { namedCurve: type });
  return { ...pair, spki: pair.publicKey.export({ type: 'spki', format: 'der' }) };
}

/** Verify a signature the way a CMS verifier would: Node's crypto, DER ECDSA, PSS with salt = hash length. */
export function verifySignature(publicKey: KeyObject | Uint8Array, data: Uint8Array, signature: Uint8Array, params: SignParams): boolean {
  const key = publicKey instanceof Uint8Array ? createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }) : publicKey;
  const options =
    params.kind === 'rsa-pss'
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hashLength(params.hash) }
      : params.kind === 'ecdsa'
        ? { key, dsaEncoding: 'der' as const }
        : { key, padding: constants.RSA_PKCS1_PADDING };
  return verify(nodeHashName(params.hash), data, options, signature);
}
