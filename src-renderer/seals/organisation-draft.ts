import { OrganisationProfile, type OrganisationProfileInput } from '../../src-shared/api/index.js';
import { problemsByField } from '../contract/schema-problems.js';
import type { MessageRef } from '../i18n/messages.js';

/**
 * The organisation form checks what it would send with the schema the core applies
 * (OrganisationProfile): the same limits, and the 统一社会信用代码's check character as parties have it.
 */
export type OrganisationField = keyof OrganisationProfileInput;
export type OrganisationDraft = Record<OrganisationField, string>;
export type OrganisationErrors = Partial<Record<OrganisationField, MessageRef>>;

export const EMPTY_ORGANISATION: OrganisationDraft = { legalName: '', creditCode: '', legalRepresentative: '', address: '' };

export function validateOrganisation(draft: OrganisationDraft): OrganisationErrors {
  const parsed = OrganisationProfile.safeParse(draft);
  if (parsed.success) return {};
  return problemsByField(parsed.error, ([first]) => first as OrganisationField, { creditCode: { key: 'organisation.creditCodeInvalid' } });
}
