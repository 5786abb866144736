import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { describeSignatureScheme } from '../crypto-names/index.js';
import { readAccessUrls, readAuthorityKeyId, readCrlUrls, readPolicies } from './certificate-extensions.js';
import { decodeAsn1, encodeDer, integerHex, toHex } from './der.js';
import { sha256Hex } from './digest.js';
import { decodeName, sameName, type NameInfo } from './names.js';
import { OID } from './oids.js';
import { decodeSignatureAlgorithm } from './signature-algorithm.js';
import { publicKeyFromSpki } from './verify-signature.js';

/** The RFC 5280 key usage bits, by name. */
export type KeyUsageName =
  'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign' | 'encipherOnly' | 'decipherOnly';

const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/** The subject public key, as a report shows it. */
export interface PublicKeyInfo {
  /** 'RSA', 'RSA-PSS', 'EC', 'Ed25519', 'SM2', or the key algorithm OID when unknown. */
  readonly algorithm: string;
  /** Modulus size for RSA, field size for EC. 0 when unknown. */
  readonly bits: number;
  /** 'P-256', 'P-384', 'P-521', 'SM2' or the curve OID, for EC keys. */
  readonly curve?: string;
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
}

/** Everything Inkstone reads from an X.509 certificate. */
export interface CertificateInfo {
  readonly der: Uint8Array;
  /** SHA-256 of the DER, lowercase hex: the certificate's fingerprint. */
  readonly sha256: string;
  /** Serial number, lowercase hex without sign padding. */
  readonly serialNumber: string;
  /** X.509 version (1 or 3). */
  readonly version: number;
  readonly subject: NameInfo;
  readonly issuer: NameInfo;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Key usage bits set, or undefined when the extension is absent (no restriction). */
  readonly keyUsage?: readonly KeyUsageName[];
  /** Extended key usage OIDs, or undefined when absent. */
  readonly extendedKeyUsage?: readonly string[];
  readonly extendedKeyUsageCritical: boolean;
  /** Basic constraints, or undefined when absent (then not a CA). */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  /** OCSP responder URLs from Authority Information Access. */
  readonly ocspUrls: readonly string[];
  /** Issuer certificate URLs (caIssuers) from Authority Information Access. */
  readonly caIssuerUrls: readonly string[];
  /** CRL distribution point URLs. */
  readonly crlUrls: readonly string[];
  /** Subject key identifier, hex. */
  readonly subjectKeyId?: string;
  /** Authority key identifier (keyIdentifier field), hex. */
  readonly authorityKeyId?: string;
  /** Certificate policy OIDs. */
  readonly policies: readonly string[];
  readonly publicKey: PublicKeyInfo;
  /** The algorithm the issuer signed this certificate with. */
  readonly signatureAlgorithm: { readonly oid: string; readonly name: string };
  /** Subject and issuer are the same name (a root, or a CA re-key certificate). */
  readonly selfIssued: boolean;
  /** id-pkix-ocsp-nocheck present: a delegated OCSP responder whose own status is not checked. */
  readonly ocspNoCheck: boolean;
  /** Every extension, with its criticality (path validation rejects unknown critical ones). */
  readonly extensions: readonly { readonly oid: string; readonly critical: boolean }[];
}

/** Decode DER into a pkijs certificate, or PKI_CERT_MALFORMED. */
export function decodeCertificate(der: Uint8Array): pkijs.Certificate {
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) throw new InkstoneError('PKI_CERT_MALFORMED', { reason: asn1.reason });
  if (asn1.value.valueBeforeDecodeView.length !== der.length)
    throw new InkstoneError('PKI_CERT_MALFORMED', { reason: 'unexpected bytes after the certificate' });
  try {
    return new pkijs.Certificate({ schema: asn1.value });
  } catch (err) {
    throw new InkstoneError('PKI_CERT_MALFORMED', { reason: err instanceof Error ? err.message : String(err) });
  }
}

function extensionValue<T>(cert: pkijs.Certificate, oid: string, type: abstract new (...args: never[]) => T): T | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === oid);
  if (!ext) return undefined;
  const value: unknown = ext.parsedValue;
  if (!(value instanceof type) || (value && typeof value === 'object' && 'parsingError' in value)) {
    throw new InkstoneError('PKI_CERT_MALFORMED', { reason: `extension ${oid} cannot be read` });
  }
  return value;
}

