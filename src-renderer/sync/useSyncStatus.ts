import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';

/** How often the shell asks where sync stands (a local read; passes run in the core on their own schedule). */
const POLL_MS = 2_000;

/** The core's sync status, kept fresh while mounted; `retry` starts a pass at once. */
export function useSyncStatus(): { status: SyncStatus | null; retry: () => void } {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      api.sync.status({}).then(
        (s) => live && setStatus(s),
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  const retry = useCallback(() => {
    api.sync.run({}).then(setStatus, () => undefined);
  }, [api]);
  return { status, retry };
}
