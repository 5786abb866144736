import type { z } from 'zod';
import { readAccessLog } from '../../access-log.js';
import type { EvidenceService } from '../../service.js';
import { createPrincipal, endTenantService, issueToken, listPrincipals, revokeToken } from '../../tenancy/index.js';
import * as S from '../schemas.js';
import { accessRecorder, ADMIN, ALL, caller, str, type RouteSpec } from './route.js';

/** The tenant's own affairs: who is calling, principals and tokens, ending the service, the access log. */
export function tenantRoutes(service: EvidenceService): RouteSpec[] {
  const { ctx } = service;
  const audit = accessRecorder(ctx);
  return [
    {
      method: 'GET',
      path: '/v1/me',
      operationId: 'getMe',
      summary: 'The caller: tenant, principal (with its name), role',
      tag: 'tenant',
      auth: 'tenant',
      roles: ALL,
      responses: { 200: { description: 'Caller' } },
      handler: async (req) => {
        const c = caller(req);
        return {
          json: {
            tenantId: c.tenantId,
            tenantName: c.tenantName,
            principalId: c.principalId,
            principalName: c.principalName,
            role: c.role,
            tokenId: c.tokenId,
            serviceEndedAt: c.serviceEndedAt,
          },
        };
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
  ];
}
