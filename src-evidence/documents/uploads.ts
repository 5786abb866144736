import { createHash, randomUUID } from 'node:crypto';
import { isClaimedTime, isEvidenceEvent, isHex64, type EvidenceEvent } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { Caller, ServiceContext } from '../context.js';
import { requestHash, submitDocument, type EvidenceAck } from './submit.js';

/**
 * Resumable uploads for large PDFs over unreliable links. A session announces the size (and
 * optionally the SHA-256); chunks are sent in order and each is durable in the blob store before
 * the session's offset moves, so after any interruption the client asks for the offset and carries
 * on. Completing the session is idempotent: it logs the document once, whatever the retries.
 */

export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

export interface UploadParams {
  readonly size: number;
  readonly sha256?: string;
  readonly filename?: string;
  readonly event: EvidenceEvent;
  readonly claimedTime?: string;
  readonly chainKey?: string;
}

export interface UploadStatus {
  readonly uploadId: string;
  readonly size: number;
  readonly received: number;
  readonly status: 'open' | 'completed';
  readonly maxChunkBytes: number;
  readonly result: EvidenceAck | null;
}

interface UploadRow {
  id: string;
  size: number;
  sha256: string | null;
  received: number;
  params: string;
  status: 'open' | 'completed';
  result: string | null;
  [k: string]: string | number | null;
}

function toStatus(r: UploadRow): UploadStatus {
  return {
    uploadId: r.id,
    size: r.size,
    received: r.received,
    status: r.status,
    maxChunkBytes: MAX_CHUNK_BYTES,
    result: r.result ? (JSON.parse(r.result) as EvidenceAck) : null,
  };
}

async function load(ctx: ServiceContext, caller: Caller, uploadId: string): Promise<UploadRow> {
  const row = await ctx.db.get<UploadRow>('SELECT id, size, sha256, received, params, status, result FROM uploads WHERE id = ? AND tenant_id = ?', [
    uploadId,
    caller.tenantId,
  ]);
  if (!row) throw new InkstoneError('NOT_FOUND', { what: `upload ${uploadId}` });
  return row;
}

export async function createUpload(ctx: ServiceContext, caller: Caller, params: UploadParams, idempotencyKey?: string): Promise<UploadStatus> {
  if (caller.serviceEndedAt) throw new InkstoneError('EVIDENCE_TENANT_ENDED', { endedAt: caller.serviceEndedAt });
  if (!Number.isSafeInteger(params.size) || params.size <= 0) throw new InkstoneError('INVALID_INPUT', { issues: 'size must be a positive integer' });
  if (params.sha256 !== undefined && !isHex64(params.sha256)) throw new InkstoneError('INVALID_INPUT', { issues: 'sha256 must be 64 lowercase hex digits' });
  if (!isEvidenceEvent(params.event) || (params.claimedTime !== undefined && !isClaimedTime(params.claimedTime)))
    throw new InkstoneError('INVALID_INPUT', { issues: 'event or claimedTime is invalid' });
  const hash = requestHash({ op: 'upload', ...params });
  if (idempotencyKey) {
    const seen = await ctx.db.get<{ request_hash: string; response: string }>(
      'SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = ? AND key = ?',
      [caller.tenantId, idempotencyKey],
    );
    if (seen) {
      if (seen.request_hash !== hash) throw new InkstoneError('EVIDENCE_IDEMPOTENCY_MISMATCH', { key: idempotencyKey });
      return toStatus(await load(ctx, caller, (JSON.parse(seen.response) as { uploadId: string }).uploadId));
    }
  }
  const id = `upl_${randomUUID().replace(/-/gu, '')}`;
  const now = ctx.now().toISOString();
  const created = await ctx.db.transaction(async (tx) => {
    if (idempotencyKey) {
      // Two racing creates with one key: the primary key lets exactly one through.
      const inserted = await tx.run(
        'INSERT INTO idempotency_keys (tenant_id, key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [caller.tenantId, idempotencyKey, hash, JSON.stringify({ uploadId: id }), now],
      );
      if (!inserted) return false;
    }
    await tx.run('INSERT INTO uploads (id, tenant_id, principal_id, size, sha256, received, params, status, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)', [
      id,
      caller.tenantId,
      caller.principalId,
      params.size,
      params.sha256 ?? null,
      JSON.stringify(params),
      'open',
      now,
    ]);
    return true;
  });
  if (!created) return createUpload(ctx, caller, params, idempotencyKey);
  return toStatus(await load(ctx, caller, id));
}

