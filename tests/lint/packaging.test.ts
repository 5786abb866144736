import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The desktop package leaves out the evidence service's and the browser host's npm packages
// (electron-builder.yml `files`). These tests keep that list true: it matches the lock file, it
// never drops a package the app needs, and the code the app runs never imports a left-out one.
const root = path.resolve(import.meta.dirname, '../..');
const script = pathToFileURL(path.join(root, 'scripts', 'packaging-exclusions.mjs')).href;
const { computeExclusions, currentBlock, generatedBlock, SERVER_ONLY_ROOTS } = (await import(script)) as {
  computeExclusions: () => { desktop: Set<string>; serverOnly: string[]; patterns: string[] };
  currentBlock: (yml: string) => string | null;
  generatedBlock: (patterns: string[]) => string;
  SERVER_ONLY_ROOTS: string[];
};
const excluded = computeExclusions();
const matches = (pattern: string, pkg: string) => {
  const prefix = pattern.slice(1, -'/**'.length);
  return pkg === prefix || pkg.startsWith(`${prefix}/`);
};

test('electron-builder.yml leaves out exactly the server-only packages of the lock file (run scripts/packaging-exclusions.mjs --write)', () => {
  const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  assert.equal(currentBlock(yml), generatedBlock(excluded.patterns));
  assert.ok(excluded.patterns.includes('!node_modules/fastify/**') && excluded.patterns.includes('!node_modules/pg/**'));
  for (const pkg of excluded.serverOnly)
    assert.ok(
      excluded.patterns.some((p) => matches(p, pkg)),
      `${pkg} is server-only but would ship`,
    );
});

test('no package the desktop app needs is left out', () => {
  for (const pkg of excluded.desktop) {
    const by = excluded.patterns.find((p) => matches(p, pkg));
    assert.equal(by, undefined, `${pkg} is needed by the app but ${by} leaves it out`);
  }
  assert.ok(excluded.desktop.has('node_modules/better-sqlite3') && excluded.desktop.has('node_modules/pkcs11js'));
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

test('the code the app ships never imports a server-only package', () => {
  const shipped = ['src-main', 'src-shared', 'src-preload', 'src-renderer', 'src-cli']
    .flatMap((d) => sources(path.join(root, d)))
    .filter((f) => !f.startsWith(path.join(root, 'src-main', 'host') + path.sep));
  assert.ok(shipped.length > 100);
  const offenders = shipped.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return SERVER_ONLY_ROOTS.filter((pkg) => new RegExp(`from '${pkg}(/[^']*)?'|import\\('${pkg}(/[^']*)?'\\)`).test(text)).map(
      (pkg) => `${path.relative(root, file)} imports ${pkg}`,
    );
  });
  assert.deepEqual(offenders, []);
});
