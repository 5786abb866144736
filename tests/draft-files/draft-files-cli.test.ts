// `inkstone draft export|import|redline` over a library folder, through the drafting CLI module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redline } from '../../src-shared/api/index.js';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../drafting/cli-main.ts'), 'draft', ...args], {
    encoding: 'utf8',
    env: { ...process.env, INKSTONE_LANG: 'en' },
  });

test('export a draft as DOCX, import it as a new contract, export that as PDF (version 1), redline two versions as PDF', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-draft-files-cli-'));
  try {
    const made = cli(['new', '--title', '技术服务合同', '--party', '甲方=北京某某科技有限公司', '--language', 'zh-CN', '--data-dir', dir, '--json']);
    assert.equal(made.status, 0, made.stderr);
    const { contractId } = JSON.parse(made.stdout) as { contractId: string };

    const docx = path.join(dir, 'out.docx');
    const exported = cli(['export', contractId, '--docx', docx, '--data-dir', dir]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(readFileSync(docx).subarray(0, 2).toString(), 'PK');

    const imported = cli(['import', docx, '--data-dir', dir, '--json']);
    assert.equal(imported.status, 0, imported.stderr);
    const result = JSON.parse(imported.stdout) as { contractId: string; lost: unknown[]; draft: { title: string } };
    assert.notEqual(result.contractId, contractId);
    assert.equal(result.draft.title, '技术服务合同');

    const pdf = path.join(dir, 'out.pdf');
    const asPdf = cli(['export', contractId, '--pdf', pdf, '--data-dir', dir, '--json']);
    assert.equal(asPdf.status, 0, asPdf.stderr);
    assert.equal((JSON.parse(asPdf.stdout) as { number: number }).number, 1);
    assert.match(execFileSync('pdfsig', [pdf], { encoding: 'utf8' }), /not signed/);

    // Two versions of the imported draft: the first (automatic) and the import itself.
    const redline = cli(['redline', result.contractId, '--from', '1', '--to', '2', '--json', '--pdf', path.join(dir, 'redline.pdf'), '--data-dir', dir]);
    assert.equal(redline.status, 0, redline.stderr);
    assert.ok(Array.isArray((JSON.parse(redline.stdout) as Redline).blocks));
    assert.equal(readFileSync(path.join(dir, 'redline.pdf')).subarray(0, 5).toString(), '%PDF-');

    const both = cli(['export', contractId, '--pdf', pdf, '--docx', docx, '--data-dir', dir]);
    assert.equal(both.status, 64, 'one of --pdf / --docx');
    const bad = cli(['import', path.join(dir, 'redline.pdf'), '--data-dir', dir]);
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /is not a Word document/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
