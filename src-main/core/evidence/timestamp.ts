import { InkstoneError } from '../../../src-shared/errors/index.js';
import { buildCertificatePath, parseCertificate, TrustStore, verifyTimestampToken as checkTimestampToken, type CertificateInfo } from '../pki/index.js';

/**
 * Offline verification of the RFC 3161 token over a checkpoint, on the PKI capability's checks
 * (CMS signature, ESS signing-certificate binding, the TSA certificate's exclusive critical
 * id-kp-timeStamping usage, the imprint) plus a certificate path, valid at genTime, to the
 * self-signed root the receipt carries. Whether that root is *trusted* is the caller's decision —
 * a pinned fingerprint — so this reports which root it is.
 */
export interface TimestampFacts {
  readonly genTime: Date;
  readonly serialNumber: string;
  readonly policy: string;
  /** Accuracy in milliseconds, when the TSA states one. */
  readonly accuracyMs: number | null;
  readonly tsaSubject: string;
  readonly tsaCertificateSha256: string;
  /** SHA-256 of the self-signed root the path ends at: compare with a pinned root. */
  readonly rootSha256: string;
  readonly rootSubject: string;
  readonly chainLength: number;
}

function fail(reason: string): never {
  throw new InkstoneError('EVIDENCE_TIMESTAMP_INVALID', { reason });
}

function parseAll(ders: readonly Uint8Array[]): CertificateInfo[] {
  return ders.map((der) => {
    try {
      return parseCertificate(der);
    } catch {
      return fail('a certificate in the timestamp chain cannot be read');
    }
  });
}

/**
 * Verify `token` (DER ContentInfo) covers `imprint` (SHA-256 of the checkpoint). `certificates`
 * completes the chain beyond what the token carries (as a receipt keeps it).
 */
export async function verifyTimestampToken(token: Uint8Array, options: { imprint: Uint8Array; certificates?: readonly Uint8Array[] }): Promise<TimestampFacts> {
  const supplied = parseAll(options.certificates ?? []);
  let check;
  try {
    check = checkTimestampToken(token, { imprint: options.imprint, hashAlgorithm: 'SHA-256' });
    // A token without its TSA certificate: try the ones the receipt supplies.
    for (const candidate of supplied) {
      if (check.tsaCertificate) break;
      check = checkTimestampToken(token, { imprint: options.imprint, hashAlgorithm: 'SHA-256', tsaCertificate: candidate });
    }
  } catch (err) {
    return fail(err instanceof InkstoneError ? String(err.details.reason ?? err.message) : 'the token cannot be decoded');
  }
  if (!check.valid || !check.tsaCertificate) fail(check.problem ?? 'the TSA certificate is missing');
  const tsa = check.tsaCertificate;
  const genTime = check.tstInfo.genTime;
  const pool = [...check.cms.certificates, ...supplied];
  // The receipt's own roots are the candidate anchors; pinning decides whether one is trusted.
  const roots = pool.filter((c) => c.selfIssued);
  if (tsa.selfIssued) fail('the TSA certificate is self-signed: it needs a root of its own');
  const path = buildCertificatePath(tsa, { trustStore: new TrustStore(roots), pool, at: genTime });
  if (!path.ok) fail(`the TSA certificate does not chain to a root at ${genTime.toISOString()}: ${path.detail}`);
  return {
    genTime,
    serialNumber: check.tstInfo.serialNumber,
    policy: check.tstInfo.policy,
    accuracyMs: check.tstInfo.accuracyMs,
    tsaSubject: tsa.subject.text,
    tsaCertificateSha256: tsa.sha256,
    rootSha256: path.anchor.sha256,
    rootSubject: path.anchor.subject.text,
    chainLength: path.path.length,
  };
}
