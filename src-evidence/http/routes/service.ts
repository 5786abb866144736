import type { EvidenceService } from '../../service.js';
import { VERIFY_PAGE_HTML, VERIFY_PAGE_SCRIPT } from '../verify-page.js';
import type { RouteSpec } from './route.js';

/** The service itself: its API description, liveness, and the verification page anyone may open. */
export function serviceRoutes(service: EvidenceService, openapi: () => unknown): RouteSpec[] {
  const { ctx, receipts } = service;
  return [
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
  ];
}
