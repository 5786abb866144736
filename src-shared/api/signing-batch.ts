import { z } from 'zod';
import { Id, Language, SignatureState } from './model.js';
import { PinState, SigningCertificate, SigningCommitment, SigningKeyRef, SigningLevel, SigningPreview } from './signing.js';
import { VerificationResult } from './verification.js';

/**
 * Batch signing (issue 9): contracts chosen in the library signed in one ceremony — one consent
 * listing every document and its SHA-256, one PIN — each document becoming the next version of
 * its contract's latest document, with a result per document and a summary report.
 */

/** The most documents one batch takes (the consent lists each one). */
export const SIGNING_BATCH_MAX = 500;

/** A typed error as a result carries it: the code and its details; the UI says it in the person's language. */
const BatchError = z.object({ code: z.string(), details: z.record(z.string(), z.unknown()) });

/** What a batch asks for, apart from which documents, the PIN and the consent. Invisible signatures: a box's place differs by document. */
const BatchKey = z.object({
  key: SigningKeyRef,
  level: SigningLevel.default('B-B'),
  tsaUrl: z.string().url().max(2048).optional(),
  commitment: SigningCommitment.default('proof-of-approval'),
  lang: Language,
});

export const SigningBatchPrepareInput = BatchKey.extend({
  contractIds: z.array(Id).min(1).max(SIGNING_BATCH_MAX),
  /** PKCS#12 only: its certificates may be encrypted under the password. */
  password: z.string().max(256).optional(),
});

/** One document of the batch as the consent lists it. */
export const SigningBatchDocument = SigningPreview.pick({
  contractId: true,
  contractTitle: true,
  documentId: true,
  documentName: true,
  versionId: true,
  versionNumber: true,
  nextVersionNumber: true,
  sha256: true,
  pageCount: true,
  /** The check before signing: hidden content, overlays, failing earlier signatures. */
  check: true,
});
export type SigningBatchDocument = z.infer<typeof SigningBatchDocument>;

export const SigningBatchPreview = z.object({
  documents: z.array(SigningBatchDocument),
  /** Chosen contracts that cannot be in the batch (no document yet), with why. */
  skipped: z.array(z.object({ contractId: Id, contractTitle: z.string(), error: BatchError })),
  certificate: SigningCertificate,
  assurance: z.enum(['hardware-token', 'software-key']),
  keyDescription: z.string(),
  pin: PinState.nullable(),
  level: SigningLevel,
  tsaUrl: z.string().nullable(),
  commitment: SigningCommitment,
  /** The one sentence the person ticks for the whole batch, listing every document and its hash; sent back unchanged. */
  consentText: z.string(),
});
export type SigningBatchPreview = z.infer<typeof SigningBatchPreview>;

/** The PIN travels only inside this call, is never stored or logged, and is dropped after its one use. */
export const SigningBatchSignInput = BatchKey.extend({
  versionIds: z.array(Id).min(1).max(SIGNING_BATCH_MAX),
  pin: z.string().max(256).optional(),
  consent: z.object({ accepted: z.literal(true), text: z.string().min(1).max(400_000) }),
});

/** A retry signs only the batch's documents that failed or were cancelled, under the same consent, with the PIN typed again. */
export const SigningBatchRetryInput = z.object({
  batchId: Id,
  key: SigningKeyRef,
  pin: z.string().max(256).optional(),
});

export const SigningBatchResult = z.object({
  position: z.number().int(),
  contractId: Id,
  contractTitle: z.string(),
  documentName: z.string(),
  versionId: Id,
  sha256: z.string(),
  status: z.enum(['pending', 'signed', 'failed', 'cancelled']),
  /** When signed: the version the signature added, its hash and verdict. */
  signed: z
    .object({ versionId: Id, version: z.number().int(), sha256: z.string(), verdict: VerificationResult.shape.verdict, signatureState: SignatureState })
    .nullable(),
  error: BatchError.nullable(),
});
export type SigningBatchResult = z.infer<typeof SigningBatchResult>;

export const SigningBatchOutcome = z.object({
  batchId: Id,
  documents: z.array(SigningBatchResult),
  signed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});
export type SigningBatchOutcome = z.infer<typeof SigningBatchOutcome>;
