import { webcrypto } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { parseCertificate } from './certificate.js';
import { pemBlocks, toPem } from './der.js';
import { issueCertificate } from './issue-certificate.js';
import { OID } from './oids.js';
import type { CryptoKey } from './software-key.js';
import { tsaCertificateUsageProblem } from './timestamp-token.js';

/**
 * A self-hosted TSA's identity: a root made for this TSA alone and the TSA certificate it issues.
 * The root's private key is discarded as soon as the TSA certificate exists, so the root can never
 * vouch for anything else; relying parties pin the root.
 */

/** A TSA certificate, its chain and its private key. */
export interface TsaIdentity {
  /** DER TSA certificate (critical EKU id-kp-timeStamping only). */
  readonly certificate: Uint8Array;
  /** DER root certificate to publish and pin. */
  readonly rootCertificate: Uint8Array;
  /** The certificates above the TSA certificate, for `createTimestampAuthority({ chain })`. */
  readonly chain: readonly Uint8Array[];
  readonly privateKey: CryptoKey;
  /** PEM forms for storage: certificate, chain (root), and the private key as PKCS#8. */
  toPem(): Promise<TsaIdentityPem>;
}

/** The PEM files of a TSA identity. */
export interface TsaIdentityPem {
  readonly certificate: string;
  readonly chain: string;
  readonly privateKey: string;
}

/** Key algorithms offered for a TSA. */
export type TsaKeyAlgorithm = 'P-256' | 'P-384' | 'RSA-3072';

const DAY = 86_400_000;

function keyParams(algorithm: TsaKeyAlgorithm): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  if (algorithm === 'RSA-3072') return { name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  return { name: 'ECDSA', namedCurve: algorithm };
}

function identity(certificate: Uint8Array, chain: readonly Uint8Array[], privateKey: CryptoKey): TsaIdentity {
  return {
    certificate,
    chain,
    rootCertificate: chain[chain.length - 1] ?? certificate,
    privateKey,
    async toPem() {
      const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', privateKey));
      return {
        certificate: toPem(certificate, 'CERTIFICATE'),
        chain: chain.map((c) => toPem(c, 'CERTIFICATE')).join(''),
        privateKey: toPem(pkcs8, 'PRIVATE KEY'),
      };
    },
  };
}

/**
 * Create a TSA identity for a self-hosted deployment: a root "<commonName> Root" valid 20 years and
 * the TSA certificate valid `validityYears` (10 by default). The private key is extractable so it
 * can be stored (toPem); keep that file readable only by the service.
 */
export async function createTsaIdentity(options: {
  commonName: string;
  organisation?: string;
  country?: string;
  algorithm?: TsaKeyAlgorithm;
  validityYears?: number;
}): Promise<TsaIdentity> {
  const algorithm = options.algorithm ?? 'P-256';
  const params = keyParams(algorithm);
  const rootKeys = (await webcrypto.subtle.generateKey(params, false, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const tsaKeys = (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const notBefore = new Date(now - 60_000);
  const base = { organisation: options.organisation, country: options.country };
  const root = await issueCertificate({
    subject: { ...base, commonName: `${options.commonName} Root` },
    publicKey: rootKeys.publicKey,
    issuer: { privateKey: rootKeys.privateKey },
    notBefore,
    notAfter: new Date(now + 20 * 365 * DAY),
    ca: { pathLength: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const certificate = await issueCertificate({
    subject: { ...base, commonName: options.commonName },
    publicKey: tsaKeys.publicKey,
    issuer: { certificate: root, privateKey: rootKeys.privateKey },
    notBefore,
    notAfter: new Date(now + (options.validityYears ?? 10) * 365 * DAY),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extendedKeyUsage: [OID.kpTimeStamping],
    extendedKeyUsageCritical: true,
  });
  return identity(certificate, [root], tsaKeys.privateKey);
}

/**
 * Load a stored TSA identity from its PEM texts. The key's algorithm follows the certificate
 * (ECDSA for EC keys, RSASSA-PKCS1-v1_5 with SHA-256 for RSA). Throws PKI_TSA_CONFIGURATION when
 * the files do not make a TSA identity.
 */
export async function loadTsaIdentity(pem: TsaIdentityPem): Promise<TsaIdentity> {
  const [certificate] = pemBlocks(pem.certificate, 'CERTIFICATE');
  const [pkcs8] = pemBlocks(pem.privateKey, 'PRIVATE KEY');
  if (!certificate) throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: 'no certificate in the certificate PEM' });
  if (!pkcs8) throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: 'no PKCS#8 private key in the key PEM' });
  const info = parseCertificate(certificate);
  const usage = tsaCertificateUsageProblem(info);
  if (usage) throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: usage });
  const algorithm =
    info.publicKey.algorithm === 'EC'
      ? { name: 'ECDSA', namedCurve: info.publicKey.curve ?? '' }
      : info.publicKey.algorithm === 'RSA'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : undefined;
  if (!algorithm) throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: `a ${info.publicKey.algorithm} key cannot sign timestamps here` });
  let privateKey: CryptoKey;
  try {
    privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']);
  } catch (err) {
    throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: `the private key cannot be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  return identity(certificate, pemBlocks(pem.chain, 'CERTIFICATE'), privateKey);
}
