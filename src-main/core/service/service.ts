import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  API_DOCUMENT_MAX_BYTES,
  DOCX_MAX_BYTES,
  SEAL_FILE_MAX_BYTES,
  isOperationName,
  operations,
  TRUST_FILE_MAX_BYTES,
  type CoreEvent,
  type Language,
  type OperationName,
  type RpcResult,
  type Settings,
  type VerifyTarget,
} from '../../../src-shared/api/index.js';
import { MAX_TEMPLATE_BYTES } from '../../../src-shared/drafting/template-format.js';
import { InkstoneError, serializeError } from '../../../src-shared/errors/index.js';
import { defineMessages, say } from '../../../src-shared/i18n/index.js';
import { SCHEMA_VERSION } from '../db/index.js';
import { TRUSTED_CERTIFICATES_FOLDER } from '../environment/index.js';
import type { DeviceScanner } from '../devices/index.js';
import { sweepStaleTempFiles } from '../files/index.js';
import { Library, dismissFactSuggestion, factSuggestions, importFiles } from '../library/index.js';
import { SettingsStore } from '../settings/index.js';
import type { SyncLoop, TokenStore } from '../sync/index.js';
import { FileTransfers, type OpenedDownload, type UploadSlot } from '../transfers/index.js';
import { onFirstUse, type Handler, type Handlers } from './handlers.js';
import { startLongWork, type LongTaskSource, type LongWorkEntry } from './long-work.js';

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What is added to a document's name for a file derived from it. */
const FILE_NAME_SUFFIX = defineMessages({
  report: { en: 'verification-report', 'zh-CN': '验证报告' },
  signedVersion: { en: 'as-signed-{index}', 'zh-CN': '签名{index}签署时版本' },
});

/** Per-call context a transport passes in: progress events and cancellation. */
export interface CallContext {
  jobId?: string;
  emit?: (event: CoreEvent) => void;
}

const CONTRACT_MUTATIONS = new Set<OperationName>([
  'contracts.create',
  'contracts.update',
  'contracts.setStatus',
  'contracts.addParty',
  'contracts.updateParty',
  'contracts.removeParty',
]);

export interface CoreServiceOptions {
  /** Where the library lives (database + documents). */
  dataDir: string;
  /** Settings file (defaults to <dataDir>/settings.json). */
  settingsFile?: string;
  /** Log unexpected failures (never inputs: they may one day carry PINs). */
  log?: (message: string) => void;
  today?: () => string;
  /** The long-work thread script (long-work.ts); the bundled core passes its own. */
  longWorkEntry?: LongWorkEntry;
  /** The person's languages in order of preference, for the first-run language (the process locale otherwise). */
  systemLanguages?: readonly string[];
  /** Reads PKCS#11 tokens for devices.* (default: the device thread; tests pass a fake token's). */
  deviceScanner?: DeviceScanner;
  /** Where the evidence service token is kept: the desktop shell's OS keychain; the 0600 file in the data folder by default. */
  tokenStore?: TokenStore;
}

export interface CoreService {
  /** Validate, run and map errors: the one entry point every transport uses. */
  invoke(operation: string, input: unknown, ctx?: CallContext): Promise<RpcResult<unknown>>;
  /**
   * Store a new data folder (used from the next start). Not an operation, so no page can call it:
   * only the desktop shell does, with the folder the person picked in the native dialog and that
   * it has checked can hold a library.
   */
  setDataDir(dir: string): Promise<RpcResult<Settings>>;
  /** Crash leftovers removed at start, in the background (start does not wait): how many. */
  readonly sweptTempFiles: Promise<number>;
  /**
   * The transports' side of file transfers (core/transfers): a page uploads through its transport
   * and passes the id to an operation; downloads are opened by id. Not operations, so no page can
   * ask for a path.
   */
  readonly transfers: TransferPort;
  readonly library: Library;
  /** Events no call asked for (a token inserted or removed): the transports forward them to every window. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  close(): void;
}

export interface TransferPort {
  beginUpload(meta: { name: string; size: number }): Promise<RpcResult<UploadSlot>>;
  finishUpload(id: string): Promise<RpcResult<{ id: string; size: number }>>;
  discardUpload(id: string): Promise<RpcResult<null>>;
  openDownload(id: string): Promise<RpcResult<OpenedDownload>>;
}

/** Issues shown in an INVALID_INPUT error: a few say what is wrong; a million would only cost memory. */
export const MAX_REPORTED_ISSUES = 5;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).map((i) => `${i.path.join('.').slice(0, 200) || '(input)'}: ${i.message.slice(0, 200)}`);
  if (issues.length > MAX_REPORTED_ISSUES) shown.push(`… ${issues.length - MAX_REPORTED_ISSUES} more`);
  return shown.join('; ');
}

