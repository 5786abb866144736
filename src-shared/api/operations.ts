import { z } from 'zod';
import {
  AuditEvent,
  Contract,
  ContractPatch,
  ContractStatus,
  Id,
  ImportFile,
  ImportOutcome,
  Download,
  Language,
  PartyInput,
  Reminder,
  SearchQuery,
  SearchResult,
  Settings,
  SettingsPatch,
  Upload,
} from './model.js';
import { CertificateSummary, VerificationResult } from './verification.js';
import { FactSuggestion } from './facts.js';
import { SavedPlacements, VersionPlacements } from './placements.js';
import { DrawnSignature, OrganisationProfile, Seal, SealCategory, SealName, SealType } from './seals.js';
import { DraftSession, DraftUpdateInput, DraftVersion, DraftVersionName } from './drafting.js';
import { CertificateRequestInput, CertificateRequestOutput, DeviceInventory, DevicePath, Pkcs12Entry, TokenAddress } from './devices.js';
import { DocxLoss, DraftPoint, Redline } from './draft-files.js';
import { DraftTemplate, TemplateDraftInput, TemplateDraftOutput, TemplateId, TemplateSummary } from './templates.js';
import { SigningOutcome, SigningPreview, SigningRequest, SigningSignInput } from './signing.js';
// Batch signing (issue 9)
import {
  SigningBatchOutcome,
  SigningBatchPrepareInput,
  SigningBatchPreview,
  SigningBatchResult,
  SigningBatchRetryInput,
  SigningBatchSignInput,
} from './signing-batch.js';
import { SyncConnectInput, SyncConnection, SyncStatus } from './sync.js';
import { Clause, ClauseInput, ClauseListQuery, ClauseSummary, ClauseUse, ClauseBlocks, ClauseValues } from './clauses.js';
import { ContractEvidence, EvidenceCertificateInput, EvidencePrivacy } from './evidence-receipts.js';
import { SignatureUpgrade, SignatureUpgradePolicy } from './signature-upgrade.js';

/**
 * The API contract: every operation the UI may ask the core for, with its input and output schema.
 * Electron's IPC handlers, the preload bridge and the browser host are all generated from this one
 * table, so a new operation is added here and nowhere else by hand.
 */
function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, options: { longRunning?: boolean; maxBodyBytes?: number } = {}) {
  return { input, output, longRunning: options.longRunning ?? false, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_BODY_BYTES } as const;
}

/**
 * The most a call's request may weigh on the wire (the browser host refuses more before reading it).
 * Metadata calls stay far below 1 MiB (a contract's notes are 20,000 characters); files never ride
 * in a call (they are uploads, passed by id: core/transfers).
 */
const DEFAULT_BODY_BYTES = 1024 * 1024;
/** The largest certificate file verify.trust.import accepts. */
export const TRUST_FILE_MAX_BYTES = 1024 * 1024;
/** A certificate file the person picked (an upload), for verify.trust.import and verify.trust.preview. */
const TrustFile = Upload;

/** What to verify: a file the user picked (an upload), or a stored document version. */
const VerifyTarget = z.union([Upload, z.object({ versionId: Id })]);
const VerifyOptions = z.object({ lang: Language.optional(), online: z.boolean().optional() });
export type VerifyTarget = z.infer<typeof VerifyTarget>;

