import type { z } from 'zod';
import { appendAudit, auditEventsFor, verifyAuditChain } from '../audit/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import {
  Contract,
  ContractFields,
  ContractPatch,
  DocumentRecord,
  PartyInput,
  STATUS_TRANSITIONS,
  type AuditEvent,
  type ContractStatus,
} from '../../../src-shared/api/index.js';
import { newId, sql, type LibraryContext } from './context.js';
import { contractRow, fieldsOf } from './contract-row.js';
import { insertParty, touchParties } from './parties.js';
import { reindex } from './search-index.js';
import { signatureStatus } from './signature-status.js';

// Contracts: their fields, status lifecycle and audit trail. Every change runs in a transaction
// together with its audit entry and the refresh of the contract's search row.

/** Create a contract (draft unless told otherwise), optionally with its parties, in one step. Returns its id. */
export function createContract(
  ctx: LibraryContext,
  fields: z.input<typeof ContractFields>,
  options: { status?: ContractStatus; parties?: PartyInput[] } = {},
): string {
  const f = ContractFields.parse(fields);
  const status = options.status ?? 'draft';
  const parties = (options.parties ?? []).map((p) => PartyInput.parse(p));
  const id = newId();
  const at = new Date().toISOString();
  ctx.db.transaction(() => {
    insertContractRow(ctx, id, f, status, at);
    const partyIds = parties.map((p, position) => insertParty(ctx, id, position, p));
    touchParties(ctx, id, at);
    appendAudit(ctx.db, {
      actor: ctx.actor,
      contractId: id,
      action: 'contract.created',
      details: { fields: f, status, parties: parties.map((p, i) => ({ partyId: partyIds[i], ...p })) },
      at,
    });
  })();
  return id;
}

/** The whole contract: fields, parties, documents and their versions with the latest verdicts. */
export function getContract(ctx: LibraryContext, id: string): Contract {
  const row = contractRow(ctx, id);
  const parties = sql(ctx, 'SELECT * FROM parties WHERE contract_id = ? ORDER BY position').all(id) as Array<Record<string, string | number>>;
  const docs = sql(ctx, 'SELECT * FROM documents WHERE contract_id = ? ORDER BY created_at, rowid').all(id) as Array<{
    id: string;
    name: string;
    created_at: string;
  }>;
  const versionsStmt = sql(
    ctx,
    'SELECT v.*, x.verdict FROM versions v LEFT JOIN verifications x ON x.version_id = v.id WHERE v.document_id = ? ORDER BY v.number',
  );
  return Contract.parse({
    ...fieldsOf(row),
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    parties: parties.map((p) => ({
      id: p.id,
      position: p.position,
      role: p.role,
      name: p.name,
      organisation: p.organisation,
      registrationNumber: p.registration_number,
      contact: p.contact,
    })),
    documents: docs.map((d) =>
      DocumentRecord.parse({
        id: d.id,
        name: d.name,
        createdAt: d.created_at,
        versions: (versionsStmt.all(d.id) as Array<Record<string, string | number>>).map((v) => ({
          id: v.id,
          number: v.number,
          sha256: v.sha256,
          size: v.size,
          pageCount: v.page_count,
          signatureFieldCount: v.signature_field_count,
          origin: v.origin,
          createdAt: v.created_at,
          verdict: v.verdict ?? null,
        })),
      }),
    ),
    signatures: signatureStatus(ctx, id),
  });
}

/** Change fields; the audit entry records each changed field's old and new value. */
export function updateContract(ctx: LibraryContext, id: string, patch: ContractPatch): void {
  // Only the fields the caller named: the schema's defaults would otherwise "change" every other
  // field back to empty (and, synced, overwrite other people's values).
  const parsed = ContractPatch.parse(patch);
  const p = Object.fromEntries(Object.entries(parsed).filter(([k]) => Object.hasOwn(patch, k))) as typeof parsed;
  ctx.db.transaction(() => {
    const current = fieldsOf(contractRow(ctx, id));
    const next = ContractFields.parse({ ...current, ...p });
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(p) as Array<keyof typeof next>) {
      if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changed[key] = { from: current[key], to: next[key] };
    }
    if (!Object.keys(changed).length) return;
    const at = new Date().toISOString();
    storeFields(ctx, id, next, at, Boolean(changed.tags));
    reindex(ctx, id);
    appendAudit(ctx.db, { actor: ctx.actor, contractId: id, action: 'contract.updated', details: { changed }, at });
  })();
}

