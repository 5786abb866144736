import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import type { SignatureResult, VerificationResult, VerifyMessage } from '../../../src-shared/api/verification.js';
import { VERIFICATION_SCHEMA } from '../../../src-shared/api/verification-version.js';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { bufferSource, listPages, parsePdfDate, PdfDocument, readDss, type PdfLimits, type PdfSource } from '../pdf/index.js';
import { digest, TrustStore, type CertificateInfo, type RevocationReuse } from '../pki/index.js';
import { article13 } from './article13.js';
import { Budget } from './budget.js';
import { decideIndication, type Problem } from './indication.js';
import { judgeIntegrity, readSignatures, type IntegrityVerdict, type SignatureReading } from './integrity.js';
import { padesLevel } from './level.js';
import { message, messageFor } from './messages.js';
import { judgeModifications, type ModificationJudgement, type RevisionFacts } from './modifications.js';
import { mapObjectRoles, type RoleMap } from './object-roles.js';
import type { SignaturePermissions } from './permissions.js';
import { certificateSummary, chainResult, isoTime, revocationResult, timestampResult } from './result-parts.js';
import { analyseRevision, type RevisionAnalysis } from './revision-changes.js';
import { digestSignedRanges, type SignedRangeRequest } from './signed-bytes.js';
import { evaluateSigner, evaluateTimestamp, type SignerTrust, type TimestampTrust } from './signer-trust.js';
import { checkTimestampToken, readTimestampToken } from './timestamp-reading.js';
import { readableCertificates, type TrustContext } from './trust.js';

/**
 * Verifying a signed PDF end to end: every signature and document timestamp in every revision —
 * integrity, coverage, what changed after it and whether that was allowed, known attacks, the
 * signer's chain and revocation, timestamps and the proven signing time, the PAdES level, the ETSI
 * indication and article 13 — and the document verdict. The file is read through the pdf layer's
 * random-access reader and hashed once, so memory stays flat for large files.
 */

export interface VerifyOptions {
  /** Shown in the report; the file's base name by default. */
  readonly name?: string;
  /** Language of every `text` in the result (default en). */
  readonly lang?: Language;
  /** Certificates the user trusts as anchors; nothing is trusted by default. */
  readonly trustStore?: TrustStore;
  /** Ask OCSP responders, CRL servers and issuer URLs (off by default). */
  readonly online?: boolean;
  /** The "current time" of validation (now by default). */
  readonly validationTime?: Date;
  /** Give up with VERIFY_TIME_LIMIT after this long (default 120 s). */
  readonly timeLimitMs?: number;
  /** Per network request (default 10 s). */
  readonly networkTimeoutMs?: number;
  /** PDF reader limits. */
  readonly limits?: Partial<PdfLimits>;
  /** Online answers fetched earlier in the same piece of work (a signing batch), reused for the same certificates while current. */
  readonly revocationReuse?: RevocationReuse;
}

/** Anything the pdf layer opens: a path, bytes in memory, or a random-access source. */
export type PdfInput = string | Uint8Array | PdfSource;

export function openInput(input: PdfInput, limits?: Partial<PdfLimits>): PdfDocument {
  if (typeof input === 'string') return PdfDocument.openFile(input, { limits });
  return PdfDocument.open(input instanceof Uint8Array ? bufferSource(input) : input, { limits });
}

/** Verify a PDF. Throws typed errors only for files that cannot be read as PDFs at all (and VERIFY_TIME_LIMIT). */
export async function verifyPdf(input: PdfInput, options: VerifyOptions = {}): Promise<VerificationResult> {
  const budget = new Budget(options.timeLimitMs ?? 120_000);
  const doc = openInput(input, options.limits);
  try {
    return await verifyDocument(doc, { ...options, name: options.name ?? (typeof input === 'string' ? basename(input) : 'document.pdf') }, budget);
  } finally {
    doc.close();
  }
}

/** The revision a signature covers: where its bytes end, or where its dictionary was stored. */
function signedRevisionOf(doc: PdfDocument, r: SignatureReading): number {
  if (r.byteRange.revision !== null) return r.byteRange.revision;
  const end = r.byteRange.end;
  if (end !== null) {
    const before = doc.revisions.filter((rev) => rev.endOffset <= end).length - 1;
    if (before >= 0) return before;
  }
  return Math.max(0, r.info.revision);
}

