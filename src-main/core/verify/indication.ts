import type { Indication, SubIndication } from '../../../src-shared/api/verification.js';
import type { CertificateInfo, ParsedSignedData } from '../pki/index.js';
import type { Coverage } from './byte-range.js';
import type { IntegrityVerdict, SignatureFieldKind } from './integrity.js';
import type { MessageCode } from './messages.js';
import type { ModificationJudgement } from './modifications.js';
import type { SignerTrust, TimestampTrust } from './signer-trust.js';
import type { PathCheck } from './trust.js';

/**
 * The ETSI EN 319 102-1 indication of one signature or document timestamp, with every problem that
 * kept it from TOTAL_PASSED (most decisive first). TOTAL_FAILED means proven wrong — broken bytes,
 * a signature that does not verify, a forbidden change, a revocation before the proven signing time.
 * INDETERMINATE means it could not be proven right — an untrusted or unverifiable chain, missing
 * revocation data, an expired certificate without a proof of existence, a weak algorithm.
 */

export interface Problem {
  readonly code: MessageCode;
  readonly params: Record<string, string | number>;
}

export interface IndicationInput {
  readonly kind: SignatureFieldKind;
  readonly integrity: IntegrityVerdict;
  readonly coverage: Coverage;
  readonly modifications: ModificationJudgement;
  readonly cms: ParsedSignedData | null;
  /** Signatures: the signer's trust. Document timestamps: null. */
  readonly signer: SignerTrust | null;
  readonly signerCertificate: CertificateInfo | null;
  /** Document timestamps: the token's own evaluation. */
  readonly timestamp: TimestampTrust | null;
  readonly provenTime: Date | null;
}

export interface IndicationResult {
  readonly indication: Indication;
  readonly subIndication: SubIndication | null;
  readonly problems: readonly Problem[];
}

