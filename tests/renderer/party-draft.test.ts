// The party form's logic, under node: parties are checked with the core's own schema.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PARTY_LIMITS, PartyInput, type Party } from '../../src-shared/api/index.js';
import { newPartyDraft, OTHER_ROLE, partyDraftOf, partyInputOf, validateParty, type PartyDraft } from '../../src-renderer/contract/party-draft.js';

const VALID_USCC = '91350100M000100Y43';
const party = (role: string, name = '某公司'): Party => ({
  id: 'b'.repeat(32),
  position: 0,
  role,
  name,
  organisation: '',
  registrationNumber: '',
  contact: '',
});
const draft = (over: Partial<PartyDraft> = {}): PartyDraft => ({ ...newPartyDraft([]), name: '北京某科技有限公司', ...over });

describe('party drafts', () => {
  test('a new party takes the first free role, then “other”', () => {
    assert.equal(newPartyDraft([]).role, 'party_a');
    assert.equal(newPartyDraft([party('party_a')]).role, 'party_b');
    assert.equal(newPartyDraft(['party_a', 'party_b', 'party_c', 'party_d'].map((r) => party(r))).role, OTHER_ROLE);
  });

  test('a role typed by hand comes back as a custom role', () => {
    assert.deepEqual(partyDraftOf(party('担保人（连带）')), {
      role: OTHER_ROLE,
      customRole: '担保人（连带）',
      name: '某公司',
      organisation: '',
      registrationNumber: '',
      contact: '',
    });
    assert.equal(partyDraftOf(party('guarantor')).role, 'guarantor');
  });

  test('the input is trimmed and a USCC upper-cased', () => {
    const input = partyInputOf(draft({ role: OTHER_ROLE, customRole: ' 见证人 ', registrationNumber: ` ${VALID_USCC.toLowerCase()} ` }));
    assert.equal(input.role, '见证人');
    assert.equal(input.registrationNumber, VALID_USCC);
    assert.equal(partyInputOf(draft({ registrationNumber: ' HRB 12345 ' })).registrationNumber, 'HRB 12345');
  });
});

describe('validateParty', () => {
  test('a complete party passes, and the core accepts what it sends', () => {
    const d = draft({ registrationNumber: VALID_USCC, contact: 'legal@example.com' });
    assert.deepEqual(validateParty(d), {});
    assert.ok(PartyInput.safeParse(partyInputOf(d)).success);
  });

  test('the name, and a custom role when “other” is chosen, are required', () => {
    assert.deepEqual(validateParty(draft({ name: ' ' })), { name: { key: 'validation.required' } });
    assert.deepEqual(validateParty(draft({ role: OTHER_ROLE, customRole: '' })), { customRole: { key: 'validation.required' } });
  });

  test('each text is held to the schema’s own limit', () => {
    for (const field of ['name', 'organisation', 'registrationNumber', 'contact'] as const) {
      const max = PARTY_LIMITS[field];
      assert.deepEqual(validateParty(draft({ [field]: 'x'.repeat(max) })), {}, field);
      assert.deepEqual(validateParty(draft({ [field]: 'x'.repeat(max + 1) })), { [field]: { key: 'validation.tooLong', params: { max } } }, field);
    }
    assert.deepEqual(validateParty(draft({ role: OTHER_ROLE, customRole: '角'.repeat(PARTY_LIMITS.role + 1) })), {
      customRole: { key: 'validation.tooLong', params: { max: PARTY_LIMITS.role } },
    });
  });

  test('a USCC with a wrong check character is refused; other registration numbers are not judged', () => {
    const wrong = VALID_USCC.slice(0, 17) + (VALID_USCC[17] === '3' ? '4' : '3');
    assert.deepEqual(validateParty(draft({ registrationNumber: wrong })), { registrationNumber: { key: 'validation.uscc' } });
    assert.deepEqual(validateParty(draft({ registrationNumber: 'HRB 12345 B' })), {});
  });
});
