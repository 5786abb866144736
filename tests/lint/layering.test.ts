import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
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