// package.json sits three folders up from the source and four from dist/.
const packageVersion = (() => {
  for (const rel of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'inkstone') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
})();

/**
 * The core behind the API contract. Transports (Electron IPC, the browser host, tests) hand it an
 * operation name and untrusted input; it checks both against the contract, runs the handler and
 * returns a value or a typed error — the output is checked too, so the UI can trust its shape.
 */
export function createCoreService(options: CoreServiceOptions): CoreService {
  const settings = new SettingsStore(options.settingsFile ?? path.join(options.dataDir, 'settings.json'), {
    dataDir: options.dataDir,
    systemLanguages: options.systemLanguages,
  });
  const library = new Library(options.dataDir);
  const transfers = new FileTransfers(library.dataDir, { maxUploadBytes: API_DOCUMENT_MAX_BYTES });
  const jobs = new Map<string, AbortController>();
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const settingsDir = path.resolve(path.dirname(settings.file));
  const sweptTempFiles = Promise.all([
    sweepStaleTempFiles(library.dataDir),
    settingsDir === path.resolve(library.dataDir) ? 0 : sweepStaleTempFiles(settingsDir),
    sweepStaleTempFiles(path.join(library.dataDir, TRUSTED_CERTIFICATES_FOLDER)),
    sweepStaleTempFiles(library.store.root, { depth: 2 }),
    transfers.sweepAbandoned(),
  ]).then(
    (counts) => counts.reduce((a, b) => a + b, 0),
    (err: unknown) => {
      log(`[core] temp file sweep failed: ${String(err)}`);
      return 0;
    },
  );

  /** The verifier, loaded on first use: the core's thread must be ready for the first search first. */
  const verifier = () => import('../verify/index.js');
  /** The certificates the person chose to trust (verify.trust.*), kept in the data folder. */
  const trustFolder = () => path.join(library.dataDir, TRUSTED_CERTIFICATES_FOLDER);
  /** Verification, reports, signed versions and pdf.js run in worker threads (long-work.ts). */
  const longWork = startLongWork({ entry: options.longWorkEntry });
  /** A picked file (an upload) or a stored version, read in place (a version must still be the bytes it was stored as). */
  const sourceOf = (input: VerifyTarget): { source: LongTaskSource; name: string; sha256?: string } => {
    if ('uploadId' in input) {
      const upload = transfers.uploaded(input.uploadId);
      return { source: upload.path, name: upload.name };
    }
    const v = library.version(input.versionId);
    return { source: library.store.pathFor(v.sha256), name: v.name, sha256: v.sha256 };
  };
  const checkStored = (expected: string | undefined, actual: string) => {
    if (expected && expected !== actual) throw new InkstoneError('IO_ERROR', { reason: `stored document ${expected} was altered on disk` });
  };
  /** Verification against the person's trust anchors, offline unless asked. */
  const verifyTask = async <K extends 'verify' | 'report'>(
    kind: K,
    source: LongTaskSource,
    name: string,
    options: { lang?: Language; online?: boolean } = {},
  ) => ({
    kind,
    source,
    name,
    lang: options.lang ?? settings.get().language,
    online: options.online ?? settings.get().verifyOnline,
    trustFolder: trustFolder(),
  });
  /** A verification in a long-work thread, announced when it starts and ends (it has no finer steps). */
  const inWorker = async <T>(operation: OperationName, ctx: { jobId?: string; emit: (e: CoreEvent) => void }, work: () => Promise<T>): Promise<T> => {
    const progress = (done: number) => ctx.jobId && ctx.emit({ type: 'progress', jobId: ctx.jobId, operation, done, total: 1 });
    progress(0);
    const value = await work();
    progress(1);
    return value;
  };
  /** Listeners of events no call asked for (devices.changed). */
  const eventListeners = new Set<(event: CoreEvent) => void>();
  const broadcast = (event: CoreEvent) => eventListeners.forEach((listener) => listener(event));
  // ── Loaded on first use (tests/service/core-start.test.ts): the core starts with the library and
  // settings only; devices (pkcs11js, pkijs), seals and the signing ceremony (pdf-lib), drafting
  // (yjs, ProseMirror) and a draft's files (docx, mammoth) wait for their first call.
  let ceremonyLoaded: { inProgress(): number } | undefined;
  let batchesLoaded: { inProgress(): number } | undefined;
  // Signing devices (issue 9): the trusted CAs complete each certificate's chain.
  let devicesStarted = false;
  const devices = onFirstUse(async () => {
    const { SigningDevices, threadScanner } = await import('../devices/index.js');
    devicesStarted = true;
    return new SigningDevices({
      scanner: options.deviceScanner ?? threadScanner(),
      settings,
      issuers: async () => (await (await verifier()).trustStoreFromFolder(trustFolder())).anchors.map((a) => a.der),
      onChange: () => broadcast({ type: 'devices.changed' }),
      // Re-initialising a module (SoftHSM's hot-plug) would end the session of a signing in progress.
      tokensInUse: () => (ceremonyLoaded?.inProgress() ?? 0) + (batchesLoaded?.inProgress() ?? 0) > 0,
    });
  });
  const sealsModule = () => import('../seals/index.js');
  const seals = onFirstUse(async () => new (await sealsModule()).SealLibrary(library.db, library.dataDir, library.actor));
  const drafts = onFirstUse(async () => new (await import('../drafting/index.js')).Drafts(library));
  const clauses = onFirstUse(async () => new (await import('../clauses/index.js')).ClauseLibrary(library));
  // Drafting: templates (issue 10), loaded with drafting on first use.
  const templates = onFirstUse(async () => {
    const drafting = await import('../drafting/index.js');
    return { store: new drafting.TemplateStore(library.dataDir), fromTemplate: drafting.newDraftFromTemplate };
  });
  /** A draft's files (PDF, DOCX, redlines) and what they work on. */
  const draftFiles = async () => ({ files: await import('../draft-files/index.js'), on: { library, drafts: await drafts() } });
  /** A certificate file the person picked (a CA to trust, a certificate to import onto a token): small, or refused before it is read. */
  const trustFile = async (uploadId: string) => {
    if (transfers.uploaded(uploadId).size > TRUST_FILE_MAX_BYTES) throw new InkstoneError('BODY_TOO_LARGE', { limitBytes: TRUST_FILE_MAX_BYTES });
    return transfers.read(uploadId);
  };
  /** A file name for something derived from the document `name` ("合同.pdf" → "合同-suffix.pdf"). */
  const derivedName = (name: string, suffix: string) => `${name.replace(/\.pdf$/i, '')}-${suffix}.pdf`;

  // Signing in the app (issue 9).
  const ceremony = onFirstUse(async () => {
    const { signingCeremony } = await import('./signing-ceremony.js');
    const deps = { library, seals: await seals(), transfers, longWork, trustFolder, verifyOnline: () => settings.get().verifyOnline };
    return (ceremonyLoaded = signingCeremony(deps));
  });
  // Batch signing (issue 9): one ceremony for contracts chosen in the library.
  const batches = onFirstUse(async () => {
    const { signingBatches } = await import('./signing-batch.js');
    return (batchesLoaded = signingBatches({ library, transfers, longWork, trustFolder, verifyOnline: () => settings.get().verifyOnline }));
  });
  // ── sync (issue 11): the team library, its token in a 0600 file in the data folder. Loaded after
  // start (the evidence client pulls in PKI code), so the first search does not wait for it.
  let syncLoop: Promise<SyncLoop> | null = null;
  const sync = () =>
    (syncLoop ??= import('../sync/index.js').then((m) =>
      m.startSyncLoop(library, options.tokenStore ?? m.fileTokenStore(library.dataDir), {
        upgrade: () => ({ lang: settings.get().language, verifyOnline: settings.get().verifyOnline }),
      }),
    ));
  let closed = false;
  setTimeout(() => closed || void sync().catch((err: unknown) => log(`[core] sync did not start: ${String(err)}`)), 3_000).unref();

  const handlers: Handlers = {
    'sync.status': async () => (await sync()).status(),
    'sync.test': async (input) => (await sync()).test(input),
    'sync.connect': async (input) => (await sync()).connect(input),
    'sync.run': async () => (await sync()).runNow(),
    // ── evidence receipts per version (issue 11) ──
    'evidence.contract': async ({ contractId }) => (await import('../sync/index.js')).contractEvidence(library, contractId),
    'evidence.certificate': async ({ versionId, lang }) => {
      const { bytes, name } = await (await import('../sync/index.js')).evidenceCertificate(library, versionId, lang ?? settings.get().language);
      return transfers.offerBytes(bytes, name);
    },
    'evidence.privacy': async () => ({ on: (await import('../sync/index.js')).evidencePrivacy(library.db) }),
    'evidence.setPrivacy': async ({ on }) => {
      const m = await import('../sync/index.js');
      m.setEvidencePrivacy(library.db, on);
      return { on: m.evidencePrivacy(library.db) };
    },
    // Offline signatures upgraded on sync (issue 11).
    'signatures.upgrades': async ({ contractId }) => ({ upgrades: (await import('../sync/index.js')).signatureUpgradesOf(library.db, contractId) }),
    'signatures.upgradePolicy': async () => (await import('../sync/index.js')).upgradePolicy(library.db),
    'signatures.setUpgradePolicy': async (policy) => (await import('../sync/index.js')).setUpgradePolicy(library.db, policy),
    'app.info': () => ({ version: packageVersion, platform: process.platform, dataDir: library.dataDir, schemaVersion: SCHEMA_VERSION }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'contracts.search': (q) => library.search(q),
    'contracts.get': ({ id }) => library.getContract(id),
    'contracts.create': ({ title }) => library.createContract({ title }),
    'contracts.update': ({ id, patch }) => library.updateContract(id, patch),
    'contracts.setStatus': ({ id, status }) => library.setStatus(id, status),
    'contracts.addParty': ({ contractId, party }) => library.addParty(contractId, party),
    'contracts.updateParty': ({ contractId, partyId, party }) => library.updateParty(contractId, partyId, party),
    'contracts.removeParty': ({ contractId, partyId }) => library.removeParty(contractId, partyId),
    'contracts.audit': ({ id }) => library.audit(id),
    'contracts.tags': () => library.tags(),
    'contracts.suggestions': ({ id }) => ({ suggestions: factSuggestions(library, id) }),
    'contracts.dismissSuggestion': ({ contractId, key }) => {
      dismissFactSuggestion(library, contractId, key);
      return { suggestions: factSuggestions(library, contractId) };
    },
    'contracts.reminders': ({ horizonDays }) => library.reminders(today(), horizonDays ?? settings.get().reminderHorizonDays),
    'reminders.takeDue': ({ leadDays }) => library.takeDueNotifications(today(), leadDays),
    'library.import': async ({ files, contractId }, ctx) => {
      const decoded = await Promise.all(files.map((f) => transfers.read(f.uploadId)));
      const outcomes = await importFiles(library, decoded, {
        contractId,
        signal: ctx.signal,
        // Offline on import whatever the setting: a batch of files must not wait on every CA.
        verify: async (bytes, name) => longWork.run(await verifyTask('verify', bytes, name, { online: false }), ctx.signal),
        onProgress: (done, total, label) => ctx.jobId && ctx.emit({ type: 'progress', jobId: ctx.jobId, operation: 'library.import', done, total, label }),
      });
      // Imported files are in the library now; the uploads have served.
      await Promise.all(files.map((f) => transfers.discard(f.uploadId)));
      const changed = outcomes.flatMap((o) => (o.ok ? [o.contractId] : []));
      if (changed.length) ctx.emit({ type: 'library.changed', contractIds: changed });
      return { outcomes };
    },
    'jobs.cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      job?.abort();
      return { cancelled: Boolean(job) };
    },
    'documents.read': async ({ versionId }) => {
      const v = library.version(versionId);
      // Re-hashed on read, so a file altered on disk is refused rather than shown.
      await library.store.read(v.sha256);
      return { ...(await transfers.offerFile(library.store.pathFor(v.sha256), v.name)), sha256: v.sha256 };
    },
    'verify.document': async (input, ctx) => {
      const { source, name, sha256 } = sourceOf(input);
      const result = await inWorker('verify.document', ctx, async () => longWork.run(await verifyTask('verify', source, name, input), ctx.signal));
      checkStored(sha256, result.document.sha256);
      return result;
    },
    'verify.report': async (input, ctx) => {
      const { source, name, sha256 } = sourceOf(input);
      const { result, report } = await inWorker('verify.report', ctx, async () => longWork.run(await verifyTask('report', source, name, input), ctx.signal));
      checkStored(sha256, result.document.sha256);
      const suffix = FILE_NAME_SUFFIX.report[result.lang];
      return {
        ...(await transfers.offerBytes(report, derivedName(result.document.name, suffix))),
        documentSha256: result.document.sha256,
        verdict: result.verdict,
      };
    },
    'verify.signedVersion': async (input, ctx) => {
      const { source, name } = sourceOf(input);
      const { data, ...facts } = await inWorker('verify.signedVersion', ctx, () =>
        longWork.run({ kind: 'signedVersion', source, index: input.index }, ctx.signal),
      );
      const suffix = say(FILE_NAME_SUFFIX.signedVersion, settings.get().language, { index: input.index });
      return { ...facts, ...(await transfers.offerBytes(data, derivedName(name, suffix))) };
    },
    // --- drafting (issue 10) ---
    'drafts.create': async ({ contractId, language }) => (await drafts()).create(contractId, language ?? settings.get().language),
    'drafts.open': async ({ contractId }) => (await drafts()).open(contractId),
    'drafts.applyUpdate': async ({ draftId, updateBase64, cursorUnitId }) => {
      (await drafts()).applyUpdate(draftId, Buffer.from(updateBase64, 'base64'), cursorUnitId);
      return { saved: true as const };
    },
    'drafts.saveVersion': async ({ draftId, name }) => (await drafts()).saveVersion(draftId, name),
    'drafts.versions': async ({ contractId }) => ({ versions: (await drafts()).versions(contractId) }),
    // --- clause library (issue 10); loaded on first use like drafting ---
    'clauses.list': async (q) => ({ clauses: (await clauses()).list(q) }),
    'clauses.get': async ({ clauseId, revision }) => (await clauses()).get(clauseId, revision),
    'clauses.add': async (input) => (await clauses()).add(input),
    'clauses.revise': async ({ clauseId, ...input }) => (await clauses()).revise(clauseId, input),
    'clauses.insert': async ({ clauseId, contractId, language, values }) =>
      (await clauses()).copyInto(clauseId, contractId, Object.fromEntries(values.map((v) => [v.key, v.value])), language),
    'clauses.uses': async ({ clauseId }) => ({ uses: (await clauses()).uses(clauseId) }),
    // --- drafting: export, import and redlines (issue 10); docx, mammoth and the typesetter load on first use ---
    'drafts.exportPdf': async ({ contractId }) => {
      const { files, on } = await draftFiles();
      const { documentId, versionId, number } = await files.exportDraftPdf(on, contractId);
      return { documentId, versionId, number };
    },
    'drafts.exportDocx': async ({ contractId, at }) => {
      const { files, on } = await draftFiles();
      const { bytes, title } = await files.exportDraftDocx(on, contractId, at);
      return transfers.offerBytes(bytes, `${title || 'draft'}.docx`, DOCX_CONTENT_TYPE);
    },
    'drafts.importDocx': async ({ contractId, file }) => {
      if (transfers.uploaded(file.uploadId).size > DOCX_MAX_BYTES) throw new InkstoneError('BODY_TOO_LARGE', { limitBytes: DOCX_MAX_BYTES });
      const { name, bytes } = await transfers.read(file.uploadId);
      const { files, on } = await draftFiles();
      const result = await files.importDraftDocx(on, contractId, { name, bytes }, settings.get().language);
      await transfers.discard(file.uploadId);
      return result;
    },
    'drafts.redline': async ({ contractId, from, to }) => {
      const { files, on } = await draftFiles();
      return files.draftRedline(on, contractId, from, to).redline;
    },
    'drafts.redlinePdf': async ({ contractId, from, to, names }) => {
      const { files, on } = await draftFiles();
      const bytes = await files.draftRedlinePdf(on, contractId, from, to, names);
      return transfers.offerBytes(bytes, `${library.getContract(contractId).title}-redline.pdf`);
    },
    // --- drafting: templates (issue 10) ---
    'templates.list': async () => ({ templates: (await templates()).store.list() }),
    'templates.get': async ({ id }) => (await templates()).store.open(id),
    'templates.createDraft': async ({ templateId, values }) => {
      const { store, fromTemplate } = await templates();
      const made = fromTemplate(library, await drafts(), store.get(templateId), Object.fromEntries(values.map((v) => [v.key, v.value])));
      return { contractId: made.contractId, draftId: made.session.draftId };
    },
    'templates.import': async ({ uploadId }) => {
      if (transfers.uploaded(uploadId).size > MAX_TEMPLATE_BYTES) throw new InkstoneError('TEMPLATE_TOO_LARGE', { limit: MAX_TEMPLATE_BYTES });
      const { bytes } = await transfers.read(uploadId);
      const imported = await (await templates()).store.import(bytes);
      await transfers.discard(uploadId);
      return imported;
    },
    'templates.export': async ({ id }) => {
      const { name, text } = (await templates()).store.export(id);
      return transfers.offerBytes(new TextEncoder().encode(text), name, 'application/json');
    },
    'templates.remove': async ({ id }) => {
      const { store } = await templates();
      store.remove(id);
      return { templates: store.list() };
    },
    'verify.trust.list': async () => ({ certificates: await (await verifier()).listTrustedCertificates(trustFolder()) }),
    'verify.trust.import': async ({ uploadId }) => {
      const { importTrustedCertificates, listTrustedCertificates } = await verifier();
      const { bytes, name } = await trustFile(uploadId);
      const imported = await importTrustedCertificates(trustFolder(), bytes, name);
      return { imported, certificates: await listTrustedCertificates(trustFolder()) };
    },
    'verify.trust.preview': async ({ uploadId }) => {
      const { bytes, name } = await trustFile(uploadId);
      return { certificates: (await verifier()).previewTrustedCertificates(bytes, name) };
    },
    'verify.trust.remove': async ({ sha256 }) => {
      const { listTrustedCertificates, removeTrustedCertificate } = await verifier();
      if (!(await removeTrustedCertificate(trustFolder(), sha256))) throw new InkstoneError('VERIFY_TRUST_NOT_FOUND', { sha256 });
      return { certificates: await listTrustedCertificates(trustFolder()) };
    },
    // placements (viewer); loaded on first use, as the PDF reader it needs is
    'placements.get': async ({ versionId }) => (await import('../placements/index.js')).getPlacements(library, versionId),
    'placements.save': async ({ versionId, ...boxes }) => (await import('../placements/index.js')).savePlacements(library, versionId, boxes),
    'signing.prepare': async (input, ctx) => (await ceremony()).handlers['signing.prepare'](input, ctx),
    'signing.sign': async (input, ctx) => (await ceremony()).handlers['signing.sign'](input, ctx),
    // Batch signing (issue 9)
    'signing.batchPrepare': async (input, ctx) => (await batches()).handlers['signing.batchPrepare'](input, ctx),
    'signing.batchSign': async (input, ctx) => (await batches()).handlers['signing.batchSign'](input, ctx),
    'signing.batchRetry': async (input, ctx) => (await batches()).handlers['signing.batchRetry'](input, ctx),
    'signing.batchReport': async (input) => (await batches()).handlers['signing.batchReport'](input),
    // The organisation and its seals (issue 9)
    'organisation.get': async () => ({ profile: (await sealsModule()).organisationProfile(library.db) }),
    'organisation.update': async (profile) => (await sealsModule()).updateOrganisationProfile(library.db, library.actor, profile),
    'seals.list': async ({ includeDisabled }) => ({ seals: await (await seals()).list({ includeDisabled }) }),
    'seals.import': async ({ uploadId, name, category }) => {
      if (transfers.uploaded(uploadId).size > SEAL_FILE_MAX_BYTES)
        throw new InkstoneError('SEAL_FILE_TOO_LARGE', { limit: `${SEAL_FILE_MAX_BYTES / 1024 / 1024} MiB` });
      const file = await transfers.read(uploadId);
      const seal = await (await seals()).importFile({ name, fileName: file.name, category, bytes: file.bytes });
      await transfers.discard(uploadId);
      return seal;
    },
    'seals.generate': async (input) => (await seals()).generate(input),
    'seals.previewRound': async ({ sealType }) => ({
      preview: `data:image/svg+xml;base64,${Buffer.from(await (await seals()).roundSealPreview(sealType)).toString('base64')}`,
    }),
    'seals.drawSignature': async (drawing) => (await seals()).drawSignature(drawing),
    'seals.typeSignature': async (input) => (await seals()).typeSignature(input),
    'seals.disable': async ({ id }) => (await seals()).disable(id),
    // Signing devices (issue 9)
    'devices.list': async () => (await devices()).list(),
    'devices.addModule': async ({ path: file }) => (await devices()).addModule(file),
    'devices.removeModule': async ({ path: file }) => (await devices()).removeModule(file),
    'devices.rememberPkcs12': async ({ path: file }) => (await devices()).rememberPkcs12(file),
    'devices.forgetPkcs12': async ({ path: file }) => (await devices()).forgetPkcs12(file),
    'devices.openPkcs12': async ({ path: file, password }) => (await devices()).openPkcs12(file, password),
    'devices.requestCertificate': async ({ token, pin, keyType, subject }) => (await devices()).requestCertificate({ token, pin, spec: keyType, subject }),
    'devices.importCertificate': async ({ token, pin, file }) =>
      (await devices()).importCertificate({ token, pin, file: (await trustFile(file.uploadId)).bytes }),
  };

  async function invoke(operation: string, input: unknown, ctx: CallContext = {}): Promise<RpcResult<unknown>> {
    if (!isOperationName(operation))
      return { ok: false, error: new InkstoneError('UNKNOWN_OPERATION', { operation: String(operation).slice(0, 100) }).toJSON() };
    const spec = operations[operation];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: new InkstoneError('INVALID_INPUT', { issues: describeIssues(parsed.error.issues), operation }).toJSON() };
    const controller = new AbortController();
    // Only long operations can be cancelled (jobs.cancel); the others answer at once.
    const job = spec.longRunning ? ctx.jobId : undefined;
    if (job) jobs.set(job, controller);
    const emit = ctx.emit ?? (() => undefined);
    try {
      const handler = handlers[operation] as Handler<OperationName>;
      const value = await handler(parsed.data as never, { jobId: ctx.jobId, emit, signal: controller.signal });
      const output = spec.output.parse(value);
      // Every contract edit tells open windows to refresh (imports announce their own changes).
      if (CONTRACT_MUTATIONS.has(operation)) emit({ type: 'library.changed', contractIds: [(output as { id: string }).id] });
      return { ok: true, value: output };
    } catch (err) {
      if (!(err instanceof InkstoneError)) log(`[core] ${operation} failed: ${(err as Error)?.stack ?? String(err)}`);
      return { ok: false, error: serializeError(err) };
    } finally {
      if (job) jobs.delete(job);
    }
  }

  async function setDataDir(dir: string): Promise<RpcResult<Settings>> {
    if (typeof dir !== 'string' || !path.isAbsolute(dir) || dir.length > 4096 || dir.includes('\0'))
      return { ok: false, error: new InkstoneError('INVALID_INPUT', { issues: 'dataDir: not an absolute path' }).toJSON() };
    try {
      return { ok: true, value: await settings.update({ dataDir: path.resolve(dir) }) };
    } catch (err) {
      return { ok: false, error: serializeError(err) };
    }
  }

  /** A transfer step as the transports get it: a value or a typed error. */
  const answer = async <T>(step: () => Promise<T> | T): Promise<RpcResult<T>> => {
    try {
      return { ok: true, value: await step() };
    } catch (err) {
      if (!(err instanceof InkstoneError)) log(`[core] file transfer failed: ${(err as Error)?.stack ?? String(err)}`);
      return { ok: false, error: serializeError(err) };
    }
  };

  return {
    invoke,
    setDataDir,
    sweptTempFiles,
    transfers: {
      beginUpload: (meta) => answer(() => transfers.beginUpload(meta)),
      finishUpload: (id) => answer(() => transfers.finishUpload(id)),
      discardUpload: (id) => answer(async () => (await transfers.discard(id), null)),
      openDownload: (id) => answer(() => transfers.open(id)),
    },
    library,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close: () => {
      closed = true;
      void syncLoop?.then((loop) => loop.stop()).catch(() => undefined);
      void longWork.close();
      void transfers.close();
      if (devicesStarted) void devices().then((d) => d.close());
      library.close();
    },
  };
}
