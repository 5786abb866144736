import { outboxSummary } from '../audit/index.js';
import type { EvidenceClient } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import { serializeError } from '../../../src-shared/errors/index.js';
import { collectReceipts } from './evidence-receipts.js';
import { conflictCount } from './merge.js';
import { pullChanges } from './pull.js';
import { pushOutbox, type PushProgress } from './push.js';
import { syncFault } from './sync-fault.js';
import { pullCursor, readState, writeState } from './sync-state.js';
import { upgradeOnSync, type UpgradeOnSync } from './upgrade-on-sync.js';

/**
 * One sync pass: send what waits here, then apply what the team did. Sending first means this
 * desktop's waiting edits are numbered before the pull decides the merge. A failed pass records its
 * error (shown by the status) and loses nothing: what was acknowledged stays done, the rest waits.
 */

export type SyncProgress = { readonly phase: 'push'; readonly push: PushProgress } | { readonly phase: 'pull'; readonly received: number };

export interface SyncPassResult {
  readonly sent: number;
  readonly received: number;
  readonly pending: number;
  readonly cursor: number;
  readonly conflicts: number;
  /** Offline signatures whose time this pass proved (each a new version, already sent). */
  readonly upgraded: number;
  /** Evidence receipts of signed versions stored by this pass. */
  readonly receipts: number;
}

export async function runSyncPass(
  library: Library,
  client: EvidenceClient,
  options: { chunkSize?: number; onProgress?: (p: SyncProgress) => void; upgrade?: UpgradeOnSync } = {},
): Promise<SyncPassResult> {
  const conflictsBefore = conflictCount(library.db);
  try {
    const sent = await pushOutbox(library, client, { chunkSize: options.chunkSize, onProgress: (push) => options.onProgress?.({ phase: 'push', push }) });
    const received = await pullChanges(library, client, { onProgress: (p) => options.onProgress?.({ phase: 'pull', received: p.done }) });
    // Offline signatures: upgraded once the service took this person's changes, the new versions sent at once.
    const { upgraded } = await upgradeOnSync(library, client, options.upgrade);
    const resent = upgraded.length ? await pushOutbox(library, client, { chunkSize: options.chunkSize }) : 0;
    // Evidence last: the versions signed here are on the service now, and those pulled are here.
    const receipts = await collectReceipts(library, client);
    library.db.transaction(() => {
      writeState(library.db, 'lastSuccessAt', new Date().toISOString());
      writeState(library.db, 'lastError', null);
    })();
    return {
      sent: sent + resent,
      received,
      pending: outboxSummary(library.db).pending,
      cursor: pullCursor(library.db),
      conflicts: conflictCount(library.db) - conflictsBefore,
      upgraded: upgraded.length,
      receipts,
    };
  } catch (err) {
    const fault = syncFault(err, client, outboxSummary(library.db).pending);
    writeState(library.db, 'lastError', JSON.stringify({ at: new Date().toISOString(), error: serializeError(fault) }));
    throw fault;
  }
}

export interface SyncStatus {
  readonly pending: number;
  /** Contracts with changes not yet acknowledged by the service ("not yet synced"). */
  readonly unsyncedContracts: readonly string[];
  readonly cursor: number;
  readonly lastSuccessAt: string | null;
  readonly lastError: { readonly at: string; readonly error: ReturnType<typeof serializeError> } | null;
  readonly conflicts: number;
}

export function syncStatus(library: Library): SyncStatus {
  const { pending, contracts } = outboxSummary(library.db);
  const lastError = readState(library.db, 'lastError');
  return {
    pending,
    unsyncedContracts: contracts,
    cursor: pullCursor(library.db),
    lastSuccessAt: readState(library.db, 'lastSuccessAt'),
    lastError: lastError ? (JSON.parse(lastError) as SyncStatus['lastError']) : null,
    conflicts: conflictCount(library.db),
  };
}
