// The parties block and signature blocks follow the contract's parties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import type { Party } from '../../src-shared/api/index.js';
import { blankDraft, draftSchema, toPlainDraft, type DraftNodeJSON } from '../../src-shared/drafting/index.js';
import { syncParties } from '../../src-renderer/drafting/block-commands.js';

const party = (id: string, role: string, name: string, position: number): Party => ({
  id,
  role,
  name,
  organisation: '',
  registrationNumber: '',
  contact: '',
  position,
});

test('a party added, renamed and removed on the contract is added, renamed and removed in the draft', () => {
  const a = party('a'.repeat(32), '甲方', '北京某某公司', 0);
  const b = party('b'.repeat(32), '乙方', '上海某某公司', 1);
  const doc = blankDraft({
    title: '合同',
    parties: [a, b].map((p) => ({ partyId: p.id, role: p.role, name: p.name, organisation: '', registrationNumber: '' })),
  });
  let state = EditorState.create({ doc: ProseMirrorNode.fromJSON(draftSchema, doc) });
  assert.equal(syncParties([a, b])(state), false, 'nothing to do when they agree');
  const c = party('c'.repeat(32), '丙方', '深圳某某公司', 2);
  const renamed = { ...a, name: '北京某某科技有限公司' };
  assert.ok(syncParties([renamed, c])(state, (tr) => (state = state.apply(tr))));
  const plain = toPlainDraft(state.doc.toJSON() as DraftNodeJSON, 'zh-CN');
  assert.deepEqual(
    plain.parties.map((p) => p.name),
    ['北京某某科技有限公司', '深圳某某公司'],
  );
  assert.deepEqual(
    plain.signatures.map((s) => [s.labels.seal, s.name, s.fieldName]),
    [
      ['甲方（盖章）', '北京某某科技有限公司', `inkstone-sign-${a.id}`],
      ['丙方（盖章）', '深圳某某公司', `inkstone-sign-${c.id}`],
    ],
  );
});
