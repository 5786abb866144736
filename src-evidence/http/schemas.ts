import { z } from 'zod';
import { LANGUAGES } from '../../src-shared/i18n/index.js';
import { EVIDENCE_EVENTS } from '../../src-main/core/evidence/index.js';
import { ROLES } from '../context.js';

/**
 * Wire schemas of the evidence API: requests are validated with them, and the OpenAPI document is
 * generated from them, so the two cannot drift apart.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/u, '64 lowercase hex digits');
const claimedTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u, 'UTC ISO 8601 with milliseconds, e.g. 2026-03-01T08:00:00.000Z')
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v, 'not a real instant');
const chainKey = z.string().min(1).max(200).describe('The client’s key for one contract: each statement names the previous statement of the same chain.');
const event = z.enum(EVIDENCE_EVENTS).describe('registered: document recorded; signed: a signature was added; completed: all parties signed; archived.');

export const EvidenceNumberParams = z.object({ number: z.string().min(1).max(64).describe('Evidence number, e.g. K7Q2M9XA-1234-W') });
export const IdParams = z.object({ id: z.string().min(1).max(100) });

const receiptWaitMs = z.coerce
  .number()
  .int()
  .min(0)
  .max(30_000)
  .default(0)
  .describe('Wait up to this long for the entry’s checkpoint and answer with the receipt too (one round trip instead of two).');
export const ReceiptWaitQuery = z.object({ receiptWaitMs });

export const SubmitDocumentQuery = z.object({
  receiptWaitMs,
  event: event.default('registered'),
  claimedTime: claimedTime.optional(),
  chainKey: chainKey.optional(),
  filename: z.string().min(1).max(255).optional(),
});

export const SubmitCommitmentBody = z.object({
  commitment: hex64.describe('SHA-256("inkstone-evidence-commitment/v1\\n" ‖ salt ‖ document SHA-256), computed by the client.'),
  event,
  claimedTime: claimedTime.optional(),
  chainKey: chainKey.optional(),
});

export const CreateUploadBody = z.object({
  size: z.number().int().positive().describe('The document’s size in bytes: at most 256 MiB, like any document (larger ones are refused with 413).'),
  sha256: hex64.optional(),
  filename: z.string().min(1).max(255).optional(),
  event,
  claimedTime: claimedTime.optional(),
  chainKey: chainKey.optional(),
});

export const ChunkQuery = z.object({ offset: z.coerce.number().int().min(0) });
export const ReceiptQuery = z.object({ waitMs: z.coerce.number().int().min(0).max(30_000).default(0) });
export const CertificateQuery = z.object({ lang: z.enum(LANGUAGES).default('zh-CN') });
export const PageQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.string().max(40).optional() });
export const DocumentListQuery = PageQuery.extend({ sha256: hex64.optional().describe('Only documents with these bytes (a desktop asks before uploading).') });
export const ConsistencyQuery = z.object({ first: z.coerce.number().int().min(0), second: z.coerce.number().int().min(0) });

export const CreatePrincipalBody = z.object({
  kind: z.enum(['user', 'device']),
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
});
const ChangeInputSchema = z.object({
  key: z.string().min(1).max(200).describe('The desktop’s key for this change: recorded once, however often it is sent.'),
  kind: z.string().min(1).max(64).describe('What changed, e.g. contract.updated, document.added.'),
  contractId: z.string().min(1).max(100),
  at: z.string().min(1).max(40).describe('When the desktop made the change (its clock; the service’s order decides conflicts).'),
  payload: z.record(z.string(), z.unknown()),
});
export const PushChangesBody = z.object({ changes: z.array(ChangeInputSchema).min(1).max(200) });
export const PullChangesQuery = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('The cursor: the last sequence number already applied.'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const ChangeAcksSchema = z.object({ acks: z.array(z.object({ key: z.string(), seq: z.number().int() })) });
export const ChangePageSchema = z.object({
  changes: z.array(ChangeInputSchema.extend({ seq: z.number().int(), principalId: z.string(), principalName: z.string(), receivedAt: z.string() })),
  cursor: z.number().int(),
  more: z.boolean(),
});
export const LegalHoldBody = z.object({ hold: z.boolean() });
export const VerifyBody = z.object({
  receipt: z.record(z.string(), z.unknown()).describe('An evidence receipt (docs/evidence/receipt-format.md).'),
  documentSha256: hex64
    .optional()
    .describe('SHA-256 of the document, computed by the verifier (the page hashes the PDF in the browser; the PDF never leaves it).'),
});

// Responses (documentation; the handlers build these shapes).
export const EvidenceAckSchema = z.object({
  evidenceNumber: z.string(),
  index: z.number().int(),
  leafHash: hex64,
  statement: z.string(),
  event,
  claimedTime: z.string(),
  commitment: hex64,
  previousLeafHash: hex64.nullable(),
  documentId: z.string().nullable(),
  documentHash: hex64.nullable(),
  salt: hex64.nullable(),
  sequencedAt: z.string(),
});
export const SubmitResultSchema = EvidenceAckSchema.extend({
  receipt: z.lazy(() => ReceiptSchema.nullable().optional()).describe('With receiptWaitMs: the receipt, or null when the checkpoint did not come in time.'),
});
export const UploadStatusSchema = z.object({
  uploadId: z.string(),
  size: z.number().int(),
  received: z.number().int(),
  status: z.enum(['open', 'completed']),
  maxChunkBytes: z.number().int(),
  result: EvidenceAckSchema.nullable(),
});
export const ReceiptSchema = z
  .object({
    format: z.literal('inkstone-evidence-receipt'),
    version: z.literal(1),
    evidenceNumber: z.string(),
    log: z.object({ origin: z.string(), verifierKey: z.string() }),
    entry: z.object({ index: z.number().int(), statement: z.string(), leafHash: hex64 }),
    document: z.object({ hashAlgorithm: z.literal('SHA-256'), hash: hex64, salt: hex64 }).nullable(),
    inclusionProof: z.object({ treeSize: z.number().int(), hashes: z.array(hex64) }),
    checkpoint: z.string(),
    timestamp: z.object({ token: z.string(), certificates: z.array(z.string()) }),
  })
  .describe('Evidence receipt, format version 1 (docs/evidence/receipt-format.md).');
export const PendingSchema = z.object({ status: z.literal('pending'), evidenceNumber: z.string() });
export const DocumentInfoSchema = z.object({
  id: z.string(),
  sha256: hex64,
  size: z.number().int(),
  filename: z.string().nullable(),
  signed: z.boolean(),
  legalHold: z.boolean(),
  retainUntil: z.string().nullable(),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
  evidence: z.array(z.object({ evidenceNumber: z.string(), event: z.string(), claimedTime: z.string(), sequencedAt: z.string() })),
});
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) });
