import type { I18n } from '../i18n/I18nProvider.js';

/**
 * Party roles are stored as stable codes and named in the reader's language (甲方 / Party A). A role
 * typed by hand (anything not in this list) is stored and shown as written.
 */
export const PARTY_ROLES = ['party_a', 'party_b', 'party_c', 'party_d', 'guarantor', 'agent', 'witness'] as const;
export type PartyRoleCode = (typeof PARTY_ROLES)[number];

export function isRoleCode(role: string): role is PartyRoleCode {
  return (PARTY_ROLES as readonly string[]).includes(role);
}

export function roleLabel(i18n: I18n, role: string): string {
  return isRoleCode(role) ? i18n.t(`role.${role}`) : role;
}
