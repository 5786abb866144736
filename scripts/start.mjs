#!/usr/bin/env node
// `npm start`: build, then run Inkstone on its default data folder — in Electron where its binary
// is installed, otherwise in the browser through the loopback host (the build machines here cannot
// download Electron). Extra arguments go to the host (e.g. --data-dir DIR, --port N).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    const dir = path.join(root, 'node_modules/electron');
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const electron = process.env.INKSTONE_BROWSER ? null : electronBinary();
const child = electron
  ? spawn(electron, [root], { stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'dist/src-main/host/cli.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
if (!electron) console.log('(Electron is not installed here: Inkstone runs in your browser instead.)');
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
