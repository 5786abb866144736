// `inkstone clauses add|list|search|show` over a library folder: the same core as the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clause, ClauseSummary, ClauseUse } from '../../src-shared/api/index.js';

const cli = (args: string[], lang = 'en') =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cli-main.ts'), 'clauses', ...args], {
    encoding: 'utf8',
    env: { ...process.env, INKSTONE_LANG: lang },
  });

test('clauses add, then list, search (Chinese and English) and show', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-clauses-cli-'));
  try {
    const added = cli(
      [
        'add',
        '--title',
        '争议解决（标准）',
        '--heading',
        '争议解决',
        '--text',
        '因本合同引起的争议，提交{{court}}仲裁。',
        '--tag',
        '争议',
        '--language',
        'zh-CN',
        '--data-dir',
        dir,
        '--json',
      ],
      'zh-CN',
    );
    assert.equal(added.status, 0, added.stderr);
    const clause = JSON.parse(added.stdout) as Clause;
    assert.equal(clause.text, '争议解决\n因本合同引起的争议，提交〔court〕仲裁。');
    assert.deepEqual(
      clause.variables.map((v) => v.key),
      ['court'],
    );
    const en = cli([
      'add',
      '--title',
      'Governing law',
      '--text',
      'This Agreement is governed by the laws of England.',
      '--position',
      'fallback',
      '--data-dir',
      dir,
    ]);
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /^Clause saved: Governing law \(/);

    const found = (args: string[]) => (JSON.parse(cli([...args, '--data-dir', dir, '--json']).stdout) as ClauseSummary[]).map((c) => c.title);
    assert.deepEqual(found(['list']), ['Governing law', '争议解决（标准）']);
    assert.deepEqual(found(['search', '仲裁']), ['争议解决（标准）']);
    assert.deepEqual(found(['search', 'govern']), ['Governing law']);
    assert.deepEqual(found(['list', '--position', 'fallback']), ['Governing law']);

    const listed = cli(['list', '--data-dir', dir], 'zh-CN');
    assert.match(listed.stdout, /第1版 {2}备选条款 {2}en {2}Governing law/);
    const shown = cli(['show', clause.id, '--data-dir', dir, '--json']);
    assert.equal((JSON.parse(shown.stdout) as { clause: Clause; uses: ClauseUse[] }).clause.id, clause.id);

    const bad = cli(['list', '--position', 'best', '--data-dir', dir]);
    assert.equal(bad.status, 64);
    const missing = cli(['show', 'f'.repeat(32), '--data-dir', dir], 'zh-CN');
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /CLAUSE_NOT_FOUND: 条款库中没有条款/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
