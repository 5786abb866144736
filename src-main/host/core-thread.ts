import { Worker } from 'node:worker_threads';
import { connectCoreClient, type CoreClient } from '../core/service/index.js';

/**
 * Start the core in a worker thread and connect to it. From the build the worker is the core bundle;
 * under tsx (tests, dev) it is the .ts source, and the worker must register tsx itself because
 * Node 20 does not pass `--import` loaders on to worker threads.
 */
export function startCoreThread(options: { dataDir: string; settingsFile?: string }): { client: CoreClient; stop(): Promise<void> } {
  const fromSource = import.meta.url.endsWith('.ts');
  // Built: the core bundle (dist/bundles/core/, scripts/bundle.mjs), one file to load instead of hundreds.
  const entry = fromSource ? new URL('./core-worker.ts', import.meta.url) : new URL('../../bundles/core/core-worker.js', import.meta.url);
  const worker = fromSource
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        {
          eval: true,
          workerData: options,
        },
      )
    : new Worker(entry, { workerData: options });
  const client = connectCoreClient({ post: (m) => worker.postMessage(m), onMessage: (l) => worker.on('message', l) });
  worker.on('error', (err) => {
    process.stderr.write(`[core] worker failed: ${err.stack ?? String(err)}\n`);
    client.disconnect();
  });
  worker.on('exit', () => client.disconnect());
  return {
    client,
    async stop() {
      await worker.terminate();
    },
  };
}
