import { findSignatures, type PdfDocument, type PdfSignatureInfo } from '../pdf/index.js';
import { verifyCmsSignature, type CmsSignatureCheck, type HashAlgorithm } from '../pki/index.js';
import type { SubIndication } from '../../../src-shared/api/verification.js';
import { checkByteRange, type ByteRangeCheck } from './byte-range.js';
import { readCms, type CmsReading } from './cms-reading.js';
import { checkTimestampToken, readTimestampToken, type TimestampIntegrity, type TimestampReading } from './timestamp-reading.js';

/**
 * Per-signature integrity: is the signature (or document timestamp) well-formed, does its
 * `/ByteRange` name this dictionary's bytes, and does the CMS (or the token and its imprint)
 * verify over exactly those bytes? Reading happens first, for every signature, so that the file can
 * then be hashed once for all of them; judging follows with the digests.
 */

/** What a signature field holds: a signature, or a document timestamp (ETSI.RFC3161). */
export type SignatureFieldKind = 'signature' | 'document-timestamp';

/** Everything read from one signature dictionary before hashing. */
export interface SignatureReading {
  readonly info: PdfSignatureInfo;
  readonly kind: SignatureFieldKind;
  readonly byteRange: ByteRangeCheck;
  /** Signatures: the CMS. */
  readonly cms: CmsReading | null;
  /** Document timestamps: the token. */
  readonly token: TimestampReading | null;
  /** How the signed bytes must be hashed; null when they cannot be. */
  readonly digestAlgorithm: HashAlgorithm | null;
}

const DETACHED = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

export function signatureFieldKind(info: PdfSignatureInfo): SignatureFieldKind {
  return info.subFilter === 'ETSI.RFC3161' || info.type === 'DocTimeStamp' ? 'document-timestamp' : 'signature';
}

export function readSignature(doc: PdfDocument, info: PdfSignatureInfo): SignatureReading {
  const kind = signatureFieldKind(info);
  const byteRange = checkByteRange(doc, info);
  if (kind === 'document-timestamp') {
    const token = info.contents ? readTimestampToken(info.contents) : null;
    return { info, kind, byteRange, cms: null, token, digestAlgorithm: token?.hashAlgorithm ?? null };
  }
  const cms = info.contents ? readCms(info.contents) : null;
  // adbe.pkcs7.sha1 signs the SHA-1 of the ByteRange bytes, carried as encapsulated content.
  const digestAlgorithm = info.subFilter === 'adbe.pkcs7.sha1' ? 'SHA-1' : (cms?.parsed?.digestAlgorithm.name ?? null);
  return { info, kind, byteRange, cms, token: null, digestAlgorithm };
}

/** Where a signature's signed bytes end: the key of document order (oldest first). */
function orderKey(doc: PdfDocument, r: SignatureReading): number {
  return r.byteRange.end ?? doc.revisions[Math.max(0, r.info.revision)]?.endOffset ?? doc.size;
}

/** Every signature and document timestamp of the document, read, in document order. */
export function readSignatures(doc: PdfDocument): SignatureReading[] {
  return findSignatures(doc)
    .map((info) => readSignature(doc, info))
    .sort((a, b) => orderKey(doc, a) - orderKey(doc, b));
}

export interface IntegrityVerdict {
  readonly intact: boolean;
  /** Why not, as an ETSI sub-indication (TOTAL_FAILED for the first three, INDETERMINATE otherwise). */
  readonly subIndication: SubIndication | null;
  readonly findings: readonly string[];
  /** Signatures: the CMS check (signer certificate, attribute bindings). */
  readonly check: CmsSignatureCheck | null;
  /** Document timestamps: the token check. */
  readonly timestamp: TimestampIntegrity | null;
  /** First reason, in English, for expert details. */
  readonly problem: string | null;
}

