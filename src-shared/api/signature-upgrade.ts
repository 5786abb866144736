import { z } from 'zod';

/**
 * Offline signatures upgraded on sync (issue 11): a version signed here at B-B gets its time proven
 * by a timestamp authority when the library next syncs, as a new version of the same document.
 */

/** The level an upgrade reaches; `off` keeps offline signatures as they are. */
export const UpgradeLevel = z.enum(['B-T', 'B-LT', 'B-LTA']);
export type UpgradeLevel = z.infer<typeof UpgradeLevel>;

/** The organisation's choice: the level, and a TSA of its own tried before the service's. */
export const SignatureUpgradePolicy = z.object({
  level: z.union([UpgradeLevel, z.literal('off')]),
  timestampUrl: z.string().trim().url().max(2048).nullable(),
});
export type SignatureUpgradePolicy = z.infer<typeof SignatureUpgradePolicy>;

/** One offline-signed version: waiting for a TSA (with why), or upgraded into `toVersionId`. */
export const SignatureUpgrade = z.object({
  fromVersionId: z.string(),
  state: z.enum(['waiting', 'done']),
  toVersionId: z.string().nullable(),
  level: UpgradeLevel.nullable(),
  /** The time the timestamp proves the signature existed at. */
  provenTime: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).nullable(),
  updatedAt: z.string(),
});
export type SignatureUpgrade = z.infer<typeof SignatureUpgrade>;
