import { createHash } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import {
  buildCertificatePath,
  checkRevocation,
  fetchIssuerCertificates,
  parseCertificate,
  type CertificateInfo,
  type CertificatePathResult,
  type RevocationEvidence,
  type RevocationReuse,
  type TrustStore,
} from '../pki/index.js';

/**
 * Trust in a certificate at a time: its path to an anchor the user chose (never one a document
 * brings), and the revocation status of every certificate on that path — from the DSS and the
 * signature first, online only when the user allowed it. The same questions are asked of signers
 * and of timestamp authorities.
 */

/** Validation material the document carries, and what the user allowed. */
export interface TrustContext {
  readonly trustStore: TrustStore;
  readonly online: boolean;
  /** The "current time" of validation. */
  readonly now: Date;
  /** Certificates of the DSS and VRI entries. */
  readonly dssCertificates: readonly CertificateInfo[];
  readonly dssOcsps: readonly Uint8Array[];
  readonly dssCrls: readonly Uint8Array[];
  readonly timeoutMs: number;
  /**
   * Answers already worked out in this verification, by question: the signatures of one document
   * usually share a signer, a chain and a timestamp authority, and pki decodes every certificate
   * afresh each time it checks a path.
   */
  readonly memo: Map<string, Promise<unknown>>;
  /** Revocation answers fetched online earlier in the same piece of work (a signing batch). */
  readonly reuse?: RevocationReuse;
}

/** The answer to `key` from the memo, or `compute`'s (remembered). */
function remembered<T>(ctx: TrustContext, key: string, compute: () => Promise<T>): Promise<T> {
  let answer = ctx.memo.get(key) as Promise<T> | undefined;
  if (!answer) ctx.memo.set(key, (answer = compute()));
  return answer;
}

const fingerprints = (certs: readonly CertificateInfo[]) => certs.map((c) => c.sha256).join(',');
const digestOf = (blobs: readonly Uint8Array[]) => {
  const h = createHash('sha256');
  for (const b of blobs) h.update(b);
  return h.digest('hex');
};

export type ChainStatus = 'trusted' | 'untrusted' | 'invalid' | 'not-checked';

/** A path at a given time. */
export interface PathCheck {
  readonly status: ChainStatus;
  readonly path: readonly CertificateInfo[];
  readonly at: Date;
  /** The pki failure when not trusted. */
  readonly failure: Extract<CertificatePathResult, { ok: false }> | null;
}

export type CertificateRevocationStatus = 'good' | 'revoked' | 'unknown' | 'not-checked' | 'not-needed';

export interface CertificateRevocationCheck {
  readonly certificate: CertificateInfo;
  readonly status: CertificateRevocationStatus;
  readonly evidence: RevocationEvidence | null;
  readonly source: 'dss' | 'signature' | 'online' | null;
  /** Why no answer, in English. */
  readonly problem: string | null;
}

const UNTRUSTED_REASONS = new Set(['NO_ISSUER_FOUND', 'UNTRUSTED_ROOT', 'PATH_TOO_LONG']);

/** The certificate path of `target` at `at`, drawing issuers from `pool` (and the issuer's URL when online). */
export function checkPath(target: CertificateInfo, pool: readonly CertificateInfo[], at: Date, ctx: TrustContext): Promise<PathCheck> {
  return remembered(ctx, `path|${target.sha256}|${at.getTime()}|${fingerprints(pool)}`, () => buildPath(target, pool, at, ctx));
}

async function buildPath(target: CertificateInfo, pool: readonly CertificateInfo[], at: Date, ctx: TrustContext): Promise<PathCheck> {
  const candidates = [...pool, ...ctx.dssCertificates];
  let result = buildCertificatePath(target, { trustStore: ctx.trustStore, pool: candidates, at });
  if (!result.ok && result.reason === 'NO_ISSUER_FOUND' && ctx.online) {
    // AIA chasing: the document lacks an intermediate; its caIssuers URL may serve it.
    try {
      const downloaded = await fetchIssuerCertificates(result.certificate, { timeoutMs: ctx.timeoutMs });
      result = buildCertificatePath(target, { trustStore: ctx.trustStore, pool: [...candidates, ...downloaded], at });
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
    }
  }
  if (result.ok) return { status: 'trusted', path: result.path, at, failure: null };
  return { status: UNTRUSTED_REASONS.has(result.reason) ? 'untrusted' : 'invalid', path: result.partialPath, at, failure: result };
}

/**
 * Revocation of every certificate of a trusted path except its anchor. Delegated OCSP responders
 * marked id-pkix-ocsp-nocheck need no check. `signatureData` is the revocation data inside the CMS.
 */
export function checkPathRevocation(
  path: readonly CertificateInfo[],
  signatureData: { readonly ocsps: readonly Uint8Array[]; readonly crls: readonly Uint8Array[] },
  ctx: TrustContext,
): Promise<CertificateRevocationCheck[]> {
  return remembered(ctx, `revocation|${fingerprints(path)}|${digestOf([...signatureData.ocsps, ...signatureData.crls])}`, () =>
    pathRevocation(path, signatureData, ctx),
  );
}

async function pathRevocation(
  path: readonly CertificateInfo[],
  signatureData: { readonly ocsps: readonly Uint8Array[]; readonly crls: readonly Uint8Array[] },
  ctx: TrustContext,
): Promise<CertificateRevocationCheck[]> {
  const out: CertificateRevocationCheck[] = [];
  const inDss = (der: Uint8Array) => [...ctx.dssOcsps, ...ctx.dssCrls].some((d) => Buffer.from(d).equals(Buffer.from(der)));
  for (let i = 0; i + 1 < path.length; i++) {
    const certificate = path[i];
    if (certificate.ocspNoCheck) {
      out.push({ certificate, status: 'not-needed', evidence: null, source: null, problem: null });
      continue;
    }
    try {
      const evidence = await checkRevocation(certificate, path[i + 1], {
        embedded: { ocspResponses: [...ctx.dssOcsps, ...signatureData.ocsps], crls: [...ctx.dssCrls, ...signatureData.crls] },
        allowOnline: ctx.online,
        timeoutMs: ctx.timeoutMs,
        ...(ctx.reuse ? { reuse: ctx.reuse } : {}),
      });
      const source = evidence.source === 'embedded' ? (inDss(evidence.der) ? 'dss' : 'signature') : 'online';
      out.push({ certificate, status: evidence.status, evidence, source, problem: null });
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      out.push({ certificate, status: err.code === 'PKI_REVOCATION_OFFLINE' ? 'not-checked' : 'unknown', evidence: null, source: null, problem: err.message });
    }
  }
  return out;
}

/** Certificates of a list of DER blobs, unreadable ones skipped (a DSS may carry junk). */
export function readableCertificates(ders: readonly Uint8Array[]): CertificateInfo[] {
  return ders.flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
}
