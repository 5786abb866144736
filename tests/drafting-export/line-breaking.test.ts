import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakLines, NO_LINE_END, NO_LINE_START } from '../../src-main/core/drafting-export/index.js';

/** Every character 1 wide except spaces (0.3), so a line of width n holds n characters. */
const chars = (text: string): Array<{ ch: string; width: number }> => Array.from(text, (ch) => ({ ch, width: ch === ' ' ? 0.3 : 1 }));
const lines = (text: string, width: number): string[] => {
  const c = Array.from(text);
  return breakLines(chars(text), width).map((l) => c.slice(l.start, l.end).join(''));
};

test('CJK breaks between any two characters and fills each line', () => {
  assert.deepEqual(lines('甲乙双方经友好协商达成如下协议', 5), ['甲乙双方经', '友好协商达', '成如下协议']);
});

test('no line starts with closing punctuation: the character before it comes along', () => {
  // Width 5 would put "，" first on line 2; the rule moves "协" down with it.
  assert.deepEqual(lines('甲乙双方协，达成如下协议', 5), ['甲乙双方', '协，达成如', '下协议']);
  for (const ch of '。，、；：？！）】」') {
    for (let width = 3; width <= 8; width++) {
      for (const line of lines(`甲乙双方经友${ch}好协商达成如下协议${ch}以资遵守`, width).slice(1)) {
        assert.ok(!NO_LINE_START.has(line[0]!), `width ${width}: a line starts with ${ch}: ${line}`);
      }
    }
  }
});

test('no line ends with opening punctuation: it moves down with what it opens', () => {
  assert.deepEqual(lines('甲乙双方（以下简称', 5), ['甲乙双方', '（以下简称']);
  for (const ch of '（【「') {
    for (let width = 3; width <= 8; width++) {
      for (const line of lines(`甲乙双方${ch}以下简称${ch}本协议`, width)) {
        assert.ok(!NO_LINE_END.has(line.at(-1)!), `width ${width}: a line ends with ${ch}: ${line}`);
      }
    }
  }
});

test('Latin text breaks after spaces, never inside a word; trailing spaces are not drawn', () => {
  assert.deepEqual(lines('The Supplier shall provide', 14), ['The Supplier', 'shall provide']);
  // A word longer than the line is cut where it overflows (the only forced break).
  assert.deepEqual(lines('abcdefgh', 3), ['abc', 'def', 'gh']);
});

test('mixed text: CJK next to Latin may break, and justification stretches at CJK gaps and after spaces', () => {
  const text = '乙方按照Schedule 1提供';
  const [first] = breakLines(chars(text), 8);
  assert.equal(Array.from(text).slice(first!.start, first!.end).join(''), '乙方按照');
  const all = breakLines(chars('甲乙 ab cd'), 100)[0]!;
  // gaps: 甲|乙, 乙|space? no (before a space), space|ab yes, space|cd yes
  assert.deepEqual(all.gaps, [1, 3, 6]);
  assert.equal(all.last, true);
});

test('a hard line break ends the line and the line before it is not stretched', () => {
  const broken = breakLines(chars('甲乙\n丙丁'), 10);
  assert.equal(broken.length, 2);
  assert.equal(broken[0]!.last, true);
});
