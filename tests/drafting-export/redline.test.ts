import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, diffText, layoutOfRedline, runsText, tokenize } from '../../src-main/core/drafting-export/index.js';
import { applyDecisions } from '../../src-shared/redline-decisions.js';

const ops = (from: string, to: string): string =>
  diffText(from, to)
    .map((s) => (s.op === 'equal' ? s.text : s.op === 'insert' ? `[+${s.text}]` : `[-${s.text}]`))
    .join('');

test('Chinese is compared character by character', () => {
  assert.equal(ops('乙方应于十日内付款。', '乙方应于十五日内付清款项。'), '乙方应于十[+五]日内付[+清]款[+项]。');
  assert.equal(ops('违约金为合同总额的百分之五。', '违约金为合同总额的百分之十。'), '违约金为合同总额的百分之[-五][+十]。');
});

test('English is compared word by word, never inside a word', () => {
  assert.equal(
    ops('The Supplier shall deliver the goods.', 'The Supplier must deliver all goods.'),
    'The Supplier [-shall][+must] deliver [-the][+all] goods.',
  );
  // "ten" → "tenth" is a replaced word, not an inserted "th".
  assert.equal(ops('within ten days', 'within tenth days'), 'within [-ten][+tenth] days');
});

test('mixed text: Latin words inside Chinese stay whole, the Chinese around them per character', () => {
  assert.deepEqual(tokenize('按照Schedule 1的要求'), ['按', '照', 'Schedule', ' ', '1', '的', '要', '求']);
  assert.equal(ops('按照Schedule 1的要求', '按照Schedule 2的全部要求'), '按照Schedule [-1][+2]的[+全部]要求');
});

const v1 = [
  { id: 'a1', label: '第一条', text: '服务内容：乙方提供技术服务。' },
  { id: 'a2', label: '第二条', text: '费用为人民币壹万元。' },
  { id: 'a3', label: '第三条', text: '保密义务。' },
  { id: 'a4', label: '第四条', text: '争议提交北京仲裁委员会仲裁。' },
];

test('renumbering alone is no change; a moved article is one move shown at both places', () => {
  const v2 = [v1[0]!, v1[3]!, v1[1]!, v1[2]!].map((b, i) => ({ ...b, label: `第${'一二三四'[i]}条` }));
  const redline = compareVersions(v1, v2);
  // 第四条 moved up to second place: shown there, and as a ghost where it was (last).
  assert.deepEqual(
    redline.blocks.map((b) => b.status),
    ['unchanged', 'moved', 'unchanged', 'unchanged', 'movedAway'],
  );
  const moves = redline.changes.filter((c) => c.kind === 'move');
  assert.equal(moves.length, 1);
  const moved = redline.blocks
    .filter((b) => b.change === moves[0]!.id)
    .map((b) => b.status)
    .sort();
  assert.deepEqual(moved, ['moved', 'movedAway']);
  assert.equal(redline.changes.length, 1);
  // Printed: the article at its new place says where it came from, the ghost keeps its old number.
  const printed = layoutOfRedline(redline, { title: '技术服务协议', from: 'v1', to: 'v2', language: 'zh-CN' }).blocks.map((b) =>
    'runs' in b ? runsText(b.runs) : '',
  );
  assert.ok(printed.includes('第二条 〔自第四条移至此处〕争议提交北京仲裁委员会仲裁。〔1〕'), printed.join('\n'));
  assert.ok(printed.includes('第四条 〔已移至第二条〕争议提交北京仲裁委员会仲裁。'), printed.join('\n'));
});

test('insertions, deletions and edits inside an article each get their own change, in reading order', () => {
  const v2 = [
    { id: 'a1', label: '第一条', text: '服务内容：乙方提供技术咨询服务。' },
    { id: 'a3', label: '第二条', text: '保密义务。' },
    { id: 'a5', label: '第三条', text: '本协议一式两份。' },
    { id: 'a4', label: '第四条', text: '争议提交上海仲裁委员会仲裁。' },
  ];
  const redline = compareVersions(v1, v2);
  assert.deepEqual(
    redline.blocks.map((b) => [b.status, b.fromLabel ?? null, b.toLabel ?? null]),
    [
      ['changed', '第一条', '第一条'],
      ['deleted', '第二条', null],
      ['unchanged', '第三条', '第二条'],
      ['inserted', null, '第三条'],
      ['changed', '第四条', '第四条'],
    ],
  );
  assert.deepEqual(
    redline.changes.map((c) => [c.id, c.kind]),
    [
      [1, 'insert'],
      [2, 'deleteBlock'],
      [3, 'insertBlock'],
      [4, 'replace'],
    ],
  );
  // Accepting everything gives the new version; rejecting everything gives the old one back.
  assert.deepEqual(
    applyDecisions(redline, {}).map((b) => b.text),
    v2.map((b) => b.text),
  );
  const rejectAll = Object.fromEntries(redline.changes.map((c) => [c.id, 'reject' as const]));
  assert.deepEqual(
    applyDecisions(redline, rejectAll).map((b) => b.text),
    v1.map((b) => b.text),
  );
  // One decision at a time: reject only the arbitration city.
  assert.deepEqual(
    applyDecisions(redline, { 4: 'reject' }).map((b) => b.text),
    ['服务内容：乙方提供技术咨询服务。', '保密义务。', '本协议一式两份。', '争议提交北京仲裁委员会仲裁。'],
  );
});

test('without ids (two imported DOCX versions): edited clauses pair by position, a moved and edited one is still a move', () => {
  const a = ['1. The Supplier provides services.', '2. Fees are USD 10,000.', '3. Confidentiality.', '4. Governing law: England.'].map((text) => ({ text }));
  const b = ['1. The Supplier provides consulting services.', '4. Governing law: England.', '2. Fees are USD 20,000.', '5. Notices in writing.'].map(
    (text) => ({ text }),
  );
  const redline = compareVersions(a, b);
  assert.deepEqual(
    redline.blocks.map((x) => x.status),
    ['changed', 'movedAway', 'deleted', 'unchanged', 'moved', 'inserted'],
  );
  const moved = redline.blocks.find((x) => x.status === 'moved')!;
  assert.equal(
    moved.segments.map((s) => (s.op === 'equal' ? s.text : `${s.op === 'insert' ? '+' : '-'}${s.text}`)).join('|'),
    '2. Fees are USD |-10,000|+20,000|.',
  );
  // Rejecting the move puts the clause back where it was (with its edit, unless rejected too).
  const moveId = redline.changes.find((c) => c.kind === 'move')!.id;
  assert.deepEqual(
    applyDecisions(redline, { [moveId]: 'reject' }).map((x) => x.text),
    ['1. The Supplier provides consulting services.', '2. Fees are USD 20,000.', '4. Governing law: England.', '5. Notices in writing.'],
  );
});
