// Template variables: typing and rendering in both languages, the 大写 amount table, filling,
// re-filling (hand edits ask instead of being overwritten) and optional sections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import {
  VariableSpec,
  checkValues,
  checkVariable,
  draftJSON,
  draftSchema,
  fillVariables,
  newDraftYDoc,
  renderVariable,
  toPlainDraft,
  variablePassages,
  type DraftNodeJSON,
} from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

const spec = (kind: VariableSpec['kind'], extra: Partial<VariableSpec> = {}): VariableSpec => VariableSpec.parse({ key: 'v', kind, label: '金额', ...extra });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InkstoneError, String(err));
    return err.code;
  }
  return 'no error';
};

test('money: figures plus the capital amount, for a table of cases, in both languages', () => {
  const cases: [string, string, string][] = [
    ['0', '0.00', '人民币0.00元（大写：人民币零元整）'],
    ['0.05', '0.05', '人民币0.05元（大写：人民币伍分）'],
    ['10', '10.00', '人民币10.00元（大写：人民币壹拾元整）'],
    ['100.1', '100.10', '人民币100.10元（大写：人民币壹佰元壹角整）'],
    ['1,000,000,000.99', '1000000000.99', '人民币1,000,000,000.99元（大写：人民币壹拾亿元玖角玖分）'],
    ['¥12345.6', '12345.60', '人民币12,345.60元（大写：人民币壹万贰仟叁佰肆拾伍元陆角整）'],
    ['100005', '100005.00', '人民币100,005.00元（大写：人民币壹拾万零伍元整）'],
    ['1.05', '1.05', '人民币1.05元（大写：人民币壹元零伍分）'],
  ];
  for (const [typed, checked, zh] of cases) {
    const value = checkVariable(spec('money'), typed, 'zh-CN');
    assert.equal(value, checked, typed);
    assert.equal(renderVariable(spec('money'), value, 'zh-CN'), zh, typed);
  }
  assert.equal(renderVariable(spec('money'), '12345.60', 'en'), 'RMB 12,345.60 (in words: 人民币壹万贰仟叁佰肆拾伍元陆角整)');
  for (const bad of ['-1', '-0.05', '1.234', '1,00', 'abc', '1e5', '12 345'])
    assert.equal(
      code(() => checkVariable(spec('money'), bad, 'en')),
      'VARIABLE_INVALID',
      bad,
    );
  assert.equal(
    code(() => checkVariable(spec('money', { max: 1000 }), '1000.01', 'en')),
    'VARIABLE_OUT_OF_RANGE',
  );
});

test('dates are checked and written by the draft’s language', () => {
  const d = spec('date');
  assert.equal(checkVariable(d, '2026-12-7', 'en'), '2026-12-07');
  assert.equal(checkVariable(d, '2026年12月7日', 'en'), '2026-12-07');
  assert.equal(renderVariable(d, '2026-12-07', 'zh-CN'), '2026年12月7日');
  assert.equal(renderVariable(d, '2026-12-07', 'en'), '7 December 2026');
  for (const bad of ['2026-02-30', '2026-13-01', '7/12/2026', 'tomorrow'])
    assert.equal(
      code(() => checkVariable(d, bad, 'zh-CN')),
      'VARIABLE_INVALID',
      bad,
    );
});

test('text, party, number, choice and yes/no: required, formats, ranges', () => {
  assert.equal(
    code(() => checkVariable(spec('text'), '  ', 'en')),
    'VARIABLE_REQUIRED',
  );
  assert.equal(checkVariable(spec('text', { required: false }), '', 'en'), '');
  assert.equal(checkVariable(spec('party'), ' 北京某某科技有限公司 ', 'en'), '北京某某科技有限公司');
  assert.equal(
    code(() => checkVariable(spec('text', { maxLength: 3 }), 'abcd', 'en')),
    'VARIABLE_INVALID',
  );
  const years = spec('number', { min: 1, max: 10 });
  assert.equal(checkVariable(years, '3', 'en'), '3');
  assert.equal(
    code(() => checkVariable(years, '11', 'en')),
    'VARIABLE_OUT_OF_RANGE',
  );
  assert.equal(
    code(() => checkVariable(years, 'three', 'en')),
    'VARIABLE_INVALID',
  );
  const forum = spec('choice', {
    options: [
      { value: 'court', label: '法院', text: '向甲方所在地人民法院起诉' },
      { value: 'cietac', label: '仲裁', text: '提交中国国际经济贸易仲裁委员会仲裁' },
    ],
  });
  assert.equal(renderVariable(forum, checkVariable(forum, 'cietac', 'en'), 'zh-CN'), '提交中国国际经济贸易仲裁委员会仲裁');
  assert.equal(
    code(() => checkVariable(forum, 'mediation', 'en')),
    'VARIABLE_INVALID',
  );
  assert.equal(checkVariable(spec('yesno'), '是', 'en'), 'yes');
  assert.equal(checkVariable(spec('yesno'), '', 'en'), 'no');
  assert.equal(
    code(() => checkValues([spec('text')], { v: 'x', typo: 'y' }, 'en')),
    'VARIABLE_UNKNOWN',
  );
  assert.equal(VariableSpec.safeParse({ key: 'c', kind: 'choice', label: 'x', options: [] }).success, false);
  assert.equal(VariableSpec.safeParse({ key: '1bad', kind: 'text', label: 'x' }).success, false);
});

// A small template: one party name, one amount, an optional article.
const t = (text: string, key?: string): DraftNodeJSON =>
  key ? { type: 'text', text, marks: [{ type: 'variable', attrs: { key, filled: '' } }] } : { type: 'text', text };
