// 统一社会信用代码 (GB 32100-2015): the check character the forms and the core share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidUscc, looksLikeUscc, usccCheckCharacter } from '../../src-renderer/contract/uscc.js';

const VALID = ['91350100M000100Y43', '91110000600037341L'];

test('the standard’s example and real codes carry the right check character', () => {
  for (const code of VALID) {
    assert.ok(looksLikeUscc(code), code);
    assert.equal(usccCheckCharacter(code.slice(0, 17)), code[17], code);
    assert.ok(isValidUscc(code), code);
  }
});

test('every single-character change of the check character is caught', () => {
  const code = VALID[0]!;
  for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
    if (c === code[17]) continue;
    assert.equal(isValidUscc(code.slice(0, 17) + c), false, c);
  }
});

test('what does not look like a USCC is not one', () => {
  for (const s of ['', '91350100M000100Y4', '91350100M000100Y431', '91350100M000100I43', 'HRB 12345']) {
    assert.equal(looksLikeUscc(s), false, s);
    assert.equal(isValidUscc(s), false, s);
  }
});
