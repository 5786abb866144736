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
  assert.deepEqual(placedStamp(null), { placements: [], crossPageSeal: false });
  assert.deepEqual(placedStamp({ placements: [], crossPageSeal: null }), { placements: [], crossPageSeal: false });
});

test('every placed box is stamped, with its kind and its own seal; a seal box lends its seal to the others', () => {
  const s = placedStamp({ placements: [box('date', 1), box('signature', 2, other), box('seal', 3, seal)], crossPageSeal: null });
  assert.deepEqual(s.placements, [
    { page: 1, x: 10, y: 20, width: 119, height: 119, kind: 'date' },
    { page: 2, x: 10, y: 20, width: 119, height: 119, kind: 'signature', sealId: other },
    { page: 3, x: 10, y: 20, width: 119, height: 119, kind: 'seal', sealId: seal },
  ]);
  assert.equal(s.sealId, seal, 'a handwritten signature is never the default seal');
  assert.equal(placedStamp({ placements: [box('date', 1), box('signature', 2, other)], crossPageSeal: null }).sealId, undefined);
});

test('the cross-page seal is stamped where it was previewed, and lends its seal to a box without one', () => {
  const s = placedStamp({ placements: [box('seal', 1)], crossPageSeal: { sealId: seal, firstPage: 2, lastPage: 3, size: 119, y: 40 } });
  assert.deepEqual(s.crossPageSeal, { firstPage: 2, lastPage: 3, size: 119, y: 40, sealId: seal });
  assert.equal(s.sealId, seal);
  const bad = placedStamp({ placements: [box('seal', 1, 'not-an-id')], crossPageSeal: null });
  assert.equal(bad.sealId, undefined);
  assert.equal('sealId' in bad.placements[0], false, 'an id the seal library cannot have is not sent');
});
