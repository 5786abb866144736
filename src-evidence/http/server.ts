import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import type { EvidenceService } from '../service.js';
import { authenticate, requireRole } from '../tenancy/index.js';
import { buildOpenApi } from './openapi.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { evidenceRoutes, type RouteRequest, type RouteSpec } from './routes.js';

/**
 * The HTTP face of the service (Fastify). Each request: rate limit → authenticate (tenant routes) →
 * role check → schema validation → handler; every failure leaves as `{ error: { code, message,
 * details } }` with a status derived from the code, and nothing internal is ever sent. Logs are
 * structured JSON without tokens, bodies or purposes.
 */
export interface HttpOptions {
  readonly version: string;
  readonly rateLimit?: RateLimit;
  readonly publicRateLimit?: RateLimit;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  /** false for silence (tests), true for JSON logs on stdout. */
  readonly logger?: boolean;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  readonly trustProxy?: boolean;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  EVIDENCE_UNAUTHENTICATED: 401,
  EVIDENCE_FORBIDDEN: 403,
  EVIDENCE_TENANT_ENDED: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  USAGE: 400,
  EVIDENCE_NUMBER_INVALID: 400,
  EVIDENCE_NOT_A_PDF: 400,
  EVIDENCE_PURPOSE_REQUIRED: 400,
  EVIDENCE_RECEIPT_MALFORMED: 400,
  EVIDENCE_STATEMENT_INVALID: 400,
  EVIDENCE_UPLOAD_OFFSET_MISMATCH: 409,
  EVIDENCE_UPLOAD_INCOMPLETE: 409,
  EVIDENCE_RETENTION_ACTIVE: 409,
  EVIDENCE_LEGAL_HOLD: 409,
  EVIDENCE_IDEMPOTENCY_MISMATCH: 422,
  EVIDENCE_UPLOAD_HASH_MISMATCH: 422,
  EVIDENCE_RATE_LIMITED: 429,
  EVIDENCE_SERVICE_STOPPING: 503,
};

function fastifyPath(path: string): string {
  return path.replace('{path*}', '*').replace(/\{(\w+)\}/gu, ':$1');
}

function issuesOf(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new InkstoneError('INVALID_INPUT', { issues: issuesOf(r.error) });
  return r.data;
}

export async function createHttpApp(
  service: EvidenceService,
  options: HttpOptions,
): Promise<{ app: FastifyInstance; routes: readonly RouteSpec[]; openapi: Record<string, unknown> }> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          // Method, path and client only: query strings carry file names and contract keys, headers carry tokens.
          serializers: {
            req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], remoteAddress: req.ip }),
          },
        }
      : false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  const tenantLimiter = new RateLimiter(options.rateLimit ?? { perSecond: 200, burst: 400 });
  const publicLimiter = new RateLimiter(options.publicRateLimit ?? { perSecond: 50, burst: 100 });

  app.addContentTypeParser(['application/pdf', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  let openapi: Record<string, unknown> = {};
  const routes = evidenceRoutes(service, () => openapi);
  openapi = buildOpenApi(routes, { version: options.version, origin: service.ctx.identity.origin });

  const sendError = (reply: FastifyReply, err: unknown, req: FastifyRequest) => {
    const e = err instanceof InkstoneError ? err : null;
    if (!e) {
      const fastifyErr = err as { statusCode?: number; code?: string; message?: string };
      if (fastifyErr?.statusCode && fastifyErr.statusCode < 500) {
        // Fastify's own refusals: body too large, bad JSON, unsupported media type.
        return reply.status(fastifyErr.statusCode).send({ error: { code: 'INVALID_INPUT', message: fastifyErr.message ?? 'invalid request', details: {} } });
      }
      req.log.error({ err }, 'unexpected error');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error', details: {} } });
    }
    const status = STATUS[e.code] ?? 500;
    if (status >= 500) req.log.error({ code: e.code, details: e.details }, e.message);
    if (e.code === 'EVIDENCE_UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer');
    if (e.code === 'EVIDENCE_RATE_LIMITED') reply.header('retry-after', String(e.details.retryAfterSeconds));
    return reply.status(status).send({ error: { code: e.code, message: e.message, details: e.details } });
  };
  app.setErrorHandler((err, req, reply) => sendError(reply, err, req));
  app.setNotFoundHandler((req, reply) => sendError(reply, new InkstoneError('NOT_FOUND', { what: 'route' }), req));

  for (const route of routes) {
    const bodyLimit = route.body?.kind === 'binary' ? route.body.maxBytes + 1024 : undefined;
    app.route({
      method: route.method,
      url: fastifyPath(route.path),
      ...(bodyLimit ? { bodyLimit } : {}),
      handler: async (req, reply) => {
        try {
          let caller = null;
          if (route.auth === 'tenant') {
            caller = await authenticate(service.ctx, req.headers.authorization);
            const wait = tenantLimiter.take(`t:${caller.tokenId}`);
            if (wait) throw new InkstoneError('EVIDENCE_RATE_LIMITED', { retryAfterSeconds: wait });
            requireRole(caller, route.roles ?? [], route.operationId);
          } else {
            const wait = publicLimiter.take(`ip:${req.ip}`);
            if (wait) throw new InkstoneError('EVIDENCE_RATE_LIMITED', { retryAfterSeconds: wait });
          }
          const rawParams = { ...(req.params as Record<string, unknown>) };
          if ('*' in rawParams) rawParams['path*'] = rawParams['*'];
          let body: unknown = req.body;
          if (route.body?.kind === 'binary') {
            if (!Buffer.isBuffer(body)) throw new InkstoneError('INVALID_INPUT', { issues: `send the bytes as ${route.body.contentTypes.join(' or ')}` });
          } else if (route.body?.kind === 'json') {
            body = parse(route.body.schema, body);
          }
          const request: RouteRequest = {
            caller,
            params: route.params ? parse(route.params, rawParams) : rawParams,
            query: parse(route.query, req.query) as Record<string, unknown>,
            body,
            headers: req.headers,
            ip: req.ip,
          };
          const result = await route.handler(request);
          reply.status(result.status ?? 200);
          for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
          reply.header('x-content-type-options', 'nosniff');
          if (route.path === '/verify') reply.header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
          if (result.status === 204) return reply.send();
          if (result.bytes !== undefined) return reply.type(result.contentType ?? 'application/octet-stream').send(result.bytes);
          return reply.type('application/json; charset=utf-8').send(JSON.stringify(result.json));
        } catch (err) {
          return sendError(reply, err, req);
        }
      },
    });
  }
  return { app, routes, openapi };
}
