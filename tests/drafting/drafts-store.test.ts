// Drafts in SQLite: created from the contract, autosaved as appended Yjs updates, compacted into
// snapshots, versions named and automatic, and two offline copies merged with both sides' text.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { Drafts, AUTOMATIC_VERSION_EVERY_MS } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { draftFragment, draftJSON, toPlainDraft, type PlainBlock } from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

let dir: string;
let library: Library;
let clock: number;
let drafts: Drafts;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-drafts-'));
  library = new Library(dir);
  clock = Date.parse('2026-12-07T10:00:00Z');
  drafts = new Drafts(library, { now: () => new Date(clock), compactAfter: 20 });
});
afterEach(() => {
  library.close();
  rmSync(dir, { recursive: true, force: true });
});

function newContract() {
  return library.createContract(
    { title: '技术服务合同' },
    {
      parties: [
        { role: '甲方', name: '北京某某科技有限公司', registrationNumber: '91350100M000100Y43' },
        { role: '乙方', name: '上海某某信息技术有限公司' },
      ],
    },
  );
}

/** A client's copy of the draft, as the editor holds it. */
function clientCopy(stateBase64: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(stateBase64, 'base64'));
  return doc;
}

/** The title's text node in the Yjs layout (y-prosemirror: one XmlElement per node, XmlText for text). */
const titleText = (doc: Y.Doc) => (draftFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** Edits a copy and returns the Yjs update the edit produced (what autosave sends). */
function edit(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(change);
  return Y.encodeStateAsUpdate(doc, before);
}

test('a new draft carries the contract’s title, parties and a signature block per party', () => {
  const contract = newContract();
  const session = drafts.create(contract.id, 'zh-CN');
  assert.equal(session.contractId, contract.id);
  const plain = drafts.plain(contract.id);
  assert.equal(plain.title, '技术服务合同');
  assert.deepEqual(
    plain.parties.map((p) => [p.role, p.name]),
    [
      ['甲方', '北京某某科技有限公司'],
      ['乙方', '上海某某信息技术有限公司'],
    ],
  );
  assert.deepEqual(
    plain.signatures.map((s) => s.labels.seal),
    ['甲方（盖章）', '乙方（盖章）'],
  );
  assert.equal(plain.signatures[0]!.labels.signatory, '法定代表人或授权代表（签字）');
  assert.equal((plain.body[0] as Extract<PlainBlock, { kind: 'article' }>).number, '第一条');
  assert.throws(
    () => drafts.create(contract.id, 'zh-CN'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'DRAFT_EXISTS',
  );
  assert.equal(drafts.versions(contract.id).length, 1, 'an automatic first version');
});

test('autosave appends updates; the snapshot is rewritten only at compaction; reopening restores text and cursor', () => {
  const contract = newContract();
  const session = drafts.create(contract.id, 'en');
  const copy = clientCopy(session.stateBase64);
  const typed = '保密期限为五年';
  for (let i = 0; i < typed.length; i++) {
    drafts.applyUpdate(
      session.draftId,
      edit(copy, () => titleText(copy).insert(titleText(copy).length, typed[i]!)),
      'unit-1',
    );
    assert.deepEqual(drafts.storage(contract.id), { snapshotSeq: 0, pendingUpdates: i + 1 }, 'one row per update, snapshot untouched');
  }
  for (let i = typed.length; i < 25; i++)
    drafts.applyUpdate(
      session.draftId,
      edit(copy, () => titleText(copy).insert(0, '·')),
    );
  const stored = drafts.storage(contract.id);
  assert.equal(stored.snapshotSeq, 20, 'compacted at the 20th update');
  assert.equal(stored.pendingUpdates, 5);
  const reopened = drafts.open(contract.id);
  assert.equal(reopened.cursorUnitId, 'unit-1');
  assert.equal(toPlainDraft(draftJSON(clientCopy(reopened.stateBase64)), 'en').title, `${'·'.repeat(25 - typed.length)}技术服务合同${typed}`);
});

test('an update that is not Yjs is refused and nothing is written', () => {
  const contract = newContract();
  const session = drafts.create(contract.id, 'zh-CN');
  assert.throws(
    () => drafts.applyUpdate(session.draftId, new Uint8Array([255, 255, 255, 255, 1, 2, 3])),
    (e: unknown) => e instanceof InkstoneError && e.code === 'DRAFT_UPDATE_INVALID',
  );
  assert.equal(drafts.storage(contract.id).pendingUpdates, 0);
});

test('named versions and automatic ones while editing', () => {
  const contract = newContract();
  const session = drafts.create(contract.id, 'zh-CN');
  const copy = clientCopy(session.stateBase64);
  drafts.applyUpdate(
    session.draftId,
    edit(copy, () => titleText(copy).insert(0, '草案')),
  );
  const named = drafts.saveVersion(session.draftId, '发给对方 v2');
  assert.equal(named.kind, 'named');
  drafts.applyUpdate(
    session.draftId,
    edit(copy, () => titleText(copy).insert(0, '修订')),
  );
  assert.equal(drafts.versions(contract.id).length, 2, 'no automatic version within the interval');
  clock += AUTOMATIC_VERSION_EVERY_MS + 1000;
  drafts.applyUpdate(
    session.draftId,
    edit(copy, () => titleText(copy).insert(0, '再')),
  );
  const versions = drafts.versions(contract.id);
  assert.deepEqual(
    versions.map((v) => [v.number, v.kind, v.name]),
    [
      [1, 'automatic', ''],
      [2, 'named', '发给对方 v2'],
      [3, 'automatic', ''],
    ],
  );
  assert.equal(drafts.plain(contract.id, named.id).title, '草案技术服务合同', 'a version keeps the text as it was');
  assert.equal(drafts.plain(contract.id, versions[2]!.id).title, '再修订草案技术服务合同');
  assert.ok(library.audit(contract.id).events.some((e) => e.action === 'draft.version_saved'));
});

test('two offline copies merge without losing either side’s text, in the store and in each copy', () => {
  const contract = newContract();
  const session = drafts.create(contract.id, 'zh-CN');
  const desk = clientCopy(session.stateBase64);
  const laptop = clientCopy(session.stateBase64);
  // Offline: both type at the very same place, and each elsewhere too.
  const fromDesk = edit(desk, () => {
    titleText(desk).insert(0, '甲方版');
    titleText(desk).insert(titleText(desk).length, '（终稿）');
  });
  const fromLaptop = edit(laptop, () => {
    titleText(laptop).insert(0, '乙方版');
    titleText(laptop).delete(titleText(laptop).length - 2, 2); // 合同 removed
  });
  drafts.applyUpdate(session.draftId, fromLaptop);
  drafts.applyUpdate(session.draftId, fromDesk);
  Y.applyUpdate(desk, fromLaptop);
  Y.applyUpdate(laptop, fromDesk);
  const title = (doc: Y.Doc) => toPlainDraft(draftJSON(doc), 'zh-CN').title;
  assert.equal(title(desk), title(laptop));
  assert.equal(drafts.plain(contract.id).title, title(desk));
  for (const piece of ['甲方版', '乙方版', '技术服务', '（终稿）']) assert.ok(title(desk).includes(piece), `${piece} in ${title(desk)}`);
  assert.ok(!title(desk).includes('合同（'), 'the deletion merged too');
});

test('a draft started from a given document must fit the schema; nothing is written otherwise', () => {
  const contract = newContract();
  assert.throws(
    () => drafts.create(contract.id, 'zh-CN', { type: 'doc', content: [{ type: 'article', attrs: { id: 'x' } }] }),
    (e: unknown) => e instanceof InkstoneError && e.code === 'DRAFT_DOCUMENT_INVALID',
  );
  assert.throws(
    () => drafts.open(contract.id),
    (e: unknown) => e instanceof InkstoneError && e.code === 'DRAFT_NOT_FOUND',
  );
});
