import { decodedCertificate, toCertificateInfo, type CertificateInfo } from './certificate.js';
import { sameName } from './names.js';
import { OID } from './oids.js';
import { decodeSignatureAlgorithm } from './signature-algorithm.js';
import type { TrustStore } from './trust-store.js';
import { verifySignature } from './verify-signature.js';

/**
 * Certificate path building and validation (RFC 5280 §6, the parts that decide signatures): from a
 * certificate through a pool of candidates (CMS certificates, DSS certificates, downloaded issuers)
 * to a trust anchor, checking at a given time each signature, validity period, CA flag, path length
 * and keyCertSign. Where several issuers share a name (re-keyed CAs, cross-certificates) every
 * candidate is tried. Not implemented: policy processing beyond accepting policy extensions, and
 * name constraints (a critical nameConstraints extension fails the path rather than being ignored).
 */

/** Why no valid path exists. */
export type PathFailureReason =
  | 'NO_ISSUER_FOUND'
  | 'UNTRUSTED_ROOT'
  | 'SIGNATURE_INVALID'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NOT_A_CA'
  | 'PATH_LENGTH_EXCEEDED'
  | 'ISSUER_KEY_USAGE'
  | 'UNSUPPORTED_CRITICAL_EXTENSION'
  | 'PATH_TOO_LONG';

/** The outcome of path building. */
export type CertificatePathResult =
  | {
      readonly ok: true;
      /** Target first, trust anchor last. */
      readonly path: readonly CertificateInfo[];
      readonly anchor: CertificateInfo;
    }
  | {
      readonly ok: false;
      readonly reason: PathFailureReason;
      /** The certificate at which the best path attempt failed. */
      readonly certificate: CertificateInfo;
      /** English detail for logs and reports. */
      readonly detail: string;
      /** How far that attempt got, target first. */
      readonly partialPath: readonly CertificateInfo[];
    };

/** Options for path building. */
export interface PathOptions {
  readonly trustStore: TrustStore;
  /** Untrusted candidate issuers. */
  readonly pool?: readonly (Uint8Array | CertificateInfo)[];
  /** The time at which the path must be valid; now by default. */
  readonly at?: Date;
  /** Longest path accepted, anchor included; 8 by default. */
  readonly maxLength?: number;
}

/** Extensions whose meaning Inkstone honours or may safely accept when marked critical. */
const RECOGNISED = new Set<string>([
  OID.keyUsage,
  OID.basicConstraints,
  OID.extKeyUsage,
  OID.subjectAltName,
  '2.5.29.18', // issuerAltName
  OID.certificatePolicies,
  OID.policyConstraints,
  '2.5.29.33', // policyMappings
  OID.inhibitAnyPolicy,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.crlDistributionPoints,
  '2.5.29.46', // freshestCRL
  OID.authorityInfoAccess,
  '2.5.29.9', // subjectDirectoryAttributes
  '2.5.29.16', // privateKeyUsagePeriod
  '1.3.6.1.5.5.7.1.3', // qcStatements
  OID.ocspNoCheck,
]);

type Failure = Extract<CertificatePathResult, { ok: false }>;

/**
 * Answers of `isSignedBy`, by the two fingerprints: a verification checks the same CA links for
 * every signature, revocation answer and timestamp in a document, and each check is a public-key
 * operation over immutable bytes.
 */
const signedByAnswers = new Map<string, boolean>();
const SIGNED_BY_CACHE_SIZE = 1024;

/** Whether `issuer` signed `cert`. */
export function isSignedBy(cert: CertificateInfo, issuer: CertificateInfo): boolean {
  const key = `${cert.sha256}:${issuer.sha256}`;
  const known = signedByAnswers.get(key);
  if (known !== undefined) return known;
  const decoded = decodedCertificate(cert);
  const alg = decodeSignatureAlgorithm(decoded.signatureAlgorithm);
  const answer = alg.ok && verifySignature(alg.scheme, issuer.publicKey.spki, decoded.tbsView, decoded.signatureValue.valueBlock.valueHexView);
  if (signedByAnswers.size >= SIGNED_BY_CACHE_SIZE) signedByAnswers.delete(signedByAnswers.keys().next().value as string);
  signedByAnswers.set(key, answer);
  return answer;
}

/** Whether `candidate` could be the issuer of `cert` by name and key identifier (before checking the signature). */
function couldIssue(candidate: CertificateInfo, cert: CertificateInfo): boolean {
  if (!sameName(candidate.subject, cert.issuer)) return false;
  return !(cert.authorityKeyId && candidate.subjectKeyId && cert.authorityKeyId !== candidate.subjectKeyId);
}

function label(cert: CertificateInfo): string {
  return cert.subject.commonName ?? cert.subject.text;
}

