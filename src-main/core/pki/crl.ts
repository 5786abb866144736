import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { toCertificateInfo, type CertificateInfo } from './certificate.js';
import { decodeAsn1, integerHex, toHex } from './der.js';
import { pkiHttpOr } from './http.js';
import { decodeName, sameName, type NameInfo } from './names.js';
import { OID } from './oids.js';
import { type RevocationFacts, type RevocationReason, revocationReasonOf } from './revocation-reason.js';
import { decodeSignatureAlgorithm } from './signature-algorithm.js';
import { verifySignature } from './verify-signature.js';

/**
 * Certificate revocation lists (RFC 5280 §5): read, verified against the issuing CA, and searched
 * for a serial number. Complete CRLs issued by the CA itself are supported; delta and indirect
 * CRLs are refused rather than misread.
 */

/** One revoked certificate on a CRL. */
export interface CrlEntry {
  readonly revocationDate: Date;
  readonly reason?: RevocationReason;
}

/** A CRL as read, before any trust decision. */
export interface CrlInfo {
  /** The CRL DER (for a DSS /CRLs entry). */
  readonly der: Uint8Array;
  readonly issuer: NameInfo;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** CRL number (hex), when stated. */
  readonly crlNumber?: string;
  /** Authority key identifier (hex), when stated. */
  readonly authorityKeyId?: string;
  /** Revoked serials (lowercase hex) and their entries. */
  readonly revoked: ReadonlyMap<string, CrlEntry>;
  /** Critical CRL extensions Inkstone does not process (delta indicator, indirect IDP...). */
  readonly unsupportedCriticalExtensions: readonly string[];
}

/** A certificate's status on a verified CRL. */
export interface CrlStatus extends RevocationFacts {
  readonly crl: CrlInfo;
  /** 'embedded', or the URL the CRL came from. */
  readonly source: string;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
}

const DELTA_CRL_INDICATOR = '2.5.29.27';
/** Clock tolerance for a current CRL. */
const SKEW_MS = 5 * 60_000;
const ISSUING_DISTRIBUTION_POINT = '2.5.29.28';
const CERTIFICATE_ISSUER = '2.5.29.29';

function invalid(reason: string): never {
  throw new InkstoneError('PKI_CRL_INVALID', { reason });
}

interface DecodedCrl {
  info: CrlInfo;
  crl: pkijs.CertificateRevocationList;
}

function readEntry(entry: pkijs.RevokedCertificate): CrlEntry {
  const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.crlReason);
  const parsed = reasonExt ? decodeAsn1(reasonExt.extnValue.valueBlock.valueHexView) : undefined;
  const code = parsed?.ok && parsed.value instanceof asn1js.Enumerated ? parsed.value.valueBlock.valueDec : undefined;
  if (entry.crlEntryExtensions?.extensions.some((e) => e.extnID === CERTIFICATE_ISSUER)) invalid('it is an indirect CRL, which is not supported');
  return { revocationDate: entry.revocationDate.value, reason: code === undefined ? undefined : revocationReasonOf(code) };
}

function decodeCrl(der: Uint8Array): DecodedCrl {
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) invalid(asn1.reason);
  try {
    const crl = new pkijs.CertificateRevocationList({ schema: asn1.value });
    const extensions = crl.crlExtensions?.extensions ?? [];
    const number = extensions.find((e) => e.extnID === OID.crlNumber)?.parsedValue;
    const aki = extensions.find((e) => e.extnID === OID.authorityKeyIdentifier)?.parsedValue;
    const revoked = new Map<string, CrlEntry>();
    for (const entry of crl.revokedCertificates ?? []) revoked.set(integerHex(entry.userCertificate), readEntry(entry));
    const handled = new Set<string>([OID.crlNumber, OID.authorityKeyIdentifier]);
    return {
      crl,
      info: {
        der: new Uint8Array(asn1.value.valueBeforeDecodeView),
        issuer: decodeName(crl.issuer),
        thisUpdate: crl.thisUpdate.value,
        nextUpdate: crl.nextUpdate?.value,
        crlNumber: number instanceof asn1js.Integer ? integerHex(number) : undefined,
        authorityKeyId: aki instanceof pkijs.AuthorityKeyIdentifier && aki.keyIdentifier ? toHex(aki.keyIdentifier.valueBlock.valueHexView) : undefined,
        revoked,
        unsupportedCriticalExtensions: extensions.filter((e) => e.critical && !handled.has(e.extnID)).map((e) => e.extnID),
      },
    };
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    return invalid(err instanceof Error ? err.message : String(err));
  }
}

