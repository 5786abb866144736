import { createHash } from 'node:crypto';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { Caller, ServiceContext } from '../context.js';

/**
 * The team library's change feed. Each desktop sends the changes its library recorded (a contract
 * created or edited, a party, a document or version …), each under its own key; the service gives
 * every new change the tenant's next sequence number, and that order is the one every desktop
 * applies and resolves concurrent edits by. A change sent again under its key is acknowledged with
 * the number it got the first time, so a desktop killed between sending and recording the
 * acknowledgement sends it again without creating a second change. The service does not interpret
 * payloads: merging is the desktops' work.
 */

export interface ChangeInput {
  readonly key: string;
  readonly kind: string;
  readonly contractId: string;
  readonly at: string;
  readonly payload: Record<string, unknown>;
}

export interface ChangeAck {
  readonly key: string;
  readonly seq: number;
}

export interface StoredChange extends ChangeInput {
  readonly seq: number;
  /** Who made the change: the person (or device) whose token sent it. */
  readonly principalId: string;
  readonly principalName: string;
  readonly receivedAt: string;
}

function payloadHash(change: ChangeInput): string {
  return createHash('sha256')
    .update(JSON.stringify([change.kind, change.contractId, change.at, change.payload]))
    .digest('hex');
}

/** Record changes in the order given; each one already known under its key is acknowledged as it was. */
export async function recordChanges(ctx: Pick<ServiceContext, 'db' | 'now'>, caller: Caller, changes: readonly ChangeInput[]): Promise<ChangeAck[]> {
  if (caller.serviceEndedAt) throw new InkstoneError('EVIDENCE_TENANT_ENDED', { endedAt: caller.serviceEndedAt });
  const receivedAt = ctx.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    // The counter row is taken first, so concurrent senders of one tenant queue here (a row lock on
    // PostgreSQL, the single writer on SQLite) and both the key check and the numbering are exact.
    await tx.run('INSERT INTO library_change_counters (tenant_id, last_seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING', [caller.tenantId]);
    let { last_seq: last } = (await tx.get<{ last_seq: number }>(
      'UPDATE library_change_counters SET last_seq = last_seq WHERE tenant_id = ? RETURNING last_seq',
      [caller.tenantId],
    ))!;
    const acks: ChangeAck[] = [];
    for (const change of changes) {
      const hash = payloadHash(change);
      const known = await tx.get<{ seq: number; payload_hash: string }>(
        'SELECT seq, payload_hash FROM library_changes WHERE tenant_id = ? AND change_key = ?',
        [caller.tenantId, change.key],
      );
      if (known) {
        if (known.payload_hash !== hash) throw new InkstoneError('EVIDENCE_IDEMPOTENCY_MISMATCH', { key: change.key });
        acks.push({ key: change.key, seq: known.seq });
        continue;
      }
      last += 1;
      await tx.run(
        `INSERT INTO library_changes (tenant_id, seq, change_key, principal_id, kind, contract_id, at, payload, payload_hash, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [caller.tenantId, last, change.key, caller.principalId, change.kind, change.contractId, change.at, JSON.stringify(change.payload), hash, receivedAt],
      );
      acks.push({ key: change.key, seq: last });
    }
    await tx.run('UPDATE library_change_counters SET last_seq = ? WHERE tenant_id = ?', [last, caller.tenantId]);
    return acks;
  });
}

/** The tenant's changes after `after`, oldest first, with who made each; `cursor` is where to continue. */
export async function readChanges(
  ctx: Pick<ServiceContext, 'db'>,
  caller: Caller,
  options: { after: number; limit: number },
): Promise<{ changes: StoredChange[]; cursor: number; more: boolean }> {
  const rows = await ctx.db.all<{
    seq: number;
    change_key: string;
    principal_id: string;
    principal_name: string | null;
    kind: string;
    contract_id: string;
    at: string;
    payload: string;
    received_at: string;
  }>(
    `SELECT c.seq, c.change_key, c.principal_id, p.name AS principal_name, c.kind, c.contract_id, c.at, c.payload, c.received_at
       FROM library_changes c LEFT JOIN principals p ON p.id = c.principal_id AND p.tenant_id = c.tenant_id
      WHERE c.tenant_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
    [caller.tenantId, options.after, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  return {
    changes: page.map((r) => ({
      seq: r.seq,
      key: r.change_key,
      kind: r.kind,
      contractId: r.contract_id,
      at: r.at,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      principalId: r.principal_id,
      principalName: r.principal_name ?? r.principal_id,
      receivedAt: r.received_at,
    })),
    cursor: page.length ? page[page.length - 1].seq : options.after,
    more: rows.length > options.limit,
  };
}
