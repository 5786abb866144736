// The metadata form's logic, under node: drafts are checked with the core's own schema.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTRACT_LIMITS, ContractPatch, type Contract } from '../../src-shared/api/index.js';
import { draftOf, normaliseAmount, patchFrom, validateDraft, type MetadataDraft } from '../../src-renderer/contract/metadata-draft.js';

const contract: Contract = {
  id: 'a'.repeat(32),
  title: '保密协议',
  contractType: '',
  status: 'draft',
  tags: ['NDA'],
  value: { amount: '12500.00', currency: 'CNY' },
  effectiveDate: '2026-01-01',
  expiryDate: '2027-01-01',
  renewalDate: null,
  owner: '',
  notes: '',
  parties: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as Contract;

const draft = (over: Partial<MetadataDraft> = {}): MetadataDraft => ({ ...draftOf(contract), ...over });

describe('validateDraft', () => {
  test('a draft of a valid contract has no problems', () => {
    assert.deepEqual(validateDraft(draft()), {});
  });

  test('the title is required', () => {
    assert.deepEqual(validateDraft(draft({ title: '   ' })), { title: { key: 'validation.required' } });
  });

  test('each text is held to the schema’s own limit, counted after trimming', () => {
    for (const field of ['title', 'contractType', 'owner', 'notes'] as const) {
      const max = CONTRACT_LIMITS[field];
      assert.deepEqual(validateDraft(draft({ [field]: ` ${'字'.repeat(max)} ` })), {}, field);
      assert.deepEqual(validateDraft(draft({ [field]: 'a'.repeat(max + 1) })), { [field]: { key: 'validation.tooLong', params: { max } } }, field);
    }
  });

  test('tags: at most the schema’s number, none empty or too long', () => {
    const many = Array.from({ length: CONTRACT_LIMITS.tags + 1 }, (_, i) => `t${i}`);
    assert.deepEqual(validateDraft(draft({ tags: many })), { tags: { key: 'validation.tooManyTags', params: { max: CONTRACT_LIMITS.tags } } });
    assert.deepEqual(validateDraft(draft({ tags: ['ok', ' '] })), { tags: { key: 'validation.required' } });
    assert.deepEqual(validateDraft(draft({ tags: ['x'.repeat(CONTRACT_LIMITS.tag + 1)] })), {
      tags: { key: 'validation.tooLong', params: { max: CONTRACT_LIMITS.tag } },
    });
  });

  test('an amount and its currency are separate fields with their own messages', () => {
    assert.deepEqual(validateDraft(draft({ amount: '12,500.5' })), {});
    assert.deepEqual(validateDraft(draft({ amount: '12.500.5' })), { amount: { key: 'validation.amount' } });
    assert.deepEqual(validateDraft(draft({ amount: '1.23456' })), { amount: { key: 'validation.amount' } });
    assert.deepEqual(validateDraft(draft({ currency: 'yuan' })), { currency: { key: 'validation.currency' } });
    // No amount: the currency is not looked at.
    assert.deepEqual(validateDraft(draft({ amount: '', currency: '' })), {});
  });

  test('dates must be real calendar dates, expiry not before effect', () => {
    assert.deepEqual(validateDraft(draft({ renewalDate: '2026-13-01' })), { renewalDate: { key: 'validation.date' } });
    assert.deepEqual(validateDraft(draft({ renewalDate: '2026-02-30' })), { renewalDate: { key: 'validation.date' } });
    assert.deepEqual(validateDraft(draft({ expiryDate: '2025-12-31' })), { expiryDate: { key: 'validation.expiryBeforeEffective' } });
  });

  test('whatever the form accepts, the core’s patch schema accepts', () => {
    const edited = draft({
      title: ' 新标题 ',
      tags: ['a', 'b'],
      amount: '1,000',
      currency: 'USD',
      renewalDate: '2026-12-01',
      notes: 'x'.repeat(CONTRACT_LIMITS.notes),
    });
    assert.deepEqual(validateDraft(edited), {});
    const patch = patchFrom(contract, edited);
    assert.ok(patch);
    assert.ok(ContractPatch.safeParse(patch).success);
  });
});

describe('patchFrom and normaliseAmount', () => {
  test('only what changed, trimmed, in the contract’s shape', () => {
    assert.equal(patchFrom(contract, draft()), null);
    assert.deepEqual(patchFrom(contract, draft({ title: ' 保密协议（修订） ', amount: '' })), { title: '保密协议（修订）', value: null });
    assert.deepEqual(patchFrom(contract, draft({ amount: '20，000', renewalDate: ' 2026-06-30 ' })), {
      value: { amount: '20000', currency: 'CNY' },
      renewalDate: '2026-06-30',
    });
  });

  test('thousands separators and spaces are dropped', () => {
    assert.equal(normaliseAmount(' 1,234,567.50 '), '1234567.50');
    assert.equal(normaliseAmount('1，234 567'), '1234567');
  });
});
