import type { z } from 'zod';
import { readChanges, recordChanges } from '../../changes/index.js';
import type { EvidenceService } from '../../service.js';
import * as S from '../schemas.js';
import { ALL, caller, WRITERS, type RouteSpec } from './route.js';

/** The team library's change feed: desktops push what their library recorded and pull the others'. */
export function changeRoutes(service: EvidenceService): RouteSpec[] {
  const { ctx } = service;
  return [
    {
      method: 'POST',
      path: '/v1/changes',
      operationId: 'pushChanges',
      summary: 'Record library changes, in order; each key is recorded once, a key sent again is acknowledged with its first number',
      tag: 'changes',
      auth: 'tenant',
      roles: WRITERS,
      body: { kind: 'json', schema: S.PushChangesBody },
      responses: {
        200: { description: 'The sequence number of every change, in the order sent', schema: S.ChangeAcksSchema },
        422: { description: 'A key already recorded with different content (EVIDENCE_IDEMPOTENCY_MISMATCH)', schema: S.ErrorSchema },
      },
      handler: async (req) => ({ json: { acks: await recordChanges(ctx, caller(req), (req.body as z.infer<typeof S.PushChangesBody>).changes) } }),
    },
    {
      method: 'GET',
      path: '/v1/changes',
      operationId: 'pullChanges',
      summary: 'The tenant’s library changes after a cursor, in the service’s order, with who made each',
      tag: 'changes',
      auth: 'tenant',
      roles: ALL,
      query: S.PullChangesQuery,
      responses: { 200: { description: 'Changes, the cursor to continue from, and whether more wait', schema: S.ChangePageSchema } },
      handler: async (req) => ({ json: await readChanges(ctx, caller(req), req.query as z.infer<typeof S.PullChangesQuery>) }),
    },
  ];
}
