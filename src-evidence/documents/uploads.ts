import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { isClaimedTime, isEvidenceEvent, isHex64, type EvidenceEvent } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { Caller, ServiceContext } from '../context.js';
import { clientIdempotencyKey, requestHash, uploadCompletionKey } from '../idempotency.js';
import type { SpooledFile } from '../spool.js';
import { MAX_DOCUMENT_BYTES, submitDocument, type DocumentBytes, type EvidenceAck } from './submit.js';

/**
 * Resumable uploads for large PDFs over unreliable links. A session announces the size (at most the
 * document cap, MAX_DOCUMENT_BYTES, and optionally the SHA-256); chunks are sent in order and each is
 * durable in the blob store before the session's offset moves, so after any interruption the client
 * asks for the offset and carries on. A chunk sent again must be the bytes already stored there
 * (compared before anything is written; different bytes are refused), and a stored chunk is never
 * overwritten. Completing the session streams the chunks into one file, hashing as it goes, and
 * logs the document once, whatever the retries.
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
  if (params.size > MAX_DOCUMENT_BYTES) throw new InkstoneError('EVIDENCE_DOCUMENT_TOO_LARGE', { size: params.size, limit: MAX_DOCUMENT_BYTES });
  if (params.sha256 !== undefined && !isHex64(params.sha256)) throw new InkstoneError('INVALID_INPUT', { issues: 'sha256 must be 64 lowercase hex digits' });
  if (!isEvidenceEvent(params.event) || (params.claimedTime !== undefined && !isClaimedTime(params.claimedTime)))
    throw new InkstoneError('INVALID_INPUT', { issues: 'event or claimedTime is invalid' });
  const hash = requestHash({ op: 'upload', ...params });
  const key = idempotencyKey === undefined ? undefined : clientIdempotencyKey(idempotencyKey);
  if (key) {
    const seen = await ctx.db.get<{ request_hash: string; response: string }>(
      'SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = ? AND key = ?',
      [caller.tenantId, key],
    );
    if (seen) {
      if (seen.request_hash !== hash) throw new InkstoneError('EVIDENCE_IDEMPOTENCY_MISMATCH', { key: idempotencyKey });
      return toStatus(await load(ctx, caller, (JSON.parse(seen.response) as { uploadId: string }).uploadId));
    }
  }
  const id = `upl_${randomUUID().replace(/-/gu, '')}`;
  const now = ctx.now().toISOString();
  const created = await ctx.db.transaction(async (tx) => {
    if (key) {
      // Two racing creates with one key: the primary key lets exactly one through.
      const inserted = await tx.run(
        'INSERT INTO idempotency_keys (tenant_id, key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [caller.tenantId, key, hash, JSON.stringify({ uploadId: id }), now],
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

function chunkLength(chunk: DocumentBytes): number {
  return chunk instanceof Uint8Array ? chunk.length : chunk.size;
}

async function chunkBytes(chunk: DocumentBytes): Promise<Buffer> {
  return chunk instanceof Uint8Array ? Buffer.from(chunk) : fs.readFile(chunk.path);
}

/** Refuse (409) a chunk sent again whose bytes differ from what the upload holds at its offset. */
async function checkSameAsStored(ctx: ServiceContext, uploadId: string, offset: number, chunk: DocumentBytes): Promise<void> {
  const sent = await chunkBytes(chunk);
  const stored = await ctx.db.all<{ offset_bytes: number; length: number; blob_key: string }>(
    'SELECT offset_bytes, length, blob_key FROM upload_chunks WHERE upload_id = ? AND offset_bytes < ? AND offset_bytes + length > ? ORDER BY offset_bytes',
    [uploadId, offset + sent.length, offset],
  );
  let checked = 0;
  for (const c of stored) {
    const bytes = await ctx.blobs.get(c.blob_key);
    if (!bytes || bytes.length !== c.length)
      throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `upload ${uploadId} lost its chunk at ${c.offset_bytes}` });
    const from = Math.max(offset, c.offset_bytes);
    const to = Math.min(offset + sent.length, c.offset_bytes + c.length);
    if (!bytes.subarray(from - c.offset_bytes, to - c.offset_bytes).equals(sent.subarray(from - offset, to - offset)))
      throw new InkstoneError('EVIDENCE_UPLOAD_CHUNK_CONFLICT', { offset: from });
    checked += to - from;
  }
  if (checked !== sent.length) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `upload ${uploadId} has a gap before byte ${offset + sent.length}` });
}

/**
 * Store the bytes at `offset`. A chunk at an offset already stored must repeat the stored bytes
 * (a retry, accepted without effect) or is refused; a new chunk must start where the upload stands.
 */
