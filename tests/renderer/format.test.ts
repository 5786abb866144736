// Dates, money, numbers and sizes as each UI language writes them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFormatters } from '../../src-renderer/i18n/format.js';

const zh = createFormatters('zh-CN');
const en = createFormatters('en');

describe('dates', () => {
  test('a calendar date, without a time zone', () => {
    assert.equal(zh.date('2026-01-05'), '2026年1月5日');
    assert.equal(en.date('2026-01-05'), '2026-01-05');
    assert.equal(zh.date('2026-12-31T23:59:59Z'), '2026年12月31日');
  });

  test('no date, or not a date, is a dash', () => {
    for (const f of [zh, en]) {
      assert.equal(f.date(null), '—');
      assert.equal(f.date(undefined), '—');
      assert.equal(f.date('31/12/2026'), '—');
      assert.equal(f.dateTime('not a time'), '—');
    }
  });

  test('a timestamp in local time', () => {
    const local = new Date(2026, 2, 4, 9, 7);
    assert.equal(zh.dateTime(local.toISOString()), '2026年3月4日 09:07');
    assert.equal(en.dateTime(local.toISOString()), '2026-03-04 09:07');
  });
});

describe('money', () => {
  test('the amount string is formatted exactly, never through a float', () => {
    assert.match(zh.money({ amount: '1234567890123.45', currency: 'CNY' }), /^¥1,234,567,890,123\.45$/);
    assert.match(en.money({ amount: '0.1', currency: 'USD' }), /^\$0\.10$/);
    assert.match(en.money({ amount: '-12500', currency: 'EUR' }), /^-€12,500\.00$/);
  });

  test('no value is a dash; an unknown currency still shows the amount', () => {
    assert.equal(zh.money(null), '—');
    assert.equal(en.money({ amount: '5', currency: 'XX1' }), '5 XX1');
  });
});

test('integers and sizes', () => {
  assert.equal(zh.integer(1234567), '1,234,567');
  assert.equal(en.integer(1234.6), '1,235');
  assert.equal(en.bytes(512), '512 byte');
  assert.equal(en.bytes(1536), '1.5 kB');
  assert.equal(en.bytes(5 * 1024 * 1024), '5 MB');
});
