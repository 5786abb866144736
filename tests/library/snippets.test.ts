import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Library, SEARCH_WINDOW } from '../../src-main/core/library/index.js';
import type { SearchHit } from '../../src-shared/api/index.js';

let dir: string;
let lib: Library;

const FILLER = '本合同由双方协商一致订立。'.repeat(40);
const BODY = `${FILLER}\n第十二条   保密条款\n乙方应对甲方提供的资料承担保密义务。${FILLER}`;

function addText(contractId: string, text: string, n: number): void {
  lib.addDocument(contractId, `doc-${n}.pdf`, {
    sha256: n.toString(16).padStart(64, '0'),
    size: 1,
    pageCount: 1,
    signatureFieldCount: 0,
    origin: 'import',
    text,
  });
}

/** The highlighted pieces of a hit's snippet. */
function marked(hit: SearchHit): string[] {
  assert.ok(hit.snippet, `${hit.title} has a snippet`);
  return hit.snippet.highlights.map(([s, e]) => hit.snippet!.text.slice(s, e));
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-snippets-'));
  lib = new Library(dir);
  const a = lib.createContract({ title: '软件开发合同', notes: '法务部审阅' });
  addText(a.id, BODY, 1);
  const b = lib.createContract({ title: 'Master Services Agreement', notes: 'renewal handled by legal' });
  addText(b.id, 'Section 9. CONFIDENTIALITY. Each party shall keep the other party’s information confidential.', 2);
  lib.createContract({ title: '保密协议' }, { parties: [{ role: '甲方', name: '北京某某科技有限公司', registrationNumber: '91110000MA01ABCD1X' }] });
});
after(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a Chinese match deep in the document text is shown in its original characters, highlighted', () => {
  const { hits } = lib.search({ text: '保密条款', snippets: true });
  assert.equal(hits.length, 1);
  const s = hits[0].snippet!;
  assert.equal(s.field, 'text');
  assert.deepEqual(marked(hits[0]), ['保密条款']);
  // Not the index's bigrams, whitespace collapsed, cut with ellipses on both sides.
  assert.doesNotMatch(s.text, /保密 密条/);
  assert.match(s.text, /^….*第十二条 保密条款 乙方应对甲方.*…$/s);
  assert.ok(s.text.length <= 125);
});

test('the field holding the most terms wins; a title match beats the same match in the text', () => {
  const [title] = lib.search({ text: '保密协议', snippets: true }).hits;
  assert.equal(title.snippet?.field, 'title');
  assert.deepEqual(marked(title), ['保密协议']);
  // 保密 is in 保密协议's title and in the first contract's text; 乙方 only in that text.
  const { hits } = lib.search({ text: '保密 乙方', snippets: true });
  assert.equal(hits.length, 1);
  assert.equal(hits[0].snippet?.field, 'text');
  assert.deepEqual(marked(hits[0]), ['保密', '乙方', '保密']);
});

test('Latin words match case-insensitively at word starts; only the last word is a prefix', () => {
  const [hit] = lib.search({ text: 'party confiden', snippets: true }).hits;
  assert.equal(hit.snippet?.field, 'text');
  assert.deepEqual(marked(hit), ['CONFIDEN', 'party', 'party', 'confiden']);
  // "part" is not a prefix term here: "party" is not highlighted for it.
  const [exact] = lib.search({ text: 'legal', snippets: true }).hits;
  assert.equal(exact.snippet?.field, 'notes');
  assert.deepEqual(marked(exact), ['legal']);
});

test('parties and registration numbers are searched and shown; one CJK character marks only itself', () => {
  const [hit] = lib.search({ text: '91110000MA01ABCD1X', snippets: true }).hits;
  assert.equal(hit.snippet?.field, 'parties');
  assert.deepEqual(marked(hit), ['91110000MA01ABCD1X']);
  const single = lib.search({ text: '甲', snippets: true }).hits.find((h) => h.title === '保密协议')!;
  assert.equal(single.snippet?.field, 'parties');
  assert.deepEqual(marked(single), ['甲']);
});

test('without snippets asked for, hits carry none', () => {
  assert.equal(lib.search({ text: '保密条款' }).hits[0].snippet, undefined);
});

test('"all" ranks and pages through every match instead of the newest SEARCH_WINDOW', () => {
  lib.db.transaction(() => {
    for (let i = 0; i < SEARCH_WINDOW + 25; i++) lib.createContract({ title: `lease ${i}`, notes: i % 2 ? 'lease lease' : '' });
  })();
  const windowed = lib.search({ text: 'lease', limit: 500 });
  assert.equal(windowed.total, SEARCH_WINDOW);
  assert.equal(windowed.totalIsExact, false);
  const seen: SearchHit[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = lib.search({ text: 'lease', limit: 500, offset, all: true });
    assert.equal(page.total, SEARCH_WINDOW + 25);
    assert.equal(page.totalIsExact, true);
    if (!page.hits.length) break;
    seen.push(...page.hits);
  }
  assert.equal(new Set(seen.map((h) => h.id)).size, SEARCH_WINDOW + 25);
  // One ranking over all of them, as bm25 over every match orders it (ties newest first).
  const reference = lib.db
    .prepare(
      `SELECT c.id FROM contracts_fts f JOIN contracts c ON c.rowid = f.rowid WHERE contracts_fts MATCH '"lease"*'
       ORDER BY -bm25(contracts_fts, 10.0, 5.0, 5.0, 2.0, 1.0) DESC, f.rowid DESC`,
    )
    .pluck()
    .all() as string[];
  assert.deepEqual(
    seen.map((h) => h.id),
    reference,
  );
});

test('`inkstone library search` prints each hit with its snippet, the matches marked', () => {
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cli-main.ts'), 'library', 'search', ...args, '--data-dir', dir], {
      encoding: 'utf8',
    });
  const text = run('保密条款');
  assert.match(text, /软件开发合同\n {4}….*第十二条 【保密条款】 乙方应对甲方.*…\n1 found\n$/);
  const [row] = JSON.parse(run('保密条款', '--json')) as Array<{ title: string; snippet: { field: string; highlights: number[][] } }>;
  assert.equal(row.title, '软件开发合同');
  assert.equal(row.snippet.field, 'text');
  assert.equal(row.snippet.highlights.length, 1);
});
