import type { Library } from '../library/index.js';
import type { SyncStatus as SyncStatusView } from '../../../src-shared/api/index.js';
import { InkstoneError, serializeError } from '../../../src-shared/errors/index.js';
import { connect, connectedClient, currentConnection, testConnection, type SyncConnection } from './connection.js';
import { runSyncPass, syncStatus } from './sync-pass.js';
import type { TokenStore } from './token-file.js';
import type { UpgradeOnSync } from './upgrade-on-sync.js';

/**
 * Sync in the running app: a pass shortly after start and every `intervalMs` while connected, one
 * at a time; after a failure the wait doubles up to `maxBackoffMs`, so an unreachable service is
 * asked less and less often, and "retry" (runNow) starts a pass at once. Whatever a pass did not
 * finish waits in the outbox: closing the app mid-sync loses nothing.
 */
export interface SyncLoop {
  status(): SyncStatusView;
  runNow(): Promise<SyncStatusView>;
  test(input: { serviceUrl: string; token: string }): Promise<SyncConnection>;
  connect(input: { serviceUrl: string; token: string }): Promise<SyncConnection>;
  stop(): void;
}

const UNREACHABLE = new Set([
  'EVIDENCE_SERVICE_UNAVAILABLE',
  'EVIDENCE_SERVICE_STOPPING',
  'EVIDENCE_RATE_LIMITED',
  'EVIDENCE_SERVICE_ERROR',
  'SYNC_SERVICE_FAILING',
  'SYNC_SERVICE_TOO_SLOW',
]);

export function startSyncLoop(
  library: Library,
  tokens: TokenStore,
  options: { intervalMs?: number; maxBackoffMs?: number; firstDelayMs?: number; fetch?: typeof fetch; upgrade?: () => UpgradeOnSync } = {},
): SyncLoop {
  const interval = options.intervalMs ?? 30_000;
  const maxBackoff = options.maxBackoffMs ?? 10 * 60_000;
  let running: Promise<SyncStatusView> | null = null;
  let progress: SyncStatusView['progress'] = null;
  let failures = 0;
  let lastFailure: InkstoneError | null = null;
  let timer: NodeJS.Timeout | null = null;
  let nextAttemptAt: Date | null = null;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextAttemptAt = new Date(Date.now() + ms);
    timer = setTimeout(() => void runNow(), ms);
    timer.unref();
  };

  const status = (): SyncStatusView => {
    const counts = syncStatus(library);
    const connection = currentConnection(library);
    const state = !connection ? 'disconnected' : running ? 'syncing' : lastFailure ? (UNREACHABLE.has(lastFailure.code) ? 'offline' : 'error') : 'upToDate';
    return {
      state,
      connection,
      pending: counts.pending,
      unsyncedContracts: counts.unsyncedContracts.slice(0, 1000),
      lastSuccessAt: counts.lastSuccessAt,
      lastError: lastFailure ? { ...serializeError(lastFailure), details: { ...lastFailure.details } } : null,
      conflicts: counts.conflicts,
      progress: running ? progress : null,
      nextAttemptAt: connection && !running && nextAttemptAt ? nextAttemptAt.toISOString() : null,
    };
  };

  const pass = async (): Promise<void> => {
    progress = { done: 0, total: syncStatus(library).pending, uploadSent: null, uploadTotal: null };
    try {
      const { client } = await connectedClient(library, tokens, { fetch: options.fetch });
      await runSyncPass(library, client, {
        upgrade: options.upgrade?.(),
        onProgress: (p) => {
          if (p.phase === 'push')
            progress = { done: p.push.done, total: p.push.total, uploadSent: p.push.upload?.sent ?? null, uploadTotal: p.push.upload?.total ?? null };
        },
      });
      failures = 0;
      lastFailure = null;
      schedule(interval);
    } catch (err) {
      lastFailure = err instanceof InkstoneError ? err : new InkstoneError('INTERNAL', {});
      failures++;
      schedule(Math.min(maxBackoff, interval * 2 ** Math.min(failures, 10)));
    }
  };

  const runNow = (): Promise<SyncStatusView> => {
    if (!currentConnection(library)) return Promise.resolve(status());
    running ??= pass().then(
      () => {
        running = null;
        return status();
      },
      () => {
        running = null;
        return status();
      },
    );
    return running;
  };

  if (currentConnection(library)) schedule(options.firstDelayMs ?? 2_000);

  return {
    status,
    runNow,
    test: (input) => testConnection(input.serviceUrl, input.token, currentConnection(library), options.fetch),
    async connect(input) {
      const c = await connect(library, tokens, input, options.fetch);
      failures = 0;
      lastFailure = null;
      schedule(0);
      return c;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
