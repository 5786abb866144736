import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type {
  Language,
  SigningBatchDocument,
  SigningBatchOutcome,
  SigningBatchPrepareInput,
  SigningBatchPreview,
  SigningBatchResult,
  SigningBatchRetryInput,
  SigningBatchSignInput,
  SigningKeyRef,
} from '../../../src-shared/api/index.js';
import { InkstoneError, serializeError, type SerializedError } from '../../../src-shared/errors/index.js';
import { defineMessages, say } from '../../../src-shared/i18n/index.js';
import type { Library, VersionDetails } from '../library/index.js';
import type { FetchedRevocation } from '../pki/index.js';
import type { FileTransfers } from '../transfers/index.js';
import type { LongTask, LongWork } from './long-work.js';
import { storeSignedVersion } from './signed-version-store.js';
import type { BatchSignStep } from './signing-batch-work.js';
import { keyLocation, secretBytes, tokenUse, type CallCtx } from './signing-ceremony.js';
import type { KeyPreview } from './signing-work.js';

/**
 * Batch signing (issue 9): contracts chosen in the library signed in one ceremony. `batchPrepare`
 * finds each contract's latest document and its latest version, runs the check before signing on
 * each (both long-work threads), reads the key without a PIN and answers one consent sentence that
 * lists every document with its SHA-256. `batchSign` requires that sentence back, opens the key
 * once (one long-work thread holds the token session for the whole batch) and, while it signs the
 * next documents, verifies each signed one in the other thread and stores it as its document's
 * next version with its own audit entry. Every document ends signed, failed (typed) or cancelled;
 * `batchRetry` signs the failed and cancelled ones again under the same consent with the PIN typed
 * again. A batch is remembered in memory for the life of the core (the audit trail is the lasting
 * record); `batchReport` renders its summary.
 */

export const BATCH_CONSENT = defineMessages({
  sentence: {
    'zh-CN':
      '本人确认已阅读以下 {count} 份文件，同意以 {signer} 的数字证书（颁发者：{issuer}；序列号：{serial}）对每一份分别进行电子签名，并知悉该电子签名与手写签名或盖章具有同等法律效力：',
    en: 'I have read the following {count} documents and agree to sign each of them electronically with the certificate of {signer} (issuer: {issuer}; serial: {serial}), knowing that this electronic signature has the same legal effect as my handwritten signature or seal:',
  },
  item: {
    'zh-CN': '{n}. 《{title}》的文件“{document}”（第 {version} 版，共 {pages} 页，SHA-256：{sha256}）',
    en: '{n}. “{document}” of “{title}” (version {version}, {pages} pages, SHA-256 {sha256})',
  },
});

type Certificate = KeyPreview['certificate'];

function consentParts(versions: readonly VersionDetails[], certificate: Certificate, lang: Language): { sentence: string; items: string[] } {
  const sentence = say(BATCH_CONSENT.sentence, lang, {
    count: versions.length,
    signer: [certificate.commonName ?? certificate.subject, certificate.organisation].filter(Boolean).join('，'),
    issuer: certificate.issuer,
    serial: certificate.serialNumber,
  });
  const items = versions.map((v, i) =>
    say(BATCH_CONSENT.item, lang, { n: i + 1, title: v.contractTitle, document: v.documentName, version: v.number, pages: v.pageCount, sha256: v.sha256 }),
  );
  return { sentence, items };
}

/** The one sentence the person ticks for the whole batch: the commitment, then one line per document. */
export function batchConsentText(versions: readonly VersionDetails[], certificate: Certificate, lang: Language): string {
  const { sentence, items } = consentParts(versions, certificate, lang);
  return [sentence, ...items].join('\n');
}

/** A batch as the core remembers it: what was consented to, and where each document stands. */
export interface BatchRun {
  readonly id: string;
  readonly consentedAt: string;
  readonly lang: Language;
  readonly consentText: string;
  readonly certificate: Certificate;
  readonly assurance: 'hardware-token' | 'software-key';
  readonly keyDescription: string;
  readonly level: z.output<typeof SigningBatchSignInput>['level'];
  readonly tsaUrl: string | null;
  readonly commitment: z.output<typeof SigningBatchSignInput>['commitment'];
  readonly documents: Array<{ readonly version: VersionDetails; result: SigningBatchResult }>;
  /** Runs so far: the first signing, then each retry. */
  attempts: number;
  running: boolean;
}

interface BatchDeps {
  library: Library;
  transfers: FileTransfers;
  longWork: LongWork;
  trustFolder: () => string;
  verifyOnline: () => boolean;
}

const OPERATION = 'signing.batchSign';

