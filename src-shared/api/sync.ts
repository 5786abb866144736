import { z } from 'zod';

/** The team library's connection and sync state, as the UI sees them (issue 11). Never the token. */
export const SyncConnection = z.object({
  serviceUrl: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  principalId: z.string(),
  principalName: z.string(),
  role: z.enum(['admin', 'member', 'auditor']),
  logOrigin: z.string(),
  logKeyFingerprint: z.string(),
  connectedAt: z.string(),
});
export type SyncConnection = z.infer<typeof SyncConnection>;

export const SyncConnectInput = z.object({
  serviceUrl: z.string().trim().min(1).max(500),
  token: z.string().trim().min(1).max(200),
});

/** disconnected: no service; offline: not reachable (retried with backoff); error: it answered with a refusal. */
export const SyncState = z.enum(['disconnected', 'offline', 'syncing', 'upToDate', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  connection: SyncConnection.nullable(),
  pending: z.number().int(),
  /** Contracts with changes the service has not acknowledged yet (at most 1,000 listed). */
  unsyncedContracts: z.array(z.string()).max(1000),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).nullable(),
  conflicts: z.number().int(),
  /** While syncing: changes sent of those waiting, and the document going up. */
  progress: z.object({ done: z.number().int(), total: z.number().int(), uploadSent: z.number().nullable(), uploadTotal: z.number().nullable() }).nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
