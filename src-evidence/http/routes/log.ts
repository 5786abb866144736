import type { z } from 'zod';
import { verifyReceipt } from '../../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { parseTilePath } from '../../log/tiles.js';
import type { EvidenceService } from '../../service.js';
import * as S from '../schemas.js';
import { str, type RouteSpec } from './route.js';

/**
 * The public transparency surface: the log's identity, checkpoints, tiles and proofs, lookups by
 * evidence number, receipt verification. Public by design, holding no tenant names, document hashes
 * or salts.
 */
export function logRoutes(service: EvidenceService): RouteSpec[] {
  const { ctx, receipts } = service;
  return [
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
  ];
}
