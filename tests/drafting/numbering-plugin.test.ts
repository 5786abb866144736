// The editor's live numbering: decorations follow typing without recomputing, and are recomputed
// when the outline changes (a move, a new article, a reference).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { blankDraft, draftSchema, emptyArticle, type DraftNodeJSON } from '../../src-shared/drafting/index.js';
import { insertReference } from '../../src-renderer/drafting/block-commands.js';
import { numberingKey, numberingPlugin } from '../../src-renderer/drafting/numbering-plugin.js';
import { moveOutlineUnit } from '../../src-renderer/drafting/outline-commands.js';

/** Each decoration's data-number or data-reference with the text of the node it sits on. */
function shown(state: EditorState): string[] {
  return numberingKey
    .getState(state)!
    .decorations.find()
    .flatMap((d) => {
      const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      const node = state.doc.nodeAt(d.from)!;
      if (attrs['data-number']) return [`${attrs['data-number']} ${node.textContent}`];
      if (attrs['data-reference']) return [`→${attrs['data-reference']}`];
      return [];
    });
}

test('typing keeps the numbers on their articles; a move and a reference renumber', () => {
  const doc = blankDraft({ title: '合同', parties: [] });
  const body = doc.content![3]!;
  body.content = [emptyArticle('定义'), emptyArticle('保密'), emptyArticle('违约')];
  let state = EditorState.create({ doc: ProseMirrorNode.fromJSON(draftSchema, doc as DraftNodeJSON), plugins: [numberingPlugin('zh-CN')] });
  const headingOf = (i: number) => {
    let at = -1;
    let seen = 0;
    state.doc.descendants((n, pos) => {
      if (n.type.name === 'article_heading' && seen++ === i) at = pos + 1;
      return at < 0;
    });
    return at;
  };
  /** Inside the first paragraph of article `i`. */
  const paragraphOf = (i: number) => {
    let at = -1;
    let seen = 0;
    state.doc.descendants((n, pos) => {
      if (n.type.name === 'article' && seen++ === i) at = pos + 1 + n.child(0).nodeSize + 1;
      return at < 0;
    });
    return at;
  };
  const before = numberingKey.getState(state)!;
  state = state.apply(state.tr.insertText('条款', headingOf(0)));
  assert.equal(numberingKey.getState(state)!.numbers, before.numbers, 'typing did not renumber');
  assert.deepEqual(shown(state), ['1. ', '第一条 条款定义', '第二条 保密', '第三条 违约']);

  // A reference in the first article's paragraph to the third, then the third moved to the top.
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, paragraphOf(0))));
  const thirdId = state.doc.child(3).child(2).attrs.id as string;
  assert.ok(insertReference(thirdId)(state, (tr) => (state = state.apply(tr))));
  assert.ok(shown(state).includes('→第三条'));
  state = state.apply(state.tr.setSelection(TextSelection.near(state.doc.resolve(headingOf(2)))));
  assert.ok(moveOutlineUnit(-1)(state, (tr) => (state = state.apply(tr))));
  assert.ok(moveOutlineUnit(-1)(state, (tr) => (state = state.apply(tr))));
  assert.deepEqual(shown(state), ['1. ', '第一条 违约', '第二条 条款定义', '→第一条', '第三条 保密']);
});
