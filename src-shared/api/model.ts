import { z } from 'zod';

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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
export const Id = z.string().regex(/^[0-9a-f]{32}$/, 'not an id');

/** ISO 4217 code; amounts are kept as decimal strings so money never meets a float. */
export const Money = z.object({
  amount: z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'amount must be a decimal number'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO 4217 code'),
});
export type Money = z.infer<typeof Money>;

export const PartyRole = text(40).min(1);

export const PartyInput = z.object({
  role: PartyRole,
  name: text(200).min(1),
  organisation: text(200).optional().default(''),
  /** 统一社会信用代码 (18 characters) or a foreign registration number. */
  registrationNumber: text(64).optional().default(''),
  contact: text(200).optional().default(''),
});
export type PartyInput = z.input<typeof PartyInput>;

export const Party = PartyInput.extend({ id: Id, position: z.number().int() });
export type Party = z.infer<typeof Party>;

export const ContractFields = z.object({
  title: text(300).min(1),
  contractType: text(80).default(''),
  tags: z.array(text(40).min(1)).max(50).default([]),
  value: Money.nullable().default(null),
  effectiveDate: isoDate.nullable().default(null),
  expiryDate: isoDate.nullable().default(null),
  renewalDate: isoDate.nullable().default(null),
  owner: text(120).default(''),
  notes: text(20000).default(''),
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
  status: z.array(ContractStatus).default([]),
  tag: text(40).optional(),
  party: text(200).optional(),
  /** Inclusive ranges on the expiry date. */
  expiryFrom: isoDate.optional(),
  expiryTo: isoDate.optional(),
  sort: z.enum(SORT_KEYS).default('relevance'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const SearchHit = ContractSummary.extend({ score: z.number() });
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

export const ImportFile = z.object({
  name: text(255).min(1),
  /** The file's bytes, base64. Transports carry bytes this way so JSON and IPC agree. */
  dataBase64: z.string(),
});

export const ImportOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: z.string(), contractId: Id, duplicateOf: Id.nullable() }),
  z.object({ ok: z.literal(false), name: z.string(), error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) }),
]);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  /** The language in use: the person's choice, or until they choose, their system's. */
  language: Language,
  /** True once the person chose a language; until then the UI follows the system or browser language. */
  languageChosen: z.boolean(),
  dataDir: z.string(),
  reminderHorizonDays: z.number().int().min(1).max(365),
  /** Whether verification asks the certificate authorities (OCSP/CRL over the network) by default. */
  verifyOnline: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;
