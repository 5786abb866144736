import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCapitalAmount } from '../../src-shared/chinese-numerals.js';
import { parseCapitalAmount } from '../../src-main/core/facts/index.js';

// Written out by hand from the banks' rules for 大写 on 票据, not produced by the code under test.
const CASES: readonly [string, string][] = [
  ['0', '零元整'],
  ['0.05', '伍分'],
  ['0.5', '伍角整'],
  ['0.56', '伍角陆分'],
  ['1', '壹元整'],
  ['10', '壹拾元整'],
  ['15', '壹拾伍元整'],
  ['100.1', '壹佰元壹角整'],
  ['101', '壹佰零壹元整'],
  ['1001', '壹仟零壹元整'],
  ['1010.05', '壹仟零壹拾元零伍分'],
  ['10000', '壹万元整'],
  ['10060', '壹万零陆拾元整'],
  ['12345.6', '壹万贰仟叁佰肆拾伍元陆角整'],
  ['100000', '壹拾万元整'],
  ['1002000', '壹佰万零贰仟元整'],
  ['1000001', '壹佰万零壹元整'],
  ['20000300.07', '贰仟万零叁佰元零柒分'],
  ['100000000', '壹亿元整'],
  ['100010000', '壹亿零壹万元整'],
  ['1000000000.99', '壹拾亿元玖角玖分'],
  ['1,234.5', '壹仟贰佰叁拾肆元伍角整'],
];

test('amounts in Chinese capitals follow the 零 / 整 rules', () => {
  for (const [figures, capitals] of CASES) assert.equal(toCapitalAmount(figures), capitals, figures);
});

test('what is not an amount is refused', () => {
  for (const bad of ['-1', '1.234', 'abc', '', '1e5', '12345678901234567']) assert.equal(toCapitalAmount(bad), null, bad);
});

test('written and read back, every case is the same amount', () => {
  for (const [figures] of CASES) {
    const read = parseCapitalAmount(toCapitalAmount(figures)!);
    assert.equal(Number(read), Number(figures.replace(/,/g, '')), figures);
  }
});
