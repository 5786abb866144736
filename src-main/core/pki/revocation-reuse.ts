import { createHash } from 'node:crypto';
import type { CertificateInfo } from './certificate.js';
import { crlStatusOf, verifyCrl } from './crl.js';
import { verifyOcspResponse } from './ocsp.js';
import { fromCrl, fromOcsp, type RevocationEvidence } from './revocation.js';

/**
 * Revocation answers fetched online during one piece of work (a signing batch verifies a hundred
 * copies signed by the same certificate), asked again for that certificate only. An answer is kept
 * per certificate and issuer, as its DER; a reuse takes it only if those bytes verify for exactly
 * this pair (its signature, its CertID or CRL issuer) and requires it current (thisUpdate not in the future,
 * nextUpdate not passed) and no older than `maxAgeMs` since it was fetched, so a revocation
 * published meanwhile is seen on the next fetch. Only "good" and "revoked" answers are kept.
 * The answers are plain data, so a worker thread can hand them back to the caller and on to the
 * next task.
 */

/** An answer as it was fetched. */
export interface FetchedRevocation {
  readonly certificateSha256: string;
  readonly issuerSha256: string;
  readonly kind: 'ocsp' | 'crl';
  readonly der: Uint8Array;
  /** The URL it came from. */
  readonly source: string;
  /** Epoch milliseconds. */
  readonly fetchedAt: number;
}

/** How long a fetched answer is reused: a batch takes seconds; a later batch asks again. */
export const REVOCATION_REUSE_MS = 5 * 60_000;
const SKEW_MS = 5 * 60_000;

/**
 * Verdicts on kept answers in this thread, by their bytes, certificate and issuer: whether those
 * bytes verify for that pair cannot change, and decoding an OCSP response costs more than the rest
 * of a one-page verification. Freshness is still judged at every reuse.
 */
const checked = new Map<string, RevocationEvidence | null>();
const CHECKED_MAX = 64;

function verified(kept: FetchedRevocation, cert: CertificateInfo, issuer: CertificateInfo): RevocationEvidence | null {
  const key = [kept.kind, createHash('sha256').update(kept.der).digest('hex'), cert.sha256, issuer.sha256, kept.source].join('|');
  if (checked.has(key)) return checked.get(key)!;
  let evidence: RevocationEvidence | null;
  try {
    evidence =
      kept.kind === 'ocsp'
        ? fromOcsp(verifyOcspResponse(kept.der, cert, issuer, { source: kept.source }))
        : fromCrl(crlStatusOf(verifyCrl(kept.der, issuer), cert, kept.source));
  } catch {
    evidence = null;
  }
  if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value!);
  checked.set(key, evidence);
  return evidence;
}

const keyOf = (certificateSha256: string, issuerSha256: string) => `${certificateSha256}|${issuerSha256}`;

export class RevocationReuse {
  readonly #answers = new Map<string, FetchedRevocation>();
  readonly #maxAgeMs: number;

  constructor(answers: readonly FetchedRevocation[] = [], maxAgeMs = REVOCATION_REUSE_MS) {
    this.#maxAgeMs = maxAgeMs;
    for (const a of answers) this.#answers.set(keyOf(a.certificateSha256, a.issuerSha256), a);
  }

  /** A kept answer for `cert` issued by `issuer`, verified again and still current; else undefined. */
  answer(cert: CertificateInfo, issuer: CertificateInfo, now = Date.now()): RevocationEvidence | undefined {
    const kept = this.#answers.get(keyOf(cert.sha256, issuer.sha256));
    if (!kept || now - kept.fetchedAt > this.#maxAgeMs || kept.fetchedAt > now + SKEW_MS) return undefined;
    const evidence = verified(kept, cert, issuer);
    if (!evidence) return undefined;
    if (evidence.thisUpdate.getTime() > now + SKEW_MS) return undefined;
    if (evidence.nextUpdate && evidence.nextUpdate.getTime() <= now) return undefined;
    return evidence;
  }

  /** Keep an answer just fetched online for `cert` issued by `issuer`. */
  remember(cert: CertificateInfo, issuer: CertificateInfo, evidence: RevocationEvidence, fetchedAt = Date.now()): void {
    if (evidence.status !== 'good' && evidence.status !== 'revoked') return;
    const answer = { certificateSha256: cert.sha256, issuerSha256: issuer.sha256, kind: evidence.kind, der: evidence.der, source: evidence.source, fetchedAt };
    this.#answers.set(keyOf(cert.sha256, issuer.sha256), answer);
  }

  /** Every kept answer, to hand on. */
  get answers(): FetchedRevocation[] {
    return [...this.#answers.values()];
  }
}