const p = (...content: DraftNodeJSON[]): DraftNodeJSON => ({ type: 'paragraph', content });
const article = (id: string, heading: string, condition: string, ...rest: DraftNodeJSON[]): DraftNodeJSON => ({
  type: 'article',
  attrs: { id, condition },
  content: [{ type: 'article_heading', content: [t(heading)] }, ...rest],
});
const template: DraftNodeJSON = {
  type: 'doc',
  content: [
    { type: 'title', content: [t('服务协议')] },
    { type: 'parties' },
    { type: 'recitals', content: [{ type: 'recital', content: [t('委托方：'), t('〔委托方〕', 'client')] }] },
    {
      type: 'body',
      content: [
        article('a1', '服务费', '', p(t('服务费为'), t('〔金额〕', 'fee'), t('。'))),
        article('a2', '竞业限制', 'noncompete', p(t('乙方不得为'), t('〔委托方〕', 'client'), t('的竞争对手提供服务。'))),
        article('a3', '其他', '', p(t('本协议自签署之日起生效。'))),
      ],
    },
    { type: 'signatures' },
  ],
};
const specs = [
  VariableSpec.parse({ key: 'client', kind: 'party', label: '委托方' }),
  VariableSpec.parse({ key: 'fee', kind: 'money', label: '服务费' }),
  VariableSpec.parse({ key: 'noncompete', kind: 'yesno', label: '包含竞业限制' }),
];
const fill = (doc: ProseMirrorNode, raw: Record<string, string>, overwrite?: Set<string>) => {
  const tr = new Transform(doc);
  const conflicts = fillVariables(tr, specs, checkValues(specs, raw, 'zh-CN'), 'zh-CN', { overwrite });
  return { doc: tr.doc, conflicts };
};

test('filling writes every passage, removes a section left out, and renumbers what follows', () => {
  const doc = ProseMirrorNode.fromJSON(draftSchema, template);
  const first = fill(doc, { client: '北京某某科技有限公司', fee: '12345.6', noncompete: 'no' });
  assert.deepEqual(first.conflicts, []);
  first.doc.check();
  const text = first.doc.textContent;
  assert.match(text, /委托方：北京某某科技有限公司/);
  assert.match(text, /服务费为人民币12,345.60元（大写：人民币壹万贰仟叁佰肆拾伍元陆角整）。/);
  assert.doesNotMatch(text, /竞业限制/);
  const articles = toPlainDraft(first.doc.toJSON() as DraftNodeJSON, 'zh-CN').body.flatMap((b) => (b.kind === 'article' ? [b.number] : []));
  assert.deepEqual(articles, ['第一条', '第二条']);
  // Kept when "yes"; every passage of the same variable gets the value.
  const kept = fill(doc, { client: '甲公司', fee: '1', noncompete: 'yes' }).doc;
  assert.deepEqual(
    variablePassages(kept).map((v) => [v.key, v.text === v.filled]),
    [
      ['client', true],
      ['fee', true],
      ['client', true],
    ],
  );
  assert.match(kept.textContent, /乙方不得为甲公司的竞争对手提供服务/);
});

test('re-filling follows the new value, but a passage edited by hand asks before it is overwritten', () => {
  const filled = fill(ProseMirrorNode.fromJSON(draftSchema, template), { client: '甲公司', fee: '100', noncompete: 'yes' }).doc;
  // Re-fill with a new amount: the text follows.
  const again = fill(filled, { client: '甲公司', fee: '200', noncompete: 'yes' });
  assert.deepEqual(again.conflicts, []);
  assert.match(again.doc.textContent, /人民币200.00元（大写：人民币贰佰元整）/);
  // The person edits the first party passage by hand (types inside it: the mark carries on).
  const passage = variablePassages(again.doc)[0];
  const tr = new Transform(again.doc).insert(passage.to - 1, draftSchema.text('（北京）', again.doc.resolve(passage.to - 1).marks()));
  const edited = tr.doc;
  assert.equal(variablePassages(edited)[0].text, '甲公（北京）司');
  const asked = fill(edited, { client: '乙公司', fee: '200', noncompete: 'yes' });
  assert.deepEqual(asked.conflicts, [{ key: 'client', current: '甲公（北京）司', replacement: '乙公司' }]);
  assert.match(asked.doc.textContent, /委托方：甲公（北京）司/, 'the hand edit is kept');
  assert.match(asked.doc.textContent, /乙方不得为乙公司的竞争对手/, 'the untouched passage of the same variable follows');
  // The person says overwrite: the hand edit gives way.
  const forced = fill(edited, { client: '乙公司', fee: '200', noncompete: 'yes' }, new Set(['client']));
  assert.deepEqual(forced.conflicts, []);
  assert.match(forced.doc.textContent, /委托方：乙公司/);
  // A hand edit that matches the value filled next is adopted: no question, and no question later.
  const adopted = fill(edited, { client: '甲公（北京）司', fee: '200', noncompete: 'yes' });
  assert.deepEqual(adopted.conflicts, []);
  assert.equal(variablePassages(adopted.doc).filter((v) => v.text !== v.filled).length, 0);
});

test('a filled draft survives the JSON round trip with its variables (the Yjs store keeps marks)', () => {
  const filled = fill(ProseMirrorNode.fromJSON(draftSchema, template), { client: '甲公司', fee: '0.05', noncompete: 'no' }).doc;
  const back = ProseMirrorNode.fromJSON(draftSchema, draftJSON(newDraftYDoc(filled.toJSON() as DraftNodeJSON, 'zh-CN')));
  assert.deepEqual(variablePassages(back), variablePassages(filled));
  assert.match(back.textContent, /人民币伍分/);
});
