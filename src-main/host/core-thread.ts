import { Worker } from 'node:worker_threads';
import { connectCoreClient, type CoreClient } from '../core/service/index.js';

/**
 * Start the core in a worker thread and connect to it. Under tsx (tests, dev) the worker is the
 * .ts source and needs the tsx loader; from the build it is plain .js.
 */
export function startCoreThread(options: { dataDir: string; settingsFile?: string }): { client: CoreClient; stop(): Promise<void> } {
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new Worker(new URL(fromSource ? './core-worker.ts' : './core-worker.js', import.meta.url), {
    workerData: options,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
  worker.on('error', (err) => process.stderr.write(`[core] worker failed: ${err.stack ?? String(err)}\n`));
  const client = connectCoreClient({ post: (m) => worker.postMessage(m), onMessage: (l) => worker.on('message', l) });
  return {
    client,
    async stop() {
      await worker.terminate();
    },
  };
}