export function signingBatches({ library, transfers, longWork, trustFolder, verifyOnline }: BatchDeps) {
  const runs = new Map<string, BatchRun>();
  const { usingToken, inProgress } = tokenUse();

  /** The key's certificate, kind and PIN state, read without a PIN (a PKCS#12 file needs its password). */
  const previewKey = async (key: SigningKeyRef, lang: Language, password: string | undefined, signal: AbortSignal) => {
    const secret = secretBytes(password);
    try {
      const { key: preview } = await usingToken(async () =>
        longWork.run(
          {
            kind: 'signingPrepare',
            source: '',
            name: '',
            key: await keyLocation(key, transfers),
            ...(secret ? { password: secret } : {}),
            lang,
            trustFolder: trustFolder(),
            check: false,
          },
          signal,
        ),
      );
      return preview;
    } finally {
      secret?.fill(0);
    }
  };

  const outcome = (run: BatchRun): SigningBatchOutcome => {
    const results = run.documents.map((d) => d.result);
    const count = (status: SigningBatchResult['status']) => results.filter((r) => r.status === status).length;
    return { batchId: run.id, documents: results, signed: count('signed'), failed: count('failed'), cancelled: count('cancelled') };
  };

  /**
   * Sign the documents at `positions` under one login. Throws only when nothing was signed
   * because the key could not be opened (wrong PIN, token missing, another key): then every
   * document stays as it was. Otherwise each document ends signed, failed or cancelled.
   */
  async function execute(run: BatchRun, positions: readonly number[], keyRef: SigningKeyRef, pin: string | undefined, ctx: CallCtx): Promise<void> {
    run.running = true;
    run.attempts++;
    const attempt = run.attempts;
    const folder = path.join(library.dataDir, `.inkstone-tmp-signing-${randomBytes(8).toString('hex')}`);
    const total = run.documents.length;
    const { sentence, items } = consentParts(
      run.documents.map((d) => d.version),
      run.certificate,
      run.lang,
    );
    const consentSha256 = createHash('sha256').update(run.consentText).digest('hex');
    const settle = (position: number, patch: Pick<SigningBatchResult, 'status' | 'signed' | 'error'>) => {
      const doc = run.documents[position];
      doc.result = { ...doc.result, ...patch };
      if (!ctx.jobId) return;
      ctx.emit({ type: 'signing.batchDocument', jobId: ctx.jobId, batchId: run.id, result: doc.result });
      const done = run.documents.filter((d) => d.result.status !== 'pending').length;
      ctx.emit({ type: 'progress', jobId: ctx.jobId, operation: OPERATION, done, total });
    };
    const fail = (position: number, error: SerializedError | InkstoneError) =>
      settle(position, { status: 'failed', signed: null, error: pick(error instanceof InkstoneError ? serializeError(error) : error) });

    // Only a document's latest version can be signed: a version added meanwhile fails that document alone.
    const toSign = positions.filter((p) => {
      const { version } = run.documents[p];
      const latest = library.versionDetails(version.versionId).latestNumber;
      if (latest === version.number) return true;
      fail(p, new InkstoneError('SIGNING_VERSION_NOT_LATEST', { number: version.number }));
      return false;
    });
    for (const p of toSign) run.documents[p].result = { ...run.documents[p].result, status: 'pending', signed: null, error: null };

    const verify = batchVerifier(longWork, ctx.signal);
    /** A signed document, verified in the other thread and stored; failures are this document's alone. */
    const verifyAndStore = async (position: number, output: string): Promise<void> => {
      const { version } = run.documents[position];
      try {
        // Cancelling stops this too: a signed copy not yet verified and stored is dropped, and the document can be retried.
        const verification = await verify({ source: output, name: version.documentName, lang: run.lang, online: verifyOnline(), trustFolder: trustFolder() });
        const added = await storeSignedVersion(library, {
          version,
          output,
          verification,
          consent: {
            certificate: {
              sha256: run.certificate.sha256,
              subject: run.certificate.subject,
              issuer: run.certificate.issuer,
              serialNumber: run.certificate.serialNumber,
            },
            assurance: run.assurance,
            level: run.level,
            commitment: run.commitment,
            seal: null,
            placements: [],
            crossPageSeal: false,
            // The batch's sentence and this document's line of it; the whole text is bound by its hash.
            consentText: `${sentence}\n${items[position]}`,
            consentLanguage: run.lang,
            consentedAt: run.consentedAt,
            batch: { id: run.id, position: position + 1, documents: total, attempt, consentSha256 },
          },
        });
        settle(position, {
          status: 'signed',
          error: null,
          signed: {
            versionId: added.versionId,
            version: added.number,
            sha256: added.sha256,
            verdict: verification.verdict,
            signatureState: library.signatureStatus(version.contractId).state,
          },
        });
      } catch (err) {
        const error = serializeError(err);
        if (error.code === 'CANCELLED') settle(position, { status: 'cancelled', signed: null, error: pick(error) });
        else fail(position, error);
      }
    };

    const verifications: Promise<void>[] = [];
    const signing = new Set(toSign);
    let keyOpened = false;
    const onStep = (step: BatchSignStep) => {
      if (step.kind === 'key-opened') {
        keyOpened = true;
        return;
      }
      const position = toSign[step.index];
      signing.delete(position);
      if (step.kind === 'failed') fail(position, step.error);
      else verifications.push(verifyAndStore(position, path.join(folder, `${position}.pdf`)));
    };
    const pinBytes = secretBytes(pin);
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      if (toSign.length) {
        const task = {
          kind: 'signingBatch' as const,
          documents: toSign.map((p) => ({ input: library.store.pathFor(run.documents[p].version.sha256), output: path.join(folder, `${p}.pdf`) })),
          key: await keyLocation(keyRef, transfers),
          ...(pinBytes ? { pin: pinBytes } : {}),
          expected: { certificateSha256: run.certificate.sha256, assurance: run.assurance },
          level: run.level,
          ...(run.tsaUrl ? { tsaUrl: run.tsaUrl } : {}),
          commitment: run.commitment,
          trustFolder: trustFolder(),
        };
        await usingToken(() => longWork.run(task, ctx.signal, onStep));
      }
    } catch (err) {
      const cancelled = err instanceof InkstoneError && err.code === 'CANCELLED';
      // The key never opened: nothing was signed, the person may type the PIN again.
      if (!keyOpened && !cancelled) {
        for (const p of toSign)
          if (run.documents[p].result.status === 'pending')
            run.documents[p].result = { ...run.documents[p].result, status: 'failed', error: pick(serializeError(err)) };
        throw err;
      }
      // Cancelled, or the signing thread ended: the documents it had not signed are not signed.
      const reason = serializeError(err);
      for (const p of signing) settle(p, { status: cancelled ? 'cancelled' : 'failed', signed: null, error: pick(reason) });
    } finally {
      pinBytes?.fill(0);
      await Promise.all(verifications);
      await rm(folder, { recursive: true, force: true });
      run.running = false;
      const changed = [...new Set(run.documents.filter((d) => d.result.status === 'signed').map((d) => d.version.contractId))];
      if (changed.length) ctx.emit({ type: 'library.changed', contractIds: changed });
    }
  }

  const handlers = {
    'signing.batchPrepare': async (input: z.output<typeof SigningBatchPrepareInput>, ctx: CallCtx): Promise<SigningBatchPreview> => {
      const skipped: SigningBatchPreview['skipped'] = [];
      const versions: VersionDetails[] = [];
      for (const contractId of new Set(input.contractIds)) {
        const contract = library.getContract(contractId);
        // The contract's latest document (the most recently added), at its latest version.
        const document = contract.documents.filter((d) => d.versions.length).at(-1);
        if (!document) {
          skipped.push({
            contractId,
            contractTitle: contract.title,
            error: pick(serializeError(new InkstoneError('SIGNING_BATCH_NO_DOCUMENT', { title: contract.title }))),
          });
          continue;
        }
        const latest = document.versions.reduce((a, b) => (b.number > a.number ? b : a));
        versions.push(library.versionDetails(latest.id));
      }
      const [key, ...checks] = await Promise.all([
        previewKey(input.key, input.lang, input.password, ctx.signal),
        // The check before signing of every document, spread over both long-work threads.
        ...versions.map((v) =>
          longWork.run(
            { kind: 'presignCheck', source: library.store.pathFor(v.sha256), name: v.documentName, lang: input.lang, trustFolder: trustFolder() },
            ctx.signal,
          ),
        ),
      ]);
      const documents: SigningBatchDocument[] = versions.map((v, i) => ({
        contractId: v.contractId,
        contractTitle: v.contractTitle,
        documentId: v.documentId,
        documentName: v.documentName,
        versionId: v.versionId,
        versionNumber: v.number,
        nextVersionNumber: v.number + 1,
        sha256: v.sha256,
        pageCount: v.pageCount,
        check: checks[i],
      }));
      return {
        documents,
        skipped,
        certificate: key.certificate,
        assurance: key.assurance,
        keyDescription: key.keyDescription,
        pin: key.pin,
        level: input.level,
        tsaUrl: input.tsaUrl ?? null,
        commitment: input.commitment,
        consentText: batchConsentText(versions, key.certificate, input.lang),
      };
    },

    'signing.batchSign': async (input: z.output<typeof SigningBatchSignInput>, ctx: CallCtx): Promise<SigningBatchOutcome> => {
      const consentedAt = new Date().toISOString();
      if (new Set(input.versionIds).size !== input.versionIds.length) throw new InkstoneError('SIGNING_BATCH_TWICE');
      const versions = input.versionIds.map((id) => library.versionDetails(id));
      if (new Set(versions.map((v) => v.documentId)).size !== versions.length) throw new InkstoneError('SIGNING_BATCH_TWICE');
      if (input.level !== 'B-B' && !input.tsaUrl) throw new InkstoneError('SIGN_TSA_REQUIRED', { level: input.level });
      // The consent must be the sentence for these versions and the certificate now on the key.
      const key = await previewKey(input.key, input.lang, input.key.kind === 'pkcs12' ? input.pin : undefined, ctx.signal);
      if (input.consent.text !== batchConsentText(versions, key.certificate, input.lang)) throw new InkstoneError('SIGNING_CONSENT_MISMATCH');
      const run: BatchRun = {
        id: randomBytes(16).toString('hex'),
        consentedAt,
        lang: input.lang,
        consentText: input.consent.text,
        certificate: key.certificate,
        assurance: key.assurance,
        keyDescription: key.keyDescription,
        level: input.level,
        tsaUrl: input.tsaUrl ?? null,
        commitment: input.commitment,
        documents: versions.map((version, position) => ({ version, result: pendingResult(version, position) })),
        attempts: 0,
        running: false,
      };
      // A batch whose key did not open is forgotten: the person types the PIN again and signs anew.
      await execute(
        run,
        run.documents.map((_, i) => i),
        input.key,
        input.pin,
        ctx,
      );
      runs.set(run.id, run);
      return outcome(run);
    },

    'signing.batchRetry': async (input: z.output<typeof SigningBatchRetryInput>, ctx: CallCtx): Promise<SigningBatchOutcome> => {
      const run = runs.get(input.batchId);
      if (!run) throw new InkstoneError('SIGNING_BATCH_NOT_FOUND');
      if (run.running) throw new InkstoneError('SIGNING_BATCH_BUSY');
      const positions = run.documents.flatMap((d, i) => (d.result.status === 'failed' || d.result.status === 'cancelled' ? [i] : []));
      if (!positions.length) throw new InkstoneError('SIGNING_BATCH_NOTHING_TO_RETRY');
      await execute(run, positions, input.key, input.pin, ctx);
      return outcome(run);
    },

    'signing.batchReport': async ({ batchId, lang }: { batchId: string; lang: Language }) => {
      const run = runs.get(batchId);
      if (!run) throw new InkstoneError('SIGNING_BATCH_NOT_FOUND');
      const { renderBatchReport, batchReportName } = await import('./signing-batch-report.js');
      return transfers.offerBytes(await renderBatchReport(run, outcome(run), lang), batchReportName(run, lang));
    },
  };
  return { inProgress, handlers };
}

