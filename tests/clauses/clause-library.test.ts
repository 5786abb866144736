// The clause library: revisions (an edit never reaches a draft that holds the clause), CJK and
// English search with the library's bigram rules, insertion with variables, where used, audit.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClauseLibrary } from '../../src-main/core/clauses/index.js';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { verifyAuditChain } from '../../src-main/core/audit/index.js';
import type { ClauseInput, ClauseNodeJSON } from '../../src-shared/api/index.js';
import { blankDraft, type DraftNodeJSON } from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

let dir: string;
let library: Library;
let clauses: ClauseLibrary;
let clock: number;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-clauses-'));
  library = new Library(dir);
  clock = Date.parse('2026-12-07T10:00:00Z');
  clauses = new ClauseLibrary(library, () => new Date((clock += 1000)));
});
afterEach(() => {
  library.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (t: string, marks?: ClauseNodeJSON['marks']): ClauseNodeJSON => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const para = (...content: ClauseNodeJSON[]): ClauseNodeJSON => ({ type: 'paragraph', content });
const article = (id: string, heading: string, ...paragraphs: ClauseNodeJSON[]): ClauseNodeJSON => ({
  type: 'article',
  attrs: { id, condition: '' },
  content: [{ type: 'article_heading', content: [text(heading)] }, ...paragraphs],
});
const variable = (key: string, shown: string) => text(shown, [{ type: 'variable', attrs: { key, filled: shown } }]);

const confidentiality: ClauseInput = {
  title: '保密条款（标准）',
  tags: ['保密', 'NDA'],
  language: 'zh-CN',
  position: 'standard',
  blocks: [article('a1', '保密义务', para(text('接收方应对保密信息严格保密，保密期限为'), variable('term', '三年'), text('。')))],
  variables: [{ key: 'term', kind: 'text', label: '保密期限', required: true }],
};
const liability: ClauseInput = {
  title: 'Limitation of liability',
  tags: ['liability'],
  language: 'en',
  position: 'fallback',
  blocks: [
    para(
      text('Neither party shall be liable for indirect or consequential damages, and the total liability shall not exceed '),
      variable('cap', 'USD 1,000'),
      text('.'),
    ),
  ],
  variables: [{ key: 'cap', kind: 'money', label: 'Liability cap', required: true }],
};

/** Every text in a JSON node list, joined. */
const words = (nodes: readonly (ClauseNodeJSON | DraftNodeJSON)[]): string =>
  nodes.map((n) => (n.text ?? '') + words((n.content ?? []) as ClauseNodeJSON[])).join('');

/** The words of a plain draft's blocks, runs joined. */
const plainText = (blocks: unknown): string => [...JSON.stringify(blocks).matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]).join('');

test('saving makes a clause generic: variables back to placeholders, declared, text indexed', () => {
  const c = clauses.add(confidentiality);
  assert.equal(c.revision, 1);
  assert.deepEqual(c.tags, ['保密', 'NDA']);
  assert.equal(c.position, 'standard');
  assert.match(c.text, /保密期限为〔保密期限〕。/);
  assert.doesNotMatch(c.text, /三年/, 'one contract’s value is not kept in the library');
  assert.deepEqual(
    c.variables.map((v) => v.key),
    ['term'],
  );
  // A variable the text uses but nobody declared is optional text named by its key.
  const loose = clauses.add({ ...liability, variables: [] });
  assert.deepEqual(loose.variables, [{ key: 'cap', kind: 'text', label: 'cap', required: false }]);
});

test('search in Chinese uses bigrams: 保密 finds the clause, non-adjacent characters do not', () => {
  const zh = clauses.add(confidentiality);
  clauses.add(liability);
  assert.deepEqual(
    clauses.list({ query: '保密' }).map((c) => c.id),
    [zh.id],
  );
  assert.deepEqual(
    clauses.list({ query: '严格保密' }).map((c) => c.id),
    [zh.id],
  );
  assert.deepEqual(clauses.list({ query: '保格' }), [], 'characters that are not adjacent do not match');
  assert.deepEqual(clauses.list({ query: '违约' }), []);
});

test('search in English prefix-matches the last word; filters by language, position and tag', () => {
  const zh = clauses.add(confidentiality);
  const en = clauses.add(liability);
  assert.deepEqual(
    clauses.list({ query: 'consequ' }).map((c) => c.id),
    [en.id],
  );
  assert.deepEqual(
    clauses.list({ query: 'indirect damages' }).map((c) => c.id),
    [en.id],
  );
  assert.deepEqual(
    clauses.list({ query: 'nda' }).map((c) => c.id),
    [zh.id],
    'tags are searched',
  );
  assert.deepEqual(
    clauses.list({ position: 'fallback' }).map((c) => c.id),
    [en.id],
  );
  assert.deepEqual(
    clauses.list({ language: 'zh-CN' }).map((c) => c.id),
    [zh.id],
  );
  assert.deepEqual(
    clauses.list({ tag: 'NDA' }).map((c) => c.id),
    [zh.id],
  );
  assert.deepEqual(
    clauses.list().map((c) => c.id),
    [en.id, zh.id],
    'newest first',
  );
  assert.deepEqual(clauses.list({ query: '！？' }), [], 'punctuation alone finds nothing');
});

test('insertion fills variables in the draft’s language, gives fresh ids and records where it is used', () => {
  const c = clauses.add(liability);
  const contract = library.createContract({ title: 'Services Agreement' });
  const copy = clauses.copyInto(c.id, contract.id, { cap: '12345.6' }, 'en');
  assert.equal(copy.revision, 1);
  assert.match(words(copy.blocks), /shall not exceed RMB 12,345\.60 \(in words: 人民币壹万贰仟叁佰肆拾伍元陆角整\)\./);
  const zh = clauses.add(confidentiality);
  const a = clauses.copyInto(zh.id, contract.id, { term: '五年' }, 'zh-CN');
  const b = clauses.copyInto(zh.id, contract.id, {}, 'zh-CN');
  assert.match(words(a.blocks), /保密期限为五年。/);
  assert.match(words(b.blocks), /保密期限为〔保密期限〕。/, 'a value not given keeps its placeholder');
  const ids = [a.blocks[0].attrs?.id, b.blocks[0].attrs?.id];
  assert.ok(ids[0] && ids[1] && ids[0] !== ids[1] && ids[0] !== 'a1', 'each copy is its own article');
  assert.throws(
    () => clauses.copyInto(c.id, contract.id, { cap: '-5' }, 'en'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'VARIABLE_INVALID',
  );
  assert.throws(
    () => clauses.copyInto(c.id, contract.id, { nope: '1' }, 'en'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'VARIABLE_UNKNOWN',
  );
  const uses = clauses.uses(zh.id);
  assert.equal(uses.length, 2, 'refused insertions are not recorded');
  assert.deepEqual(
    uses.map((u) => [u.contractId, u.contractTitle, u.revision]),
    [
      [contract.id, 'Services Agreement', 1],
      [contract.id, 'Services Agreement', 1],
    ],
  );
  assert.equal(clauses.get(zh.id).uses, 2);
  const audit = library.audit(contract.id).events.filter((e) => e.action === 'clause.inserted');
  assert.equal(audit.length, 3);
});

test('editing a clause is a new revision and leaves a draft that holds it (and the old revision) unchanged', () => {
  const c = clauses.add(confidentiality);
  const contract = library.createContract({ title: '保密协议' });
  const copy = clauses.copyInto(c.id, contract.id, { term: '三年' }, 'zh-CN');
  const doc = blankDraft({ title: '保密协议', parties: [] });
  const body = doc.content!.find((n) => n.type === 'body')!;
  body.content = copy.blocks as DraftNodeJSON[];
  const drafts = new Drafts(library);
  drafts.create(contract.id, 'zh-CN', doc);
  const before = JSON.stringify(drafts.plain(contract.id).body);

  const edited = clauses.revise(c.id, {
    ...confidentiality,
    title: '保密条款（五年）',
    blocks: [article('a1', '保密义务', para(text('接收方应对保密信息严格保密，期限为五年，违约方赔偿全部损失。')))],
  });
  assert.equal(edited.revision, 2);
  assert.match(edited.text, /违约方赔偿/);
  assert.deepEqual(
    edited.revisions.map((r) => r.revision),
    [2, 1],
  );
  assert.equal(JSON.stringify(drafts.plain(contract.id).body), before, 'the draft keeps its copy');
  assert.match(plainText(drafts.plain(contract.id).body), /保密期限为三年。/);
  const first = clauses.get(c.id, 1);
  assert.equal(first.title, '保密条款（标准）');
  assert.match(first.text, /保密期限为〔保密期限〕。/, 'revision 1 is still what it was');
  assert.deepEqual(
    clauses.uses(c.id).map((u) => u.revision),
    [1],
  );
  // Search follows the current revision only.
  assert.deepEqual(
    clauses.list({ query: '违约' }).map((x) => x.id),
    [c.id],
  );
  assert.deepEqual(clauses.list({ query: '保密期限' }), []);
  assert.ok(verifyAuditChain(library.db).intact);
});

test('bad input is a typed error and writes nothing', () => {
  const bad = (blocks: ClauseNodeJSON[], code: string) =>
    assert.throws(
      () => clauses.add({ ...confidentiality, blocks }),
      (e: unknown) => e instanceof InkstoneError && e.code === code,
    );
  bad([{ type: 'signature_block' }], 'CLAUSE_CONTENT_INVALID');
  bad([{ type: 'no_such_node' }], 'CLAUSE_CONTENT_INVALID');
  bad([para()], 'CLAUSE_EMPTY');
  assert.deepEqual(clauses.list(), []);
  assert.throws(
    () => clauses.revise('f'.repeat(32), confidentiality),
    (e: unknown) => e instanceof InkstoneError && e.code === 'CLAUSE_NOT_FOUND',
  );
  const c = clauses.add(confidentiality);
  assert.throws(
    () => clauses.get(c.id, 9),
    (e: unknown) => e instanceof InkstoneError && e.code === 'CLAUSE_REVISION_NOT_FOUND',
  );
  assert.throws(
    () => clauses.copyInto(c.id, 'f'.repeat(32), {}, 'zh-CN'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'CONTRACT_NOT_FOUND',
  );
  assert.equal(clauses.uses(c.id).length, 0);
});
