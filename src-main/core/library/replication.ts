import { appendAudit } from '../audit/index.js';
import { ContractFields, ContractStatus, PartyInput } from '../../../src-shared/api/index.js';
import { sql, type LibraryContext } from './context.js';
import { contractRow, fieldsOf } from './contract-row.js';
import { insertContractRow, storeFields } from './contracts.js';
import { insertVersion, type NewVersion } from './documents.js';
import { insertParty, touchParties } from './parties.js';
import { reindex } from './search-index.js';

// Changes made on another desktop of the team, written with the ids they were made with and audited
// as the person who made them (never queued to be sent back). Sync decides what to apply (the field
// merge); these only write it. Each is idempotent — a change applied twice changes nothing — and
// runs inside the caller's transaction, with the pull cursor.

/** Who made a change elsewhere, and the service's number for it. */
export interface ReplicaSource {
  readonly person: string;
  readonly seq: number;
  readonly key: string;
}

const audit = (ctx: LibraryContext, src: ReplicaSource, contractId: string, action: string, details: Record<string, unknown>, at: string) =>
  appendAudit(ctx.db, { actor: src.person, contractId, action, details: { ...details, replicatedFrom: { seq: src.seq, key: src.key } }, at, replicated: true });

export const contractExists = (ctx: LibraryContext, id: string): boolean => Boolean(sql(ctx, 'SELECT 1 FROM contracts WHERE id = ?').get(id));

/** A contract created elsewhere, with its parties. False when it is already here. */
export function replicateContract(
  ctx: LibraryContext,
  contractId: string,
  payload: { fields: unknown; status: unknown; parties?: unknown },
  at: string,
  src: ReplicaSource,
): boolean {
  if (contractExists(ctx, contractId)) return false;
  const fields = ContractFields.parse(payload.fields);
  const status = ContractStatus.parse(payload.status);
  const parties = ((payload.parties ?? []) as Array<Record<string, unknown>>).map((p) => ({ partyId: String(p.partyId), party: PartyInput.parse(p) }));
  insertContractRow(ctx, contractId, fields, status, at);
  parties.forEach(({ partyId, party }, position) => insertParty(ctx, contractId, position, party, partyId));
  touchParties(ctx, contractId, at);
  audit(ctx, src, contractId, 'contract.created', { fields, status, parties: parties.map((p) => ({ partyId: p.partyId, ...p.party })) }, at);
  return true;
}

/** The contract's current value of each editable field and its status, as sync merges them. */
export function currentFieldValues(ctx: LibraryContext, contractId: string): Record<string, unknown> {
  const row = contractRow(ctx, contractId);
  return { ...fieldsOf(row), status: row.status };
}

/** Write the field values that won the merge (`status` among them). */
export function replicateFields(ctx: LibraryContext, contractId: string, values: Record<string, unknown>, at: string, src: ReplicaSource): void {
  const current = currentFieldValues(ctx, contractId);
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(values)) if (JSON.stringify(current[k]) !== JSON.stringify(v)) changed[k] = { from: current[k], to: v };
  if (!Object.keys(changed).length) return;
  const { status, ...rest } = { ...current, ...values };
  const next = ContractFields.parse(rest);
  const now = new Date().toISOString();
  storeFields(ctx, contractId, next, now, 'tags' in changed);
  if ('status' in changed) sql(ctx, 'UPDATE contracts SET status = ? WHERE id = ?').run(ContractStatus.parse(status), contractId);
  reindex(ctx, contractId);
  audit(ctx, src, contractId, 'contract.updated', { changed }, at);
}

/** A party added, edited or removed elsewhere. */
export function replicateParty(
  ctx: LibraryContext,
  contractId: string,
  kind: 'party.added' | 'party.updated' | 'party.removed',
  payload: { partyId: string; party?: unknown },
  at: string,
  src: ReplicaSource,
): void {
  if (!contractExists(ctx, contractId)) return;
  const exists = Boolean(sql(ctx, 'SELECT 1 FROM parties WHERE id = ? AND contract_id = ?').get(payload.partyId, contractId));
  if (kind === 'party.removed') {
    if (!exists) return;
    sql(ctx, 'DELETE FROM parties WHERE id = ?').run(payload.partyId);
  } else {
    const party = PartyInput.parse(payload.party);
    if (exists) {
      sql(ctx, 'UPDATE parties SET role = ?, name = ?, organisation = ?, registration_number = ?, contact = ? WHERE id = ?').run(
        party.role,
        party.name,
        party.organisation,
        party.registrationNumber,
        party.contact,
        payload.partyId,
      );
    } else {
      const { n } = sql(ctx, 'SELECT coalesce(max(position), -1) + 1 AS n FROM parties WHERE contract_id = ?').get(contractId) as { n: number };
      insertParty(ctx, contractId, n, party, payload.partyId);
    }
  }
  touchParties(ctx, contractId, at);
  audit(ctx, src, contractId, kind, { partyId: payload.partyId, party: payload.party }, at);
}

/**
 * A document or version added elsewhere (its bytes already in this desktop's store). Versions only
 * ever add: one numbered like a version made here in the meantime takes the next number.
 */
export function replicateVersion(
  ctx: LibraryContext,
  contractId: string,
  payload: { documentId: string; versionId: string; name: string; version: NewVersion },
  at: string,
  src: ReplicaSource,
): boolean {
  if (!contractExists(ctx, contractId)) return false;
  if (sql(ctx, 'SELECT 1 FROM versions WHERE id = ?').get(payload.versionId)) return false;
  const isNewDocument = !sql(ctx, 'SELECT 1 FROM documents WHERE id = ?').get(payload.documentId);
  if (isNewDocument)
    sql(ctx, 'INSERT INTO documents (id, contract_id, name, created_at) VALUES (?, ?, ?, ?)').run(payload.documentId, contractId, payload.name, at);
  const { n } = sql(ctx, 'SELECT coalesce(max(number), 0) + 1 AS n FROM versions WHERE document_id = ?').get(payload.documentId) as { n: number };
  insertVersion(ctx, payload.documentId, payload.versionId, n, payload.version, at);
  sql(ctx, 'UPDATE contracts SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), contractId);
  reindex(ctx, contractId);
  const v = payload.version;
  audit(
    ctx,
    src,
    contractId,
    isNewDocument ? 'document.added' : 'version.added',
    { documentId: payload.documentId, versionId: payload.versionId, name: payload.name, number: n, sha256: v.sha256, size: v.size, origin: v.origin },
    at,
  );
  return true;
}
