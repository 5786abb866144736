import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentPage, fitWidthScale, nextZoom, pagesNear, stackPages } from '../../src-renderer/pdf/page-layout.js';

const A4 = { width: 595, height: 842 };
const pages = Array.from({ length: 300 }, (_, i) => (i === 1 ? { width: 842, height: 595 } : A4));

test('pages stack top to bottom with a gap, each at the scale', () => {
  const { slots, height } = stackPages(pages.slice(0, 3), 1, 10);
  assert.deepEqual(
    slots.map((s) => [s.top, s.width, s.height]),
    [
      [10, 595, 842],
      [862, 842, 595],
      [1467, 595, 842],
    ],
  );
  assert.equal(height, 2319);
});

test('only pages near the viewport are drawn, however long the document', () => {
  const { slots } = stackPages(pages, 1, 10);
  assert.deepEqual(pagesNear(slots, 0, 700), { first: 0, last: 1 });
  const middle = slots[150].top;
  const near = pagesNear(slots, middle, 700);
  assert.ok(near.first >= 148 && near.last <= 151, JSON.stringify(near));
  assert.ok(near.last - near.first <= 3);
  const end = pagesNear(slots, slots[299].top + 200, 700);
  assert.equal(end.last, 299);
  assert.deepEqual(pagesNear([], 0, 700), { first: 0, last: -1 });
});

test('the current page is the one a third of the way down the viewport', () => {
  const { slots } = stackPages(pages, 0.5, 10);
  assert.equal(currentPage(slots, 0, 600), 0);
  assert.equal(currentPage(slots, slots[42].top - 100, 600), 42);
  assert.equal(currentPage(slots, 1e9, 600), 299);
});

test('zoom walks the steps, and fit-to-width fills the width with the widest page', () => {
  assert.equal(nextZoom(1, 1), 1.1);
  assert.equal(nextZoom(1.03, -1), 1);
  assert.equal(nextZoom(4, 1), 4);
  assert.equal(nextZoom(0.45, -1), 0.33);
  assert.equal(nextZoom(0.25, -1), 0.25);
  assert.equal(fitWidthScale([A4, { width: 842, height: 595 }], 842), 1);
  assert.equal(fitWidthScale([A4], 10), 0.25);
});
