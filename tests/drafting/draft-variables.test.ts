// A draft made from a template remembers its variables (declarations and values in the Yjs
// document, each filled place marked with what was written), so a value changed later re-fills the
// text — except where the person edited the passage by hand, which comes back as a conflict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection } from 'prosemirror-state';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import * as Y from 'yjs';
import {
  DRAFT_META,
  checkValues,
  draftJSON,
  draftSchema,
  findTemplate,
  instantiateTemplate,
  newDraftYDoc,
  readDraftVariables,
  recordDraftVariables,
  refillVariable,
  storeDraftVariable,
  variablePassages,
  variableUses,
  type DraftTemplate,
} from '../../src-shared/drafting/index.js';

const NDA_VALUES = {
  discloser: '北京甲科技有限公司',
  recipient: '上海乙有限公司',
  purpose: '软件开发合作',
  effectiveDate: '2026-12-07',
  penalty: '100000',
};

/** A saved draft made from the zh-CN NDA, read back as a Yjs document (as the editor opens it). */
function savedDraft(template: DraftTemplate = findTemplate('nda', 'zh-CN'), raw: Record<string, string> = NDA_VALUES) {
  const values = checkValues(template.variables, raw, template.language);
  const ydoc = newDraftYDoc(instantiateTemplate(template, values, []), template.language);
  recordDraftVariables(ydoc, template.variables, values);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
  return copy;
}
const editorState = (ydoc: Y.Doc) => EditorState.create({ doc: ProseMirrorNode.fromJSON(draftSchema, draftJSON(ydoc)) });
const passages = (state: EditorState, key: string) => variablePassages(state.doc).filter((p) => p.key === key);

test('the draft keeps its variables and values through Yjs, and every filled place is marked with what was written', () => {
  const ydoc = savedDraft();
  const { specs, values } = readDraftVariables(ydoc);
  assert.deepEqual(
    specs.map((s) => s.key),
    findTemplate('nda', 'zh-CN').variables.map((s) => s.key),
  );
  assert.equal(values.penalty, '100000.00');
  assert.equal(values.effectiveDate, '2026-12-07');
  const state = editorState(ydoc);
  const [penalty] = passages(state, 'penalty');
  assert.equal(penalty.text, '人民币100,000.00元（大写：人民币壹拾万元整）');
  assert.equal(penalty.filled, penalty.text);
  assert.deepEqual(variableUses(state.doc).get('penalty'), { places: 1, editedByHand: 0 });
  // A blank draft has none.
  assert.deepEqual(readDraftVariables(new Y.Doc()), { specs: [], values: {} });
});

test('a changed value re-fills every place that still reads as the last fill', () => {
  const ydoc = savedDraft();
  const { specs } = readDraftVariables(ydoc);
  let state = editorState(ydoc);
  const tr = state.tr;
  assert.deepEqual(refillVariable(tr, specs, 'penalty', '12345.60', 'zh-CN'), []);
  assert.deepEqual(refillVariable(tr, specs, 'effectiveDate', '2027-01-31', 'zh-CN'), []);
  state = state.apply(tr);
  assert.match(state.doc.textContent, /违约金人民币12,345.60元（大写：人民币壹万贰仟叁佰肆拾伍元陆角整）/);
  assert.match(state.doc.textContent, /本协议自2027年1月31日起生效/);
  assert.doesNotMatch(state.doc.textContent, /100,000/);
  // Filled again later: the new text is what counts as "as filled" now.
  assert.equal(passages(state, 'penalty')[0].filled, '人民币12,345.60元（大写：人民币壹万贰仟叁佰肆拾伍元陆角整）');
  // The value travels in the Yjs document too.
  storeDraftVariable(ydoc, 'penalty', '12345.60');
  assert.equal(readDraftVariables(ydoc).values.penalty, '12345.60');
});

