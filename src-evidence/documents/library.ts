import type { Readable } from 'node:stream';
import { formatEvidenceNumber } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { addDays, type Caller, type ServiceContext } from '../context.js';
import { collectBlob, collectDoomedBlobs, releaseInside } from './blob-references.js';

/**
 * A tenant's stored documents: metadata, content, deletion under retention rules, legal hold, and
 * the purge that ends a tenant's unsigned data 90 days after its service ends. Every query names the
 * caller's tenant; a document of another tenant is simply "not found".
 */

export interface DocumentInfo {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
  readonly filename: string | null;
  readonly signed: boolean;
  readonly legalHold: boolean;
  readonly retainUntil: string | null;
  readonly createdAt: string;
  readonly deletedAt: string | null;
  readonly evidence: ReadonlyArray<{ readonly evidenceNumber: string; readonly event: string; readonly claimedTime: string; readonly sequencedAt: string }>;
}

interface DocRow {
  id: string;
  sha256: string;
  size: number;
  blob_key: string | null;
  filename: string | null;
  signed: number;
  legal_hold: number;
  retain_until: string | null;
  created_at: string;
  deleted_at: string | null;
  [k: string]: string | number | null;
}

const DOC_COLUMNS = 'id, sha256, size, blob_key, filename, signed, legal_hold, retain_until, created_at, deleted_at';

async function row(ctx: ServiceContext, caller: Caller, id: string): Promise<DocRow> {
  const r = await ctx.db.get<DocRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ? AND tenant_id = ?`, [id, caller.tenantId]);
  if (!r) throw new InkstoneError('NOT_FOUND', { what: `document ${id}` });
  return r;
}

async function info(ctx: ServiceContext, caller: Caller, r: DocRow): Promise<DocumentInfo> {
  const entries = await ctx.db.all<{ idx: number; event: string; claimed_time: string; sequenced_at: string }>(
    'SELECT idx, event, claimed_time, sequenced_at FROM entries WHERE tenant_id = ? AND document_id = ? ORDER BY idx',
    [caller.tenantId, r.id],
  );
  return {
    id: r.id,
    sha256: r.sha256,
    size: r.size,
    filename: r.filename,
    signed: r.signed === 1,
    legalHold: r.legal_hold === 1,
    retainUntil: r.retain_until,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
    evidence: entries.map((e) => ({
      evidenceNumber: formatEvidenceNumber(ctx.identity.logId, e.idx),
      event: e.event,
      claimedTime: e.claimed_time,
      sequencedAt: e.sequenced_at,
    })),
  };
}

export async function listDocuments(
  ctx: ServiceContext,
  caller: Caller,
  options: { limit: number; before?: string; sha256?: string },
): Promise<DocumentInfo[]> {
  const rows = options.sha256
    ? await ctx.db.all<DocRow>(
        `SELECT ${DOC_COLUMNS} FROM documents WHERE tenant_id = ? AND sha256 = ? AND deleted_at IS NULL AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?`,
        [caller.tenantId, options.sha256, options.before ?? '9999', options.limit],
      )
    : await ctx.db.all<DocRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE tenant_id = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?`, [
        caller.tenantId,
        options.before ?? '9999',
        options.limit,
      ]);
  return Promise.all(rows.map((r) => info(ctx, caller, r)));
}

export async function getDocument(ctx: ServiceContext, caller: Caller, id: string): Promise<DocumentInfo> {
  return info(ctx, caller, await row(ctx, caller, id));
}

/** The document's bytes as a stream (a 256 MiB PDF is never held in memory). */
export async function readDocumentContent(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<{ stream: Readable; size: number; filename: string | null }> {
  const r = await row(ctx, caller, id);
  if (r.deleted_at || !r.blob_key) throw new InkstoneError('NOT_FOUND', { what: `document ${id}` });
  const stream = await ctx.blobs.open(r.blob_key);
  if (!stream) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `the bytes of document ${id} are missing from the blob store` });
  return { stream, size: r.size, filename: r.filename };
}

