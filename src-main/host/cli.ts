import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAppDir } from '../core/settings/index.js';
import { startCoreThread } from './core-thread.js';
import { startBrowserHost } from './server.js';

/**
 * `npm run host` — Inkstone in a browser, for development and for machines where Electron cannot
 * run. Loopback only; the printed URL carries the access token.
 *   --data-dir DIR   library folder (default: the OS's application data folder)
 *   --port N         fixed port (default: a free one)
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = path.resolve(arg('--data-dir') ?? process.env.INKSTONE_DATA_DIR ?? defaultAppDir());
const here = path.dirname(fileURLToPath(import.meta.url));
const staticDir = arg('--static') ?? path.resolve(here, '../../renderer');
const core = startCoreThread({ dataDir });
const host = await startBrowserHost({ core: core.client, staticDir, port: Number(arg('--port') ?? 0) });
process.stdout.write(`Inkstone is running for this computer only.\n  Library: ${dataDir}\n  Open:    ${host.url}\n`);
const stop = async () => {
  await host.close();
  await core.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
