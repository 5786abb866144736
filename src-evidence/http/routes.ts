import type { z } from 'zod';
import { renderEvidenceCertificate, verifyReceipt } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { readAccessLog, recordAccess } from '../access-log.js';
import type { Caller, Role } from '../context.js';
import { deleteDocument, getDocument, listDocuments, readDocumentContent, setLegalHold } from '../documents/library.js';
import { submitCommitment, submitDocument, type EvidenceAck } from '../documents/submit.js';
import { completeUpload, createUpload, putChunk, uploadStatus, MAX_CHUNK_BYTES } from '../documents/uploads.js';
import { parseTilePath } from '../log/tiles.js';
import type { EvidenceService } from '../service.js';
import { createPrincipal, endTenantService, issueToken, listPrincipals, revokeToken } from '../tenancy/index.js';
import * as S from './schemas.js';
import { VERIFY_PAGE_HTML, VERIFY_PAGE_SCRIPT } from './verify-page.js';

/**
 * Every route of the evidence API, in one table: the HTTP server registers them from it and the
 * OpenAPI document is generated from it, and the isolation test walks it — a route cannot exist
 * without being documented and tested for tenant isolation.
 *
 * `auth: 'public'` routes serve the transparency log itself (checkpoints, tiles, proofs, lookups by
 * evidence number, the verification page): data that is public by design, holding no tenant names,
 * document hashes or salts. Everything else needs a tenant token and filters by its tenant.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteRequest {
  readonly caller: Caller | null;
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly ip: string;
}

export interface RouteResult {
  readonly status?: number;
  readonly json?: unknown;
  readonly bytes?: Buffer | string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export interface RouteSpec {
  readonly method: HttpMethod;
  /** OpenAPI form: `/v1/documents/{id}`; `{path*}` takes the rest of the path. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: 'log' | 'verification' | 'evidence' | 'documents' | 'uploads' | 'tenant' | 'service';
  readonly auth: 'tenant' | 'public';
  readonly roles?: readonly Role[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?:
    { readonly kind: 'json'; readonly schema: z.ZodType } | { readonly kind: 'binary'; readonly contentTypes: readonly string[]; readonly maxBytes: number };
  /** Headers the route reads (documented). */
  readonly headers?: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly description: string }>;
  readonly responses: Readonly<Record<number, { readonly description: string; readonly contentType?: string; readonly schema?: z.ZodType }>>;
  handler(req: RouteRequest): Promise<RouteResult>;
}

const ALL: readonly Role[] = ['admin', 'member', 'auditor'];
const WRITERS: readonly Role[] = ['admin', 'member'];
const ADMIN: readonly Role[] = ['admin'];
const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Any unique string (≤ 200 chars). A retried request with the same key returns the first answer and creates nothing new.',
};
const PURPOSE_OPTIONAL = { name: 'X-Inkstone-Purpose', required: false, description: 'Why the caller reads this; recorded in the access log.' };
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