/** Role maps and change analyses for revisions `from`..last; unreadable revisions are noted, not fatal. */
function analyseRevisions(doc: PdfDocument, from: number, budget: Budget): RevisionFacts {
  const roleMaps = new Map<number, RoleMap>();
  const analyses = new Map<number, RevisionAnalysis>();
  const unreadable = new Set<number>();
  const damaged = (err: unknown) =>
    err instanceof InkstoneError && (err.code === 'PDF_CORRUPT' || err.code === 'PDF_UNSUPPORTED_FILTER' || err.code === 'PDF_LIMIT_EXCEEDED');
  for (let k = Math.max(0, from); k < doc.revisions.length; k++) {
    try {
      roleMaps.set(k, mapObjectRoles(doc.asOf(k), budget.tick));
    } catch (err) {
      if (!damaged(err)) throw err;
      unreadable.add(k);
    }
  }
  for (let k = Math.max(1, from + 1); k < doc.revisions.length; k++) {
    const before = roleMaps.get(k - 1);
    const after = roleMaps.get(k);
    if (!before || !after) {
      unreadable.add(k);
      continue;
    }
    try {
      analyses.set(k, analyseRevision(doc, k, before, after, budget.tick));
    } catch (err) {
      if (!damaged(err)) throw err;
      unreadable.add(k);
    }
  }
  return { analyses, roleMaps, unreadable };
}

interface Assessed {
  readonly reading: SignatureReading;
  readonly signedRevision: number;
  readonly integrity: IntegrityVerdict;
  /** Document timestamps: their own evaluation. */
  timestampTrust: TimestampTrust | null;
}

