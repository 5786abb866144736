// `inkstone draft new … --json` and `inkstone draft versions <id> --json` over a library folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DraftVersion } from '../../src-shared/api/index.js';
import type { PlainDraft } from '../../src-shared/drafting/index.js';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cli-main.ts'), 'draft', ...args], {
    encoding: 'utf8',
    env: { ...process.env, INKSTONE_LANG: 'en' },
  });

test('draft new makes a contract with a blank structured draft; draft versions lists its first version', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-draft-cli-'));
  try {
    const made = cli([
      'new',
      '--title',
      '技术服务合同',
      '--party',
      '甲方=北京某某科技有限公司',
      '--party',
      '乙方=上海某某有限公司',
      '--language',
      'zh-CN',
      '--data-dir',
      dir,
      '--json',
    ]);
    assert.equal(made.status, 0, made.stderr);
    const out = JSON.parse(made.stdout) as { contractId: string; draftId: string; language: string; draft: PlainDraft };
    assert.equal(out.language, 'zh-CN');
    assert.equal(out.draft.title, '技术服务合同');
    assert.deepEqual(
      out.draft.signatures.map((s) => s.labels.seal),
      ['甲方（盖章）', '乙方（盖章）'],
    );
    assert.equal(out.draft.body[0]?.kind === 'article' && out.draft.body[0].number, '第一条');

    const listed = cli(['versions', out.contractId, '--data-dir', dir, '--json']);
    assert.equal(listed.status, 0, listed.stderr);
    const versions = JSON.parse(listed.stdout) as DraftVersion[];
    assert.deepEqual(
      versions.map((v) => [v.number, v.kind]),
      [[1, 'automatic']],
    );

    const again = cli(['new', '--contract', out.contractId, '--data-dir', dir, '--json']);
    assert.equal(again.status, 3);
    assert.match(again.stderr, /DRAFT_EXISTS/);
    const template = cli(['new', '--template', 'nda', '--data-dir', dir]);
    assert.match(template.stderr, /DRAFT_TEMPLATE_NOT_FOUND/);
    const badParty = cli(['new', '--party', '甲方', '--data-dir', dir]);
    assert.equal(badParty.status, 64);
    assert.match(badParty.stderr, /USAGE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
