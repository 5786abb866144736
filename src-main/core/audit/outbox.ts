import { statement, type Db } from '../db/index.js';
import type { AuditEvent } from '../../../src-shared/api/index.js';

/**
 * The outbox: the audit entries other desktops of the team must see, queued for the evidence
 * service in the same transaction as the change (appendAudit queues them), so a change is never
 * recorded without being queued nor queued without being recorded. Each carries an idempotency key
 * — this desktop's id and the audit entry's number — under which the service records it once,
 * however often a crashed or retried sync sends it. An entry is done only when acknowledged.
 */

/** The audit actions that are shared with the team. Verifications and dismissed suggestions stay local. */
export const SHARED_ACTIONS: ReadonlySet<string> = new Set([
  'contract.created',
  'contract.updated',
  'contract.status_changed',
  'party.added',
  'party.updated',
  'party.removed',
  'document.added',
  'version.added',
]);

export interface OutgoingChange {
  readonly seq: number;
  readonly key: string;
  readonly kind: string;
  readonly contractId: string;
  readonly at: string;
  readonly details: Record<string, unknown>;
}

const devices = new WeakMap<Db, string>();

/** This data folder's device id (created by migration 10; it travels with the folder). */
export function deviceId(db: Db): string {
  let id = devices.get(db);
  if (!id) {
    id = (statement(db, 'SELECT device_id FROM sync_device WHERE id = 1').get() as { device_id: string }).device_id;
    devices.set(db, id);
  }
  return id;
}

/** Queue an audit entry if it is shared. Called by appendAudit, inside the change's transaction. */
export function queueOutgoing(db: Db, event: AuditEvent): void {
  if (!event.contractId || !SHARED_ACTIONS.has(event.action)) return;
  statement(db, 'INSERT INTO sync_outbox (change_key, audit_seq, kind, contract_id, at, details_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    `${deviceId(db)}:${event.seq}`,
    event.seq,
    event.action,
    event.contractId,
    event.at,
    JSON.stringify(event.details),
  );
}

/**
 * Queue a change that is not an audit entry (a draft's edits: one per autosave would flood the
 * trail) under a key its maker chose; `audit_seq` 0 says so.
 */
export function queueChange(db: Db, change: Omit<OutgoingChange, 'seq'>): void {
  statement(db, 'INSERT INTO sync_outbox (change_key, audit_seq, kind, contract_id, at, details_json) VALUES (?, 0, ?, ?, ?, ?)').run(
    change.key,
    change.kind,
    change.contractId,
    change.at,
    JSON.stringify(change.details),
  );
}

/** The newest entry of this kind for this contract still waiting, if any. */
export function lastWaiting(db: Db, kind: string, contractId: string): OutgoingChange | null {
  const r = statement(
    db,
    'SELECT seq, change_key, kind, contract_id, at, details_json FROM sync_outbox WHERE acked_seq IS NULL AND kind = ? AND contract_id = ? ORDER BY seq DESC LIMIT 1',
  ).get(kind, contractId) as OutboxRow | undefined;
  return r ? { seq: r.seq, key: r.change_key, kind: r.kind, contractId: r.contract_id, at: r.at, details: JSON.parse(r.details_json) } : null;
}

/**
 * Give a waiting entry new content under a new key (later edits folded into it). The new key
 * matters: if the old content was already sent and its acknowledgement is still on its way, that
 * acknowledgement no longer matches and the folded entry is sent again — never the same key with
 * other content, which the service refuses.
 */
export function refoldWaiting(db: Db, seq: number, change: Pick<OutgoingChange, 'key' | 'at' | 'details'>): void {
  statement(db, 'UPDATE sync_outbox SET change_key = ?, at = ?, details_json = ? WHERE seq = ? AND acked_seq IS NULL').run(
    change.key,
    change.at,
    JSON.stringify(change.details),
    seq,
  );
}

interface OutboxRow {
  seq: number;
  change_key: string;
  kind: string;
  contract_id: string;
  at: string;
  details_json: string;
}

/** The oldest changes not yet acknowledged, in the order they were made. */
export function pendingChanges(db: Db, limit: number): OutgoingChange[] {
  const rows = statement(db, 'SELECT seq, change_key, kind, contract_id, at, details_json FROM sync_outbox WHERE acked_seq IS NULL ORDER BY seq LIMIT ?').all(
    limit,
  ) as OutboxRow[];
  return rows.map((r) => ({ seq: r.seq, key: r.change_key, kind: r.kind, contractId: r.contract_id, at: r.at, details: JSON.parse(r.details_json) }));
}

/** Changes of one contract still waiting for the service (the merge's "a local edit is on its way"). */
export function pendingChangesOf(db: Db, contractId: string): OutgoingChange[] {
  const rows = statement(
    db,
    'SELECT seq, change_key, kind, contract_id, at, details_json FROM sync_outbox WHERE acked_seq IS NULL AND contract_id = ? ORDER BY seq',
  ).all(contractId) as OutboxRow[];
  return rows.map((r) => ({ seq: r.seq, key: r.change_key, kind: r.kind, contractId: r.contract_id, at: r.at, details: JSON.parse(r.details_json) }));
}

/** Record the service's acknowledgement of one change. Call inside a transaction with what depends on it. */
export function markAcknowledged(db: Db, key: string, serviceSeq: number, at: string): void {
  statement(db, 'UPDATE sync_outbox SET acked_seq = ?, acked_at = ? WHERE change_key = ? AND acked_seq IS NULL').run(serviceSeq, at, key);
}

/** How many changes wait, and which contracts have any. */
export function outboxSummary(db: Db): { pending: number; contracts: string[] } {
  const { n } = statement(db, 'SELECT count(*) AS n FROM sync_outbox WHERE acked_seq IS NULL').get() as { n: number };
  const contracts = (statement(db, 'SELECT DISTINCT contract_id FROM sync_outbox WHERE acked_seq IS NULL').all() as Array<{ contract_id: string }>).map(
    (r) => r.contract_id,
  );
  return { pending: n, contracts };
}
