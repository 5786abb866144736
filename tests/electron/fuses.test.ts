import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The packaged app's Electron fuses (electron-builder.yml `electronFuses`): every fuse the installed
 * @electron/fuses knows is set, each to the value Electron's security guide and fuse documentation
 * recommend for an app that serves its pages from a custom protocol and forks no Node processes.
 */
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

const RECOMMENDED: Record<string, boolean> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // Security-neutral; Electron's default, written down so no fuse is left implicit.
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** The `electronFuses:` block of electron-builder.yml as key → boolean. */
function configuredFuses(): Record<string, boolean> {
  const lines = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.indexOf('electronFuses:');
  assert.ok(start >= 0, 'electron-builder.yml has no electronFuses block');
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\w+): (true|false)\s*$/.exec(line);
    if (!m) break;
    fuses[m[1]] = m[2] === 'true';
  }
  return fuses;
}

test('every fuse @electron/fuses knows is set in electron-builder.yml, to the recommended value', () => {
  const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
  const known = Object.keys(FuseV1Options)
    .filter((k) => Number.isNaN(Number(k)))
    .map((k) => k[0].toLowerCase() + k.slice(1));
  assert.deepEqual(Object.keys(RECOMMENDED).sort(), [...known].sort(), 'a fuse was added or removed: decide its value here');
  assert.deepEqual(configuredFuses(), RECOMMENDED);
});

test('electron-builder accepts every configured fuse name', () => {
  const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
  };
  for (const key of Object.keys(configuredFuses())) assert.ok(key in scheme.definitions.FuseOptionsV1.properties, key);
});
