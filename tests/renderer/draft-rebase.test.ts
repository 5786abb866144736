import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDirty, rebaseDraft, type MetadataDraft } from '../../src-renderer/contract/metadata-draft.js';
import type { Contract } from '../../src-shared/api/index.js';

const base: MetadataDraft = {
  title: 'Lease',
  contractType: '',
  tags: ['HR'],
  amount: '1000',
  currency: 'CNY',
  effectiveDate: '',
  expiryDate: '2026-12-01',
  renewalDate: '',
  owner: '',
  notes: '',
};

test('a fresh contract updates the fields the person has not touched and keeps the ones they typed in', () => {
  const typed = { ...base, notes: 'agreed by phone', tags: ['HR', 'IT'] };
  const fresh = { ...base, title: 'Lease (renewed)', notes: 'from elsewhere', tags: ['HR'] };
  assert.deepEqual(rebaseDraft(base, fresh, typed), { ...fresh, notes: 'agreed by phone', tags: ['HR', 'IT'] });
});

test('without typing, a rebase is the fresh contract', () => {
  const fresh = { ...base, owner: 'Wang' };
  assert.deepEqual(rebaseDraft(base, fresh, base), fresh);
});

test('dirty means the form differs from the stored contract', () => {
  const contract = {
    title: 'Lease',
    contractType: '',
    tags: ['HR'],
    value: { amount: '1000', currency: 'CNY' },
    effectiveDate: null,
    expiryDate: '2026-12-01',
    renewalDate: null,
    owner: '',
    notes: '',
  } as unknown as Contract;
  assert.equal(isDirty(contract, base), false);
  assert.equal(isDirty(contract, { ...base, notes: 'x' }), true);
});