/** An extension's value (the contents of its extnValue OCTET STRING), undecoded. */
function extensionBytes(cert: pkijs.Certificate, oid: string): Uint8Array | undefined {
  return cert.extensions?.find((e) => e.extnID === oid)?.extnValue.valueBlock.valueHexView;
}

function readKeyUsage(cert: pkijs.Certificate): KeyUsageName[] | undefined {
  const bits = extensionValue(cert, OID.keyUsage, asn1js.BitString);
  if (!bits) return undefined;
  const bytes = bits.valueBlock.valueHexView;
  return KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

const CURVE_NAMES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
  SM2: 'SM2',
  '1.2.156.10197.1.301': 'SM2',
};
const CURVE_BITS: Readonly<Record<string, number>> = { 'P-256': 256, 'P-384': 384, 'P-521': 521, SM2: 256 };

function readPublicKey(cert: pkijs.Certificate): PublicKeyInfo {
  const spki = encodeDer(cert.subjectPublicKeyInfo.toSchema());
  const key = publicKeyFromSpki(spki);
  const details = key?.asymmetricKeyDetails;
  const keyOid = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (key?.asymmetricKeyType === 'rsa' || key?.asymmetricKeyType === 'rsa-pss') {
    return { algorithm: key.asymmetricKeyType === 'rsa' ? 'RSA' : 'RSA-PSS', bits: details?.modulusLength ?? 0, spki };
  }
  if (key?.asymmetricKeyType === 'ed25519') return { algorithm: 'Ed25519', bits: 256, spki };
  if (keyOid === OID.ecPublicKey) {
    const params = cert.subjectPublicKeyInfo.algorithm.algorithmParams;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    const curve = CURVE_NAMES[details?.namedCurve ?? ''] ?? CURVE_NAMES[curveOid] ?? curveOid;
    return { algorithm: curve === 'SM2' ? 'SM2' : 'EC', bits: CURVE_BITS[curve] ?? 0, curve, spki };
  }
  return { algorithm: keyOid, bits: 0, spki };
}

const SIGNATURE_NAMES: Readonly<Record<string, string>> = { '1.2.156.10197.1.501': 'SM2 / SM3', [OID.ed25519]: 'Ed25519' };

/**
 * Recently parsed certificates by fingerprint. A verification reads the same handful of CA
 * certificates again and again (CMS, DSS, every path), and decoding extensions with pkijs costs
 * milliseconds each time. Entries are immutable facts about immutable bytes.
 */
const parsed = new Map<string, CertificateInfo>();
const PARSED_CACHE_SIZE = 512;

/** Parse a DER certificate into the facts Inkstone uses. Throws PKI_CERT_MALFORMED. Treat the result as immutable. */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  const fingerprint = sha256Hex(der);
  const cached = parsed.get(fingerprint);
  if (cached) return cached;
  const info = readCertificate(der, fingerprint);
  if (parsed.size >= PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  parsed.set(fingerprint, info);
  return info;
}

/** The pkijs form behind each parsed certificate, kept so that signing and path checks do not decode it again. */
const decodedForms = new WeakMap<CertificateInfo, pkijs.Certificate>();

/** The decoded pkijs certificate behind a parsed one (issuer name, serial, TBS bytes). Read-only: it is shared. */
export function decodedCertificate(info: CertificateInfo): pkijs.Certificate {
  let cert = decodedForms.get(info);
  if (!cert) {
    cert = decodeCertificate(info.der);
    decodedForms.set(info, cert);
  }
  return cert;
}

function readCertificate(der: Uint8Array, fingerprint: string): CertificateInfo {
  const cert = decodeCertificate(der);
  const exact = new Uint8Array(der);
  try {
    const info = describeCertificate(cert, exact, fingerprint);
    decodedForms.set(info, cert);
    return info;
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    throw new InkstoneError('PKI_CERT_MALFORMED', { reason: err instanceof Error ? err.message : String(err) });
  }
}

