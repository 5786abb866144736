import type { z } from 'zod';
import { renderEvidenceCertificate } from '../../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { MAX_DOCUMENT_BYTES, submitCommitment, submitDocument, type EvidenceAck } from '../../documents/submit.js';
import type { EvidenceService } from '../../service.js';
import * as S from '../schemas.js';
import {
  accessRecorder,
  ALL,
  caller,
  IDEMPOTENCY_HEADER,
  idempotencyKey,
  PURPOSE_OPTIONAL,
  spooledBody,
  str,
  WRITERS,
  type RouteRequest,
  type RouteSpec,
} from './route.js';

/** Submitting evidence (a PDF, or a commitment in privacy mode) and reading receipts and certificates. */
export function evidenceRoutes(service: EvidenceService): RouteSpec[] {
  const { ctx, receipts } = service;
  const audit = accessRecorder(ctx);
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
    {
      method: 'POST',
      path: '/v1/documents',
      operationId: 'submitDocument',
      summary: 'Upload a PDF (≤ 256 MiB; over unreliable links use /v1/uploads) and log a salted commitment to its hash',
      tag: 'evidence',
      auth: 'tenant',
      roles: WRITERS,
      query: S.SubmitDocumentQuery,
      body: { kind: 'binary', contentTypes: ['application/pdf', 'application/octet-stream'], maxBytes: MAX_DOCUMENT_BYTES },
      headers: [IDEMPOTENCY_HEADER],
      responses: {
        201: { description: 'Entry sequenced (durable)', schema: S.SubmitResultSchema },
        422: { description: 'Idempotency key reused for a different request', schema: S.ErrorSchema },
      },
      handler: async (req) => {
        const { receiptWaitMs, ...q } = req.query as z.infer<typeof S.SubmitDocumentQuery>;
        const ack = await submitDocument(ctx, caller(req), spooledBody(req), { ...q, idempotencyKey: idempotencyKey(req) });
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
      headers: [IDEMPOTENCY_HEADER],
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
  ];
}
