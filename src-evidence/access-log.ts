import { randomUUID } from 'node:crypto';
import type { Caller, ServiceContext } from './context.js';
import { insertRows } from './db/bulk.js';
import { GroupCommit } from './db/group-commit.js';

/**
 * The disclosure record: every read of a tenant's documents, receipts or certificates — who (the
 * principal and token), what (action and subject), when, and why (the purpose the reader gave). A
 * tenant's administrators and auditors can read it; nobody can edit it through the service.
 */
export type AccessAction = 'document.metadata' | 'document.content' | 'document.list' | 'receipt.read' | 'certificate.read' | 'access-log.read';

export interface AccessRecord {
  readonly id: string;
  readonly principalId: string;
  readonly action: AccessAction;
  readonly subject: string;
  readonly purpose: string;
  readonly clientIp: string | null;
  readonly at: string;
}

export const UNSPECIFIED_PURPOSE = 'unspecified';

type Row = [string, string, string, AccessAction, string, string, string | null, string];
const writers = new WeakMap<ServiceContext, GroupCommit<Row>>();

/**
 * Record a read. Resolves once the record is durable, so a disclosure is never made unrecorded;
 * concurrent reads share one commit.
 */
export function recordAccess(
  ctx: ServiceContext,
  caller: Caller,
  action: AccessAction,
  subject: string,
  purpose: string | undefined,
  clientIp: string | null,
): Promise<void> {
  let writer = writers.get(ctx);
  if (!writer) {
    // Rows that arrive together (the receipts of one checkpoint) go in one statement, which commits
    // (durably: SQLite's WAL is synced, PostgreSQL commits with fsync) before any of them is answered.
    writer = new GroupCommit<Row>(
      ctx.db,
      (db, rows) => insertRows(db, 'access_log', ['id', 'tenant_id', 'principal_id', 'action', 'subject', 'purpose', 'client_ip', 'at'], rows),
      { atomic: false },
    );
    writers.set(ctx, writer);
  }
  return writer.add([
    randomUUID(),
    caller.tenantId,
    caller.principalId,
    action,
    subject,
    (purpose ?? '').trim().slice(0, 500) || UNSPECIFIED_PURPOSE,
    clientIp,
    ctx.now().toISOString(),
  ]);
}

export async function readAccessLog(ctx: ServiceContext, caller: Caller, options: { limit: number; before?: string }): Promise<AccessRecord[]> {
  const rows = await ctx.db.all<{
    id: string;
    principal_id: string;
    action: AccessAction;
    subject: string;
    purpose: string;
    client_ip: string | null;
    at: string;
  }>(
    `SELECT id, principal_id, action, subject, purpose, client_ip, at FROM access_log
      WHERE tenant_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?`,
    [caller.tenantId, options.before ?? '9999', options.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    principalId: r.principal_id,
    action: r.action,
    subject: r.subject,
    purpose: r.purpose,
    clientIp: r.client_ip,
    at: r.at,
  }));
}
