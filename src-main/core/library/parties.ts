// The parties of a contract (甲方, 乙方 …), in the order they appear on it.
import type { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { PartyInput } from '../../../src-shared/api/index.js';
import { newId, sql, type LibraryContext } from './context.js';
import { contractRow } from './contract-row.js';
import { reindex } from './search-index.js';

export function insertParty(ctx: LibraryContext, contractId: string, position: number, party: z.output<typeof PartyInput>, id = newId()): string {
  sql(ctx, 'INSERT INTO parties (id, contract_id, position, role, name, organisation, registration_number, contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    contractId,
    position,
    party.role,
    party.name,
    party.organisation,
    party.registrationNumber,
    party.contact,
  );
  return id;
}

/** Refresh the denormalised party names shown in lists, and the search row. */
export function touchParties(ctx: LibraryContext, contractId: string, at = new Date().toISOString()): void {
  const names = (
    sql(ctx, 'SELECT name, organisation FROM parties WHERE contract_id = ? ORDER BY position').all(contractId) as Array<{
      name: string;
      organisation: string;
    }>
  ).map((p) => p.organisation || p.name);
  sql(ctx, 'UPDATE contracts SET party_names_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(names), at, contractId);
  reindex(ctx, contractId);
}

export function addParty(ctx: LibraryContext, contractId: string, input: PartyInput): void {
  const party = PartyInput.parse(input);
  ctx.db.transaction(() => {
    contractRow(ctx, contractId);
    const { n } = sql(ctx, 'SELECT coalesce(max(position), -1) + 1 AS n FROM parties WHERE contract_id = ?').get(contractId) as { n: number };
    const id = insertParty(ctx, contractId, n, party);
    touchParties(ctx, contractId);
    appendAudit(ctx.db, { actor: ctx.actor, contractId, action: 'party.added', details: { partyId: id, party } });
  })();
}

export function updateParty(ctx: LibraryContext, contractId: string, partyId: string, input: PartyInput): void {
  const party = PartyInput.parse(input);
  ctx.db.transaction(() => {
    const res = sql(ctx, 'UPDATE parties SET role = ?, name = ?, organisation = ?, registration_number = ?, contact = ? WHERE id = ? AND contract_id = ?').run(
      party.role,
      party.name,
      party.organisation,
      party.registrationNumber,
      party.contact,
      partyId,
      contractId,
    );
    if (res.changes === 0) throw new InkstoneError('PARTY_NOT_FOUND', { id: partyId });
    touchParties(ctx, contractId);
    appendAudit(ctx.db, { actor: ctx.actor, contractId, action: 'party.updated', details: { partyId, party } });
  })();
}

export function removeParty(ctx: LibraryContext, contractId: string, partyId: string): void {
  ctx.db.transaction(() => {
    const res = sql(ctx, 'DELETE FROM parties WHERE id = ? AND contract_id = ?').run(partyId, contractId);
    if (res.changes === 0) throw new InkstoneError('PARTY_NOT_FOUND', { id: partyId });
    touchParties(ctx, contractId);
    appendAudit(ctx.db, { actor: ctx.actor, contractId, action: 'party.removed', details: { partyId } });
  })();
}
