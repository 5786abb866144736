import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { markAcknowledged, pendingChanges } from '../../src-main/core/audit/index.js';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { runSyncPass } from '../../src-main/core/sync/index.js';
import { blankDraft, draftFragment, NODE, newOutlineId, type DraftNodeJSON } from '../../src-shared/drafting/index.js';
import { startTeam, type Desktop, type Team } from './support/desktops.js';

/**
 * Drafts merge through their CRDT (issue 11): two desktops edit one draft offline — different
 * articles and the same paragraph — and after syncing both hold both sides' text, identically.
 */

const article = (heading: string, text: string): DraftNodeJSON => ({
  type: NODE.article,
  attrs: { id: newOutlineId() },
  content: [
    { type: NODE.articleHeading, content: [{ type: 'text', text: heading }] },
    { type: NODE.paragraph, content: [{ type: 'text', text }] },
  ],
});

function twoArticles(): DraftNodeJSON {
  const doc = blankDraft({ title: '技术服务合同', parties: [] });
  return {
    ...doc,
    content: doc.content!.map((n) =>
      n.type === NODE.body ? { type: NODE.body, content: [article('服务内容', '乙方提供技术服务。'), article('付款', '甲方按月付款。')] } : n,
    ),
  };
}

/** The paragraphs' text nodes, in document order. */
function paragraphs(ydoc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (el: Y.XmlElement | Y.XmlFragment) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === NODE.paragraph) found.push(child.toArray().find((c) => c instanceof Y.XmlText) as Y.XmlText);
        else walk(child);
      }
    }
  };
  walk(draftFragment(ydoc));
  return found;
}

/** One autosave as the editor makes it: the draft opened, one edit, the update since sent to the core. */
function autosave(d: Desktop, contractId: string, edit: (paras: Y.XmlText[]) => void): void {
  const drafts = new Drafts(d.library);
  const session = drafts.open(contractId);
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, Buffer.from(session.stateBase64, 'base64'));
  const before = Y.encodeStateVector(ydoc);
  edit(paragraphs(ydoc));
  drafts.applyUpdate(session.draftId, Y.encodeStateAsUpdate(ydoc, before));
  ydoc.destroy();
}

const text = (d: Desktop, contractId: string) => JSON.stringify(new Drafts(d.library).plain(contractId));
const draftOutbox = (d: Desktop) =>
  d.library.db.prepare("SELECT seq, change_key, acked_seq FROM sync_outbox WHERE kind = 'draft.edited' ORDER BY seq").all() as Array<{
    seq: number;
    change_key: string;
    acked_seq: number | null;
  }>;
const storedUpdates = (d: Desktop) => (d.library.db.prepare('SELECT count(*) AS n FROM draft_updates').get() as { n: number }).n;

describe('drafts synced through their CRDT', () => {
  let team: Team;
  let a: Desktop;
  let b: Desktop;
  let contractId: string;

  before(async () => {
    team = await startTeam({ backend: 'sqlite' });
    a = await team.desktop('张律师');
    b = await team.desktop('李律师');
  });
  after(() => team?.close());

  it('a new draft goes to the team with its contract; B gets the same draft', async () => {
    contractId = a.library.createContract({ title: '技术服务合同' }).id;
    new Drafts(a.library).create(contractId, 'zh-CN', twoArticles());
    assert.equal(draftOutbox(a).length, 1, 'the first state is queued in the transaction that stores it');
    await runSyncPass(a.library, a.client());
    await runSyncPass(b.library, b.client());
    assert.equal(new Drafts(b.library).open(contractId).draftId, new Drafts(a.library).open(contractId).draftId);
    assert.equal(text(b, contractId), text(a, contractId));
  });

  it('offline edits of different articles and of the same paragraph on A and B → both drafts hold both sides, identically', async () => {
    // Typing: several autosaves on each side, folded into one waiting entry each.
    autosave(a, contractId, (p) => p[0].insert(p[0].length, '甲方可随时检查进度。'));
    autosave(a, contractId, (p) => p[0].insert(p[0].length, '检查不得影响服务。'));
    autosave(a, contractId, (p) => p[1].insert(0, '【A改】'));
    autosave(b, contractId, (p) => p[1].insert(p[1].length, '逾期付款按日万分之五计息。'));
    autosave(b, contractId, (p) => p[0].insert(0, '【B改】'));
    assert.equal(draftOutbox(a).filter((e) => e.acked_seq === null).length, 1, 'three autosaves, one entry');
    assert.equal(draftOutbox(b).filter((e) => e.acked_seq === null).length, 1);

    await runSyncPass(a.library, a.client());
    await runSyncPass(b.library, b.client());
    await runSyncPass(a.library, a.client());

    const onA = text(a, contractId);
    assert.equal(text(b, contractId), onA, 'A and B hold the same draft');
    for (const piece of [
      '甲方可随时检查进度。',
      '检查不得影响服务。',
      '【A改】',
      '逾期付款按日万分之五计息。',
      '【B改】',
      '乙方提供技术服务。',
      '甲方按月付款。',
    ]) {
      assert.ok(onA.includes(piece), `${piece} kept`);
    }
    assert.equal(onA.split('【B改】').length, 2, 'each edit once');
  });

  it('an entry received again (its acknowledgement lost, sent once more under a new key) changes nothing on the other desktop', async () => {
    autosave(a, contractId, (p) => p[1].insert(0, '双方确认：'));
    await runSyncPass(a.library, a.client());
    await runSyncPass(b.library, b.client());
    const before = { text: text(b, contractId), stored: storedUpdates(b) };
    // As if the acknowledgement never came and a later autosave re-keyed the entry: the same update goes again.
    const last = draftOutbox(a).at(-1)!;
    a.library.db.prepare('UPDATE sync_outbox SET acked_seq = NULL, change_key = ? WHERE seq = ?').run(`${last.change_key}:again`, last.seq);
    const resent = await runSyncPass(a.library, a.client());
    assert.equal(resent.sent, 1);
    const got = await runSyncPass(b.library, b.client());
    assert.equal(got.received, 1);
    assert.equal(text(b, contractId), before.text);
    assert.equal(text(b, contractId).split('双方确认：').length, 2);
    assert.equal(storedUpdates(b), before.stored, 'nothing new stored for an update already merged');
  });

  it('an autosave folded into an entry already on its way re-keys it, so the late acknowledgement of the old content leaves it waiting', () => {
    autosave(a, contractId, (p) => p[0].insert(0, '一'));
    const [inFlight] = pendingChanges(a.library.db, 10);
    autosave(a, contractId, (p) => p[0].insert(0, '二'));
    markAcknowledged(a.library.db, inFlight.key, 999_999, new Date().toISOString());
    const waiting = pendingChanges(a.library.db, 10);
    assert.equal(waiting.length, 1, 'the folded entry still waits');
    assert.notEqual(waiting[0].key, inFlight.key);
    const inserted = Y.decodeUpdate(Buffer.from(String(waiting[0].details.updateBase64), 'base64'))
      .structs.map((s) => (s instanceof Y.Item && s.content instanceof Y.ContentString ? s.content.str : ''))
      .join('');
    assert.ok(inserted.includes('一') && inserted.includes('二'), 'the folded entry carries both autosaves');
  });
});
