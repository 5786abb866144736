import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

// The layering rules live in eslint.config.js; these cases prove each one trips (and that the
// allowed forms stay allowed), so a config edit that silently disables a rule fails here.
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('core code may not import electron', async () => {
  const msgs = await restricted('src-main/core/library/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n");
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /Only src-main\/electron/);
});

test('shared, CLI and evidence code may not import electron', async () => {
  for (const file of ['src-shared/fixture.ts', 'src-cli/fixture.ts', 'src-evidence/fixture.ts']) {
    const msgs = await restricted(file, "import electron from 'electron';\nexport default electron;\n");
    assert.equal(msgs.length, 1, file);
  }
});

test('the Electron shell may import electron', async () => {
  assert.deepEqual(await restricted('src-main/electron/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n"), []);
});

test('the renderer may not import from src-main', async () => {
  const msgs = await restricted('src-renderer/fixture.tsx', "import { Library } from '../src-main/core/library/index.js';\nexport const x = Library;\n");
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /never src-main/);
});

test('the renderer may import the contract from src-shared', async () => {
  assert.deepEqual(
    await restricted('src-renderer/fixture.tsx', "import { OPERATION_NAMES } from '../src-shared/api/index.js';\nexport const x = OPERATION_NAMES;\n"),
    [],
  );
});

test('a capability may not reach into another capability’s files', async () => {
  const sibling = await restricted('src-main/core/signing/fixture.ts', "import { parse } from '../pdf/parser.js';\nexport const x = parse;\n");
  assert.equal(sibling.length, 1);
  const fromOutside = await restricted('src-cli/fixture.ts', "import { Library } from '../src-main/core/library/library.js';\nexport const x = Library;\n");
  assert.equal(fromOutside.length, 1);
});

test('capabilities may use each other’s index and their own files', async () => {
  assert.deepEqual(
    await restricted('src-main/core/signing/fixture.ts', "import { a } from '../pdf/index.js';\nimport { b } from './own.js';\nexport const x = [a, b];\n"),
    [],
  );
  assert.deepEqual(await restricted('src-cli/fixture.ts', "import { Library } from '../src-main/core/library/index.js';\nexport const x = Library;\n"), []);
});

// The layers of capabilities (CAPABILITY_LAYERS in eslint.config.js), inside src-main/core.
const importFrom = (capability: string, target: string) =>
  restricted(`src-main/core/${capability}/fixture.ts`, `import { x } from '../${target}/index.js';\nexport const y = x;\n`);

test('every capability folder has its place in the layers', async () => {
  const { CAPABILITY_LAYERS } = (await import(pathToFileURL(path.join(root, 'eslint.config.js')).href)) as { CAPABILITY_LAYERS: string[][] };
  const declared = CAPABILITY_LAYERS.flat().sort();
  const folders = readdirSync(path.join(root, 'src-main/core'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(declared, folders);
});

test('a capability may import the layers below it', async () => {
  for (const [capability, target] of [
    ['pdf', 'files'],
    ['audit', 'db'],
    ['signing', 'pdf'],
    ['signing', 'pki'],
    ['signing', 'tokens'],
    ['verify', 'pdf'],
    ['verify', 'signing'],
    ['library', 'audit'],
    ['evidence', 'pki'],
    ['service', 'library'],
    ['service', 'verify'],
  ])
    assert.deepEqual(await importFrom(capability, target), [], `${capability} → ${target}`);
});

test('a capability may not import its own layer or above', async () => {
  for (const [capability, target] of [
    ['files', 'db'], // peers at the bottom
    ['pdf', 'pki'],
    ['pdf', 'signing'],
    ['pki', 'tokens'],
    ['tokens', 'signing'],
    ['signing', 'verify'],
    ['verify', 'library'],
    ['library', 'evidence'], // peers
    ['evidence', 'library'],
    ['library', 'service'],
    ['db', 'audit'],
  ]) {
    const msgs = await importFrom(capability, target);
    assert.equal(msgs.length, 1, `${capability} → ${target}`);
    assert.match(msgs[0], new RegExp(`^'\\.\\./${target}/index\\.js' import is restricted.*${capability} may import only`));
  }
});

test('the core does not import the shells around it', async () => {
  for (const target of ['src-cli/run.js', 'src-main/host/server.js', 'src-evidence/service/index.js']) {
    const msgs = await restricted('src-main/core/library/fixture.ts', `import { x } from '../../../${target}';\nexport const y = x;\n`);
    assert.equal(msgs.length, 1, target);
    assert.match(msgs[0], /never the other way round/);
  }
});

test('src-shared imports no Node built-in and no other part of the tree', async () => {
  const node = await restricted('src-shared/api/fixture.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n");
  assert.equal(node.length, 1);
  assert.match(node[0], /bundled into the renderer/);
  const tree = await restricted('src-shared/api/fixture.ts', "import { Library } from '../../src-main/core/library/index.js';\nexport const x = Library;\n");
  assert.equal(tree.length, 1);
  assert.match(tree[0], /bottom layer/);
  assert.deepEqual(
    await restricted(
      'src-shared/api/fixture.ts',
      "import { z } from 'zod';\nimport { LANGUAGES } from '../i18n/index.js';\nexport const x = [z, LANGUAGES];\n",
    ),
    [],
  );
});

test('src-shared is built without Node types', () => {
  const config = JSON.parse(readFileSync(path.join(root, 'src-shared/tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as {
    compilerOptions: { types?: string[] };
  };
  assert.deepEqual(config.compilerOptions.types, []);
});

test('tests and benchmarks use a capability through its index.ts', async () => {
  for (const file of ['tests/tokens/fixture.test.ts', 'bench/fixture.ts']) {
    const up = file.startsWith('bench') ? '..' : '../..';
    const inner = await restricted(file, `import { planSignature } from '${up}/src-main/core/tokens/mechanisms.js';\nexport const x = planSignature;\n`);
    assert.equal(inner.length, 1, file);
    assert.match(inner[0], /through its index\.ts/);
    assert.deepEqual(
      await restricted(file, `import { planSignature } from '${up}/src-main/core/tokens/index.js';\nexport const x = planSignature;\n`),
      [],
      file,
    );
  }
});