export const operations = {
  // ── sync (issue 11): the team library through the evidence service ──
  'sync.status': op(z.object({}), SyncStatus),
  'sync.test': op(SyncConnectInput, SyncConnection),
  'sync.connect': op(SyncConnectInput, SyncConnection),
  'sync.run': op(z.object({}), SyncStatus),
  // ── evidence receipts per version (issue 11): the Evidence tab and its certificate ──
  'evidence.contract': op(z.object({ contractId: Id }), ContractEvidence),
  'evidence.certificate': op(EvidenceCertificateInput, Download),
  'evidence.privacy': op(z.object({}), EvidencePrivacy),
  'evidence.setPrivacy': op(EvidencePrivacy, EvidencePrivacy),
  // ── offline signatures upgraded on sync (issue 11) ──
  'signatures.upgrades': op(z.object({ contractId: Id }), z.object({ upgrades: z.array(SignatureUpgrade) })),
  'signatures.upgradePolicy': op(z.object({}), SignatureUpgradePolicy),
  'signatures.setUpgradePolicy': op(SignatureUpgradePolicy, SignatureUpgradePolicy),

  'app.info': op(z.object({}), z.object({ version: z.string(), platform: z.string(), dataDir: z.string(), schemaVersion: z.number().int() })),
  'settings.get': op(z.object({}), Settings),
  'settings.update': op(SettingsPatch, Settings),

  'contracts.search': op(SearchQuery, SearchResult),
  'contracts.get': op(z.object({ id: Id }), Contract),
  'contracts.create': op(z.object({ title: z.string().trim().min(1).max(300) }), Contract),
  'contracts.update': op(z.object({ id: Id, patch: ContractPatch }), Contract),
  'contracts.setStatus': op(z.object({ id: Id, status: ContractStatus }), Contract),
  'contracts.addParty': op(z.object({ contractId: Id, party: PartyInput }), Contract),
  'contracts.updateParty': op(z.object({ contractId: Id, partyId: Id, party: PartyInput }), Contract),
  'contracts.removeParty': op(z.object({ contractId: Id, partyId: Id }), Contract),
  'contracts.audit': op(z.object({ id: Id }), z.object({ events: z.array(AuditEvent), chainIntact: z.boolean() })),
  'contracts.tags': op(z.object({}), z.array(z.object({ tag: z.string(), count: z.number().int() }))),
  'contracts.reminders': op(z.object({ horizonDays: z.number().int().min(1).max(365).optional() }), z.array(Reminder)),
  /** Parties, amount, dates and type read from the contract's documents, not yet recorded or dismissed. */
  'contracts.suggestions': op(z.object({ id: Id }), z.object({ suggestions: z.array(FactSuggestion) })),
  /** Stop offering one suggestion (by its key) on this contract. */
  'contracts.dismissSuggestion': op(z.object({ contractId: Id, key: z.string().min(1).max(300) }), z.object({ suggestions: z.array(FactSuggestion) })),
  /** Reminders due within `leadDays` that were never announced; each is returned once, ever. */
  'reminders.takeDue': op(z.object({ leadDays: z.number().int().min(0).max(365) }), z.array(Reminder)),

  'library.import': op(z.object({ files: z.array(ImportFile).min(1).max(200), contractId: Id.optional() }), z.object({ outcomes: z.array(ImportOutcome) }), {
    longRunning: true,
  }),
  'jobs.cancel': op(z.object({ jobId: z.string().min(1).max(100) }), z.object({ cancelled: z.boolean() })),
  /** A stored version's bytes, as a download. */
  'documents.read': op(z.object({ versionId: Id }), Download.extend({ sha256: z.string() })),
  /** Verify a signed PDF: a file the user picked, or a stored version. Trust anchors are the certificates the user imported (verify.trust.*); online revocation checking only when asked. */
  'verify.document': op(VerifyTarget.and(VerifyOptions), VerificationResult, { longRunning: true }),
  /** The same verification rendered as the zh-CN/en PDF report (技术报告), to save or file. */
  'verify.report': op(VerifyTarget.and(VerifyOptions), Download.extend({ documentSha256: z.string(), verdict: VerificationResult.shape.verdict }), {
    longRunning: true,
  }),
  /** "View signed version": the exact bytes signature `index` (1-based, document order) covers. */
  'verify.signedVersion': op(
    VerifyTarget.and(z.object({ index: z.number().int().min(1).max(10_000) })),
    Download.extend({ index: z.number().int(), fieldName: z.string(), revision: z.number().int() }),
    { longRunning: true },
  ),
  /** The CA certificates the user trusts for verification (nothing is trusted otherwise). */
  // --- drafting (issue 10): a contract's draft as Yjs updates, autosaved; versions ---
  /** Start a draft for a contract that has none: title, parties, one article, a signature block per party. */
  'drafts.create': op(z.object({ contractId: Id, language: Language.optional() }), DraftSession),
  'drafts.open': op(z.object({ contractId: Id }), DraftSession),
  /** Autosave: one Yjs update (appended, never a rewrite of the whole draft) and where the cursor is. */
  'drafts.applyUpdate': op(DraftUpdateInput, z.object({ saved: z.literal(true) })),
  'drafts.saveVersion': op(z.object({ draftId: Id, name: DraftVersionName }), DraftVersion),
  'drafts.versions': op(z.object({ contractId: Id }), z.object({ versions: z.array(DraftVersion) })),
  // --- drafting: export, import and redlines (issue 10) ---
  /** Typeset the draft as a PDF with empty signature fields; it becomes the next version (1 at first) of the contract's drafted document. */
  'drafts.exportPdf': op(z.object({ contractId: Id }), z.object({ documentId: Id, versionId: Id, number: z.number().int().positive() })),
  'drafts.exportDocx': op(z.object({ contractId: Id, at: DraftPoint.optional() }), Download),
  /** A DOCX (an upload) into the draft (a new draft, or a named version of the existing one); `lost` lists what the draft cannot hold. */
  'drafts.importDocx': op(
    z.object({ contractId: Id, file: Upload }),
    z.object({ draftId: Id, versionId: Id, previousVersionId: Id.nullable(), lost: z.array(DocxLoss) }),
  ),
  // --- clause library (issue 10): reusable clauses, each edit a new revision; drafts hold copies ---
  /** Newest first, or ranked by a full-text query (CJK-aware, like the library); filters by language, position, tag. */
  'clauses.list': op(ClauseListQuery, z.object({ clauses: z.array(ClauseSummary) })),
  'clauses.get': op(z.object({ clauseId: Id, revision: z.number().int().positive().optional() }), Clause),
  'clauses.add': op(ClauseInput, Clause),
  /** An edit: a new revision. Drafts and contracts that already hold the clause keep their copy. */
  'clauses.revise': op(ClauseInput.extend({ clauseId: Id }), Clause),
  /** The copy of the current revision for a contract's draft, variables filled; recorded as a use. */
  'clauses.insert': op(
    z.object({ clauseId: Id, contractId: Id, language: Language, values: ClauseValues.default([]) }),
    z.object({ revision: z.number().int().positive(), blocks: ClauseBlocks }),
  ),
  'clauses.uses': op(z.object({ clauseId: Id }), z.object({ uses: z.array(ClauseUse) })),
  'drafts.redline': op(z.object({ contractId: Id, from: DraftPoint, to: DraftPoint }), Redline),
  'drafts.redlinePdf': op(
    z.object({ contractId: Id, from: DraftPoint, to: DraftPoint, names: z.object({ from: z.string().max(200), to: z.string().max(200) }) }),
    Download,
  ),
  // --- drafting: templates (issue 10): the gallery and imported template files; a contract from one ---
  'templates.list': op(z.object({}), z.object({ templates: z.array(TemplateSummary) })),
  'templates.get': op(z.object({ id: TemplateId }), z.object({ summary: TemplateSummary, template: DraftTemplate })),
  /** A new contract and its draft, filled from the template (the same core as `inkstone draft new --template`). */
  'templates.createDraft': op(TemplateDraftInput, TemplateDraftOutput),
  /** A template file (an upload), checked and kept; TEMPLATE_INVALID / TEMPLATE_TOO_LARGE otherwise. */
  'templates.import': op(Upload, TemplateSummary),
  'templates.export': op(z.object({ id: TemplateId }), Download),
  'templates.remove': op(z.object({ id: TemplateId }), z.object({ templates: z.array(TemplateSummary) })),

  'verify.trust.list': op(z.object({}), z.object({ certificates: z.array(CertificateSummary) })),
  /** Trust the CA certificates in a PEM or DER file; all or nothing. */
  'verify.trust.import': op(TrustFile, z.object({ imported: z.array(CertificateSummary), certificates: z.array(CertificateSummary) })),
  /** What `verify.trust.import` of the same file would trust (checked the same way, nothing stored), for the person to confirm first. */
  'verify.trust.preview': op(TrustFile, z.object({ certificates: z.array(CertificateSummary) })),
  /** Stop trusting the certificate with this SHA-256 fingerprint. */
  'verify.trust.remove': op(
    z.object({
      sha256: z
        .string()
        .length(64)
        .regex(/^[0-9a-f]{64}$/, 'not a SHA-256 fingerprint'),
    }),
    z.object({ certificates: z.array(CertificateSummary) }),
  ),

  // placements (viewer): where a version will be stamped, saved before it is signed
  'placements.get': op(z.object({ versionId: Id }), SavedPlacements),
  /** Replace the version's boxes; each must lie on a page of the version (PLACEMENT_* errors otherwise). */
  'placements.save': op(VersionPlacements.extend({ versionId: Id }), SavedPlacements),

  // The organisation and its seals (issue 9): the profile seals are generated from, the seal library.
  'organisation.get': op(z.object({}), z.object({ profile: OrganisationProfile.nullable() })),
  'organisation.update': op(OrganisationProfile, OrganisationProfile),
  /** Company seals and signatures, newest first, each with a data: URL preview; disabled ones only when asked. */
  'seals.list': op(z.object({ includeDisabled: z.boolean().optional() }), z.object({ seals: z.array(Seal) })),
  /** A PNG or SVG file (an upload): white made transparent, an SVG rebuilt from its shapes (scripts and links refused). */
  'seals.import': op(Upload.extend({ name: SealName, category: SealCategory.optional() }), Seal),
  /** The standard round seal of the organisation in the profile. */
  'seals.generate': op(z.object({ sealType: SealType, name: SealName.optional() }), Seal),
  /** What seals.generate would make, not stored. */
  'seals.previewRound': op(z.object({ sealType: SealType }), z.object({ preview: z.string() })),
  'seals.drawSignature': op(DrawnSignature, Seal),
  /** A name written in the handwriting face (楷体 for Chinese, a script face for Latin), kept as outlines. */
  'seals.typeSignature': op(z.object({ name: SealName, text: z.string().trim().min(1).max(40) }), Seal),
  /** Stop a seal being stamped; it and its history stay. */
  'seals.disable': op(z.object({ id: Id }), Seal),
  // Signing in the app (issue 9): the ceremony's two steps; both run off the core's thread.
  /** What the signing dialog shows before the PIN: document, hash, certificate, key kind, PIN state, the check before signing, the consent sentence. */
  'signing.prepare': op(SigningRequest.extend({ password: z.string().max(256).optional() }), SigningPreview, { longRunning: true }),
  /** Sign the latest version with the PIN just typed (never stored or retried); the verified result becomes the next version. */
  'signing.sign': op(SigningSignInput, SigningOutcome, { longRunning: true }),
  // Batch signing (issue 9): one ceremony for contracts chosen in the library; all run off the core's thread.
  /** Each contract's latest document with its hash, pages and check before signing, the key, and one consent listing them all. */
  'signing.batchPrepare': op(SigningBatchPrepareInput, SigningBatchPreview, { longRunning: true }),
  /** Sign every listed version under one PIN; each verified result becomes its document's next version; a result per document. */
  'signing.batchSign': op(SigningBatchSignInput, SigningBatchOutcome, { longRunning: true }),
  /** Sign again only the batch's failed or cancelled documents (the PIN is asked again). */
  'signing.batchRetry': op(SigningBatchRetryInput, SigningBatchOutcome, { longRunning: true }),
  /** The batch's summary as a PDF report (zh-CN or en), offered as a download. */
  'signing.batchReport': op(z.object({ batchId: Id, lang: Language }), Download),
  // Signing devices (issue 9): tokens, their certificates, remembered PKCS#12 files.
  /** Every slot, token and certificate of the known and added PKCS#11 modules, and the remembered PKCS#12 files. Starts hot-plug watching (`devices.changed`). */
  'devices.list': op(z.object({}), DeviceInventory),
  /** Remember a PKCS#11 module by path (an existing file); answers the new listing. */
  'devices.addModule': op(z.object({ path: DevicePath }), DeviceInventory),
  'devices.removeModule': op(z.object({ path: DevicePath }), DeviceInventory),
  /** Remember a PKCS#12 file by path; its password is never stored. */
  'devices.rememberPkcs12': op(z.object({ path: DevicePath }), DeviceInventory),
  'devices.forgetPkcs12': op(z.object({ path: DevicePath }), DeviceInventory),
  /** The certificates in a PKCS#12 file, opened with a password used for this call only. */
  'devices.openPkcs12': op(z.object({ path: DevicePath, password: z.string().max(1024) }), Pkcs12Entry),
  /** 证书申请: a key pair made on the token (never extractable) and its PKCS#10 request as PEM, for the CA. */
  'devices.requestCertificate': op(CertificateRequestInput, CertificateRequestOutput),
  /** Store the certificate the CA issued (a picked PEM/DER file, with its chain) on the token beside its key. */
  'devices.importCertificate': op(
    z.object({ token: TokenAddress, pin: z.string().min(1).max(64), file: Upload }),
    z.object({ keyId: z.string(), stored: z.number().int() }),
  ),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** Events pushed from the core to the UI (progress of long work). */
export const CoreEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    jobId: z.string(),
    operation: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    label: z.string().optional(),
  }),
  z.object({ type: z.literal('library.changed'), contractIds: z.array(z.string()) }),
  z.object({ type: z.literal('reminders.due'), reminders: z.array(Reminder) }),
  /** A token was inserted or removed, or changed state: call devices.list again. */
  z.object({ type: z.literal('devices.changed') }),
  /** Batch signing (issue 9): one document of a running batch has been signed and stored, or has failed. */
  z.object({ type: z.literal('signing.batchDocument'), jobId: z.string(), batchId: Id, result: SigningBatchResult }),
]);
export type CoreEvent = z.infer<typeof CoreEvent>;

export { Language };
