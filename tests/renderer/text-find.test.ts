import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findInRuns, spanBox } from '../../src-shared/placement/text-find.js';

const run = (str: string, x: number, y = 100, width = str.length * 10) => ({ str, box: { x, y, width, height: 12 } });

test('a phrase split across runs and spaced differently is found, every time it occurs', () => {
  const runs = [run('甲方', 50), run(' （盖章）：', 70), run('乙方（盖章）', 300), run('甲方（ 盖 章）', 50, 40)];
  const spans = findInRuns(runs, '甲方（盖章）');
  assert.deepEqual(spans, [
    { from: { run: 0, char: 0 }, to: { run: 1, char: 5 } },
    { from: { run: 3, char: 0 }, to: { run: 3, char: 8 } },
  ]);
  assert.deepEqual(findInRuns(runs, '丙方'), []);
  assert.deepEqual(findInRuns(runs, '  '), []);
});

test('the box of a match covers just its characters', () => {
  const runs = [run('Signed by Party A (seal)', 100, 200, 240)];
  const [span] = findInRuns(runs, 'Party A');
  assert.deepEqual(span, { from: { run: 0, char: 10 }, to: { run: 0, char: 17 } });
  assert.deepEqual(spanBox(runs, span), { x: 200, y: 200, width: 70, height: 12 });
  const two = [run('甲方', 50, 100), run('（盖章）', 70, 98)];
  assert.deepEqual(spanBox(two, findInRuns(two, '甲方（盖章）')[0]), { x: 50, y: 98, width: 60, height: 14 });
});