async function verifyDocument(doc: PdfDocument, options: VerifyOptions, budget: Budget): Promise<VerificationResult> {
  const lang = options.lang ?? 'en';
  const now = options.validationTime ?? new Date();
  const trustStore = options.trustStore ?? new TrustStore();
  const online = options.online ?? false;

  // 1. Read every signature dictionary, then hash the file once for all of them.
  const readings = readSignatures(doc);
  const requests: SignedRangeRequest[] = [];
  const requestOf = new Map<SignatureReading, number>();
  for (const r of readings) {
    const br = r.info.byteRange;
    if (r.byteRange.hashable && r.digestAlgorithm && br) {
      requestOf.set(r, requests.length);
      requests.push({ byteRange: [br[0], br[1], br[2], br[3]], algorithm: r.digestAlgorithm });
    }
  }
  const digests = digestSignedRanges(doc.source, requests, budget.check);
  const assessed: Assessed[] = readings.map((reading) => {
    const k = requestOf.get(reading);
    return {
      reading,
      signedRevision: signedRevisionOf(doc, reading),
      integrity: judgeIntegrity(reading, k === undefined ? null : digests.digests[k]),
      timestampTrust: null,
    };
  });

  // 2. What each later revision changed (shared by all signatures).
  const firstSigned = assessed.length ? Math.min(...assessed.map((a) => a.signedRevision)) : doc.revisions.length;
  const facts = analyseRevisions(doc, firstSigned, budget);
  const revisionsWith = (category: string) => [...facts.analyses.values()].filter((a) => a.changes.some((c) => c.category === category)).map((a) => a.revision);
  const dssRevisions = revisionsWith('dss');

  // 3. Validation material the document carries: every DSS version (a later one may replace, not extend, an earlier one).
  const warnings: VerifyMessage[] = [];
  const material = collectDss(doc, [...dssRevisions, doc.revisions.length - 1], (detail) => warnings.push(message('WARN_READER', { detail }, lang)));
  const ctx: TrustContext = {
    trustStore,
    online,
    now,
    dssCertificates: readableCertificates(material.certs),
    dssOcsps: material.ocsps,
    dssCrls: material.crls,
    timeoutMs: options.networkTimeoutMs ?? 10_000,
    memo: new Map(),
    ...(options.revocationReuse ? { reuse: options.revocationReuse } : {}),
  };

  // 4. Document timestamps first: they are proofs of existence for the signatures before them.
  for (const a of assessed) {
    const t = a.integrity.timestamp;
    if (a.reading.kind === 'document-timestamp' && t && a.reading.token)
      a.timestampTrust = await evaluateTimestamp('document-timestamp', a.reading.token, t, ctx);
  }
  const certification = assessed.find((a) => a.reading.info.docMdp !== null);

  const signatures: SignatureResult[] = [];
  for (const [i, a] of assessed.entries()) {
    budget.check();
    signatures.push(await assessSignature(i + 1, a, { doc, facts, assessed, certification, ctx, lang, now, dssRevisions, budget }));
  }

  // 5. The document verdict.
  const verdict: VerificationResult['verdict'] = !signatures.length
    ? 'indeterminate'
    : signatures.some((s) => s.indication === 'TOTAL_FAILED' || s.modifications === 'disallowed')
      ? 'invalid'
      : signatures.every((s) => s.indication === 'TOTAL_PASSED')
        ? 'valid'
        : 'indeterminate';
  const summary = !signatures.length
    ? message('VERDICT_UNSIGNED', {}, lang)
    : message(verdict === 'valid' ? 'VERDICT_VALID' : verdict === 'invalid' ? 'VERDICT_INVALID' : 'VERDICT_INDETERMINATE', { count: signatures.length }, lang);
  if (doc.repaired) warnings.unshift(message('WARN_REPAIRED', {}, lang));
  const lastSigned = Math.max(-1, ...assessed.map((a) => a.signedRevision));
  if (assessed.length && lastSigned < doc.revisions.length - 1)
    warnings.push(message('WARN_UNSIGNED_REVISIONS', { count: doc.revisions.length - 1 - lastSigned }, lang));
  if (!online && assessed.length) warnings.push(message('WARN_OFFLINE', {}, lang));
  for (const note of doc.warnings.slice(0, 20)) warnings.push(message('WARN_READER', { detail: note }, lang));

  let pages = 0;
  try {
    pages = listPages(doc).length;
  } catch (err) {
    if (!(err instanceof InkstoneError)) throw err;
  }
  return {
    schema: VERIFICATION_SCHEMA,
    lang,
    verifiedAt: isoTime(new Date()),
    document: {
      name: options.name ?? 'document.pdf',
      sha256: digests.fileSha256,
      bytes: doc.size,
      revisions: doc.revisions.length,
      pages,
      repaired: doc.repaired,
    },
    policy: { online, trustAnchors: trustStore.anchors.map((c) => c.subject.text), validationTime: isoTime(now) },
    verdict,
    summary,
    signatures,
    warnings,
  };
}

interface SignatureContext {
  readonly doc: PdfDocument;
  readonly facts: RevisionFacts;
  readonly assessed: readonly Assessed[];
  readonly certification: Assessed | undefined;
  readonly ctx: TrustContext;
  readonly lang: Language;
  readonly now: Date;
  readonly dssRevisions: readonly number[];
  readonly budget: Budget;
}