/** Judge a reading given the digest of its signed bytes (null when they could not be hashed). */
export function judgeIntegrity(reading: SignatureReading, signedDigest: Uint8Array | null): IntegrityVerdict {
  const findings = [...reading.byteRange.findings];
  const formatProblem = reading.byteRange.findings.length ? 'BYTERANGE_INVALID' : null;
  if (formatProblem) findings.push(formatProblem);
  const broken = (subIndication: SubIndication, problem: string | null, extra: Partial<IntegrityVerdict> = {}): IntegrityVerdict => ({
    intact: false,
    subIndication,
    findings: [...new Set(findings)],
    check: null,
    timestamp: null,
    problem,
    ...extra,
  });

  if (reading.kind === 'document-timestamp') {
    const token = reading.token;
    if (token) findings.push(...token.findings);
    if (!token || !token.cms || !token.tstInfo) return broken('FORMAT_FAILURE', token?.problem ?? 'the document timestamp has no /Contents');
    const timestamp = checkTimestampToken(token, reading.byteRange.hashable && reading.byteRange.gapIsContents ? signedDigest : null);
    findings.push(...timestamp.findings);
    if (formatProblem) return broken('FORMAT_FAILURE', 'the /ByteRange does not name this timestamp’s bytes', { timestamp });
    if (!timestamp.tsaCertificate) return broken('NO_SIGNING_CERTIFICATE_FOUND', timestamp.problem, { timestamp });
    if (!timestamp.intact) return broken(timestamp.imprintMatches ? 'SIG_CRYPTO_FAILURE' : 'HASH_FAILURE', timestamp.problem, { timestamp });
    return { intact: true, subIndication: null, findings: [...new Set(findings)], check: null, timestamp, problem: null };
  }

  const cms = reading.cms;
  if (cms) findings.push(...cms.findings);
  if (!cms || !cms.parsed) return broken('FORMAT_FAILURE', cms?.problem ?? 'the signature has no /Contents');
  const parsed = cms.parsed;
  const encapsulatedInDetached = parsed.encapsulatedContent !== undefined && DETACHED.has(reading.info.subFilter ?? '');
  if (encapsulatedInDetached) findings.push('ENCAPSULATED_CONTENT_IN_DETACHED_SIGNATURE');
  if (parsed.signerInfoCount !== 1) findings.push('MULTIPLE_SIGNER_INFOS');
  if (formatProblem) {
    // Still say whether the named bytes are what was signed: expert readers want both facts.
    const named = signedDigest && parsed.digestAlgorithm.name ? verifyCmsSignature(parsed, signedDigest) : null;
    if (named && !named.digestMatches) findings.push('DIGEST_MISMATCH');
    return broken('FORMAT_FAILURE', 'the /ByteRange does not name this signature’s bytes', { check: named });
  }
  if (!signedDigest || !parsed.digestAlgorithm.name) return broken('FORMAT_FAILURE', `the signed bytes cannot be hashed (${parsed.digestAlgorithm.oid})`);

  // adbe.pkcs7.sha1: the encapsulated content must be the SHA-1 of the signed bytes.
  if (
    reading.info.subFilter === 'adbe.pkcs7.sha1' &&
    !(parsed.encapsulatedContent && Buffer.from(parsed.encapsulatedContent).equals(Buffer.from(signedDigest)))
  ) {
    findings.push('DIGEST_MISMATCH');
    return broken('HASH_FAILURE', 'the SHA-1 in the signature is not that of the signed bytes');
  }
  const check = verifyCmsSignature(parsed, signedDigest);
  if (!check.signerCertificate) return broken('NO_SIGNING_CERTIFICATE_FOUND', check.problem ?? null, { check });
  if (findings.includes('UNSUPPORTED_ALGORITHM')) return broken('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', check.problem ?? null, { check });
  if (!check.digestMatches) {
    findings.push('DIGEST_MISMATCH');
    return broken('HASH_FAILURE', check.problem ?? null, { check });
  }
  if (!check.signatureValid) {
    findings.push('SIGNATURE_VALUE_INVALID');
    return broken('SIG_CRYPTO_FAILURE', check.problem ?? null, { check });
  }
  if (check.signingCertV2Matches === false || check.signingCertV1Matches === false) {
    findings.push('SIGNING_CERTIFICATE_MISMATCH');
    return broken('NO_SIGNING_CERTIFICATE_FOUND', check.problem ?? null, { check });
  }
  if (!check.contentTypeMatches || parsed.signerInfoCount !== 1)
    return broken('FORMAT_FAILURE', check.problem ?? 'the CMS carries more than one signer', { check });
  return { intact: true, subIndication: null, findings: [...new Set(findings)], check, timestamp: null, problem: null };
}
