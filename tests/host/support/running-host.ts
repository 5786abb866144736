import { after, before } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCoreThread } from '../../../src-main/host/core-thread.js';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/server.js';

export interface RunningHost {
  readonly host: BrowserHost;
  readonly dataDir: string;
  readonly staticDir: string;
}

/**
 * The browser host in front of a real core thread, for the tests of one file: a fresh data folder,
 * and a static folder holding only an index.html. Read the fields inside tests (set once started).
 */
export function useRunningHost(prefix: string, prepare?: (dirs: { dataDir: string; staticDir: string }) => void): RunningHost {
  let state: { host: BrowserHost; core: ReturnType<typeof startCoreThread>; dataDir: string; staticDir: string } | undefined;
  before(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), `${prefix}-data-`));
    const staticDir = mkdtempSync(path.join(tmpdir(), `${prefix}-static-`));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Inkstone</title>');
    prepare?.({ dataDir, staticDir });
    const core = startCoreThread({ dataDir });
    state = { core, dataDir, staticDir, host: await startBrowserHost({ core: core.client, staticDir }) };
  });
  after(async () => {
    if (!state) return;
    await state.host.close();
    await state.core.stop();
    rmSync(state.dataDir, { recursive: true, force: true });
    rmSync(state.staticDir, { recursive: true, force: true });
  });
  const started = () => {
    if (!state) throw new Error('the host is not running yet: use it inside a test');
    return state;
  };
  return {
    get host() {
      return started().host;
    },
    get dataDir() {
      return started().dataDir;
    },
    get staticDir() {
      return started().staticDir;
    },
  };
}
