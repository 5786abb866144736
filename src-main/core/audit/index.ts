import { createHash } from 'node:crypto';
import { statement, type Db } from '../db/index.js';
import type { AuditEvent } from '../../../src-shared/api/index.js';
import { queueOutgoing } from './outbox.js';

export {
  SHARED_ACTIONS,
  deviceId,
  queueChange,
  lastWaiting,
  refoldWaiting,
  pendingChanges,
  pendingChangesOf,
  markAcknowledged,
  outboxSummary,
  type OutgoingChange,
} from './outbox.js';

/**
 * The audit trail: an append-only, hash-chained record of every legally relevant change. Each
 * entry's hash covers the previous entry's hash and its own canonical content, so editing, removing
 * or reordering any entry breaks the chain from that point on. Entries carry the change itself
 * (the patch, not just "updated"), so the same events can later be queued and replayed by sync.
 */
export interface AuditEntryInput {
  actor: string;
  contractId: string | null;
  action: string;
  details: Record<string, unknown>;
  at?: string;
  /**
   * A change another desktop made, applied here by sync: recorded like any other, but not queued
   * to be sent back.
   */
  replicated?: boolean;
}

const GENESIS = '0'.repeat(64);

/** JSON with sorted keys at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function entryHash(prevHash: string, seq: number, e: Required<Omit<AuditEntryInput, 'replicated'>>): string {
  const body = canonicalJson({ seq, at: e.at, actor: e.actor, contractId: e.contractId, action: e.action, details: e.details });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Append an entry. Call inside the same transaction as the change it records. */
export function appendAudit(db: Db, input: AuditEntryInput): AuditEvent {
  const last = statement(db, 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const entry = { actor: input.actor, contractId: input.contractId, action: input.action, details: input.details, at: input.at ?? new Date().toISOString() };
  const hash = entryHash(prevHash, seq, entry);
  statement(db, 'INSERT INTO audit_events (seq, at, actor, contract_id, action, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    entry.at,
    entry.actor,
    entry.contractId,
    entry.action,
    canonicalJson(entry.details),
    prevHash,
    hash,
  );
  const event = { seq, at: entry.at, actor: entry.actor, contractId: entry.contractId, action: entry.action, details: entry.details, hash };
  if (!input.replicated) queueOutgoing(db, event);
  return event;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  contract_id: string | null;
  action: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

function toEvent(r: AuditRow): AuditEvent {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    contractId: r.contract_id,
    action: r.action,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
    hash: r.hash,
  };
}

export function auditEventsFor(db: Db, contractId: string): AuditEvent[] {
  const rows = statement(db, 'SELECT * FROM audit_events WHERE contract_id = ? ORDER BY seq').all(contractId) as AuditRow[];
  return rows.map(toEvent);
}

/**
 * Walk the whole chain and recompute every hash. Returns the first broken sequence number, or null
 * when the trail is intact.
 */
export function verifyAuditChain(db: Db): { intact: boolean; brokenAt: number | null; entries: number } {
  let prev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  for (const r of statement(db, 'SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries++;
    const recomputed = entryHash(prev, r.seq, {
      at: r.at,
      actor: r.actor,
      contractId: r.contract_id,
      action: r.action,
      details: JSON.parse(r.details_json) as Record<string, unknown>,
    });
    if (r.seq !== expectedSeq || r.prev_hash !== prev || r.hash !== recomputed) return { intact: false, brokenAt: r.seq, entries };
    prev = r.hash;
    expectedSeq++;
  }
  return { intact: true, brokenAt: null, entries };
}
