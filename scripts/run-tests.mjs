#!/usr/bin/env node
// Runs a test suite with node's own test runner over the TypeScript sources (tsx loader).
//   node scripts/run-tests.mjs unit [filter...]   every tests/**/*.test.ts except tests/e2e
//   node scripts/run-tests.mjs e2e  [filter...]   tests/e2e/**/*.test.ts (needs a build)
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const [suite = 'unit', ...filters] = process.argv.slice(2);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures-out') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const all = walk(path.join(root, 'tests')).sort();
const e2eDir = path.join(root, 'tests', 'e2e') + path.sep;
let files = suite === 'e2e' ? all.filter((f) => f.startsWith(e2eDir)) : all.filter((f) => !f.startsWith(e2eDir));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (!files.length) {
  console.error(`no test files for suite ${suite} ${filters.join(' ')}`);
  process.exit(1);
}
const args = [
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  `--test-concurrency=${suite === 'e2e' ? 1 : 2}`,
  ...files.map((f) => path.relative(root, f)),
];
const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, INKSTONE_TEST: '1' } });
process.exit(res.status ?? 1);