/** Why a document may not be deleted now, or null when it may. */
function deletionBlocker(r: DocRow, now: Date): InkstoneError | null {
  if (r.legal_hold === 1) return new InkstoneError('EVIDENCE_LEGAL_HOLD', { id: r.id });
  if (r.retain_until && new Date(r.retain_until).getTime() > now.getTime())
    return new InkstoneError('EVIDENCE_RETENTION_ACTIVE', { id: r.id, retainUntil: r.retain_until });
  return null;
}

async function removeBytes(ctx: ServiceContext, tenantId: string, r: DocRow): Promise<void> {
  // The row and its blob reference change together; the blob itself goes after the commit, and only
  // when this was its last reference (documents/blob-references.ts).
  const doomed = await ctx.db.transaction(async (tx) => {
    const changed = await tx.run('UPDATE documents SET deleted_at = ?, blob_key = NULL WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL', [
      ctx.now().toISOString(),
      r.id,
      tenantId,
    ]);
    return changed > 0 && r.blob_key !== null && (await releaseInside(tx, r.blob_key));
  });
  if (doomed) await collectBlob(ctx, r.blob_key!);
}

/**
 * Delete a document's bytes. Refused with a typed error while it is on legal hold or within its
 * retention period. The metadata and the log entry stay: the log is append-only, and the record
 * that a document existed and was deleted is itself evidence.
 */
export async function deleteDocument(ctx: ServiceContext, caller: Caller, id: string): Promise<DocumentInfo> {
  const r = await row(ctx, caller, id);
  if (r.deleted_at) return info(ctx, caller, r);
  const blocker = deletionBlocker(r, ctx.now());
  if (blocker) throw blocker;
  await removeBytes(ctx, caller.tenantId, r);
  return getDocument(ctx, caller, id);
}

export async function setLegalHold(ctx: ServiceContext, caller: Caller, id: string, hold: boolean): Promise<DocumentInfo> {
  const r = await row(ctx, caller, id);
  await ctx.db.run('UPDATE documents SET legal_hold = ? WHERE id = ? AND tenant_id = ?', [hold ? 1 : 0, r.id, caller.tenantId]);
  return getDocument(ctx, caller, id);
}

export interface PurgeReport {
  readonly documentsDeleted: number;
  readonly uploadsDiscarded: number;
}

/**
 * The retention sweep (run periodically and by `inkstone-evidence purge`): for tenants whose service
 * ended, unsigned documents older than the grace period and signed documents past their retention
 * are deleted unless on legal hold; unfinished uploads past their lifetime are discarded.
 */
export async function purgeExpired(ctx: ServiceContext): Promise<PurgeReport> {
  const now = ctx.now();
  let documentsDeleted = 0;
  const ended = await ctx.db.all<{ id: string; service_ended_at: string }>('SELECT id, service_ended_at FROM tenants WHERE service_ended_at IS NOT NULL');
  for (const t of ended) {
    const unsignedDue = addDays(new Date(t.service_ended_at), ctx.policy.unsignedDaysAfterEnd).getTime() <= now.getTime();
    const rows = await ctx.db.all<DocRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE tenant_id = ? AND deleted_at IS NULL AND legal_hold = 0`, [t.id]);
    for (const r of rows) {
      const due = r.signed === 1 ? deletionBlocker(r, now) === null : unsignedDue;
      if (!due) continue;
      await removeBytes(ctx, t.id, r);
      documentsDeleted++;
    }
  }
  await collectDoomedBlobs(ctx);
  const cutoff = new Date(now.getTime() - ctx.policy.openUploadHours * 3600_000).toISOString();
  const stale = await ctx.db.all<{ id: string }>("SELECT id FROM uploads WHERE status = 'open' AND created_at < ?", [cutoff]);
  for (const u of stale) {
    const chunks = await ctx.db.all<{ blob_key: string }>('SELECT blob_key FROM upload_chunks WHERE upload_id = ?', [u.id]);
    await ctx.db.transaction(async (tx) => {
      await tx.run('DELETE FROM upload_chunks WHERE upload_id = ?', [u.id]);
      await tx.run('DELETE FROM uploads WHERE id = ?', [u.id]);
    });
    for (const c of chunks) await ctx.blobs.delete(c.blob_key).catch(() => undefined);
  }
  return { documentsDeleted, uploadsDiscarded: stale.length };
}