/** The checks of RFC 5280 §6.1.3–6.1.4 over a complete path (target first, anchor last). */
function validatePath(path: readonly CertificateInfo[], at: Date): Failure | undefined {
  const fail = (reason: PathFailureReason, cert: CertificateInfo, detail: string): Failure => ({
    ok: false,
    reason,
    certificate: cert,
    detail,
    partialPath: path,
  });
  const anchorIndex = path.length - 1;
  for (let i = 0; i < path.length; i++) {
    const cert = path[i];
    const isAnchor = i === anchorIndex;
    if (!isAnchor) {
      if (at < cert.notBefore) return fail('NOT_YET_VALID', cert, `${label(cert)} is valid only from ${cert.notBefore.toISOString()}`);
      if (at > cert.notAfter) return fail('EXPIRED', cert, `${label(cert)} expired on ${cert.notAfter.toISOString()}`);
      const unknown = cert.extensions.find((e) => e.critical && !RECOGNISED.has(e.oid));
      if (unknown)
        return fail('UNSUPPORTED_CRITICAL_EXTENSION', cert, `${label(cert)} has the critical extension ${unknown.oid}, which Inkstone does not process`);
    }
    if (i === 0) continue;
    // An issuing certificate. A version 1 anchor (no extensions at all) is a CA by being trusted.
    const legacyAnchor = isAnchor && cert.version < 3;
    if (!legacyAnchor && !cert.basicConstraints?.ca) return fail('NOT_A_CA', cert, `${label(cert)} is not a CA certificate but issued ${label(path[i - 1])}`);
    if (cert.keyUsage && !cert.keyUsage.includes('keyCertSign'))
      return fail('ISSUER_KEY_USAGE', cert, `${label(cert)} may not sign certificates (no keyCertSign)`);
    const limit = cert.basicConstraints?.pathLength;
    if (limit !== undefined) {
      // Intermediates below this CA, self-issued ones not counted (RFC 5280 §6.1.4 (l)).
      const below = path.slice(1, i).filter((c) => !c.selfIssued).length;
      if (below > limit) return fail('PATH_LENGTH_EXCEEDED', cert, `${label(cert)} allows ${limit} CA certificate(s) below it, the path has ${below}`);
    }
  }
  return undefined;
}

/**
 * Build and validate a path from `target` to an anchor of `options.trustStore`. Returns the path,
 * or the most telling failure: a complete path's failure (expired, not a CA...) beats an incomplete
 * one's, a deeper attempt beats a shallower one.
 */
export function buildCertificatePath(target: CertificateInfo | Uint8Array, options: PathOptions): CertificatePathResult {
  const at = options.at ?? new Date();
  const maxLength = options.maxLength ?? 8;
  const start = toCertificateInfo(target);
  const candidates = new Map<string, CertificateInfo>();
  for (const c of [...options.trustStore.anchors, ...(options.pool ?? []).map(toCertificateInfo)]) candidates.set(c.sha256, c);
  const signatureCache = new Map<string, boolean>();
  const signed = (cert: CertificateInfo, issuer: CertificateInfo) => {
    const key = `${cert.sha256}/${issuer.sha256}`;
    let value = signatureCache.get(key);
    if (value === undefined) signatureCache.set(key, (value = isSignedBy(cert, issuer)));
    return value;
  };

  let best: { failure: Failure; complete: boolean } | undefined;
  const record = (failure: Failure, complete: boolean) => {
    const better = !best || (complete && !best.complete) || (complete === best.complete && failure.partialPath.length > best.failure.partialPath.length);
    if (better) best = { failure, complete };
  };

  const search = (path: CertificateInfo[]): CertificatePathResult | undefined => {
    const current = path[path.length - 1];
    if (options.trustStore.isAnchor(current)) {
      const failure = validatePath(path, at);
      if (!failure) return { ok: true, path: [...path], anchor: current };
      record(failure, true);
      return undefined;
    }
    if (path.length >= maxLength) {
      record({ ok: false, reason: 'PATH_TOO_LONG', certificate: current, detail: `no anchor within ${maxLength} certificates`, partialPath: [...path] }, false);
      return undefined;
    }
    const inPath = new Set(path.map((c) => c.sha256));
    const named = [...candidates.values()].filter((c) => !inPath.has(c.sha256) && couldIssue(c, current));
    // Anchors first: the shortest trusted path is the one a person expects to see.
    named.sort((a, b) => Number(options.trustStore.isAnchor(b)) - Number(options.trustStore.isAnchor(a)));
    const issuers = named.filter((c) => signed(current, c));
    for (const issuer of issuers) {
      const found = search([...path, issuer]);
      if (found) return found;
    }
    if (issuers.length === 0) {
      const reason: PathFailureReason =
        current.selfIssued && signed(current, current) ? 'UNTRUSTED_ROOT' : named.length ? 'SIGNATURE_INVALID' : 'NO_ISSUER_FOUND';
      const detail =
        reason === 'UNTRUSTED_ROOT'
          ? `${label(current)} is a root certificate that is not trusted`
          : reason === 'SIGNATURE_INVALID'
            ? `the signature on ${label(current)} does not verify with any certificate named ${current.issuer.text}`
            : `the issuer of ${label(current)} (${current.issuer.text}) is not available`;
      record({ ok: false, reason, certificate: current, detail, partialPath: [...path] }, false);
    }
    return undefined;
  };

  return search([start]) ?? best!.failure;
}