function describeCertificate(cert: pkijs.Certificate, exact: Uint8Array, fingerprint: string): CertificateInfo {
  const subject = decodeName(cert.subject);
  const issuer = decodeName(cert.issuer);
  const basic = extensionValue(cert, OID.basicConstraints, pkijs.BasicConstraints);
  const eku = extensionValue(cert, OID.extKeyUsage, pkijs.ExtKeyUsage);
  const aia = extensionBytes(cert, OID.authorityInfoAccess);
  const crlDp = extensionBytes(cert, OID.crlDistributionPoints);
  const policies = extensionBytes(cert, OID.certificatePolicies);
  const ski = extensionValue(cert, OID.subjectKeyIdentifier, asn1js.OctetString);
  const aki = extensionBytes(cert, OID.authorityKeyIdentifier);
  const sigScheme = decodeSignatureAlgorithm(cert.signatureAlgorithm);
  const sigOid = cert.signatureAlgorithm.algorithmId;
  const access = aia ? readAccessUrls(aia) : { ocsp: [], caIssuers: [] };
  return {
    der: exact,
    sha256: fingerprint,
    serialNumber: integerHex(cert.serialNumber),
    version: cert.version + 1,
    subject,
    issuer,
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    keyUsage: readKeyUsage(cert),
    extendedKeyUsage: eku?.keyPurposes,
    extendedKeyUsageCritical: cert.extensions?.find((e) => e.extnID === OID.extKeyUsage)?.critical ?? false,
    basicConstraints: basic
      ? {
          ca: Boolean(basic.cA),
          pathLength: typeof basic.pathLenConstraint === 'number' ? basic.pathLenConstraint : basic.pathLenConstraint?.valueBlock.valueDec,
        }
      : undefined,
    ocspUrls: access.ocsp,
    caIssuerUrls: access.caIssuers,
    crlUrls: crlDp ? readCrlUrls(crlDp) : [],
    subjectKeyId: ski ? toHex(ski.valueBlock.valueHexView) : undefined,
    authorityKeyId: aki ? readAuthorityKeyId(aki) : undefined,
    policies: policies ? readPolicies(policies) : [],
    publicKey: readPublicKey(cert),
    signatureAlgorithm: { oid: sigOid, name: sigScheme.ok ? describeSignatureScheme(sigScheme.scheme) : (SIGNATURE_NAMES[sigOid] ?? sigOid) },
    selfIssued: sameName(subject, issuer),
    ocspNoCheck: cert.extensions?.some((e) => e.extnID === OID.ocspNoCheck) ?? false,
    extensions: (cert.extensions ?? []).map((e) => ({ oid: e.extnID, critical: e.critical })),
  };
}

/** Accept either form at API boundaries. */
export function toCertificateInfo(cert: CertificateInfo | Uint8Array): CertificateInfo {
  return cert instanceof Uint8Array ? parseCertificate(cert) : cert;
}

/** Whether the certificate's validity period contains the instant. */
export function isValidAt(cert: CertificateInfo, at: Date): boolean {
  return at.getTime() >= cert.notBefore.getTime() && at.getTime() <= cert.notAfter.getTime();
}

/**
 * Check the signer's own certificate before a signature is made with it: within its validity period
 * at `at`, and issued for signing (key usage digitalSignature or nonRepudiation, when key usage is
 * stated at all — RFC 5280 §4.2.1.3 reads an absent extension as unrestricted).
 * Throws PKI_CERT_NOT_YET_VALID, PKI_CERT_EXPIRED or PKI_CERT_KEY_USAGE.
 */
export function checkSigningCertificate(cert: CertificateInfo | Uint8Array, at: Date): CertificateInfo {
  const info = toCertificateInfo(cert);
  const subject = info.subject.commonName ?? info.subject.text;
  if (at.getTime() < info.notBefore.getTime()) throw new InkstoneError('PKI_CERT_NOT_YET_VALID', { subject, notBefore: info.notBefore.toISOString() });
  if (at.getTime() > info.notAfter.getTime()) throw new InkstoneError('PKI_CERT_EXPIRED', { subject, notAfter: info.notAfter.toISOString() });
  if (info.keyUsage && !info.keyUsage.includes('digitalSignature') && !info.keyUsage.includes('nonRepudiation')) {
    throw new InkstoneError('PKI_CERT_KEY_USAGE', { subject, keyUsage: info.keyUsage.join(', ') || 'none' });
  }
  return info;
}
