import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMatchExpression, cjkBigrams, indexText } from '../../src-main/core/library/index.js';

test('CJK runs are indexed as overlapping bigrams plus the last character', () => {
  assert.deepEqual(cjkBigrams('保密条款'), ['保密', '密条', '条款', '款']);
  assert.deepEqual(cjkBigrams('甲'), ['甲']);
  assert.equal(indexText('第一条 保密 NDA').trim().split(/\s+/).join(' '), '第一 一条 条 保密 密 NDA');
});

test('queries become AND-ed phrases with a prefix on the last term', () => {
  assert.equal(buildMatchExpression('保密'), '"保密"');
  assert.equal(buildMatchExpression('保密条款'), '"保密 密条 条款"');
  assert.equal(buildMatchExpression('service agreement'), '"service" AND "agreement"*');
  assert.equal(buildMatchExpression('甲'), '"甲"*');
  assert.equal(buildMatchExpression('NDA 保密'), '"NDA" AND "保密"');
  assert.equal(buildMatchExpression('保密 nda'), '"保密" AND "nda"*');
  assert.equal(buildMatchExpression('“” ,.;'), null);
});

test('quotes in a query cannot break out of the FTS expression', () => {
  assert.equal(buildMatchExpression('a" OR "b'), '"a" AND "OR" AND "b"*');
});
