import { InkstoneError } from '../../../src-shared/errors/index.js';
import { toCertificateInfo, type CertificateInfo } from './certificate.js';
import { crlStatusOf, fetchCrlStatus, verifyCrl, type CrlStatus } from './crl.js';
import { sameName } from './names.js';
import { fetchOcspStatus, verifyOcspResponse, type OcspStatus } from './ocsp.js';
import type { RevocationFacts } from './revocation-reason.js';
import type { RevocationReuse } from './revocation-reuse.js';

/**
 * One question for the signer (collecting B-LT material) and the verifier: is this certificate
 * revoked? Revocation data already at hand (a DSS, a CMS) is used first; the network only when the
 * caller allows it — OCSP first (small, per certificate), then the CRL.
 */

/** Revocation data that answered for a certificate, with what the DSS needs to keep it. */
export interface RevocationEvidence extends RevocationFacts {
  readonly kind: 'ocsp' | 'crl';
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** The OCSPResponse or CRL DER. */
  readonly der: Uint8Array;
  /** Certificates that came with it (a delegated OCSP responder's), also wanted in the DSS. */
  readonly certificates: readonly CertificateInfo[];
  /** 'embedded', or the URL it was fetched from. */
  readonly source: string;
}

/** Where to look. */
export interface RevocationOptions {
  /** OCSP responses and CRLs already at hand (DSS, CMS revocation values). */
  readonly embedded?: { readonly ocspResponses?: readonly Uint8Array[]; readonly crls?: readonly Uint8Array[] };
  /** Fetch from the certificate's OCSP and CRL URLs when nothing embedded answers. */
  readonly allowOnline: boolean;
  readonly timeoutMs?: number;
  /** Answers this piece of work already fetched (a batch): asked before the network, and given what is fetched. */
  readonly reuse?: RevocationReuse;
}

export function fromOcsp(status: OcspStatus): RevocationEvidence {
  return {
    kind: 'ocsp',
    status: status.status,
    revocationTime: status.revocationTime,
    revocationReason: status.revocationReason,
    thisUpdate: status.thisUpdate,
    nextUpdate: status.nextUpdate,
    der: status.der,
    certificates: status.certificates,
    source: status.source,
  };
}

export function fromCrl(status: CrlStatus): RevocationEvidence {
  return {
    kind: 'crl',
    status: status.status,
    revocationTime: status.revocationTime,
    revocationReason: status.revocationReason,
    thisUpdate: status.thisUpdate,
    nextUpdate: status.nextUpdate,
    der: status.crl.der,
    certificates: [],
    source: status.source,
  };
}

/** The embedded answer for this certificate with the latest thisUpdate, if any verifies. */
function fromEmbedded(cert: CertificateInfo, issuer: CertificateInfo, embedded: NonNullable<RevocationOptions['embedded']>): RevocationEvidence | undefined {
  const answers: RevocationEvidence[] = [];
  for (const der of embedded.ocspResponses ?? []) {
    try {
      answers.push(fromOcsp(verifyOcspResponse(der, cert, issuer)));
    } catch {
      // Responses about other certificates, or ones that do not verify, simply do not answer.
    }
  }
  for (const der of embedded.crls ?? []) {
    try {
      const crl = verifyCrl(der, issuer);
      if (sameName(crl.issuer, cert.issuer)) answers.push(fromCrl(crlStatusOf(crl, cert)));
    } catch {
      // A CRL of another CA, or one that does not verify.
    }
  }
  return answers.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
}

/**
 * The revocation status of `certificate` (issued by `issuer`). Embedded data first; online only
 * with `allowOnline` (else PKI_REVOCATION_OFFLINE). Online, an OCSP "unknown" falls through to the
 * CRL. Throws the last network or validity error when no source answers, PKI_REVOCATION_NO_SOURCE
 * when the certificate names none.
 */
export async function checkRevocation(
  certificate: CertificateInfo | Uint8Array,
  issuer: CertificateInfo | Uint8Array,
  options: RevocationOptions,
): Promise<RevocationEvidence> {
  const cert = toCertificateInfo(certificate);
  const ca = toCertificateInfo(issuer);
  const embedded = options.embedded ? fromEmbedded(cert, ca, options.embedded) : undefined;
  if (embedded) return embedded;
  if (!options.allowOnline) throw new InkstoneError('PKI_REVOCATION_OFFLINE', { subject: cert.subject.text });
  if (cert.ocspUrls.length === 0 && cert.crlUrls.length === 0) throw new InkstoneError('PKI_REVOCATION_NO_SOURCE', { subject: cert.subject.text });
  const reused = options.reuse?.answer(cert, ca);
  if (reused) return reused;
  const fetched = await fetchRevocation(cert, ca, options.timeoutMs);
  options.reuse?.remember(cert, ca, fetched);
  return fetched;
}

/** OCSP first, then the CRL (an OCSP "unknown" falls through to it). */
async function fetchRevocation(cert: CertificateInfo, ca: CertificateInfo, timeoutMs: number | undefined): Promise<RevocationEvidence> {
  let lastError: InkstoneError | undefined;
  let unknown: RevocationEvidence | undefined;
  if (cert.ocspUrls.length) {
    try {
      const status = await fetchOcspStatus(cert, ca, { timeoutMs });
      const evidence = fromOcsp(status);
      if (status.status !== 'unknown') return evidence;
      unknown = evidence;
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      lastError = err;
    }
  }
  if (cert.crlUrls.length) {
    try {
      return fromCrl(await fetchCrlStatus(cert, ca, { timeoutMs }));
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      lastError = err;
    }
  }
  if (unknown) return unknown;
  throw lastError!;
}
