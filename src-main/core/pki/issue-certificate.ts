import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { hashLength } from '../crypto-names/index.js';
import { parseCertificate, type KeyUsageName } from './certificate.js';
import { softwareKeySigner, type CryptoKey } from './software-key.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type SigningAlgorithm = NonNullable<Parameters<typeof x509.X509CertificateGenerator.create>[0]['signingAlgorithm']>;

/**
 * Issuing X.509 certificates with a software CA key: the self-hosted TSA identity, and the test
 * PKI. Names are written UTF8String (PrintableString where the text allows), so Chinese names
 * survive every reader; the issuer is copied from the CA certificate's own encoding so NSS chains it.
 */

/** A distinguished name to issue, in the words of a certificate request. */
export interface DistinguishedNameInput {
  readonly commonName: string;
  readonly organisation?: string;
  readonly organisationalUnit?: string;
  /** Two-letter ISO country code ("CN"). */
  readonly country?: string;
  readonly province?: string;
  readonly locality?: string;
  /** Subject serial number (e.g. a Chinese unified social credit code or ID number). */
  readonly serialNumber?: string;
  readonly email?: string;
}

/** What to put in a certificate. */
export interface CertificateTemplate {
  readonly subject: DistinguishedNameInput;
  /** DER SubjectPublicKeyInfo or a WebCrypto public key. */
  readonly publicKey: Uint8Array | CryptoKey;
  /** The issuing CA: its certificate and private key. Omit `certificate` for a self-signed root. */
  readonly issuer: { readonly certificate?: Uint8Array; readonly privateKey: CryptoKey };
  /** Hex; random 128-bit positive when omitted. */
  readonly serialNumber?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Makes a CA certificate (basicConstraints cA, critical), optionally limiting the path below it. */
  readonly ca?: { readonly pathLength?: number };
  /** Key usage bits (critical). Omit to leave the extension out. */
  readonly keyUsage?: readonly KeyUsageName[];
  readonly extendedKeyUsage?: readonly string[];
  readonly extendedKeyUsageCritical?: boolean;
  readonly ocspUrls?: readonly string[];
  readonly caIssuerUrls?: readonly string[];
  readonly crlUrls?: readonly string[];
  readonly policies?: readonly string[];
  /** id-pkix-ocsp-nocheck, for a delegated OCSP responder's certificate. */
  readonly ocspNoCheck?: boolean;
}

const OID_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';

function nameJson(dn: DistinguishedNameInput): x509.JsonName {
  const rdns: [string, string | undefined][] = [
    ['C', dn.country],
    ['ST', dn.province],
    ['L', dn.locality],
    ['O', dn.organisation],
    ['OU', dn.organisationalUnit],
    ['2.5.4.5', dn.serialNumber],
    ['CN', dn.commonName],
    ['E', dn.email],
  ];
  return rdns.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => ({ [k]: [v as string] }));
}

function signingAlgorithm(key: CryptoKey): SigningAlgorithm {
  const scheme = softwareKeySigner(key).scheme;
  if (scheme.kind === 'ecdsa') return { name: 'ECDSA', hash: scheme.hash } as SigningAlgorithm;
  if (scheme.kind === 'rsa-pss') return { name: 'RSA-PSS', saltLength: hashLength(scheme.hash) } as SigningAlgorithm;
  return key.algorithm;
}

function keyUsageFlags(usages: readonly KeyUsageName[]): number {
  return usages.reduce((flags, u) => flags | x509.KeyUsageFlags[u], 0);
}

/** Issue a certificate; returns its DER. */
export async function issueCertificate(template: CertificateTemplate): Promise<Uint8Array> {
  const issuerCert = template.issuer.certificate ? new x509.X509Certificate(template.issuer.certificate) : undefined;
  const publicKey = template.publicKey instanceof Uint8Array ? new x509.PublicKey(template.publicKey) : template.publicKey;
  const ski = await x509.SubjectKeyIdentifierExtension.create(publicKey);
  const extensions: x509.Extension[] = [ski];
  if (template.ca) extensions.push(new x509.BasicConstraintsExtension(true, template.ca.pathLength, true));
  if (template.keyUsage) extensions.push(new x509.KeyUsagesExtension(keyUsageFlags(template.keyUsage), true));
  if (template.extendedKeyUsage)
    extensions.push(new x509.ExtendedKeyUsageExtension([...template.extendedKeyUsage], template.extendedKeyUsageCritical ?? false));
  const issuerKeyId = issuerCert ? parseCertificate(template.issuer.certificate!).subjectKeyId : ski.keyId;
  if (issuerKeyId) extensions.push(new x509.AuthorityKeyIdentifierExtension(issuerKeyId));
  if (template.ocspUrls?.length || template.caIssuerUrls?.length) {
    extensions.push(
      new x509.AuthorityInfoAccessExtension({
        ocsp: (template.ocspUrls ?? []).map((u) => new x509.GeneralName('url', u)),
        caIssuers: (template.caIssuerUrls ?? []).map((u) => new x509.GeneralName('url', u)),
      }),
    );
  }
  if (template.crlUrls?.length) extensions.push(new x509.CRLDistributionPointsExtension([...template.crlUrls]));
  if (template.policies?.length) extensions.push(new x509.CertificatePolicyExtension([...template.policies]));
  if (template.ocspNoCheck) extensions.push(new x509.Extension(OID_OCSP_NOCHECK, false, new Uint8Array([0x05, 0x00])));

  const subject = new x509.Name(nameJson(template.subject));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: template.serialNumber ?? randomSerial(),
    subject,
    issuer: issuerCert ? issuerCert.subjectName : subject,
    notBefore: template.notBefore,
    notAfter: template.notAfter,
    publicKey,
    signingKey: template.issuer.privateKey,
    signingAlgorithm: signingAlgorithm(template.issuer.privateKey),
    extensions,
  });
  return new Uint8Array(cert.rawData);
}

/** A random positive 128-bit serial (CA/B Forum asks for at least 64 bits of entropy). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString('hex');
}