export async function putChunk(ctx: ServiceContext, caller: Caller, uploadId: string, offset: number, chunk: DocumentBytes): Promise<UploadStatus> {
  const row = await load(ctx, caller, uploadId);
  if (row.status === 'completed') return toStatus(row);
  const length = chunkLength(chunk);
  if (!length || length > MAX_CHUNK_BYTES) throw new InkstoneError('INVALID_INPUT', { issues: `a chunk holds 1 to ${MAX_CHUNK_BYTES} bytes` });
  if (offset + length > MAX_DOCUMENT_BYTES) throw new InkstoneError('EVIDENCE_DOCUMENT_TOO_LARGE', { size: offset + length, limit: MAX_DOCUMENT_BYTES });
  if (offset + length > row.size) throw new InkstoneError('INVALID_INPUT', { issues: `the chunk runs past the announced size ${row.size}` });
  if (offset < row.received && offset + length <= row.received) {
    await checkSameAsStored(ctx, uploadId, offset, chunk);
    return toStatus(row);
  }
  if (offset !== row.received) throw new InkstoneError('EVIDENCE_UPLOAD_OFFSET_MISMATCH', { expected: row.received, actual: offset });
  // A key of its own: a concurrent chunk at the same offset can never overwrite the one that wins.
  const blobKey = `uploads/${uploadId}/${offset}-${randomBytes(6).toString('hex')}`;
  await (chunk instanceof Uint8Array ? ctx.blobs.put(blobKey, chunk) : ctx.blobs.putFile(blobKey, chunk.path, chunk.size));
  const moved = await ctx.db.transaction(async (tx) => {
    const n = await tx.run('UPDATE uploads SET received = ? WHERE id = ? AND tenant_id = ? AND received = ? AND status = ?', [
      offset + length,
      uploadId,
      caller.tenantId,
      offset,
      'open',
    ]);
    if (n) await tx.run('INSERT INTO upload_chunks (upload_id, offset_bytes, length, blob_key) VALUES (?, ?, ?, ?)', [uploadId, offset, length, blobKey]);
    return n;
  });
  if (moved) return toStatus(await load(ctx, caller, uploadId));
  // Another request stored this offset first: ours was a concurrent retry, or a conflict.
  await ctx.blobs.delete(blobKey);
  const now = await load(ctx, caller, uploadId);
  if (now.status === 'completed') return toStatus(now);
  if (offset + length > now.received) throw new InkstoneError('EVIDENCE_UPLOAD_OFFSET_MISMATCH', { expected: now.received, actual: offset });
  await checkSameAsStored(ctx, uploadId, offset, chunk);
  return toStatus(now);
}

/** The stored chunks in order, as one stream of bytes. */
async function* chunkStream(ctx: ServiceContext, uploadId: string, size: number): AsyncGenerator<Uint8Array> {
  const chunks = await ctx.db.all<{ offset_bytes: number; length: number; blob_key: string }>(
    'SELECT offset_bytes, length, blob_key FROM upload_chunks WHERE upload_id = ? ORDER BY offset_bytes',
    [uploadId],
  );
  let at = 0;
  for (const c of chunks) {
    const stream = c.offset_bytes === at ? await ctx.blobs.open(c.blob_key) : null;
    if (!stream) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `upload ${uploadId} lost its chunk at ${at}` });
    let length = 0;
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      length += bytes.length;
      yield bytes;
    }
    if (length !== c.length) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `upload ${uploadId} lost bytes of its chunk at ${at}` });
    at += c.length;
  }
  if (at !== size) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `upload ${uploadId} holds ${at} of ${size} bytes` });
}

/** Assemble the chunks (streamed to one file, hashed as they pass), check size and hash, and log the document — once. */
export async function completeUpload(ctx: ServiceContext, caller: Caller, uploadId: string): Promise<UploadStatus> {
  const row = await load(ctx, caller, uploadId);
  if (row.status === 'completed') return toStatus(row);
  if (row.received !== row.size) throw new InkstoneError('EVIDENCE_UPLOAD_INCOMPLETE', { received: row.received, size: row.size });
  let whole: SpooledFile;
  try {
    whole = await ctx.spool.take(chunkStream(ctx, uploadId, row.size), MAX_DOCUMENT_BYTES);
  } catch (err) {
    // A racing completion finished first and removed the chunks.
    const now = await load(ctx, caller, uploadId);
    if (now.status === 'completed') return toStatus(now);
    throw err;
  }
  try {
    if (row.sha256 && row.sha256 !== whole.sha256) throw new InkstoneError('EVIDENCE_UPLOAD_HASH_MISMATCH', { expected: row.sha256, actual: whole.sha256 });
    const params = JSON.parse(row.params) as UploadParams;
    await submitDocument(
      ctx,
      caller,
      whole,
      { event: params.event, claimedTime: params.claimedTime, chainKey: params.chainKey, filename: params.filename },
      {
        // Racing completions log one entry.
        idempotency: { key: uploadCompletionKey(uploadId), requestHash: whole.sha256 },
        alsoInTransaction: async (tx, _entry, response) => {
          await tx.run('UPDATE uploads SET status = ?, result = ? WHERE id = ?', ['completed', JSON.stringify(response), uploadId]);
        },
      },
    );
  } finally {
    await ctx.spool.discard(whole);
  }
  const chunks = await ctx.db.all<{ blob_key: string }>('SELECT blob_key FROM upload_chunks WHERE upload_id = ?', [uploadId]);
  for (const c of chunks) await ctx.blobs.delete(c.blob_key).catch(() => undefined);
  return toStatus(await load(ctx, caller, uploadId));
}
