// Article numbering in both contract styles, and cross-references that follow an article when it moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import {
  BROKEN_REFERENCE,
  draftSchema,
  numberOutline,
  toPlainDraft,
  type DraftNodeJSON,
  type PlainBlock,
  type PlainDraft,
} from '../../src-shared/drafting/index.js';
import type { Language } from '../../src-shared/i18n/index.js';
import { moveOutlineUnit, insertOutlineUnit } from '../../src-renderer/drafting/outline-commands.js';

const t = (text: string): DraftNodeJSON => ({ type: 'text', text });
const ref = (target: string): DraftNodeJSON => ({ type: 'xref', attrs: { target } });
const p = (...content: DraftNodeJSON[]): DraftNodeJSON => ({ type: 'paragraph', content });
const item = (id: string, text: string): DraftNodeJSON => ({ type: 'item', attrs: { id }, content: [p(t(text))] });
const clause = (id: string, text: string, ...rest: DraftNodeJSON[]): DraftNodeJSON => ({ type: 'clause', attrs: { id }, content: [p(t(text)), ...rest] });
const article = (id: string, heading: string, ...rest: DraftNodeJSON[]): DraftNodeJSON => ({
  type: 'article',
  attrs: { id },
  content: [{ type: 'article_heading', content: [t(heading)] }, ...rest],
});

/** Three articles; the first refers to the third, the third to the second's second sub-clause's item (b). */
function sample(): DraftNodeJSON {
  return {
    type: 'doc',
    content: [
      { type: 'title', content: [t('保密协议')] },
      { type: 'parties' },
      {
        type: 'recitals',
        content: [
          { type: 'recital', content: [t('甲乙双方拟合作')] },
          { type: 'recital', content: [t('为保护保密信息')] },
        ],
      },
      {
        type: 'body',
        content: [
          article('def', '定义', p(t('见'), ref('breach'), t('。'))),
          article('duty', '保密义务', clause('duty-1', '不得披露'), clause('duty-2', '例外：', item('x-a', '公开信息'), item('x-b', '法律要求'))),
          article('breach', '违约责任', p(t('违反'), ref('x-b'), t('以外的约定，适用'), ref('duty-2'), t('。'))),
        ],
      },
      { type: 'signatures' },
    ],
  };
}

const articles = (draft: PlainDraft) => draft.body.filter((b): b is Extract<PlainBlock, { kind: 'article' }> => b.kind === 'article');
const paragraphText = (block: PlainBlock | undefined) =>
  block?.kind === 'paragraph' ? block.content.map((i) => (i.kind === 'lineBreak' ? '\n' : i.text)).join('') : '';
const labelsOf = (draft: PlainDraft): string[] => {
  const out: string[] = [];
  const walk = (blocks: PlainBlock[]) =>
    blocks.forEach((b) => {
      if (b.kind === 'article' || b.kind === 'clause' || b.kind === 'item') {
        out.push(b.number);
        walk(b.blocks);
      }
    });
  walk(draft.body);
  return out;
};

test('Chinese style: 第一条, （一）, 1.; references name the path 第三条 / 第二条第（二）项第2目', () => {
  const draft = toPlainDraft(sample(), 'zh-CN');
  assert.deepEqual(labelsOf(draft), ['第一条', '第二条', '（一）', '（二）', '1.', '2.', '第三条']);
  const [def, , breach] = articles(draft);
  assert.equal(paragraphText(def!.blocks[0]), '见第三条。');
  assert.equal(paragraphText(breach!.blocks[0]), '违反第二条第（二）项第2目以外的约定，适用第二条第（二）项。');
  assert.deepEqual(
    draft.recitals.map((r) => r.number),
    ['1.', '2.'],
  );
});

test('English style: 1. / 1.1 / (a); references read "clause 3", "clause 2.2(b)"', () => {
  const draft = toPlainDraft(sample(), 'en');
  assert.deepEqual(labelsOf(draft), ['1.', '2.', '2.1', '2.2', '(a)', '(b)', '3.']);
  const [def, , breach] = articles(draft);
  assert.equal(paragraphText(def!.blocks[0]), '见clause 3。');
  assert.equal(paragraphText(breach!.blocks[0]), '违反clause 2.2(b)以外的约定，适用clause 2.2。');
  assert.deepEqual(
    draft.recitals.map((r) => r.number),
    ['(A)', '(B)'],
  );
});

test('numbers past ten and past z: 第十一条, 第二十条, 第一百零一条; items (z), (aa)', () => {
  const many = Array.from({ length: 101 }, (_, i) => ({ id: `a${i}`, level: 1 as const }));
  const zh = numberOutline(many, 'zh-CN');
  assert.equal(zh.get('a10')!.label, '第十一条');
  assert.equal(zh.get('a19')!.label, '第二十条');
  assert.equal(zh.get('a100')!.label, '第一百零一条');
  const items = [
    { id: 'c', level: 1 as const },
    { id: 'c1', level: 2 as const },
    ...Array.from({ length: 27 }, (_, i) => ({ id: `i${i}`, level: 3 as const })),
  ];
  const en = numberOutline(items, 'en');
  assert.equal(en.get('i25')!.label, '(z)');
  assert.equal(en.get('i26')!.label, '(aa)');
  assert.equal(en.get('i26')!.reference, 'clause 1.1(aa)');
});

