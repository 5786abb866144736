import type { z } from 'zod';
import { completeUpload, createUpload, putChunk, uploadStatus, MAX_CHUNK_BYTES } from '../../documents/uploads.js';
import type { EvidenceService } from '../../service.js';
import * as S from '../schemas.js';
import { caller, IDEMPOTENCY_HEADER, idempotencyKey, spooledBody, str, WRITERS, type RouteSpec } from './route.js';

/** Resumable uploads: a session, its chunks, its completion. */
export function uploadRoutes(service: EvidenceService): RouteSpec[] {
  const { ctx } = service;
  return [
    {
      method: 'POST',
      path: '/v1/uploads',
      operationId: 'createUpload',
      summary: 'Start a resumable upload',
      tag: 'uploads',
      auth: 'tenant',
      roles: WRITERS,
      body: { kind: 'json', schema: S.CreateUploadBody },
      headers: [IDEMPOTENCY_HEADER],
      responses: { 201: { description: 'Upload session', schema: S.UploadStatusSchema } },
      handler: async (req) => ({
        status: 201,
        json: await createUpload(ctx, caller(req), req.body as z.infer<typeof S.CreateUploadBody>, idempotencyKey(req)),
      }),
    },
    {
      method: 'GET',
      path: '/v1/uploads/{id}',
      operationId: 'getUpload',
      summary: 'Where an upload stands (resume from `received`)',
      tag: 'uploads',
      auth: 'tenant',
      roles: WRITERS,
      params: S.IdParams,
      responses: { 200: { description: 'Upload session', schema: S.UploadStatusSchema } },
      handler: async (req) => ({ json: await uploadStatus(ctx, caller(req), str(req.params.id)) }),
    },
    {
      method: 'PUT',
      path: '/v1/uploads/{id}/chunks',
      operationId: 'putUploadChunk',
      summary: `Send the bytes starting at \`offset\` (≤ ${MAX_CHUNK_BYTES} bytes); a chunk sent again must repeat the stored bytes and is accepted without effect`,
      tag: 'uploads',
      auth: 'tenant',
      roles: WRITERS,
      params: S.IdParams,
      query: S.ChunkQuery,
      body: { kind: 'binary', contentTypes: ['application/octet-stream'], maxBytes: MAX_CHUNK_BYTES },
      responses: {
        200: { description: 'Upload session', schema: S.UploadStatusSchema },
        409: {
          description:
            'Wrong offset (EVIDENCE_UPLOAD_OFFSET_MISMATCH: resume from `expected`), or bytes that differ from those already stored there (EVIDENCE_UPLOAD_CHUNK_CONFLICT)',
          schema: S.ErrorSchema,
        },
      },
      handler: async (req) => {
        const q = req.query as z.infer<typeof S.ChunkQuery>;
        return { json: await putChunk(ctx, caller(req), str(req.params.id), q.offset, spooledBody(req)) };
      },
    },
    {
      method: 'POST',
      path: '/v1/uploads/{id}/complete',
      operationId: 'completeUpload',
      summary: 'Finish an upload: check size and hash, keep the document, log it (once, however often retried)',
      tag: 'uploads',
      auth: 'tenant',
      roles: WRITERS,
      params: S.IdParams,
      responses: { 200: { description: 'Completed session with its entry', schema: S.UploadStatusSchema } },
      handler: async (req) => ({ json: await completeUpload(ctx, caller(req), str(req.params.id)) }),
    },
  ];
}
