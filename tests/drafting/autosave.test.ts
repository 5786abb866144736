// Autosave batches local Yjs updates into one save within AUTOSAVE_EVERY_MS, carries the cursor's
// article, ignores merged-in updates, and keeps a failed batch for the next try.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { AUTOSAVE_EVERY_MS, DraftAutosave } from '../../src-renderer/drafting/autosave.js';

const textOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
};

test('a burst of typing is one save, sent within the autosave interval, with the cursor', async () => {
  const doc = new Y.Doc();
  const sent: { update: Uint8Array; cursor: string }[] = [];
  const autosave = new DraftAutosave(doc, { send: async (update, cursor) => void sent.push({ update, cursor }) });
  for (const ch of '甲方应当') doc.getText('t').insert(doc.getText('t').length, ch);
  autosave.noteCursor('article-2');
  assert.equal(sent.length, 0);
  await sleep(AUTOSAVE_EVERY_MS + 100);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.cursor, 'article-2');
  assert.equal(textOf([sent[0]!.update]), '甲方应当');
  autosave.destroy();
});

test('updates merged in from elsewhere are not saved again; a failed save is retried with what came after', async () => {
  const doc = new Y.Doc();
  const remote = Symbol('remote');
  const sent: Uint8Array[] = [];
  let failNext = true;
  const statuses: string[] = [];
  const autosave = new DraftAutosave(doc, {
    remoteOrigin: remote,
    onStatus: (s) => statuses.push(s),
    send: async (update) => {
      if (failNext) {
        failNext = false;
        throw new Error('core gone');
      }
      sent.push(update);
    },
  });
  const other = new Y.Doc();
  other.getText('t').insert(0, '对方');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), remote);
  doc.getText('t').insert(0, '甲');
  await sleep(AUTOSAVE_EVERY_MS + 100);
  assert.ok(statuses.includes('failed'));
  doc.getText('t').insert(1, '乙');
  await sleep(2 * AUTOSAVE_EVERY_MS + 200);
  await autosave.flush();
  const saved = new Y.Doc();
  Y.applyUpdate(saved, Y.encodeStateAsUpdate(other));
  for (const u of sent) Y.applyUpdate(saved, u);
  assert.equal(saved.getText('t').toString(), doc.getText('t').toString(), 'nothing lost across the failure');
  assert.ok(
    sent.every((u) => Y.decodeUpdate(u).structs.every((struct) => struct.id.client !== other.clientID)),
    'the merged-in text was not sent back',
  );
  assert.equal(statuses.at(-1), 'saved');
  autosave.destroy();
});