test('a passage edited by hand is not overwritten: it comes back as a conflict, and is replaced only when the person says so', () => {
  const ydoc = savedDraft();
  const { specs } = readDraftVariables(ydoc);
  let state = editorState(ydoc);
  // Type inside the filled text of the purpose, as the editor would (the mark goes with the typing).
  const purpose = passages(state, 'purpose')[0];
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, purpose.from + 2)).insertText('及测试'));
  const edited = passages(state, 'purpose')[0];
  assert.equal(edited.text, '软件及测试开发合作');
  assert.deepEqual(variableUses(state.doc).get('purpose'), { places: 1, editedByHand: 1 });

  const tr = state.tr;
  const conflicts = refillVariable(tr, specs, 'purpose', '数据服务合作', 'zh-CN');
  assert.deepEqual(conflicts, [{ key: 'purpose', current: '软件及测试开发合作', replacement: '数据服务合作' }]);
  assert.match(state.apply(tr).doc.textContent, /就软件及测试开发合作进行洽谈/, 'keep mine: the hand edit stays');

  const take = state.tr;
  assert.deepEqual(refillVariable(take, specs, 'purpose', '数据服务合作', 'zh-CN', true), []);
  const taken = state.apply(take);
  assert.match(taken.doc.textContent, /就数据服务合作进行洽谈/, 'take the new value: replaced');
  assert.deepEqual(variableUses(taken.doc).get('purpose'), { places: 1, editedByHand: 0 });
});

test('of several places one edited by hand: the others follow, that one asks', () => {
  const template = findTemplate('nda', 'en');
  const values = {
    discloser: 'Acme Ltd',
    recipient: 'Beta LLC',
    purpose: 'a joint product',
    effectiveDate: '2026-12-07',
    penalty: '5000',
  };
  const ydoc = savedDraft(template, values);
  const { specs } = readDraftVariables(ydoc);
  let state = editorState(ydoc);
  // The same variable written twice (once in the title's recital, once in a clause): edit the second by hand.
  const tr0 = state.tr;
  const extra = draftSchema.text('Acme Ltd', [draftSchema.marks.variable.create({ key: 'discloser', filled: 'Acme Ltd' })]);
  const at = passages(state, 'purpose')[0].to;
  state = state.apply(tr0.insert(at, [draftSchema.text(' with '), extra]));
  assert.equal(passages(state, 'discloser').length, 2);
  const second = passages(state, 'discloser')[1];
  state = state.apply(state.tr.insertText('Acme Limited', second.from, second.to));
  const tr = state.tr;
  const conflicts = refillVariable(tr, specs, 'discloser', 'Acme Holdings Ltd', 'en');
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].current, 'Acme Limited');
  const after = passages(state.apply(tr), 'discloser').map((p) => p.text);
  assert.deepEqual(after, ['Acme Holdings Ltd', 'Acme Limited']);
});

test('yes/no variables are decided when the draft is made; a damaged declaration in a synced copy is not trusted', () => {
  const ydoc = savedDraft();
  const { specs } = readDraftVariables(ydoc);
  const state = editorState(ydoc);
  const tr = state.tr;
  assert.deepEqual(refillVariable(tr, specs, 'nonSolicit', 'yes', 'zh-CN'), []);
  assert.equal(tr.docChanged, false);
  assert.deepEqual(refillVariable(tr, specs, 'noSuchKey', 'x', 'zh-CN'), []);

  const hostile = new Y.Doc();
  hostile.getMap(DRAFT_META).set('variables', [{ key: 'ok', kind: 'text', label: 'Fine' }, { key: '1bad', kind: 'text', label: 'x' }, 'junk']);
  hostile.getMap('variableValues').set('ok', 42 as unknown as string);
  assert.deepEqual(
    readDraftVariables(hostile).specs.map((s) => s.key),
    ['ok'],
  );
  assert.deepEqual(readDraftVariables(hostile).values, { ok: '' });
});