async function assessSignature(index: number, a: Assessed, s: SignatureContext): Promise<SignatureResult> {
  const { reading, integrity, signedRevision } = a;
  const { lang, ctx, now } = s;
  const info = reading.info;
  const cms = reading.cms?.parsed ?? null;

  // Permissions: the certification's DocMDP applies to everything signed at or after it.
  const permissions: SignaturePermissions = {
    docMdp: s.certification && s.certification.signedRevision <= signedRevision ? s.certification.reading.info.docMdp : null,
    lock: info.fieldMdp ?? null,
  };
  const modifications: ModificationJudgement = judgeModifications({ doc: s.doc, reading, signedRevision, permissions, facts: s.facts, tick: s.budget.tick });

  // Timestamps: over the signature value, and document timestamps over later revisions.
  const timestamps: TimestampTrust[] = [];
  if (reading.kind === 'signature' && cms && integrity.check) {
    for (const token of cms.signatureTimestamps) {
      const tr = readTimestampToken(token);
      // The imprint is over the signature value as it sits in the CMS (before any normalisation).
      const imprint = tr.hashAlgorithm && reading.cms?.signatureValue ? digest(tr.hashAlgorithm, reading.cms.signatureValue) : null;
      timestamps.push(await evaluateTimestamp('signature-timestamp', tr, checkTimestampToken(tr, imprint), ctx));
    }
  }
  const coveringTimestamps = s.assessed.filter(
    (o) => o !== a && o.reading.kind === 'document-timestamp' && o.signedRevision > signedRevision && o.timestampTrust,
  );
  timestamps.push(...coveringTimestamps.map((o) => o.timestampTrust!));
  const proofs = [...timestamps.filter((t) => t.valid && t.genTime)].sort((x, y) => x.genTime!.getTime() - y.genTime!.getTime());
  const proof = proofs[0] ?? null;
  const provenTime = reading.kind === 'document-timestamp' ? (a.timestampTrust?.valid ? a.timestampTrust.genTime : null) : (proof?.genTime ?? null);

  // The signer (or the TSA of a document timestamp) and its trust.
  const signerCertificate: CertificateInfo | null =
    reading.kind === 'signature'
      ? (integrity.check?.signerCertificate ?? cms?.signerCertificate ?? null)
      : (a.timestampTrust?.integrity.tsaCertificate ?? null);
  let signerTrust: SignerTrust | null = null;
  if (reading.kind === 'signature' && integrity.intact && signerCertificate && cms) {
    signerTrust = await evaluateSigner(
      signerCertificate,
      cms.certificates,
      provenTime,
      { ocsps: cms.revocationValues.ocspResponses, crls: cms.revocationValues.crls },
      ctx,
    );
  }
  const decision = decideIndication({
    kind: reading.kind,
    integrity,
    coverage: reading.byteRange.coverage,
    modifications,
    cms,
    signer: signerTrust,
    signerCertificate,
    timestamp: a.timestampTrust,
    provenTime,
  });
  const level = padesLevel({
    kind: reading.kind,
    subFilter: info.subFilter,
    cms,
    signedRevision,
    hasSignatureTimestamp: cms !== null && cms.signatureTimestamps.length > 0,
    documentTimestampRevisions: s.assessed.filter((o) => o.reading.kind === 'document-timestamp').map((o) => o.signedRevision),
    dssRevisions: s.dssRevisions,
    dssCoversPaths: [...(signerTrust?.path.path ?? []), ...timestamps.filter((t) => t.kind === 'signature-timestamp').flatMap((t) => t.path.path)]
      .filter((c) => !c.selfIssued)
      .every((c) => ctx.dssCertificates.some((d) => d.sha256 === c.sha256)),
    // Revocation is only looked up along trusted paths; where it was, each answer must come from the DSS.
    dssCoversRevocation: [...(signerTrust?.revocation ?? []), ...timestamps.filter((t) => t.kind === 'signature-timestamp').flatMap((t) => t.revocation)].every(
      (r) => r.status === 'not-needed' || r.source === 'dss',
    ),
  });

  const integrityWord = integrity.intact ? 'intact' : 'broken';
  const path = reading.kind === 'signature' ? (signerTrust?.path ?? null) : (a.timestampTrust?.path ?? null);
  const revocation = reading.kind === 'signature' ? (signerTrust?.revocation ?? []) : (a.timestampTrust?.revocation ?? []);
  const problems = decision.problems.map((p: Problem) => message(p.code, p.params, lang));
  const signerName = signerCertificate ? (signerCertificate.subject.commonName ?? signerCertificate.subject.text) : (info.name ?? '?');
  const summary =
    decision.indication === 'TOTAL_PASSED'
      ? reading.kind === 'document-timestamp'
        ? message('SUMMARY_TIMESTAMP_PASSED', { signer: signerName, time: provenTime ? isoTime(provenTime) : '?' }, lang)
        : message('SUMMARY_PASSED', { signer: signerName }, lang)
      : message(decision.indication === 'TOTAL_FAILED' ? 'SUMMARY_FAILED' : 'SUMMARY_INDETERMINATE', { reason: problems[0]?.text ?? '' }, lang);
  const claimed = cms?.signedAttributes?.signingTime ?? (reading.kind === 'document-timestamp' ? (reading.token?.tstInfo?.genTime ?? null) : null);

  return {
    index,
    fieldName: info.fieldName,
    kind: reading.kind,
    subFilter: info.subFilter,
    revision: reading.byteRange.revision,
    byteRange: info.byteRange ? [...info.byteRange] : null,
    indication: decision.indication,
    subIndication: decision.subIndication,
    integrity: integrityWord,
    coverage: reading.byteRange.coverage,
    modifications: modifications.verdict,
    changes: modifications.changes.map((c) => ({
      revision: c.revision,
      category: c.category,
      allowed: c.allowed,
      objects: c.objects,
      message: messageFor(c.code, c.params, lang),
    })),
    attacks: modifications.attacks.map((x) => ({ class: x.class, message: messageFor(x.code, x.params, lang) })),
    permissions: { docMdp: permissions.docMdp, fieldLock: permissions.lock ? { action: permissions.lock.action, fields: [...permissions.lock.fields] } : null },
    level,
    signer: signerCertificate ? certificateSummary(signerCertificate) : null,
    claimedTime: claimedTime(info.signingTime, claimed),
    provenTime: provenTime ? { time: isoTime(provenTime), source: reading.kind === 'document-timestamp' ? 'document-timestamp' : proof!.kind } : null,
    timestamps: timestamps.map((t) => timestampResult(t, lang, now)),
    algorithms: {
      digest: cms?.digestAlgorithm.name ?? reading.token?.hashAlgorithm ?? null,
      signature: cms?.signatureAlgorithm.name ?? reading.token?.cms?.signatureAlgorithm.name ?? null,
    },
    chain: chainResult(path, lang, now),
    revocation: revocationResult(revocation, path?.status === 'trusted', ctx.online, lang),
    article13: article13(reading.kind === 'signature' ? signerCertificate : null, cms, integrityWord, reading.byteRange.coverage, modifications.verdict, lang),
    stated: { reason: info.reason, location: info.location, contactInfo: info.contactInfo, name: info.name },
    findings: [
      ...new Set([
        ...integrity.findings,
        ...modifications.findings,
        ...(decision.subIndication === 'CERTIFICATE_CHAIN_GENERAL_FAILURE' ? ['CHAIN_GENERAL_FAILURE'] : []),
      ]),
    ],
    summary,
    problems,
  };
}

