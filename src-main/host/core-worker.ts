import { parentPort, workerData } from 'node:worker_threads';
import { bundledLongWorkEntry, createCoreService, serveCoreOverPort } from '../core/service/index.js';

/** The core, in a worker thread of the browser host: SQLite and token calls never block HTTP. */
if (!parentPort) throw new Error('core-worker must run as a worker thread');
const port = parentPort;
const { dataDir, settingsFile } = workerData as { dataDir: string; settingsFile?: string };
const service = createCoreService({ dataDir, settingsFile, longWorkEntry: bundledLongWorkEntry(import.meta.url) });
serveCoreOverPort({ post: (m) => port.postMessage(m), onMessage: (l) => port.on('message', l) }, service);
port.on('close', () => service.close());
