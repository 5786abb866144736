import { PartyInput, type Party } from '../../src-shared/api/index.js';
import type { MessageRef } from '../i18n/messages.js';
import { isRoleCode, type PartyRoleCode } from './roles.js';
import { problemsByField } from './schema-problems.js';
import { looksLikeUscc, isValidUscc } from './uscc.js';

export const OTHER_ROLE = 'other';

export interface PartyDraft {
  /** A role code, or OTHER_ROLE with the name in customRole. */
  role: PartyRoleCode | typeof OTHER_ROLE;
  customRole: string;
  name: string;
  organisation: string;
  registrationNumber: string;
  contact: string;
}

export type PartyField = keyof PartyDraft;
export type PartyErrors = Partial<Record<PartyField, MessageRef>>;

/** A new party defaults to the first role not yet taken: Party A, then Party B… */
export function newPartyDraft(existing: readonly Party[]): PartyDraft {
  const taken = new Set(existing.map((p) => p.role));
  const role = (['party_a', 'party_b', 'party_c', 'party_d'] as const).find((r) => !taken.has(r)) ?? OTHER_ROLE;
  return { role, customRole: '', name: '', organisation: '', registrationNumber: '', contact: '' };
}

export function partyDraftOf(p: Party): PartyDraft {
  return {
    role: isRoleCode(p.role) ? p.role : OTHER_ROLE,
    customRole: isRoleCode(p.role) ? '' : p.role,
    name: p.name,
    organisation: p.organisation ?? '',
    registrationNumber: p.registrationNumber ?? '',
    contact: p.contact ?? '',
  };
}

/** Check a draft with the schema the core applies to a party (PartyInput), plus the USCC check character. */
export function validateParty(d: PartyDraft): PartyErrors {
  const parsed = PartyInput.safeParse(partyInputOf(d));
  // A role code cannot fail; a role typed by hand is the custom role field.
  const errors: PartyErrors = parsed.success ? {} : problemsByField(parsed.error, ([first]) => (first === 'role' ? 'customRole' : (first as PartyField)));
  const reg = d.registrationNumber.trim().toUpperCase();
  if (!errors.registrationNumber && looksLikeUscc(reg) && !isValidUscc(reg)) errors.registrationNumber = { key: 'validation.uscc' };
  return errors;
}

export function partyInputOf(d: PartyDraft): PartyInput {
  const reg = d.registrationNumber.trim();
  return {
    role: d.role === OTHER_ROLE ? d.customRole.trim() : d.role,
    name: d.name.trim(),
    organisation: d.organisation.trim(),
    registrationNumber: looksLikeUscc(reg.toUpperCase()) ? reg.toUpperCase() : reg,
    contact: d.contact.trim(),
  };
}
