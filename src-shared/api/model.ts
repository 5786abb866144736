import { z } from 'zod';
import { LANGUAGES, type Language as LanguageName } from '../i18n/index.js';

/**
 * The contract library's domain, as the UI and every transport see it. Names follow what a legal
 * team says: Contract, Party, Document, Version, AuditEvent.
 */

/** Lifecycle: draft → in review → signing → signed → archived, or terminated from any live state. */
export const CONTRACT_STATUSES = ['draft', 'in_review', 'signing', 'signed', 'archived', 'terminated'] as const;
export const ContractStatus = z.enum(CONTRACT_STATUSES);
export type ContractStatus = z.infer<typeof ContractStatus>;

/** Which status changes a person may make; anything else is refused with CONTRACT_STATUS_TRANSITION. */
export const STATUS_TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  draft: ['in_review', 'signing', 'terminated'],
  in_review: ['draft', 'signing', 'terminated'],
  signing: ['in_review', 'signed', 'terminated'],
  signed: ['archived', 'terminated'],
  archived: ['signed'],
  terminated: ['archived'],
};

/**
 * Every string and list a caller sends has a bound, checked before its items are (zod checks an
 * array's length first), so an oversized input fails fast with one issue instead of one per item.
 */
const isoDate = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
export const Id = z
  .string()
  .length(32)
  .regex(/^[0-9a-f]{32}$/, 'not an id');

/** The largest document the UI can hand to the core (the library itself stores up to 512 MiB). */
export const API_DOCUMENT_MAX_BYTES = 128 * 1024 * 1024;

/**
 * Files never travel inside API calls: the page streams a file to the transport and passes the
 * upload's id to an operation; an operation that returns a file answers with a download id the page
 * fetches (core/transfers).
 */
export const TransferId = z
  .string()
  .length(32)
  .regex(/^[0-9a-f]{32}$/, 'not a transfer id');
/** A file the page uploaded, by its id. */
export const Upload = z.object({ uploadId: TransferId });
/** A file the page can download: its id, the name to save it under and its size. */
export const Download = z.object({ fileId: TransferId, name: z.string(), bytes: z.number().int().nonnegative() });
export type Download = z.infer<typeof Download>;

/** ISO 4217 code; amounts are kept as decimal strings so money never meets a float. */
export const Money = z.object({
  amount: z
    .string()
    .max(21)
    .regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'amount must be a decimal number'),
  currency: z
    .string()
    .length(3)
    .regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO 4217 code'),
});
export type Money = z.infer<typeof Money>;

/** How long a party's texts may be (characters, after trimming). The forms take them from here. */
export const PARTY_LIMITS = { role: 40, name: 200, organisation: 200, registrationNumber: 64, contact: 200 } as const;

export const PartyRole = text(PARTY_LIMITS.role).min(1);

export const PartyInput = z.object({
  role: PartyRole,
  name: text(PARTY_LIMITS.name).min(1),
  organisation: text(PARTY_LIMITS.organisation).optional().default(''),
  /** 统一社会信用代码 (18 characters) or a foreign registration number. */
  registrationNumber: text(PARTY_LIMITS.registrationNumber).optional().default(''),
  contact: text(PARTY_LIMITS.contact).optional().default(''),
});
export type PartyInput = z.input<typeof PartyInput>;

export const Party = PartyInput.extend({ id: Id, position: z.number().int() });
export type Party = z.infer<typeof Party>;

/** How long a contract's texts may be (characters, after trimming) and how many tags it may carry. */
export const CONTRACT_LIMITS = { title: 300, contractType: 80, tag: 40, tags: 50, owner: 120, notes: 20000 } as const;

export const ContractFields = z.object({
  title: text(CONTRACT_LIMITS.title).min(1),
  contractType: text(CONTRACT_LIMITS.contractType).default(''),
  tags: z.array(text(CONTRACT_LIMITS.tag).min(1)).max(CONTRACT_LIMITS.tags).default([]),
  value: Money.nullable().default(null),
  effectiveDate: isoDate.nullable().default(null),
  expiryDate: isoDate.nullable().default(null),
  renewalDate: isoDate.nullable().default(null),
  owner: text(CONTRACT_LIMITS.owner).default(''),
  notes: text(CONTRACT_LIMITS.notes).default(''),
});

/** A patch of a contract's metadata: any subset of the fields. */
export const ContractPatch = ContractFields.partial().refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type ContractPatch = z.input<typeof ContractPatch>;