/** An editor state with the cursor inside the article with `id`. */
function stateIn(doc: DraftNodeJSON, id: string): EditorState {
  const node = ProseMirrorNode.fromJSON(draftSchema, doc);
  let at = -1;
  node.descendants((n, pos) => {
    if (at < 0 && n.attrs.id === id) at = pos + 2;
    return at < 0;
  });
  return EditorState.create({ doc: node, selection: TextSelection.near(node.resolve(at)) });
}

const run = (state: EditorState, command: Command) => {
  let next = state;
  assert.ok(
    command(state, (tr) => (next = state.apply(tr))),
    'command applies',
  );
  return next;
};

for (const [language, expected] of [
  [
    'zh-CN',
    {
      moved: ['第一条', '第二条', '第三条', '（一）', '（二）', '1.', '2.'],
      defRef: '见第一条。',
      breachRef: '违反第三条第（二）项第2目以外的约定，适用第三条第（二）项。',
    },
  ],
  ['en', { moved: ['1.', '2.', '3.', '3.1', '3.2', '(a)', '(b)'], defRef: '见clause 1。', breachRef: '违反clause 3.2(b)以外的约定，适用clause 3.2。' }],
] as const) {
  test(`${language}: moving the last article to the top renumbers it and every reference to it and its neighbours`, () => {
    let state = stateIn(sample(), 'breach');
    state = run(state, moveOutlineUnit(-1));
    state = run(state, moveOutlineUnit(-1));
    assert.equal(moveOutlineUnit(-1)(state), false, 'the first article cannot move further up');
    const draft = toPlainDraft(state.doc.toJSON() as DraftNodeJSON, language as Language);
    assert.deepEqual(
      articles(draft).map((a) => a.id),
      ['breach', 'def', 'duty'],
    );
    assert.deepEqual(labelsOf(draft), expected.moved);
    const [breach, def] = articles(draft);
    assert.equal(paragraphText(def!.blocks[0]), expected.defRef);
    assert.equal(paragraphText(breach!.blocks[0]), expected.breachRef);
    // The cursor moved with the article.
    assert.equal(state.selection.$from.node(2).attrs.id, 'breach');
  });
}

test('moving a sub-clause renumbers its items’ references; it cannot move above the article heading', () => {
  let state = stateIn(sample(), 'duty-2');
  state = run(state, moveOutlineUnit(-1));
  const draft = toPlainDraft(state.doc.toJSON() as DraftNodeJSON, 'zh-CN');
  assert.equal(paragraphText(articles(draft)[2]!.blocks[0]), '违反第二条第（一）项第2目以外的约定，适用第二条第（一）项。');
  assert.equal(moveOutlineUnit(-1)(state), false);
});

test('a new article inserted before a referenced one shifts the reference; a deleted target reads as broken', () => {
  let state = stateIn(sample(), 'def');
  state = run(state, insertOutlineUnit('article'));
  let draft = toPlainDraft(state.doc.toJSON() as DraftNodeJSON, 'zh-CN');
  assert.equal(articles(draft).length, 4);
  assert.equal(paragraphText(articles(draft)[0]!.blocks[0]), '见第四条。');
  // Delete the referenced article.
  let from = -1;
  let to = -1;
  state.doc.descendants((n, pos) => {
    if (n.attrs.id === 'breach') [from, to] = [pos, pos + n.nodeSize];
    return from < 0;
  });
  state = state.apply(state.tr.delete(from, to));
  draft = toPlainDraft(state.doc.toJSON() as DraftNodeJSON, 'zh-CN');
  const def = articles(draft)[0]!.blocks[0]!;
  assert.equal(paragraphText(def), `见${BROKEN_REFERENCE}。`);
  assert.ok(def.kind === 'paragraph' && def.content.some((i) => i.kind === 'reference' && i.broken));
});

test('sub-clauses and items start again under each new article and sub-clause', () => {
  const outline = [
    { id: 'a1', level: 1 },
    { id: 'a1c1', level: 2 },
    { id: 'a1c2', level: 2 },
    { id: 'a1c2i1', level: 3 },
    { id: 'a2', level: 1 },
    { id: 'a2c1', level: 2 },
    { id: 'a2c1i1', level: 3 },
  ] as const;
  const zh = numberOutline(outline, 'zh-CN');
  assert.equal(zh.get('a2c1')!.label, '（一）');
  assert.equal(zh.get('a2c1')!.reference, '第二条第（一）项');
  assert.equal(zh.get('a2c1i1')!.reference, '第二条第（一）项第1目');
  const en = numberOutline(outline, 'en');
  assert.equal(en.get('a2c1')!.label, '2.1');
  assert.equal(en.get('a2c1i1')!.label, '(a)');
});
