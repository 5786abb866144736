import type { CertificateInfo } from '../pki/index.js';
import type { TimestampIntegrity, TimestampReading } from './timestamp-reading.js';
import { checkPath, checkPathRevocation, type CertificateRevocationCheck, type PathCheck, type TrustContext } from './trust.js';

/**
 * Trust in a signer and in a timestamp authority, at the right time. A signer's path is validated
 * now; when it fails only because a certificate has since expired (or the signature predates the
 * validity period), it is validated again at the proven signing time — the time a trusted
 * timestamp proves the signature existed (ETSI EN 319 102-1 past signature validation, simplified:
 * the proof of existence is the earliest valid timestamp). A timestamp authority is validated at
 * the time it stamped (genTime).
 */

export interface SignerTrust {
  readonly path: PathCheck;
  readonly revocation: readonly CertificateRevocationCheck[];
  /** The path holds only at the proven signing time (a certificate has expired since). */
  readonly atProvenTime: boolean;
  /** A certificate of the path has expired (now) and no proof of existence saves it. */
  readonly expiredWithoutProof: boolean;
  /** The proven (or, without proof, the current) time is before the signer certificate's validity. */
  readonly notYetValid: boolean;
}

const TIME_REASONS = new Set(['EXPIRED', 'NOT_YET_VALID']);

export async function evaluateSigner(
  certificate: CertificateInfo,
  pool: readonly CertificateInfo[],
  provenTime: Date | null,
  signatureRevocationData: { readonly ocsps: readonly Uint8Array[]; readonly crls: readonly Uint8Array[] },
  ctx: TrustContext,
): Promise<SignerTrust> {
  let path = await checkPath(certificate, pool, ctx.now, ctx);
  let atProvenTime = false;
  if (path.failure && TIME_REASONS.has(path.failure.reason)) {
    // Validate again when the certificates were valid: at the proven time, or (without proof) at a
    // time inside every validity period, to see whether anything besides time is wrong.
    const then = await checkPath(certificate, pool, provenTime ?? commonValidity(path.path) ?? ctx.now, ctx);
    if (then.status === 'trusted' && provenTime) {
      path = then;
      atProvenTime = true;
    } else if (then.failure && !TIME_REASONS.has(then.failure.reason)) {
      path = then; // a structural failure is the real story
    }
  }
  const reason = path.failure?.reason;
  const notYetValid =
    (provenTime ?? ctx.now) < certificate.notBefore || (reason === 'NOT_YET_VALID' && path.failure?.certificate.sha256 === certificate.sha256);
  const expiredWithoutProof = reason === 'EXPIRED';
  const revocation = path.status === 'trusted' ? await checkPathRevocation(path.path, signatureRevocationData, ctx) : [];
  return { path, revocation, atProvenTime, expiredWithoutProof, notYetValid };
}

/** An instant inside every certificate's validity period, or null when they do not overlap. */
function commonValidity(path: readonly CertificateInfo[]): Date | null {
  if (!path.length) return null;
  const from = Math.max(...path.map((c) => c.notBefore.getTime()));
  const to = Math.min(...path.map((c) => c.notAfter.getTime()));
  return from <= to ? new Date(from) : null;
}

export interface TimestampTrust {
  readonly kind: 'signature-timestamp' | 'document-timestamp';
  readonly reading: TimestampReading;
  readonly integrity: TimestampIntegrity;
  readonly genTime: Date | null;
  readonly path: PathCheck;
  readonly revocation: readonly CertificateRevocationCheck[];
  /** Intact, from a proper TSA certificate, trusted at genTime and not revoked before it. */
  readonly valid: boolean;
}

export async function evaluateTimestamp(
  kind: TimestampTrust['kind'],
  reading: TimestampReading,
  integrity: TimestampIntegrity,
  ctx: TrustContext,
): Promise<TimestampTrust> {
  const genTime = reading.tstInfo?.genTime ?? null;
  const tsa = integrity.tsaCertificate;
  const at = genTime ?? ctx.now;
  const path: PathCheck = tsa ? await checkPath(tsa, reading.cms?.certificates ?? [], at, ctx) : { status: 'not-checked', path: [], at, failure: null };
  const revocation =
    path.status === 'trusted'
      ? await checkPathRevocation(path.path, { ocsps: reading.cms?.revocationValues.ocspResponses ?? [], crls: reading.cms?.revocationValues.crls ?? [] }, ctx)
      : [];
  // A TSA revoked before it stamped cannot vouch for the time; revoked later (key retired) it still can.
  const revokedBefore = revocation.some((r) => r.status === 'revoked' && (!r.evidence?.revocationTime || !genTime || r.evidence.revocationTime <= genTime));
  const valid = integrity.intact && integrity.usageProblem === null && path.status === 'trusted' && !revokedBefore;
  return { kind, reading, integrity, genTime, path, revocation, valid };
}