export async function uploadStatus(ctx: ServiceContext, caller: Caller, uploadId: string): Promise<UploadStatus> {
  return toStatus(await load(ctx, caller, uploadId));
}

/** Store bytes at `offset`. A chunk that was already stored (a retry) is accepted without effect. */
export async function putChunk(ctx: ServiceContext, caller: Caller, uploadId: string, offset: number, bytes: Uint8Array): Promise<UploadStatus> {
  const row = await load(ctx, caller, uploadId);
  if (row.status === 'completed') return toStatus(row);
  if (!bytes.length || bytes.length > MAX_CHUNK_BYTES) throw new InkstoneError('INVALID_INPUT', { issues: `a chunk holds 1 to ${MAX_CHUNK_BYTES} bytes` });
  if (offset + bytes.length <= row.received) return toStatus(row);
  if (offset !== row.received) throw new InkstoneError('EVIDENCE_UPLOAD_OFFSET_MISMATCH', { expected: row.received, actual: offset });
  if (offset + bytes.length > row.size) throw new InkstoneError('INVALID_INPUT', { issues: `the chunk runs past the announced size ${row.size}` });
  const blobKey = `uploads/${uploadId}/${offset}`;
  await ctx.blobs.put(blobKey, bytes);
  const moved = await ctx.db.transaction(async (tx) => {
    const n = await tx.run('UPDATE uploads SET received = ? WHERE id = ? AND tenant_id = ? AND received = ? AND status = ?', [
      offset + bytes.length,
      uploadId,
      caller.tenantId,
      offset,
      'open',
    ]);
    if (n) await tx.run('INSERT INTO upload_chunks (upload_id, offset_bytes, length, blob_key) VALUES (?, ?, ?, ?)', [uploadId, offset, bytes.length, blobKey]);
    return n;
  });
  const now = await load(ctx, caller, uploadId);
  if (!moved && offset + bytes.length > now.received) throw new InkstoneError('EVIDENCE_UPLOAD_OFFSET_MISMATCH', { expected: now.received, actual: offset });
  return toStatus(now);
}

/** Assemble the chunks, check size and hash, and log the document — once. */
export async function completeUpload(ctx: ServiceContext, caller: Caller, uploadId: string): Promise<UploadStatus> {
  const row = await load(ctx, caller, uploadId);
  if (row.status === 'completed') return toStatus(row);
  if (row.received !== row.size) throw new InkstoneError('EVIDENCE_UPLOAD_INCOMPLETE', { received: row.received, size: row.size });
  const chunks = await ctx.db.all<{ offset_bytes: number; length: number; blob_key: string }>(
    'SELECT offset_bytes, length, blob_key FROM upload_chunks WHERE upload_id = ? ORDER BY offset_bytes',
    [uploadId],
  );
  const parts: Buffer[] = [];
  let at = 0;
  for (const c of chunks) {
    const bytes = await ctx.blobs.get(c.blob_key);
    if (c.offset_bytes !== at || !bytes || bytes.length !== c.length)
      throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `upload ${uploadId} lost its chunk at ${at}` });
    parts.push(bytes);
    at += c.length;
  }
  const whole = Buffer.concat(parts);
  const sha256 = createHash('sha256').update(whole).digest('hex');
  if (row.sha256 && row.sha256 !== sha256) throw new InkstoneError('EVIDENCE_UPLOAD_HASH_MISMATCH', { expected: row.sha256, actual: sha256 });
  const params = JSON.parse(row.params) as UploadParams;
  await submitDocument(
    ctx,
    caller,
    whole,
    { event: params.event, claimedTime: params.claimedTime, chainKey: params.chainKey, filename: params.filename },
    {
      // The upload id is the idempotency key: racing completions log one entry.
      idempotency: { key: `upload:${uploadId}`, requestHash: sha256 },
      alsoInTransaction: async (tx, _entry, response) => {
        await tx.run('UPDATE uploads SET status = ?, result = ? WHERE id = ?', ['completed', JSON.stringify(response), uploadId]);
      },
    },
  );
  for (const c of chunks) await ctx.blobs.delete(c.blob_key).catch(() => undefined);
  return toStatus(await load(ctx, caller, uploadId));
}
