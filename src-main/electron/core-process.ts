import type { ParentPort } from 'electron';
import { bundledLongWorkEntry, createCoreService, serveCoreOverPort, tokenStoreOverPort, type MessagePortLike } from '../core/service/index.js';

/**
 * Entry of the Electron utility process that runs the core: SQLite, PDF work and token calls block
 * here, never on the main process's event loop. Started by core-connection.ts with
 * `--data-dir <dir> --settings-file <file> --system-languages <a,b>`; talks to main over process.parentPort.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port: ParentPort | undefined = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
const dataDir = arg('--data-dir');
const settingsFile = arg('--settings-file');
if (!port || !dataDir) throw new Error('core-process must be started by Inkstone with --data-dir');

const systemLanguages = (arg('--system-languages') ?? '').split(',').filter(Boolean);
const mainPort: MessagePortLike = {
  post: (message) => port.postMessage(message),
  onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
};
// `--token-store keychain`: the service token is asked of the main process (OS keychain), never kept here.
const tokenStore = arg('--token-store') === 'keychain' ? tokenStoreOverPort(mainPort) : undefined;
const service = createCoreService({ dataDir, settingsFile, systemLanguages, longWorkEntry: bundledLongWorkEntry(import.meta.url), tokenStore });
serveCoreOverPort(mainPort, service);
process.on('exit', () => service.close());
