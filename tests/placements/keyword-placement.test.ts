import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { placeAtKeyword } from '../../src-main/core/placements/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { makeTextPdf } from '../support/text-pdf.js';

/**
 * `--at-keyword`: the seal box beside the first place the text occurs, found by the viewer's own
 * finder (src-shared/placement/text-find.ts); text that is not there is a typed error.
 */

let dir: string;
let file: string;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-keyword-'));
  file = path.join(dir, 'contract.pdf');
  // Page 1 has the text only in the body; the signature block is on page 2 (lines 22 pt apart from y = 780).
  const pdf = await makeTextPdf({ lines: ['第一条 合同标的', '甲方（盖章）：', '乙方（盖章）：'], pages: 2 });
  writeFileSync(file, pdf);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the seal box goes just after the first match, centred on its line, at the size asked', async () => {
  const box = await placeAtKeyword(file, '乙方（盖章）', { width: 100, height: 100 });
  assert.equal(box.page, 1);
  assert.equal(box.kind, 'seal');
  assert.equal(box.width, 100);
  // The text starts at x = 56 on the third line (baseline 736); six 13 pt characters end near 56 + 78.
  assert.ok(box.x > 56 + 70 && box.x < 56 + 90, `x ${box.x}`);
  const middle = box.y + box.height / 2;
  assert.ok(Math.abs(middle - 740) < 8, `centred on the line (${middle})`);
  // White space in the page or the needle does not matter.
  assert.deepEqual(await placeAtKeyword(file, '乙方 （盖章）', { width: 100, height: 100 }), box);
});

test('text that is not on the pages is a typed error in both languages', async () => {
  await assert.rejects(placeAtKeyword(file, '丙方（盖章）'), (err: unknown) => {
    assert.ok(err instanceof InkstoneError);
    assert.equal(err.code, 'PLACEMENT_TEXT_NOT_FOUND');
    assert.match(err.localized('zh-CN'), /未找到“丙方（盖章）”/);
    assert.match(err.localized('en'), /“丙方（盖章）” was not found/);
    return true;
  });
});
