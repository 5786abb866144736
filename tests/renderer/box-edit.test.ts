import assert from 'node:assert/strict';
import { test } from 'node:test';
import { centredAt, moved, onScreen, resized } from '../../src-renderer/placement/box-edit.js';
import { besideText } from '../../src-shared/placement/geometry.js';

const A4 = { width: 595, height: 842 };

test('a box is drawn from the page top at the scale, and a drop centres it on the pointer', () => {
  assert.deepEqual(onScreen({ x: 100, y: 700, width: 50, height: 40 }, A4, 2), { left: 200, top: 204, width: 100, height: 80 });
  assert.deepEqual(centredAt(200, 204, { width: 50, height: 40 }, A4, 2), { x: 75, y: 720, width: 50, height: 40 });
  // A drop at the very corner keeps the whole box on the page.
  assert.deepEqual(centredAt(0, 0, { width: 50, height: 40 }, A4, 1), { x: 0, y: 802, width: 50, height: 40 });
});

test('moving keeps the box on the page and snaps it flush to a near edge', () => {
  const box = { x: 100, y: 100, width: 100, height: 50 };
  assert.deepEqual(moved(box, 20, -10, A4, 4), { x: 120, y: 90, width: 100, height: 50 });
  assert.deepEqual(moved(box, 392, 0, A4, 4), { x: 495, y: 100, width: 100, height: 50 });
  assert.deepEqual(moved(box, 1000, -1000, A4, 4), { x: 495, y: 0, width: 100, height: 50 });
});

test('resizing grows from the lower-right corner, keeps a seal round and stops at the page', () => {
  const box = { x: 100, y: 500, width: 100, height: 50 };
  assert.deepEqual(resized(box, 10, 20, A4, 2, false), { x: 100, y: 480, width: 110, height: 70 });
  assert.deepEqual(resized(box, -200, -200, A4, 2, false), { x: 100, y: 538, width: 12, height: 12 });
  assert.deepEqual(resized(box, 1000, 0, A4, 2, false), { x: 100, y: 500, width: 495, height: 50 });
  const seal = { x: 100, y: 500, width: 100, height: 100 };
  assert.deepEqual(resized(seal, 20, 0, A4, 2, true), { x: 100, y: 480, width: 120, height: 120 });
});

test('a box offered at found text sits after it on its line, or below when the line is full', () => {
  assert.deepEqual(besideText({ x: 72, y: 600, width: 80, height: 14 }, { width: 100, height: 100 }, A4), { x: 156, y: 557, width: 100, height: 100 });
  assert.deepEqual(besideText({ x: 400, y: 600, width: 150, height: 14 }, { width: 100, height: 100 }, A4), { x: 400, y: 496, width: 100, height: 100 });
});
