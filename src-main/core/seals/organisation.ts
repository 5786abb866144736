import { OrganisationProfile, type OrganisationProfileInput } from '../../../src-shared/api/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { appendAudit } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';

/**
 * The organisation that signs: the one profile of this library (legal name, 统一社会信用代码, legal
 * representative, address), from which company seals are generated. Each change is audited with
 * what it was before and after.
 */

interface ProfileRow {
  legal_name: string;
  credit_code: string;
  legal_representative: string;
  address: string;
}

export function organisationProfile(db: Db): OrganisationProfile | null {
  const row = statement(db, 'SELECT legal_name, credit_code, legal_representative, address FROM organisation WHERE id = 1').get() as ProfileRow | undefined;
  return row ? { legalName: row.legal_name, creditCode: row.credit_code, legalRepresentative: row.legal_representative, address: row.address } : null;
}

/** Check (the same schema as the form and the API: the credit code's check character must hold) and store. */
export function updateOrganisationProfile(db: Db, actor: string, input: OrganisationProfileInput): OrganisationProfile {
  const parsed = OrganisationProfile.safeParse(input);
  if (!parsed.success) throw new InkstoneError('INVALID_INPUT', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const profile = parsed.data;
  db.transaction(() => {
    const before = organisationProfile(db);
    statement(
      db,
      `INSERT INTO organisation (id, legal_name, credit_code, legal_representative, address, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET legal_name = excluded.legal_name, credit_code = excluded.credit_code,
         legal_representative = excluded.legal_representative, address = excluded.address, updated_at = excluded.updated_at`,
    ).run(profile.legalName, profile.creditCode, profile.legalRepresentative, profile.address, new Date().toISOString());
    appendAudit(db, { actor, contractId: null, action: 'organisation.updated', details: { before, after: profile } });
  })();
  return profile;
}
