import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateOrganisation, EMPTY_ORGANISATION } from '../../src-renderer/seals/organisation-draft.js';

test('the organisation form checks with the core’s schema: name required, credit code with its check character, lengths', () => {
  assert.deepEqual(validateOrganisation(EMPTY_ORGANISATION), { legalName: { key: 'validation.required' } });
  const ok = { ...EMPTY_ORGANISATION, legalName: '北京星河数据科技有限公司' };
  assert.deepEqual(validateOrganisation(ok), {});
  assert.deepEqual(validateOrganisation({ ...ok, creditCode: '91110108ma01a1b2c7' }), {}, 'lower case is accepted (stored upper case)');
  assert.deepEqual(validateOrganisation({ ...ok, creditCode: '91110108MA01A1B2C3' }), { creditCode: { key: 'organisation.creditCodeInvalid' } });
  assert.deepEqual(validateOrganisation({ ...ok, creditCode: '12345' }), { creditCode: { key: 'organisation.creditCodeInvalid' } });
  assert.deepEqual(validateOrganisation({ ...ok, legalName: '公'.repeat(41) }), { legalName: { key: 'validation.tooLong', params: { max: 40 } } });
  assert.deepEqual(validateOrganisation({ ...ok, address: '路'.repeat(201) }), { address: { key: 'validation.tooLong', params: { max: 200 } } });
});