/** Move the contract along its lifecycle (STATUS_TRANSITIONS); "signed" only when its signatures say so. */
export function setStatus(ctx: LibraryContext, id: string, status: ContractStatus): void {
  ctx.db.transaction(() => {
    const from = contractRow(ctx, id).status;
    if (from === status) return;
    if (!STATUS_TRANSITIONS[from].includes(status)) throw new InkstoneError('CONTRACT_STATUS_TRANSITION', { from, to: status });
    // "Signed" is a fact about signatures, not a choice: the menu may not claim it without them.
    if (status === 'signed' && signatureStatus(ctx, id).state !== 'signed') throw new InkstoneError('CONTRACT_NOT_SIGNED', { id });
    const at = new Date().toISOString();
    sql(ctx, 'UPDATE contracts SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
    appendAudit(ctx.db, { actor: ctx.actor, contractId: id, action: 'contract.status_changed', details: { from, to: status }, at });
  })();
}

/** The contract's audit entries, and whether the whole chain is intact. */
export function contractAudit(ctx: LibraryContext, contractId: string): { events: AuditEvent[]; chainIntact: boolean } {
  contractRow(ctx, contractId);
  return { events: auditEventsFor(ctx.db, contractId), chainIntact: verifyAuditChain(ctx.db).intact };
}

/** Tags in use, most used first. */
export function tagCounts(ctx: LibraryContext): Array<{ tag: string; count: number }> {
  return sql(ctx, 'SELECT tag, count(*) AS count FROM contract_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 500').all() as Array<{
    tag: string;
    count: number;
  }>;
}

/** A new contract's row and tags, with the id it was given (here, or on the desktop that created it). */
export function insertContractRow(ctx: LibraryContext, id: string, f: z.output<typeof ContractFields>, status: ContractStatus, at: string): void {
  sql(
    ctx,
    `INSERT INTO contracts (id, title, contract_type, status, value_amount, value_currency, effective_date, expiry_date,
       renewal_date, owner, notes, tags_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    f.title,
    f.contractType,
    status,
    f.value?.amount ?? null,
    f.value?.currency ?? null,
    f.effectiveDate,
    f.expiryDate,
    f.renewalDate,
    f.owner,
    f.notes,
    JSON.stringify(f.tags),
    at,
    at,
  );
  writeTags(ctx, id, f.tags);
}

/** Write every editable field (the caller reindexes and audits). */
export function storeFields(ctx: LibraryContext, id: string, next: z.output<typeof ContractFields>, at: string, tagsChanged: boolean): void {
  sql(
    ctx,
    `UPDATE contracts SET title = ?, contract_type = ?, value_amount = ?, value_currency = ?, effective_date = ?, expiry_date = ?,
         renewal_date = ?, owner = ?, notes = ?, tags_json = ?, updated_at = ? WHERE id = ?`,
  ).run(
    next.title,
    next.contractType,
    next.value?.amount ?? null,
    next.value?.currency ?? null,
    next.effectiveDate,
    next.expiryDate,
    next.renewalDate,
    next.owner,
    next.notes,
    JSON.stringify(next.tags),
    at,
    id,
  );
  if (tagsChanged) writeTags(ctx, id, next.tags);
}

function writeTags(ctx: LibraryContext, id: string, tags: readonly string[]): void {
  sql(ctx, 'DELETE FROM contract_tags WHERE contract_id = ?').run(id);
  const ins = sql(ctx, 'INSERT OR IGNORE INTO contract_tags (contract_id, tag) VALUES (?, ?)');
  for (const t of tags) ins.run(id, t);
}
