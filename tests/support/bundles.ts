import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The CLI and core bundles as `npm run build` makes them (scripts/bundle.mjs), built once per test
 * process into its own folder so that tests run what ships, not the TypeScript sources, without
 * depending on an earlier build. The folder sits at the same depth as dist/bundles (resources/ and
 * package.json are found relative to the bundle) and is removed when the process exits.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const built = new Map<string, string>();

function bundle(which: 'cli' | 'core'): string {
  let dir = built.get(which);
  if (dir) return dir;
  dir = path.join(ROOT, 'dist', `test-bundles-${process.pid}`);
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), '--out', dir, '--only', which], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundling ${which} failed: ${run.stderr}`);
  if (built.size === 0) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  built.set(which, dir);
  return dir;
}

/** The bundled `inkstone` entry: `spawn(process.execPath, [cliBundle(), 'verify', file])`. */
export const cliBundle = (): string => path.join(bundle('cli'), 'cli', 'main.js');

/** The bundled core folder (core-worker.js, core-process.js, long-work.js). */
export const coreBundleDir = (): string => path.join(bundle('core'), 'core');
