import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placedStamp } from '../../src-renderer/signing/placed-stamp.js';

const seal = 'a'.repeat(32);
const other = 'b'.repeat(32);
const box = (kind: 'seal' | 'signature' | 'date', page: number, sealId?: string) => ({
  id: `${kind}-${page}`,
  kind,
  page,
  x: 10,
  y: 20,
  width: 119,
  height: 119,
  sealId,
});

test('nothing placed: an invisible signature', () => {
  assert.deepEqual(placedStamp(null), { placements: [], crossPageSeal: false, leftOver: 0 });
  assert.deepEqual(placedStamp({ placements: [], crossPageSeal: null }), { placements: [], crossPageSeal: false, leftOver: 0 });
});

test('the first seal box is stamped with its seal, before any signature or date box', () => {
  const s = placedStamp({ placements: [box('date', 1), box('signature', 2, other), box('seal', 3, seal)], crossPageSeal: null });
  assert.deepEqual(s.placements, [{ page: 3, x: 10, y: 20, width: 119, height: 119 }]);
  assert.equal(s.sealId, seal);
  assert.equal(s.leftOver, 2);
  assert.equal(placedStamp({ placements: [box('date', 1), box('signature', 2, other)], crossPageSeal: null }).sealId, other);
});

test('the cross-page seal follows the toggle and lends its seal to a box without one', () => {
  const s = placedStamp({ placements: [box('seal', 1)], crossPageSeal: { sealId: seal, firstPage: 1, lastPage: 3, size: 119 } });
  assert.equal(s.crossPageSeal, true);
  assert.equal(s.sealId, seal);
  assert.equal(placedStamp({ placements: [box('seal', 1, 'not-an-id')], crossPageSeal: null }).sealId, undefined);
});