/** The claimed signing time: the dictionary's /M, else the CMS signing-time (neither is proof). */
function claimedTime(pdfDate: string | null, cmsTime: Date | null): string | null {
  const fromDictionary = pdfDate ? parsePdfDate(pdfDate) : null;
  const time = fromDictionary ?? cmsTime;
  return time ? isoTime(time) : null;
}

/** The union of the DSS contents (and their VRI entries) as of the given revisions, without duplicates. */
function collectDss(
  doc: PdfDocument,
  revisions: readonly number[],
  warn: (detail: string) => void,
): { certs: Uint8Array[]; ocsps: Uint8Array[]; crls: Uint8Array[] } {
  const seen = new Set<string>();
  const out = { certs: [] as Uint8Array[], ocsps: [] as Uint8Array[], crls: [] as Uint8Array[] };
  const add = (list: Uint8Array[], bytes: Uint8Array) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    if (!seen.has(key)) {
      seen.add(key);
      list.push(bytes);
    }
  };
  for (const k of new Set(revisions)) {
    try {
      const dss = readDss(doc.asOf(k));
      if (!dss) continue;
      const vris = [...dss.vri.values()];
      for (const e of [...dss.certs, ...vris.flatMap((v) => v.certs)]) add(out.certs, e.bytes);
      for (const e of [...dss.ocsps, ...vris.flatMap((v) => v.ocsps)]) add(out.ocsps, e.bytes);
      for (const e of [...dss.crls, ...vris.flatMap((v) => v.crls)]) add(out.crls, e.bytes);
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      warn(`the DSS of revision ${k} cannot be read (${err.message})`);
    }
  }
  return out;
}
