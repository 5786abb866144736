import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxFitsPage, crossPageSlices, keepOnPage, shownPageSize, snapToPageEdges } from '../../src-shared/placement/geometry.js';

const A4 = { width: 595, height: 842 };

test('a page turned a quarter shows its crop box on its side', () => {
  assert.deepEqual(shownPageSize([10, 20, 605, 862], 0), A4);
  assert.deepEqual(shownPageSize([10, 20, 605, 862], 90), { width: 842, height: 595 });
  assert.deepEqual(shownPageSize([0, 0, 595, 842], 270), { width: 842, height: 595 });
});

test('a box fits when it lies wholly on the page (half a point of slack)', () => {
  assert.equal(boxFitsPage({ x: 0, y: 0, width: 595, height: 842 }, A4), true);
  assert.equal(boxFitsPage({ x: 475.3, y: 0, width: 120, height: 10 }, A4), true);
  assert.equal(boxFitsPage({ x: 476, y: 0, width: 120, height: 10 }, A4), false);
  assert.equal(boxFitsPage({ x: 10, y: 10, width: 0, height: 10 }, A4), false);
});

test('keepOnPage moves a box back onto the page; snapping pulls near edges flush', () => {
  assert.deepEqual(keepOnPage({ x: 550, y: -20, width: 100, height: 50 }, A4), { x: 495, y: 0, width: 100, height: 50 });
  assert.deepEqual(keepOnPage({ x: 0, y: 0, width: 900, height: 50 }, A4), { x: 0, y: 0, width: 595, height: 50 });
  assert.deepEqual(snapToPageEdges({ x: 6, y: 780, width: 100, height: 56 }, A4, 8), { x: 0, y: 786, width: 100, height: 56 });
  assert.deepEqual(snapToPageEdges({ x: 100, y: 300, width: 100, height: 56 }, A4, 8), { x: 100, y: 300, width: 100, height: 56 });
});

test('a cross-page seal is cut into equal slices flush with the right edge of each page in its range', () => {
  const pages = [A4, { width: 842, height: 595 }, A4];
  const cut = crossPageSlices({ pages, width: 120, height: 120 });
  assert.ok('slices' in cut);
  assert.deepEqual(
    cut.slices.map((s) => [s.page, s.box.x, s.box.y, s.box.width, s.offset]),
    [
      [1, 555, 361, 40, 0],
      [2, 802, 237.5, 40, 40],
      [3, 555, 361, 40, 80],
    ],
  );
  const two = crossPageSlices({ pages, firstPage: 2, lastPage: 3, width: 120, height: 120, y: 10 });
  assert.ok('slices' in two);
  assert.deepEqual(
    two.slices.map((s) => [s.page, s.box.width, s.box.y]),
    [
      [2, 60, 10],
      [3, 60, 10],
    ],
  );
  assert.ok('problem' in crossPageSlices({ pages, firstPage: 0, width: 120, height: 120 }));
  assert.ok('problem' in crossPageSlices({ pages, lastPage: 4, width: 120, height: 120 }));
  assert.ok('problem' in crossPageSlices({ pages, width: 120, height: 600 }));
  assert.ok('problem' in crossPageSlices({ pages, width: 0, height: 120 }));
});
