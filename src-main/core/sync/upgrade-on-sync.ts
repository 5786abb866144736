import type { EvidenceClient } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import type { Language } from '../../../src-shared/api/index.js';
import { offlineSignedVersions, upgradePolicy } from './offline-signatures.js';
import type { UpgradeOutcome } from './signature-upgrade.js';

/** How a sync pass upgrades offline signatures: revocation data fetched for B-LT and up, how the result is verified, in which language. */
export interface UpgradeOnSync {
  readonly online?: boolean;
  /** Check revocation online when verifying the upgraded version (the person's Verification setting). */
  readonly verifyOnline?: boolean;
  readonly lang?: Language;
  readonly networkTimeoutMs?: number;
}

/**
 * The step of a sync pass that upgrades offline signatures, run once the service has accepted this
 * person's changes (so a revoked token or a replaced log upgrades nothing). Timestamp servers: the
 * organisation's own first, then the service's TSA when it runs one. The signing and verifying code
 * is loaded only when a version waits.
 */
export async function upgradeOnSync(library: Library, client: EvidenceClient, options: UpgradeOnSync = {}): Promise<UpgradeOutcome> {
  const policy = upgradePolicy(library.db);
  if (policy.level === 'off' || offlineSignedVersions(library.db).length === 0) return { upgraded: [], waiting: [] };
  const serviceTsa = (await client.logIdentity()).timestampUrl;
  const timestampUrls = [policy.timestampUrl, serviceTsa].filter((u): u is string => !!u);
  const { upgradeOfflineSignatures } = await import('./signature-upgrade.js');
  return upgradeOfflineSignatures(library, { level: policy.level, timestampUrls, ...options });
}