const FAILED: ReadonlySet<SubIndication> = new Set(['FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'REVOKED', 'EXPIRED', 'NOT_YET_VALID']);

/** When an algorithm stopped being acceptable for new signatures; a proof of existence before it keeps old signatures. */
const WEAK_SINCE: Readonly<Record<string, Date>> = {
  'SHA-1': new Date('2012-08-01T00:00:00Z'),
  'RSA-1024': new Date('2011-01-01T00:00:00Z'),
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString().replace('.000Z', 'Z') : '?');
const subjectOf = (c: CertificateInfo) => c.subject.commonName ?? c.subject.text;

function integrityProblem(integrity: IntegrityVerdict, cms: ParsedSignedData | null): Problem {
  const f = integrity.findings;
  if (f.includes('BYTERANGE_MISSING') || f.includes('CONTENTS_MISSING') || f.includes('BYTERANGE_MALFORMED'))
    return { code: 'PROBLEM_SIGNATURE_MISSING_PARTS', params: {} };
  if (f.includes('BYTERANGE_INVALID')) return { code: 'PROBLEM_BYTERANGE', params: {} };
  if (f.includes('CMS_UNDECODABLE') || f.includes('TIMESTAMP_UNDECODABLE')) return { code: 'PROBLEM_CMS_UNDECODABLE', params: {} };
  if (f.includes('TIMESTAMP_IMPRINT_MISMATCH')) return { code: 'PROBLEM_TIMESTAMP_IMPRINT', params: {} };
  switch (integrity.subIndication) {
    case 'HASH_FAILURE':
      return { code: 'PROBLEM_DIGEST', params: {} };
    case 'SIG_CRYPTO_FAILURE':
      return { code: 'PROBLEM_SIGNATURE_VALUE', params: {} };
    case 'NO_SIGNING_CERTIFICATE_FOUND':
      return { code: 'PROBLEM_NO_SIGNER_CERTIFICATE', params: {} };
    case 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE':
      return { code: 'PROBLEM_UNSUPPORTED_ALGORITHM', params: { algorithm: cms?.signatureAlgorithm.name ?? '?' } };
    default:
      return { code: 'PROBLEM_FORMAT', params: {} };
  }
}

const CHAIN_CODES: Record<string, MessageCode> = {
  UNTRUSTED_ROOT: 'CHAIN_UNTRUSTED_ROOT',
  NO_ISSUER_FOUND: 'CHAIN_NO_ISSUER',
  PATH_TOO_LONG: 'CHAIN_TOO_LONG',
  SIGNATURE_INVALID: 'CHAIN_BAD_SIGNATURE',
  EXPIRED: 'CHAIN_EXPIRED',
  NOT_YET_VALID: 'CHAIN_NOT_YET_VALID',
  NOT_A_CA: 'CHAIN_NOT_A_CA',
  PATH_LENGTH_EXCEEDED: 'CHAIN_PATH_LENGTH',
  ISSUER_KEY_USAGE: 'CHAIN_ISSUER_KEY_USAGE',
  UNSUPPORTED_CRITICAL_EXTENSION: 'CHAIN_CRITICAL_EXTENSION',
};

/** Why a certificate path is not trusted, as a message; null when it is. */
export function chainProblem(path: PathCheck): Problem | null {
  if (path.status === 'trusted') return null;
  const failure = path.failure;
  if (!failure) return { code: 'CHAIN_NOT_CHECKED', params: {} };
  return { code: CHAIN_CODES[failure.reason] ?? 'CHAIN_NOT_CHECKED', params: { subject: subjectOf(failure.certificate) } };
}

/** Certificate signature algorithms that hash with SHA-1 (a forged issuer signature needs only a collision). */
const SHA1_CERTIFICATE_SIGNATURES: ReadonlySet<string> = new Set([
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.3.14.3.2.29', // sha1WithRSA (OIW)
  '1.2.840.10045.4.1', // ecdsa-with-SHA1
  '1.2.840.10040.4.3', // dsa-with-sha1
]);

/** Weak algorithms without a proof of existence from before they weakened. */
function weakAlgorithms(cms: ParsedSignedData | null, signer: CertificateInfo | null, path: readonly CertificateInfo[], provenTime: Date | null): Problem[] {
  const unproven = (algorithm: string) => !provenTime || provenTime >= WEAK_SINCE[algorithm];
  const problems: Problem[] = [];
  const own: string[] = [];
  if (cms?.digestAlgorithm.name === 'SHA-1') own.push('SHA-1');
  if (signer && signer.publicKey.algorithm.startsWith('RSA') && signer.publicKey.bits > 0 && signer.publicKey.bits < 1900) own.push('RSA-1024');
  if (own.some(unproven)) problems.push({ code: 'PROBLEM_WEAK_ALGORITHM', params: { algorithm: own.filter(unproven).join(', ') } });
  // An issuer's SHA-1 signature on a certificate of the path can be forged with a chosen-prefix
  // collision. A root's signature on itself proves nothing (the anchor is trusted as such).
  if (unproven('SHA-1'))
    for (const c of path)
      if (!c.selfIssued && SHA1_CERTIFICATE_SIGNATURES.has(c.signatureAlgorithm.oid))
        problems.push({ code: 'PROBLEM_WEAK_CERTIFICATE_SIGNATURE', params: { algorithm: 'SHA-1', subject: subjectOf(c) } });
  return problems;
}

export function decideIndication(input: IndicationInput): IndicationResult {
  const failed: Array<[SubIndication, Problem]> = [];
  const indeterminate: Array<[SubIndication, Problem]> = [];
  const put = (sub: SubIndication, problem: Problem) => (FAILED.has(sub) ? failed : indeterminate).push([sub, problem]);
  const { integrity, modifications, provenTime } = input;

  if (!integrity.intact) {
    const sub = integrity.subIndication ?? 'FORMAT_FAILURE';
    (sub === 'NO_SIGNING_CERTIFICATE_FOUND' || sub === 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' ? indeterminate : failed).push([
      sub,
      integrityProblem(integrity, input.cms),
    ]);
  }
  if (modifications.verdict === 'disallowed') failed.push(['FORMAT_FAILURE', { code: 'PROBLEM_MODIFIED', params: {} }]);
  if (integrity.intact && input.coverage === 'partial') failed.push(['FORMAT_FAILURE', { code: 'PROBLEM_COVERAGE', params: {} }]);

  const trust = input.kind === 'signature' ? input.signer : input.timestamp;
  if (integrity.intact && trust) {
    const chain = chainProblem(trust.path);
    if (input.signer?.expiredWithoutProof) put('OUT_OF_BOUNDS_NO_POE', { code: 'PROBLEM_EXPIRED_NO_POE', params: {} });
    else if (input.signer?.notYetValid) put(provenTime ? 'NOT_YET_VALID' : 'OUT_OF_BOUNDS_NO_POE', { code: 'PROBLEM_NOT_YET_VALID', params: {} });
    else if (chain) put(trust.path.status === 'untrusted' ? 'NO_CERTIFICATE_CHAIN_FOUND' : 'CERTIFICATE_CHAIN_GENERAL_FAILURE', chain);
    const usage = input.signerCertificate?.keyUsage;
    if (input.kind === 'signature' && usage && !usage.includes('digitalSignature') && !usage.includes('nonRepudiation'))
      put('CHAIN_CONSTRAINTS_FAILURE', { code: 'PROBLEM_KEY_USAGE', params: {} });
    if (input.timestamp?.integrity.usageProblem) put('SIG_CONSTRAINTS_FAILURE', { code: 'PROBLEM_TSA_USAGE', params: {} });
    for (const r of trust.revocation) {
      const subject = subjectOf(r.certificate);
      if (r.status === 'revoked') {
        const when = r.evidence?.revocationTime ?? null;
        const poeTime = input.kind === 'signature' ? provenTime : (input.timestamp?.genTime ?? null);
        if (poeTime && when && when > poeTime) continue; // revoked after the proven time: the signature stands
        if (poeTime) put('REVOKED', { code: 'PROBLEM_REVOKED', params: { time: iso(when) } });
        else put('REVOKED_NO_POE', { code: 'PROBLEM_REVOKED_NO_POE', params: { time: iso(when) } });
      } else if (input.kind === 'signature' && (r.status === 'unknown' || r.status === 'not-checked')) {
        // Timestamp authorities are vouched for by the anchor the user trusts; signers need a revocation answer.
        put('TRY_LATER', { code: r.status === 'not-checked' ? 'PROBLEM_REVOCATION_OFFLINE' : 'PROBLEM_REVOCATION_UNKNOWN', params: { subject } });
      }
    }
    for (const weak of weakAlgorithms(input.cms, input.signerCertificate, trust.path.path, provenTime)) put('CRYPTO_CONSTRAINTS_FAILURE_NO_POE', weak);
  }

  if (failed.length) return { indication: 'TOTAL_FAILED', subIndication: failed[0][0], problems: [...failed, ...indeterminate].map((p) => p[1]) };
  if (indeterminate.length) return { indication: 'INDETERMINATE', subIndication: indeterminate[0][0], problems: indeterminate.map((p) => p[1]) };
  return { indication: 'TOTAL_PASSED', subIndication: null, problems: [] };
}
