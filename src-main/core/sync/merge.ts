import { appendAudit, pendingChangesOf } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';
import { currentFieldValues, replicateFields, type Library, type ReplicaSource } from '../library/index.js';

/**
 * Contract metadata merges field by field, in the service's order: each field remembers the
 * service number of the write it holds (its clock), and a later number wins. A change that loses is
 * not dropped: its value is kept as a conflict (`sync_conflicts`, and an audit entry), shown on the
 * contract. Three cases meet here when another desktop's edit of a field arrives:
 *   - an edit of the same field made here is still waiting to be sent: it will be numbered after
 *     the arriving one, so it wins; the arriving value is the loser;
 *   - the field holds a later write (this desktop's, already acknowledged): the arriving value loses;
 *   - otherwise the arriving value is applied; if the field held a value its writer had not seen
 *     (a concurrent edit acknowledged earlier), that value is the loser.
 */

export interface ConflictRecord {
  readonly id: number;
  readonly contractId: string;
  readonly field: string;
  readonly kept: unknown;
  readonly lost: unknown;
  readonly lostBy: string;
  readonly at: string;
}

const clockOf = (db: Db, contractId: string, field: string): number =>
  (statement(db, 'SELECT seq FROM sync_field_clocks WHERE contract_id = ? AND field = ?').get(contractId, field) as { seq: number } | undefined)?.seq ?? 0;

/** The field now holds the write the service numbered `seq` (never moves back). */
export function advanceClock(db: Db, contractId: string, field: string, seq: number): void {
  statement(
    db,
    'INSERT INTO sync_field_clocks (contract_id, field, seq) VALUES (?, ?, ?) ON CONFLICT (contract_id, field) DO UPDATE SET seq = max(seq, excluded.seq)',
  ).run(contractId, field, seq);
}

/** The fields a change of this kind writes, with the values it wrote. */
export function fieldWrites(kind: string, details: Record<string, unknown>): Record<string, { from?: unknown; to: unknown }> {
  if (kind === 'contract.updated') return (details.changed ?? {}) as Record<string, { from: unknown; to: unknown }>;
  if (kind === 'contract.status_changed') return { status: { from: details.from, to: details.to } };
  if (kind === 'contract.created') {
    const writes: Record<string, { to: unknown }> = { status: { to: details.status } };
    for (const [k, v] of Object.entries((details.fields ?? {}) as Record<string, unknown>)) writes[k] = { to: v };
    return writes;
  }
  return {};
}

function recordConflict(library: Library, c: Omit<ConflictRecord, 'id'>, src: ReplicaSource): void {
  statement(library.db, 'INSERT INTO sync_conflicts (contract_id, field, kept_json, lost_json, lost_by, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    c.contractId,
    c.field,
    JSON.stringify(c.kept ?? null),
    JSON.stringify(c.lost ?? null),
    c.lostBy,
    c.at,
  );
  appendAudit(library.db, {
    actor: src.person,
    contractId: c.contractId,
    action: 'sync.conflict',
    details: { field: c.field, kept: c.kept ?? null, lost: c.lost ?? null, lostBy: c.lostBy, replicatedFrom: { seq: src.seq, key: src.key } },
    at: c.at,
    replicated: true,
  });
}

/** Merge another desktop's field writes into the contract. Runs inside the pull's transaction. */
export function mergeFieldWrites(
  library: Library,
  contractId: string,
  writes: Record<string, { from?: unknown; to: unknown }>,
  at: string,
  src: ReplicaSource,
): void {
  const current = currentFieldValues(library, contractId);
  const waiting = new Set(pendingChangesOf(library.db, contractId).flatMap((c) => Object.keys(fieldWrites(c.kind, c.details))));
  const apply: Record<string, unknown> = {};
  for (const [field, write] of Object.entries(writes)) {
    if (!(field in current)) continue;
    const same = JSON.stringify(current[field]) === JSON.stringify(write.to);
    if (waiting.has(field) || clockOf(library.db, contractId, field) > src.seq) {
      if (!same) recordConflict(library, { contractId, field, kept: current[field], lost: write.to, lostBy: src.person, at }, src);
      continue;
    }
    advanceClock(library.db, contractId, field, src.seq);
    if (same) continue;
    if ('from' in write && JSON.stringify(current[field]) !== JSON.stringify(write.from)) {
      recordConflict(library, { contractId, field, kept: write.to, lost: current[field], lostBy: library.actor, at }, src);
    }
    apply[field] = write.to;
  }
  if (Object.keys(apply).length) replicateFields(library, contractId, apply, at, src);
}

/** Conflicts recorded on a contract (newest first), or on every contract. */
export function conflictsOf(db: Db, contractId?: string): ConflictRecord[] {
  const rows = (
    contractId
      ? statement(db, 'SELECT * FROM sync_conflicts WHERE contract_id = ? ORDER BY id DESC LIMIT 200').all(contractId)
      : statement(db, 'SELECT * FROM sync_conflicts ORDER BY id DESC LIMIT 200').all()
  ) as Array<{ id: number; contract_id: string; field: string; kept_json: string; lost_json: string; lost_by: string; at: string }>;
  return rows.map((r) => ({
    id: r.id,
    contractId: r.contract_id,
    field: r.field,
    kept: JSON.parse(r.kept_json),
    lost: JSON.parse(r.lost_json),
    lostBy: r.lost_by,
    at: r.at,
  }));
}

export const conflictCount = (db: Db): number => (statement(db, 'SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
