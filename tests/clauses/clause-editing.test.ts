// The editor's clause helpers: what "save as clause" takes from the draft, and where an insertion goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { clauseFromSelection, insertClause } from '../../src-renderer/clauses/clause-editing.js';
import type { ClauseNodeJSON } from '../../src-shared/api/index.js';
import { clauseAsText, clauseBlocksFromText } from '../../src-shared/clause-text.js';
import { draftSchema, toPlainDraft, type DraftNodeJSON } from '../../src-shared/drafting/index.js';

const t = (text: string): DraftNodeJSON => ({ type: 'text', text });
const art = (id: string, heading: string, body: string): DraftNodeJSON => ({
  type: 'article',
  attrs: { id },
  content: [
    { type: 'article_heading', content: [t(heading)] },
    { type: 'paragraph', content: [t(body)] },
  ],
});
const doc = ProseMirrorNode.fromJSON(draftSchema, {
  type: 'doc',
  content: [
    { type: 'title', content: [t('保密协议')] },
    { type: 'parties' },
    { type: 'recitals', content: [{ type: 'recital' }] },
    { type: 'body', content: [art('a1', '定义', '本协议所称保密信息。'), art('a2', '保密义务', '接收方应保密。')] },
    { type: 'signatures' },
  ],
});
/** Position of the first occurrence of `text` in the document. */
function at(text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    return found < 0;
  });
  assert.ok(found >= 0, text);
  return found;
}
const stateWith = (from: number, to = from) => EditorState.create({ doc, selection: TextSelection.create(doc, from, to) });
const headings = (d: ProseMirrorNode) =>
  toPlainDraft(d.toJSON() as DraftNodeJSON, 'zh-CN').body.map((b) =>
    b.kind === 'article' ? `${b.number} ${b.heading.map((h) => ('text' in h ? h.text : '')).join('')}` : b.kind,
  );

test('nothing selected: the article the cursor is in', () => {
  const blocks = clauseFromSelection(stateWith(at('接收方')));
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0].type, 'article');
  assert.equal(blocks[0].attrs?.id, 'a2');
});

test('a selection inside a paragraph: that passage as a paragraph; across articles: whole ones kept', () => {
  const from = at('保密信息');
  const part = clauseFromSelection(stateWith(from, from + 4));
  assert.deepEqual(part, [{ type: 'paragraph', content: [{ type: 'text', text: '保密信息' }] }]);
  const whole = clauseFromSelection(stateWith(at('定义'), at('接收方应保密。') + 7));
  assert.deepEqual(
    whole.map((b) => b.type),
    ['article', 'article'],
  );
});

test('an article is inserted after the cursor’s article and numbered there; a passage stays inside it', () => {
  const clause = clauseBlocksFromText('双方应友好协商解决争议。', '争议解决');
  const tr = insertClause(stateWith(at('本协议所称')), clause)!;
  assert.deepEqual(headings(tr.doc), ['第一条 定义', '第二条 争议解决', '第三条 保密义务']);
  assert.equal(tr.selection.$from.parent.textContent, '争议解决', 'the cursor lands in what was inserted');
  const passage = insertClause(stateWith(at('本协议所称')), clauseBlocksFromText('另有约定的除外。'))!;
  assert.deepEqual(headings(passage.doc), ['第一条 定义', '第二条 保密义务']);
  assert.match(passage.doc.child(3).child(0).textContent, /本协议所称保密信息。另有约定的除外。/);
  // From the title (which holds neither): at the end of the body.
  const fromTitle = insertClause(stateWith(2), clause)!;
  assert.deepEqual(headings(fromTitle.doc), ['第一条 定义', '第二条 保密义务', '第三条 争议解决']);
});

test('text form round-trips headings, lines and {{variables}}', () => {
  const blocks: ClauseNodeJSON[] = clauseBlocksFromText('保密期限为{{term}}。\n期满后继续保密。', '保密期限');
  assert.deepEqual(clauseAsText(blocks), { heading: '保密期限', text: '保密期限为{{term}}。\n期满后继续保密。' });
});
