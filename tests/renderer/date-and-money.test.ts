import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFormatters } from '../../src-renderer/i18n/format.js';
import { parseDateInput } from '../../src-renderer/library/date-input.js';

test('dates are accepted as people write them and stored as YYYY-MM-DD', () => {
  for (const typed of ['2026-12-01', '2026/12/01', '2026/12/1', '2026.12.01', '2026年12月1日', '2026 年 12 月 1 日', '２０２６年１２月１日', ' 2026-12-01 ']) {
    assert.equal(parseDateInput(typed), '2026-12-01', typed);
  }
  for (const wrong of ['2026-02-30', '2026/13/01', '12/01/2026', '2026-12', 'tomorrow', '']) assert.equal(parseDateInput(wrong), null, wrong);
});

test('renminbi is ¥ in both languages; other currencies keep their symbols', () => {
  assert.equal(createFormatters('en').money({ amount: '1250000.00', currency: 'CNY' }), '¥1,250,000.00');
  assert.equal(createFormatters('zh-CN').money({ amount: '1250000.00', currency: 'CNY' }), '¥1,250,000.00');
  assert.equal(createFormatters('en').money({ amount: '12.5', currency: 'USD' }), '$12.50');
});