type VerifyFields = Omit<Extract<LongTask, { kind: 'batchVerify' }>, 'kind' | 'revocation'>;

/**
 * How a batch verifies its signed copies: each one re-read from its file in a long-work thread,
 * the first alone, the others after it with the revocation answers fetched so far (one signer, one
 * chain: one OCSP request per certificate for the batch instead of one per document; each answer
 * is checked again for its certificate and freshness where it is reused, pki/revocation-reuse.ts).
 */
function batchVerifier(longWork: LongWork, signal: AbortSignal) {
  const kept = new Map<string, FetchedRevocation>();
  const verify = async (task: VerifyFields) => {
    const done = await longWork.run({ kind: 'batchVerify', ...task, revocation: [...kept.values()] }, signal);
    for (const answer of done.revocation) {
      const key = `${answer.certificateSha256}|${answer.issuerSha256}`;
      if ((kept.get(key)?.fetchedAt ?? -1) < answer.fetchedAt) kept.set(key, answer);
    }
    return done.verification;
  };
  let first: Promise<unknown> | null = null;
  return (task: VerifyFields) => {
    if (first) return first.then(() => verify(task));
    const verification = verify(task);
    first = verification.catch(() => undefined);
    return verification;
  };
}

/** The code and details of a typed error (its message is said again in the reader's language). */
function pick(error: SerializedError): { code: string; details: Record<string, unknown> } {
  return { code: error.code, details: error.details };
}

function pendingResult(version: VersionDetails, position: number): SigningBatchResult {
  return {
    position: position + 1,
    contractId: version.contractId,
    contractTitle: version.contractTitle,
    documentName: version.documentName,
    versionId: version.versionId,
    sha256: version.sha256,
    status: 'pending',
    signed: null,
    error: null,
  };
}
