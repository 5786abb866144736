import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractContractFacts, parseCapitalAmount, parseChineseInteger, findDates } from '../../src-main/core/facts/index.js';
import { contractCorpus, writeCapitalsForTest } from './corpus.js';
import { scoreFacts } from './score.js';

test('capital amounts (大写) read back to the figures', () => {
  const cases: [string, string][] = [
    ['壹万贰仟叁佰肆拾伍元陆角整', '12345.60'],
    ['人民币壹佰万零贰仟元整', '1002000.00'],
    ['壹万零陆拾元整', '10060.00'],
    ['伍角', '0.50'],
    ['零元整', '0.00'],
    ['玖亿捌仟万零柒元零伍分', '980000007.05'],
    ['拾元整', '10.00'],
    ['壹拾万元整', '100000.00'],
  ];
  for (const [text, value] of cases) assert.equal(parseCapitalAmount(text), value, text);
  assert.equal(parseCapitalAmount('十二个月'), null);
  assert.equal(parseChineseInteger('二〇二六'), 2026n);
  assert.equal(parseChineseInteger('十八'), 18n);
  // The corpus writer and the parser were written independently: they must agree on a range of amounts.
  for (const a of ['1.00', '10.00', '101.00', '1010.50', '100000.00', '1000001.00', '20000300.07', '123456789.12']) {
    assert.equal(parseCapitalAmount(writeCapitalsForTest(a)), a, writeCapitalsForTest(a));
  }
});

test('dates in the ways contracts write them', () => {
  const iso = (t: string) => findDates(t).map((d) => d.iso);
  assert.deepEqual(iso('自2026年1月1日起至2026年12月31日止'), ['2026-01-01', '2026-12-31']);
  assert.deepEqual(iso('签订日期：二〇二六年十二月七日'), ['2026-12-07']);
  assert.deepEqual(iso('from 1 March 2026 to December 31, 2027; invoice 2026/04/05'), ['2026-03-01', '2027-12-31', '2026-04-05']);
  assert.deepEqual(iso('2026年2月30日 is not a date'), []);
});

test('a labelled Chinese contract: parties with 统一社会信用代码, total with matching capitals, term', () => {
  const text = [
    '技术服务合同',
    '甲方：北京星河数据科技有限公司',
    '统一社会信用代码：91110108MA01C5RJ3P',
    '乙方（受托方）：上海明德律师事务所，地址：上海市',
    '本合同总金额为人民币123,456.00元（大写：人民币壹拾贰万叁仟肆佰伍拾陆元整）。',
    '违约金为人民币5,000元。',
    '本合同有效期自2026年1月1日起至2026年12月31日止。',
    '甲方（盖章）：',
  ].join('\n');
  const facts = extractContractFacts(text);
  const parties = facts.filter((f) => f.kind === 'party');
  assert.deepEqual(
    parties.map((p) => [p.role, p.name, p.registrationNumber]),
    [
      ['甲方', '北京星河数据科技有限公司', '91110108MA01C5RJ3P'],
      ['乙方', '上海明德律师事务所', ''],
    ],
  );
  const value = facts.find((f) => f.kind === 'value');
  assert.ok(value && value.kind === 'value');
  assert.deepEqual(value.value, { amount: '123456', currency: 'CNY' });
  assert.deepEqual(value.capitals, { text: '壹拾贰万叁仟肆佰伍拾陆元整', agrees: true });
  assert.equal(value.source.sentence.slice(value.source.start, value.source.end).includes('123,456.00'), true);
  assert.equal(
    facts.find((f) => f.kind === 'effectiveDate')?.kind === 'effectiveDate' &&
      facts.find((f) => f.kind === 'effectiveDate')!.source.sentence.includes('有效期'),
    true,
  );
  assert.deepEqual(
    facts
      .filter((f) => f.kind === 'effectiveDate' || f.kind === 'expiryDate')
      .map((f) => (f.kind === 'effectiveDate' || f.kind === 'expiryDate' ? f.date : '')),
    ['2026-01-01', '2026-12-31'],
  );
  assert.equal(facts.find((f) => f.kind === 'contractType')?.kind === 'contractType', true);
});

test('a 统一社会信用代码 with a wrong check character is not offered', () => {
  const facts = extractContractFacts('甲方：北京星河数据科技有限公司\n统一社会信用代码：91110108MA01C5RJ3R');
  const party = facts.find((f) => f.kind === 'party');
  assert.ok(party && party.kind === 'party');
  assert.equal(party.registrationNumber, '');
});

test('capitals that disagree with the figures are flagged', () => {
  const facts = extractContractFacts('合同总价款为人民币10,000元（大写：壹仟元整）。');
  const value = facts.find((f) => f.kind === 'value');
  assert.ok(value && value.kind === 'value');
  assert.equal(value.capitals?.agrees, false);
});

test('precision and recall on the generated contract set', () => {
  const corpus = contractCorpus();
  assert.ok(corpus.length >= 50);
  const score = scoreFacts(corpus, (s) => extractContractFacts(s.text));
  for (const [field, s] of Object.entries(score.byField)) {
    assert.ok(
      s.precision >= 0.95,
      `${field} precision ${s.precision.toFixed(3)} (${JSON.stringify(s)})\n${score.misses
        .filter((m) => m.field === field)
        .slice(0, 5)
        .map((m) => JSON.stringify(m))
        .join('\n')}`,
    );
    assert.ok(
      s.recall >= 0.9,
      `${field} recall ${s.recall.toFixed(3)}\n${score.misses
        .filter((m) => m.field === field)
        .slice(0, 5)
        .map((m) => JSON.stringify(m))
        .join('\n')}`,
    );
  }
});
