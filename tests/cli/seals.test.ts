import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

/** `inkstone seals …` over the same seal library as the app (run from the sources, like cli-output.test.ts). */
const CLI = path.join(import.meta.dirname, 'support', 'cli-main.ts');
let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-cli-seals-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function inkstone(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8', INKSTONE_LANG: '' } });
}

test('seals generate needs the organisation profile; organisation checks the credit code; list, import and disable work on the data folder', () => {
  const data = ['--data-dir', path.join(dir, 'library')];
  const early = inkstone('--lang', 'zh-CN', 'seals', 'generate', '--type', '合同专用章', ...data);
  assert.equal(early.status, 3);
  assert.match(early.stderr, /ORGANISATION_PROFILE_MISSING: 公司印章根据单位信息生成/);

  const badCode = inkstone('seals', 'organisation', '--legal-name', '北京星河数据科技有限公司', '--credit-code', '91110108MA01A1B2C3', ...data);
  assert.equal(badCode.status, 3);
  assert.match(badCode.stderr, /INVALID_INPUT: .*creditCode/);
  const profile = inkstone('seals', 'organisation', '--legal-name', '北京星河数据科技有限公司', '--credit-code', '91110108MA01A1B2C7', '--json', ...data);
  assert.equal(profile.status, 0, profile.stderr);
  assert.equal(JSON.parse(profile.stdout).creditCode, '91110108MA01A1B2C7');

  const badType = inkstone('seals', 'generate', '--type', '私章', ...data);
  assert.equal(badType.status, 64);
  const generated = inkstone('seals', 'generate', '--type', '合同专用章', '--json', ...data);
  assert.equal(generated.status, 0, generated.stderr);
  const seal = JSON.parse(generated.stdout);
  assert.equal(seal.sealType, '合同专用章');
  assert.match(seal.preview, /^data:image\/svg\+xml;base64,/);

  const svg = path.join(dir, 'seal.svg');
  writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="red"/></svg>');
  const imported = inkstone('seals', 'import', svg, '--name', '业务专用章', ...data);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /^[0-9a-f]{32} {2}in use {4}seal\/imported {2}业务专用章 {2}42×42 mm$/m);
  const evil = path.join(dir, 'evil.svg');
  writeFileSync(evil, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>');
  const refused = inkstone('seals', 'import', evil, ...data);
  assert.equal(refused.status, 3);
  assert.match(refused.stderr, /SEAL_SVG_ELEMENT_REFUSED/);

  assert.equal(inkstone('seals', 'disable', seal.id, ...data).status, 0);
  const listed = inkstone('seals', 'list', ...data);
  assert.equal(listed.stdout.trim().split('\n').length, 1, 'the disabled seal is not listed');
  const all = JSON.parse(inkstone('seals', 'list', '--all', '--json', ...data).stdout);
  assert.equal(all.length, 2);
  assert.ok(all.some((s: { id: string; disabledAt: string | null }) => s.id === seal.id && s.disabledAt));
});
