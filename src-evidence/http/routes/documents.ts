import type { z } from 'zod';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { deleteDocument, getDocument, listDocuments, readDocumentContent, setLegalHold } from '../../documents/library.js';
import type { EvidenceService } from '../../service.js';
import * as S from '../schemas.js';
import { accessRecorder, ADMIN, ALL, caller, purpose, PURPOSE_OPTIONAL, str, type RouteSpec } from './route.js';

/** The tenant's stored documents: list, metadata, content (with a stated purpose), deletion, legal hold. */
export function documentRoutes(service: EvidenceService): RouteSpec[] {
  const { ctx } = service;
  const audit = accessRecorder(ctx);
  return [
    {
      method: 'GET',
      path: '/v1/documents',
      operationId: 'listDocuments',
      summary: 'The tenant’s documents, newest first',
      tag: 'documents',
      auth: 'tenant',
      roles: ALL,
      query: S.DocumentListQuery,
      headers: [PURPOSE_OPTIONAL],
      responses: { 200: { description: 'Documents' } },
      handler: async (req) => {
        const documents = await listDocuments(ctx, caller(req), req.query as z.infer<typeof S.DocumentListQuery>);
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
        const { stream, size, filename } = await readDocumentContent(ctx, caller(req), str(req.params.id));
        await audit(req, 'document.content', str(req.params.id));
        const name = encodeURIComponent(filename ?? `${str(req.params.id)}.pdf`);
        return {
          bytes: stream,
          contentType: 'application/pdf',
          headers: { 'content-length': String(size), 'content-disposition': `attachment; filename*=UTF-8''${name}` },
        };
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
