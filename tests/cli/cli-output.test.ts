import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { progressBar } from '../../src-cli/progress.js';
import { makeTextPdf } from '../support/text-pdf.js';

const CLI = path.join(import.meta.dirname, 'support', 'cli-main.ts');
let dir: string;
let files: string[];
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-cli-output-'));
  files = [];
  for (const name of ['lease', 'nda']) {
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, await makeTextPdf({ title: name, lines: [`${name} agreement`] }));
    files.push(file);
  }
  const notPdf = path.join(dir, 'notes.txt');
  writeFileSync(notPdf, 'meeting notes');
  files.push(notPdf);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run the CLI with a system locale that says nothing (C.UTF-8), stdout and stderr piped (not a terminal). */
function inkstone(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8', INKSTONE_LANG: '' } });
}

test('library import prints one summary line and only the failures, in the language asked for with the global --lang', () => {
  const data = path.join(dir, 'library');
  const first = inkstone('--lang', 'zh-CN', 'library', 'import', '--data-dir', data, ...files);
  assert.equal(first.status, 3, first.stderr);
  assert.deepEqual(first.stdout.trim().split('\n'), ['✗ notes.txt: IMPORT_NOT_PDF: “notes.txt”不是 PDF 文件。', '已导入 2 个 · 已在库中 0 个 · 失败 1 个']);
  assert.doesNotMatch(first.stderr, /\r/, 'no progress bar when stderr is not a terminal');
  const again = inkstone('library', 'import', '--data-dir', data, files[0], files[1]);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout.trim(), '0 imported · 2 already present · 0 failed');
});

test('the global --lang reaches every command, errors included, and refuses a language Inkstone does not speak', () => {
  const tokens = inkstone('--lang', 'zh-CN', 'tokens', 'list', '--module', path.join(dir, 'missing.so'));
  assert.match(tokens.stderr, /无法加载/);
  const refused = inkstone('--lang', 'fr', 'library', 'search', 'x', '--data-dir', dir);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /zh-CN, en/);
});

test('the progress bar redraws one line on a terminal and clears it at the end', () => {
  const written: string[] = [];
  const stream = { isTTY: true, columns: 60, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  const bar = progressBar(stream);
  bar.update(1, 3, 'a.pdf');
  bar.update(3, 3, 'c.pdf');
  bar.done();
  assert.equal(written.length, 3);
  assert.ok(written.every((w) => w.startsWith('\r')));
  assert.match(written[1], /3\/3 c\.pdf/);
  assert.ok(written[1].length <= 60 + '\r\x1b[K'.length);
  assert.equal(written[2], '\r\x1b[K');
});