/** Read a CRL (downloaded, or from a DSS or CMS) without judging it. Throws PKI_CRL_INVALID. */
export function parseCrl(der: Uint8Array): CrlInfo {
  return decodeCrl(der).info;
}

/**
 * Verify that `issuer` issued this CRL: names match, the issuer may sign CRLs (cRLSign when key
 * usage is stated), the signature verifies, and no critical extension is left unprocessed (delta
 * CRLs, indirect or partitioned distribution points). Throws PKI_CRL_INVALID.
 */
export function verifyCrl(der: Uint8Array, issuer: CertificateInfo | Uint8Array): CrlInfo {
  const ca = toCertificateInfo(issuer);
  const { info, crl } = decodeCrl(der);
  if (!sameName(info.issuer, ca.subject)) invalid(`it was issued by ${info.issuer.text}, not ${ca.subject.text}`);
  if (ca.keyUsage && !ca.keyUsage.includes('cRLSign')) invalid(`${ca.subject.text} may not sign CRLs`);
  const alg = decodeSignatureAlgorithm(crl.signatureAlgorithm);
  if (!alg.ok) invalid(alg.reason);
  if (!verifySignature(alg.scheme, ca.publicKey.spki, crl.tbsView, crl.signatureValue.valueBlock.valueHexView)) invalid('its signature does not verify');
  const unsupported = info.unsupportedCriticalExtensions;
  if (unsupported.includes(DELTA_CRL_INDICATOR)) invalid('it is a delta CRL, which is not supported');
  if (unsupported.some((oid) => oid !== ISSUING_DISTRIBUTION_POINT)) invalid(`it has unsupported critical extensions ${unsupported.join(', ')}`);
  return info;
}

/** Look `certificate` up on a CRL already verified for its issuer. */
export function crlStatusOf(crl: CrlInfo, certificate: CertificateInfo | Uint8Array, source = 'embedded'): CrlStatus {
  const cert = toCertificateInfo(certificate);
  if (!sameName(crl.issuer, cert.issuer)) invalid(`the CRL of ${crl.issuer.text} does not cover certificates issued by ${cert.issuer.text}`);
  const entry = crl.revoked.get(cert.serialNumber);
  const facts: RevocationFacts = entry ? { status: 'revoked', revocationTime: entry.revocationDate, revocationReason: entry.reason } : { status: 'good' };
  return { ...facts, crl, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, source };
}

/**
 * Download the CRL from the certificate's distribution points (or `urls`), verify it against the
 * issuer, require it to be current (nextUpdate not passed) and look the certificate up. Throws PKI_REVOCATION_NO_SOURCE, PKI_CRL_UNREACHABLE or
 * PKI_CRL_INVALID (the last failure when every distribution point fails).
 */
export async function fetchCrlStatus(
  certificate: CertificateInfo | Uint8Array,
  issuer: CertificateInfo | Uint8Array,
  options: { urls?: readonly string[]; timeoutMs?: number } = {},
): Promise<CrlStatus> {
  const cert = toCertificateInfo(certificate);
  const urls = options.urls ?? cert.crlUrls;
  if (urls.length === 0) throw new InkstoneError('PKI_REVOCATION_NO_SOURCE', { subject: cert.subject.text });
  let lastError: InkstoneError | undefined;
  for (const url of urls) {
    try {
      const der = await pkiHttpOr(
        { url, timeoutMs: options.timeoutMs ?? 15_000, accept: 'application/pkix-crl' },
        (reason) => new InkstoneError('PKI_CRL_UNREACHABLE', { url, reason }),
      );
      const crl = verifyCrl(der, issuer);
      // A CRL past its nextUpdate says nothing about revocations since; a current one must exist.
      if (crl.nextUpdate && crl.nextUpdate.getTime() < Date.now() - SKEW_MS)
        invalid(`the CRL at ${url} is out of date (nextUpdate ${crl.nextUpdate.toISOString()} has passed)`);
      return crlStatusOf(crl, cert, url);
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      lastError = err;
    }
  }
  throw lastError!;
}
