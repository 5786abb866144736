#!/usr/bin/env node
// `npm run bench [name...]`: run every benchmark in bench/ (a file that writes a RESULTS.md
// section) or only those whose file name contains one of the given names.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const names = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && /RESULTS\.md|writeResultsSection\(/.test(readFileSync(path.join(root, 'bench', f), 'utf8')) && f !== 'results.ts')
  .filter((f) => !names.length || names.some((n) => f.includes(n)));
let failed = 0;
for (const f of benches) {
  console.log(`\n=== bench/${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join('bench', f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
