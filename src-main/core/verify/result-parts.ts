import type { Language } from '../../../src-shared/i18n/index.js';
import type { CertificateSummary, ChainResult, RevocationResult, TimestampResult, VerifyMessage } from '../../../src-shared/api/verification.js';
import type { CertificateInfo } from '../pki/index.js';
import { chainProblem } from './indication.js';
import { message } from './messages.js';
import type { TimestampTrust } from './signer-trust.js';
import type { CertificateRevocationCheck, PathCheck } from './trust.js';

/** Turning the verifier's facts into the parts of the JSON result. */

export const isoTime = (d: Date): string => d.toISOString();

export function certificateSummary(c: CertificateInfo): CertificateSummary {
  const org = c.subject.attributes.find((a) => a.type === 'O')?.value ?? null;
  const key =
    c.publicKey.algorithm === 'EC' || c.publicKey.algorithm === 'SM2'
      ? `${c.publicKey.algorithm} ${c.publicKey.curve ?? ''}`.trim()
      : `${c.publicKey.algorithm}${c.publicKey.bits ? ` ${c.publicKey.bits}` : ''}`;
  return {
    subject: c.subject.text,
    commonName: c.subject.commonName ?? null,
    organisation: org,
    issuer: c.issuer.text,
    serialNumber: c.serialNumber,
    sha256: c.sha256,
    notBefore: isoTime(c.notBefore),
    notAfter: isoTime(c.notAfter),
    key,
  };
}

const label = (c: CertificateInfo) => c.subject.commonName ?? c.subject.text;

function chainMessage(path: PathCheck, lang: Language): VerifyMessage | null {
  const problem = chainProblem(path);
  return problem ? message(problem.code, problem.params, lang) : null;
}

export function chainResult(path: PathCheck | null, lang: Language, now: Date): ChainResult {
  if (!path) return { status: 'not-checked', certificates: [], validatedAt: isoTime(now), problem: message('CHAIN_NOT_CHECKED', {}, lang) };
  return { status: path.status, certificates: path.path.map(certificateSummary), validatedAt: isoTime(path.at), problem: chainMessage(path, lang) };
}

const WORST: readonly RevocationResult['status'][] = ['revoked', 'unknown', 'not-checked', 'good'];

export function revocationResult(checks: readonly CertificateRevocationCheck[], trusted: boolean, online: boolean, lang: Language): RevocationResult {
  const statuses = checks.map((c): RevocationResult['status'] => (c.status === 'not-needed' ? 'good' : c.status));
  const status = !trusted ? 'not-checked' : (WORST.find((s) => statuses.includes(s)) ?? 'good');
  const revoked = checks.find((c) => c.status === 'revoked');
  const lacking = checks.find((c) => c.status === 'unknown' || c.status === 'not-checked');
  const problem = revoked
    ? message(
        'REVOCATION_REVOKED',
        { subject: label(revoked.certificate), time: revoked.evidence?.revocationTime ? isoTime(revoked.evidence.revocationTime) : '?' },
        lang,
      )
    : lacking
      ? message(lacking.status === 'not-checked' ? 'PROBLEM_REVOCATION_OFFLINE' : 'PROBLEM_REVOCATION_UNKNOWN', { subject: label(lacking.certificate) }, lang)
      : null;
  return {
    status,
    online,
    certificates: checks.map((c) => ({
      subject: c.certificate.subject.text,
      status: c.status,
      source: c.source,
      kind: c.evidence?.kind ?? null,
      thisUpdate: c.evidence ? isoTime(c.evidence.thisUpdate) : null,
      revocationTime: c.evidence?.revocationTime ? isoTime(c.evidence.revocationTime) : null,
      reason: c.evidence?.revocationReason ?? null,
    })),
    problem,
  };
}

export function timestampResult(t: TimestampTrust, lang: Language, now: Date): TimestampResult {
  const tsa = t.integrity.tsaCertificate;
  const problem = !t.integrity.intact
    ? message(t.integrity.imprintMatches ? 'PROBLEM_SIGNATURE_VALUE' : 'PROBLEM_TIMESTAMP_IMPRINT', {}, lang)
    : t.integrity.usageProblem
      ? message('PROBLEM_TSA_USAGE', {}, lang)
      : chainMessage(t.path, lang);
  return {
    kind: t.kind,
    genTime: t.genTime ? isoTime(t.genTime) : null,
    tsa: tsa ? tsa.subject.text : (t.reading.tstInfo?.tsaName ?? null),
    integrity: t.integrity.intact ? 'intact' : 'broken',
    chain: chainResult(tsa ? t.path : null, lang, now),
    valid: t.valid,
    problem: t.valid ? null : problem,
  };
}
