import { z } from 'zod';
import { Id, Language } from './model.js';

/** A contract's evidence as the Evidence tab shows it (issue 11): each signed version and its receipt. */
const ReceiptCheck = z.enum([
  'format',
  'document',
  'commitment',
  'leaf',
  'evidence-number',
  'checkpoint-signature',
  'inclusion',
  'timestamp',
  'log-key',
  'tsa-root',
]);

export const VersionEvidence = z.object({
  versionId: z.string(),
  documentName: z.string(),
  versionNumber: z.number().int(),
  sha256: z.string(),
  signedAt: z.string(),
  /** not-synced: the version is not on the service yet; awaiting-receipt: logged, no checkpoint covers it yet. */
  state: z.enum(['not-synced', 'awaiting-receipt', 'received']),
  mode: z.enum(['document', 'commitment']).nullable(),
  evidenceNumber: z.string().nullable(),
  /** Recomputed from the stored receipt each time it is read, with no network. */
  verification: z
    .object({
      ok: z.boolean(),
      failure: z.object({ code: z.string(), check: ReceiptCheck, details: z.record(z.string(), z.unknown()) }).nullable(),
      checks: z.array(z.object({ check: ReceiptCheck, ok: z.boolean() })),
      existedNoLaterThan: z.string().nullable(),
      tsa: z.string().nullable(),
      checkpoint: z.object({ origin: z.string(), treeSize: z.number().int(), root: z.string(), leafIndex: z.number().int() }),
      logKeyMatchesConnection: z.boolean().nullable(),
    })
    .nullable(),
  /** As the service last reported them (at serviceCheckedAt). */
  retainUntil: z.string().nullable(),
  legalHold: z.boolean().nullable(),
  serviceCheckedAt: z.string().nullable(),
});
export type VersionEvidence = z.infer<typeof VersionEvidence>;

export const ContractEvidence = z.object({ contractId: z.string(), connected: z.boolean(), versions: z.array(VersionEvidence) });
export type ContractEvidence = z.infer<typeof ContractEvidence>;

export const EvidenceCertificateInput = z.object({ versionId: Id, lang: Language.optional() });

/** Privacy mode: new evidence of versions signed here sends only a salted hash. */
export const EvidencePrivacy = z.object({ on: z.boolean() });