export const ContractSummary = z.object({
  id: Id,
  title: z.string(),
  contractType: z.string(),
  status: ContractStatus,
  tags: z.array(z.string()),
  parties: z.array(z.string()),
  value: Money.nullable(),
  expiryDate: z.string().nullable(),
  updatedAt: z.string(),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

export const Version = z.object({
  id: Id,
  number: z.number().int().positive(),
  sha256: z.string(),
  size: z.number().int(),
  pageCount: z.number().int(),
  signatureFieldCount: z.number().int(),
  origin: z.enum(['import', 'signing', 'drafting']),
  createdAt: z.string(),
  /** Verdict of the latest signature verification of these bytes (null: unsigned or never verified). */
  verdict: z.enum(['valid', 'invalid', 'indeterminate']).nullable().default(null),
});
export type Version = z.infer<typeof Version>;

export const DocumentRecord = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.string(),
  versions: z.array(Version),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

export const Contract = ContractFields.extend({
  id: Id,
  status: ContractStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  parties: z.array(Party),
  documents: z.array(DocumentRecord),
});
export type Contract = z.infer<typeof Contract>;

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  contractId: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const SORT_KEYS = ['relevance', 'updated', 'title', 'expiry', 'value'] as const;

export const SearchQuery = z.object({
  text: text(200).default(''),
  status: z.array(ContractStatus).max(CONTRACT_STATUSES.length).default([]),
  tag: text(40).optional(),
  party: text(200).optional(),
  /** Inclusive ranges on the expiry date. */
  expiryFrom: isoDate.optional(),
  expiryTo: isoDate.optional(),
  sort: z.enum(SORT_KEYS).default('relevance'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
  /** With text: add to each hit a snippet saying why it matched. */
  snippets: z.boolean().default(false),
  /** With text: rank or sort every match, not only the newest ones (slower for a very common word). */
  all: z.boolean().default(false),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** Why a contract matched: a short piece of one field's text, and [start, end) UTF-16 offsets of the matches in it. */
export const SearchSnippet = z.object({
  field: z.enum(['title', 'parties', 'tags', 'notes', 'text']),
  text: z.string().max(400),
  highlights: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(100),
});
export type SearchSnippet = z.infer<typeof SearchSnippet>;

export const SearchHit = ContractSummary.extend({ score: z.number(), snippet: SearchSnippet.nullable().optional() });
export type SearchHit = z.infer<typeof SearchHit>;

/** `total` is exact for lists; a text search reaches the newest matches up to a window and says so with `totalIsExact`. */
export const SearchResult = z.object({ total: z.number().int(), totalIsExact: z.boolean(), hits: z.array(SearchHit), tookMs: z.number() });
export type SearchResult = z.infer<typeof SearchResult>;

export const Reminder = z.object({
  contractId: Id,
  title: z.string(),
  kind: z.enum(['expiry', 'renewal']),
  date: z.string(),
  daysLeft: z.number().int(),
});
export type Reminder = z.infer<typeof Reminder>;

/** A file to import: an upload (its name came with it). */
export const ImportFile = Upload;

/** A file library.import cannot take, known from its size alone: refused before it is sent. */
export function importRefusal(size: number): 'IMPORT_EMPTY_FILE' | 'IMPORT_TOO_LARGE' | null {
  return size === 0 ? 'IMPORT_EMPTY_FILE' : size > API_DOCUMENT_MAX_BYTES ? 'IMPORT_TOO_LARGE' : null;
}

export const ImportOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: z.string(), contractId: Id, duplicateOf: Id.nullable() }),
  z.object({ ok: z.literal(false), name: z.string(), error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) }),
]);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

/** The schema of a `Language` (declared once, in src-shared/i18n). */
export const Language = z.enum(LANGUAGES);
export type Language = LanguageName;

export const Settings = z.object({
  /** The language in use: the person's choice, or until they choose, their system's. */
  language: Language,
  /** True once the person chose a language; until then the UI follows the system or browser language. */
  languageChosen: z.boolean(),
  dataDir: z.string().max(4096),
  reminderHorizonDays: z.number().int().min(1).max(365),
  /** Whether verification asks the certificate authorities (OCSP/CRL over the network) by default. */
  verifyOnline: z.boolean(),
  // Signing devices (issue 9): changed only through devices.* operations, which check the paths.
  /** PKCS#11 modules the person added by path. */
  pkcs11Modules: z.array(z.string().max(4096)).max(32),
  /** PKCS#12 files the person asked to remember; their passwords never are. */
  pkcs12Files: z.array(z.string().max(4096)).max(32),
});
export type Settings = z.infer<typeof Settings>;

/**
 * What the UI may change. Not the data folder: only the desktop shell sets that, with the path the
 * person picked in the native folder dialog and after checking it can hold a library.
 */
export const SettingsPatch = Settings.omit({ dataDir: true, pkcs11Modules: true, pkcs12Files: true }).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;