function header(req: RouteRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function idempotencyKey(req: RouteRequest): string | undefined {
  const key = header(req, 'idempotency-key');
  if (key !== undefined && (!key.length || key.length > 200 || [...key].some((c) => c.charCodeAt(0) < 0x20))) {
    throw new InkstoneError('INVALID_INPUT', { issues: 'Idempotency-Key must be 1 to 200 printable characters' });
  }
  return key;
}

function purpose(req: RouteRequest): string | undefined {
  const p = header(req, 'x-inkstone-purpose');
  return p ? decodeURIComponent(p) : undefined;
}

function caller(req: RouteRequest): Caller {
  if (!req.caller) throw new InkstoneError('EVIDENCE_UNAUTHENTICATED', {});
  return req.caller;
}

const str = (v: unknown) => v as string;

export function evidenceRoutes(service: EvidenceService, openapi: () => unknown): RouteSpec[] {
  const { ctx, receipts } = service;
  const audit = (req: RouteRequest, action: Parameters<typeof recordAccess>[2], subject: string) =>
    recordAccess(ctx, caller(req), action, subject, purpose(req), req.ip);
  /** With `receiptWaitMs`, a submission answers with its receipt as well (null if the checkpoint is late). */
  const withReceipt = async (req: RouteRequest, ack: EvidenceAck, waitMs: number) => {
    if (!waitMs) return ack;
    try {
      const receipt = await receipts.receiptOfAck(ack, waitMs);
      await audit(req, 'receipt.read', receipt.evidenceNumber);
      return { ...ack, receipt };
    } catch (err) {
      if (err instanceof InkstoneError && err.code === 'EVIDENCE_RECEIPT_PENDING') return { ...ack, receipt: null };
      throw err;
    }
  };

  return [
    // ── Service and public transparency surface ──────────────────────────────────────────────
    {
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This API, as an OpenAPI 3.1 document',
      tag: 'service',
      auth: 'public',
      responses: { 200: { description: 'OpenAPI document', contentType: 'application/json' } },
      handler: async () => ({ json: openapi() }),
    },
    {
      method: 'GET',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'Liveness and the log size',
      tag: 'service',
      auth: 'public',
      responses: { 200: { description: 'Service is up' } },
      handler: async () => {
        const cp = await receipts.latestCheckpoint();
        return { json: { status: 'ok', origin: ctx.identity.origin, treeSize: cp?.size ?? 0 } };
      },
    },
    {
      method: 'GET',
      path: '/',
      operationId: 'getRoot',
      summary: 'Redirects to the verification page',
      tag: 'verification',
      auth: 'public',
      responses: { 302: { description: 'Location: /verify' } },
      handler: async () => ({ status: 302, headers: { location: '/verify' }, bytes: '', contentType: 'text/plain' }),
    },
    {
      method: 'GET',
      path: '/verify',
      operationId: 'getVerifyPage',
      summary: 'Verification page: drop a PDF and its receipt, or type an evidence number',
      tag: 'verification',
      auth: 'public',
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: async () => ({ bytes: VERIFY_PAGE_HTML, contentType: 'text/html; charset=utf-8' }),
    },
    {
      method: 'GET',
      path: '/verify.js',
      operationId: 'getVerifyScript',
      summary: 'Script of the verification page',
      tag: 'verification',
      auth: 'public',
      responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
      handler: async () => ({ bytes: VERIFY_PAGE_SCRIPT, contentType: 'text/javascript; charset=utf-8' }),
    },
    {
      method: 'GET',
      path: '/v1/log',
      operationId: 'getLogInfo',
      summary: 'The log’s identity: origin, verifier key, log id, TSA chain, newest checkpoint',
      tag: 'log',
      auth: 'public',
      responses: { 200: { description: 'Log identity' } },
      handler: async () => {
        const cp = await receipts.latestCheckpoint();
        return {
          json: {
            origin: ctx.identity.origin,
            logId: ctx.identity.logId,
            verifierKey: ctx.identity.verifierKey,
            tsaCertificates: (service.builtinTsa?.chain ?? []).map((c) => c.toString('base64')),
            checkpoint: cp?.note ?? null,
            treeSize: cp?.size ?? 0,
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/log/checkpoint',
      operationId: 'getCheckpoint',
      summary: 'Newest signed checkpoint (C2SP tlog-checkpoint)',
      tag: 'log',
      auth: 'public',
      responses: { 200: { description: 'Signed note', contentType: 'text/plain' }, 404: { description: 'Nothing logged yet' } },
      handler: async () => {
        const cp = await receipts.latestCheckpoint();
        if (!cp) throw new InkstoneError('NOT_FOUND', { what: 'checkpoint' });
        return { bytes: cp.note, contentType: 'text/plain; charset=utf-8', headers: { 'cache-control': 'no-cache' } };
      },
    },
    {
      method: 'GET',
      path: '/log/tile/{path*}',
      operationId: 'getTile',
      summary: 'C2SP tlog-tiles: hash tiles `tile/<L>/<N>[.p/<W>]` and entry bundles `tile/entries/<N>[.p/<W>]`',
      tag: 'log',
      auth: 'public',
      responses: { 200: { description: 'Tile bytes', contentType: 'application/octet-stream' }, 404: { description: 'No such tile' } },
      handler: async (req) => {
        const t = parseTilePath(str(req.params['path*'] ?? req.params.path));
        const bytes = t.level === 'entries' ? await receipts.entryBundle(t.index, t.width) : await ctx.tiles.tileBytes(t.level, t.index, t.width);
        if (!bytes) throw new InkstoneError('NOT_FOUND', { what: 'tile' });
        // Full tiles never change; partial ones are replaced by wider ones.
        const immutable = t.width === 256 ? 'public, max-age=31536000, immutable' : 'public, max-age=60';
        return { bytes, contentType: 'application/octet-stream', headers: { 'cache-control': immutable } };
      },
    },
    {
      method: 'GET',
      path: '/v1/log/consistency',
      operationId: 'getConsistencyProof',
      summary: 'RFC 9162 consistency proof between two tree sizes',
      tag: 'log',
      auth: 'public',
      query: S.ConsistencyQuery,
      responses: { 200: { description: 'Proof hashes (hex)' }, 400: { description: 'Sizes out of range', schema: S.ErrorSchema } },
      handler: async (req) => {
        const q = req.query as z.infer<typeof S.ConsistencyQuery>;
        return { json: { first: q.first, second: q.second, hashes: await receipts.consistency(q.first, q.second) } };
      },
    },
    {
      method: 'GET',
      path: '/v1/evidence/{number}',
      operationId: 'lookupEvidence',
      summary: 'Public lookup by evidence number: the log entry, its inclusion proof, checkpoint and timestamp (no document hash or salt)',
      tag: 'verification',
      auth: 'public',
      params: S.EvidenceNumberParams,
      responses: {
        200: { description: 'Receipt without the document opening', schema: S.ReceiptSchema },
        404: { description: 'No such entry (yet)', schema: S.ErrorSchema },
      },
      handler: async (req) => ({ json: await receipts.lookup(str(req.params.number)) }),
    },
    {
      method: 'POST',
      path: '/v1/verify',
      operationId: 'verifyReceipt',
      summary: 'Verify a receipt (and optionally a document hash) with the same code the desktop runs offline',
      tag: 'verification',
      auth: 'public',
      body: { kind: 'json', schema: S.VerifyBody },
      responses: { 200: { description: 'Verification result with every check' } },
      handler: async (req) => {
        const b = req.body as z.infer<typeof S.VerifyBody>;
        const result = await verifyReceipt(b.receipt, {
          document: b.documentSha256 ? { sha256: b.documentSha256 } : undefined,
          trustedLogKeys: [ctx.identity.verifierKey],
        });
        return { json: result };
      },
    },

    // ── Tenant: who am I, principals and tokens ─────────────────────────────────────────────
    {
      method: 'GET',
      path: '/v1/me',
      operationId: 'getMe',
      summary: 'The caller: tenant, principal, role',
      tag: 'tenant',
      auth: 'tenant',
      roles: ALL,
      responses: { 200: { description: 'Caller' } },
      handler: async (req) => {
        const c = caller(req);
        return { json: { tenantId: c.tenantId, principalId: c.principalId, role: c.role, tokenId: c.tokenId, serviceEndedAt: c.serviceEndedAt } };
      },
    },
    {
      method: 'GET',
      path: '/v1/principals',
      operationId: 'listPrincipals',
      summary: 'Users and devices of the tenant, with their tokens (ids only)',
      tag: 'tenant',
      auth: 'tenant',
      roles: ADMIN,
      responses: { 200: { description: 'Principals' } },
      handler: async (req) => ({ json: { principals: await listPrincipals(ctx, caller(req).tenantId) } }),
    },
    {
      method: 'POST',
      path: '/v1/principals',
      operationId: 'createPrincipal',
      summary: 'Add a user or device and issue its first token (shown once)',
      tag: 'tenant',
      auth: 'tenant',
      roles: ADMIN,
      body: { kind: 'json', schema: S.CreatePrincipalBody },
      responses: { 201: { description: 'Principal and token' } },
      handler: async (req) => ({ status: 201, json: await createPrincipal(ctx, caller(req).tenantId, req.body as z.infer<typeof S.CreatePrincipalBody>) }),
    },
    {
      method: 'POST',
      path: '/v1/principals/{id}/tokens',
      operationId: 'issueToken',
      summary: 'Issue another token for a principal (shown once)',
      tag: 'tenant',
      auth: 'tenant',
      roles: ADMIN,
      params: S.IdParams,
      responses: { 201: { description: 'Token' }, 404: { description: 'No such principal in this tenant', schema: S.ErrorSchema } },
      handler: async (req) => ({ status: 201, json: await issueToken(ctx, caller(req).tenantId, str(req.params.id)) }),
    },
    {
      method: 'DELETE',
      path: '/v1/tokens/{id}',
      operationId: 'revokeToken',
      summary: 'Revoke a token',
      tag: 'tenant',
      auth: 'tenant',
      roles: ADMIN,
      params: S.IdParams,
      responses: { 204: { description: 'Revoked' }, 404: { description: 'No such token in this tenant', schema: S.ErrorSchema } },
      handler: async (req) => {
        await revokeToken(ctx, caller(req).tenantId, str(req.params.id));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/tenant/end-service',
      operationId: 'endService',
      summary: 'End the tenant’s service: no new evidence; unsigned documents are deleted after 90 days',
      tag: 'tenant',
      auth: 'tenant',
      roles: ADMIN,
      responses: { 200: { description: 'Tenant with its end date' } },
      handler: async (req) => ({ json: await endTenantService(ctx, caller(req).tenantId) }),
    },
    {
      method: 'GET',
      path: '/v1/access-log',
      operationId: 'readAccessLog',
      summary: 'Who read which document or receipt, when and why',
      tag: 'tenant',
      auth: 'tenant',
      roles: ['admin', 'auditor'],
      query: S.PageQuery,
      responses: { 200: { description: 'Access records, newest first' } },
      handler: async (req) => {
        const q = req.query as z.infer<typeof S.PageQuery>;
        const records = await readAccessLog(ctx, caller(req), q);
        await audit(req, 'access-log.read', 'access-log');
        return { json: { records } };
      },
    },

    // ── Evidence submission ─────────────────────────────────────────────────────────────────
    {
      method: 'POST',
      path: '/v1/documents',
      operationId: 'submitDocument',
      summary: 'Upload a PDF (≤ 256 MiB; larger ones through /v1/uploads) and log a salted commitment to its hash',
      tag: 'evidence',
      auth: 'tenant',
      roles: WRITERS,
      query: S.SubmitDocumentQuery,
      body: { kind: 'binary', contentTypes: ['application/pdf', 'application/octet-stream'], maxBytes: MAX_DOCUMENT_BYTES },
      headers: [IDEMPOTENCY],
      responses: {
        201: { description: 'Entry sequenced (durable)', schema: S.SubmitResultSchema },
        422: { description: 'Idempotency key reused for a different request', schema: S.ErrorSchema },
      },
      handler: async (req) => {
        const { receiptWaitMs, ...q } = req.query as z.infer<typeof S.SubmitDocumentQuery>;
        const ack = await submitDocument(ctx, caller(req), req.body as Buffer, { ...q, idempotencyKey: idempotencyKey(req) });
        return { status: 201, json: await withReceipt(req, ack, receiptWaitMs) };
      },
    },
    {
      method: 'POST',
      path: '/v1/commitments',
      operationId: 'submitCommitment',
      summary: 'Privacy mode: log a salted commitment computed by the client; the service never sees the document or its hash',
      tag: 'evidence',
      auth: 'tenant',
      roles: WRITERS,
      query: S.ReceiptWaitQuery,
      body: { kind: 'json', schema: S.SubmitCommitmentBody },
      headers: [IDEMPOTENCY],
      responses: { 201: { description: 'Entry sequenced (durable)', schema: S.SubmitResultSchema } },
      handler: async (req) => {
        const b = req.body as z.infer<typeof S.SubmitCommitmentBody>;
        const ack = await submitCommitment(ctx, caller(req), b.commitment, { ...b, idempotencyKey: idempotencyKey(req) });
        return { status: 201, json: await withReceipt(req, ack, (req.query as z.infer<typeof S.ReceiptWaitQuery>).receiptWaitMs) };
      },
    },
    {
      method: 'GET',
      path: '/v1/receipts/{number}',
      operationId: 'getReceipt',
      summary: 'The full receipt of one of the tenant’s entries, waiting up to waitMs for its checkpoint',
      tag: 'evidence',
      auth: 'tenant',
      roles: ALL,
      params: S.EvidenceNumberParams,
      query: S.ReceiptQuery,
      headers: [PURPOSE_OPTIONAL],
      responses: {
        200: { description: 'Receipt', schema: S.ReceiptSchema },
        202: { description: 'Sequenced, not yet in a checkpoint: ask again', schema: S.PendingSchema },
      },
      handler: async (req) => {
        const q = req.query as z.infer<typeof S.ReceiptQuery>;
        try {
          const receipt = await receipts.receipt(caller(req), str(req.params.number), q.waitMs);
          await audit(req, 'receipt.read', receipt.evidenceNumber);
          return { json: receipt };
        } catch (err) {
          if (err instanceof InkstoneError && err.code === 'EVIDENCE_RECEIPT_PENDING') {
            return { status: 202, json: { status: 'pending', evidenceNumber: err.details.evidenceNumber }, headers: { 'retry-after': '1' } };
          }
          throw err;
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/receipts/{number}/certificate',
      operationId: 'getEvidenceCertificate',
      summary: 'Evidence certificate (出证报告) as PDF, zh-CN or en',
      tag: 'evidence',
      auth: 'tenant',
      roles: ALL,
      params: S.EvidenceNumberParams,
      query: S.CertificateQuery,
      headers: [PURPOSE_OPTIONAL],
      responses: { 200: { description: 'PDF', contentType: 'application/pdf' }, 202: { description: 'Not yet in a checkpoint', schema: S.PendingSchema } },
      handler: async (req) => {
        const q = req.query as z.infer<typeof S.CertificateQuery>;
        const receipt = await receipts.receipt(caller(req), str(req.params.number), 0);
        const pdf = await renderEvidenceCertificate(receipt, { lang: q.lang, trustedLogKeys: [ctx.identity.verifierKey] });
        await audit(req, 'certificate.read', receipt.evidenceNumber);
        return {
          bytes: Buffer.from(pdf),
          contentType: 'application/pdf',
          headers: { 'content-disposition': `attachment; filename="evidence-${receipt.evidenceNumber}.pdf"` },
        };
      },
    },

    // ── Resumable uploads ───────────────────────────────────────────────────────────────────
    {
      method: 'POST',
      path: '/v1/uploads',
      operationId: 'createUpload',
      summary: 'Start a resumable upload',
      tag: 'uploads',
      auth: 'tenant',
      roles: WRITERS,
      body: { kind: 'json', schema: S.CreateUploadBody },
      headers: [IDEMPOTENCY],
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
      summary: `Send the bytes starting at \`offset\` (≤ ${MAX_CHUNK_BYTES} bytes); a repeated chunk is accepted without effect`,
      tag: 'uploads',
      auth: 'tenant',
      roles: WRITERS,
      params: S.IdParams,
      query: S.ChunkQuery,
      body: { kind: 'binary', contentTypes: ['application/octet-stream'], maxBytes: MAX_CHUNK_BYTES },
      responses: {
        200: { description: 'Upload session', schema: S.UploadStatusSchema },
        409: { description: 'Wrong offset: resume from `expected`', schema: S.ErrorSchema },
      },
      handler: async (req) => {
        const q = req.query as z.infer<typeof S.ChunkQuery>;
        return { json: await putChunk(ctx, caller(req), str(req.params.id), q.offset, req.body as Buffer) };
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

    // ── Stored documents ────────────────────────────────────────────────────────────────────
    {
      method: 'GET',
      path: '/v1/documents',
      operationId: 'listDocuments',
      summary: 'The tenant’s documents, newest first',
      tag: 'documents',
      auth: 'tenant',
      roles: ALL,
      query: S.PageQuery,
      headers: [PURPOSE_OPTIONAL],
      responses: { 200: { description: 'Documents' } },
      handler: async (req) => {
        const documents = await listDocuments(ctx, caller(req), req.query as z.infer<typeof S.PageQuery>);
        await audit(req, 'document.list', `${documents.length} documents`);
        return { json: { documents } };
      },
    },
    {
      method: 'GET',
      path: '/v1/documents/{id}',
      operationId: 'getDocument',
      summary: 'One document’s metadata and evidence numbers',
      tag: 'documents',
      auth: 'tenant',
      roles: ALL,
      params: S.IdParams,
      headers: [PURPOSE_OPTIONAL],
      responses: { 200: { description: 'Document', schema: S.DocumentInfoSchema }, 404: { description: 'Not in this tenant', schema: S.ErrorSchema } },
      handler: async (req) => {
        const doc = await getDocument(ctx, caller(req), str(req.params.id));
        await audit(req, 'document.metadata', doc.id);
        return { json: doc };
      },
    },
    {
      method: 'GET',
      path: '/v1/documents/{id}/content',
      operationId: 'downloadDocument',
      summary: 'Download the PDF; the reader must state a purpose, which is recorded',
      tag: 'documents',
      auth: 'tenant',
      roles: ALL,
      params: S.IdParams,
      headers: [{ name: 'X-Inkstone-Purpose', required: true, description: 'Why the document is disclosed (URL-encoded UTF-8); recorded in the access log.' }],
      responses: { 200: { description: 'PDF', contentType: 'application/pdf' }, 400: { description: 'No purpose given', schema: S.ErrorSchema } },
      handler: async (req) => {
        if (!purpose(req)?.trim()) throw new InkstoneError('EVIDENCE_PURPOSE_REQUIRED', {});
        const { bytes, filename } = await readDocumentContent(ctx, caller(req), str(req.params.id));
        await audit(req, 'document.content', str(req.params.id));
        const name = encodeURIComponent(filename ?? `${str(req.params.id)}.pdf`);
        return { bytes, contentType: 'application/pdf', headers: { 'content-disposition': `attachment; filename*=UTF-8''${name}` } };
      },
    },
    {
      method: 'DELETE',
      path: '/v1/documents/{id}',
      operationId: 'deleteDocument',
      summary: 'Delete a document’s bytes; refused under retention or legal hold',
      tag: 'documents',
      auth: 'tenant',
      roles: ADMIN,
      params: S.IdParams,
      responses: {
        200: { description: 'Document, marked deleted', schema: S.DocumentInfoSchema },
        409: { description: 'Under retention or legal hold', schema: S.ErrorSchema },
      },
      handler: async (req) => ({ json: await deleteDocument(ctx, caller(req), str(req.params.id)) }),
    },
    {
      method: 'PUT',
      path: '/v1/documents/{id}/legal-hold',
      operationId: 'setLegalHold',
      summary: 'Place or lift a legal hold',
      tag: 'documents',
      auth: 'tenant',
      roles: ADMIN,
      params: S.IdParams,
      body: { kind: 'json', schema: S.LegalHoldBody },
      responses: { 200: { description: 'Document', schema: S.DocumentInfoSchema } },
      handler: async (req) => ({ json: await setLegalHold(ctx, caller(req), str(req.params.id), (req.body as z.infer<typeof S.LegalHoldBody>).hold) }),
    },
  ];
}
