import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import type { EvidenceService } from '../service.js';
import type { SpooledFile } from '../spool.js';
import { admittedCaller, DEFAULT_ADMISSION, registerAdmission, type RateLimit } from './admission.js';
import { buildOpenApi } from './openapi.js';
import { allRoutes, type RouteRequest, type RouteSpec } from './routes/index.js';

/**
 * The HTTP face of the service (Fastify). Each request: authenticate on its headers and count it
 * against its rate limit (admission.ts) → role check → only then read the body (JSON: ≤ 1 MiB in
 * memory; PDFs and chunks: streamed to a spool file, cut off at the route's limit) → schema
 * validation → handler. Every failure leaves as `{ error: { code, message, details } }` with a status
 * derived from the code, and nothing internal is ever sent. Logs are structured JSON without tokens,
 * bodies or purposes.
 */
export interface HttpOptions {
  readonly version: string;
  readonly rateLimit?: RateLimit;
  readonly publicRateLimit?: RateLimit;
  /** Failed authentications allowed per client address per minute. */
  readonly failedAuthPerMinute?: number;
  readonly timeouts?: Partial<HttpTimeouts>;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  /** false for silence (tests), true for JSON logs on stdout. */
  readonly logger?: boolean;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  readonly trustProxy?: boolean;
}

export interface HttpTimeouts {
  /** The request line and headers must arrive within this (slow-loris connections are dropped). */
  readonly headersMs: number;
  /** The whole request, body included (a 256 MiB PDF at 1 MB/s fits). */
  readonly requestMs: number;
  /** A connection silent this long is closed (above the longest receipt wait, 30 s, and the keep-alive timeout). */
  readonly idleMs: number;
  /**
   * An idle keep-alive connection is closed after this: longer than load balancers keep theirs (60 s),
   * so a client never sends on a connection the service has just closed.
   */
  readonly keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 300_000, idleMs: 75_000, keepAliveMs: 72_000 };

/** How long the unread body of a refused request is discarded before the connection is closed. */
const REFUSED_BODY_LINGER_MS = 1000;

/** JSON request bodies (everything but PDFs and chunks) are small. */
const JSON_BODY_LIMIT = 1024 * 1024;

const STATUS: Partial<Record<ErrorCode, number>> = {
  EVIDENCE_UNAUTHENTICATED: 401,
  EVIDENCE_FORBIDDEN: 403,
  EVIDENCE_TENANT_ENDED: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  USAGE: 400,
  EVIDENCE_HEADER_INVALID: 400,
  EVIDENCE_NUMBER_INVALID: 400,
  EVIDENCE_NOT_A_PDF: 400,
  EVIDENCE_PURPOSE_REQUIRED: 400,
  EVIDENCE_RECEIPT_MALFORMED: 400,
  EVIDENCE_STATEMENT_INVALID: 400,
  EVIDENCE_REQUEST_TIMEOUT: 408,
  EVIDENCE_UPLOAD_OFFSET_MISMATCH: 409,
  EVIDENCE_UPLOAD_CHUNK_CONFLICT: 409,
  EVIDENCE_UPLOAD_INCOMPLETE: 409,
  EVIDENCE_RETENTION_ACTIVE: 409,
  EVIDENCE_LEGAL_HOLD: 409,
  EVIDENCE_BODY_TOO_LARGE: 413,
  EVIDENCE_DOCUMENT_TOO_LARGE: 413,
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

function errorBody(code: ErrorCode | 'INTERNAL', message: string, details: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: { code, message, details } });
}

/**
 * Requests Node refuses before Fastify sees them (malformed request line or headers, headers or body
 * too slow): the same typed error shape, and the connection closed.
 */
function refuseClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  // The client may still be sending (a slow-loris never stops): answer, then drop the connection.
  const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_HEADERS_TIMEOUT';
  const e = timeout
    ? new InkstoneError('EVIDENCE_REQUEST_TIMEOUT', { reason: err.code === 'ERR_HTTP_HEADERS_TIMEOUT' ? 'headers' : 'request' })
    : new InkstoneError('INVALID_INPUT', { issues: 'malformed HTTP request' });
  const status = timeout ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = errorBody(e.code, e.message, { ...e.details });
  socket.write(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

export async function createHttpApp(
  service: EvidenceService,
  options: HttpOptions,
): Promise<{ app: FastifyInstance; routes: readonly RouteSpec[]; openapi: Record<string, unknown> }> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  // headersTimeout and requestTimeout are checked every connectionsCheckingInterval (default 30 s).
  const serverOptions = { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: 1000 };
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
    bodyLimit: JSON_BODY_LIMIT,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    clientErrorHandler: refuseClientError,
    // Refusals of the router itself (a path with bad percent-encoding) take the same typed shape.
    frameworkErrors: (err: unknown, req: FastifyRequest, reply: FastifyReply) => sendError(reply, err, req),
    http: serverOptions,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key, ...serverOptions } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  const admit = await registerAdmission(app, service, {
    perToken: options.rateLimit ?? DEFAULT_ADMISSION.perToken,
    perAddress: options.publicRateLimit ?? DEFAULT_ADMISSION.perAddress,
    failedAuthPerMinute: options.failedAuthPerMinute ?? DEFAULT_ADMISSION.failedAuthPerMinute,
  });

  // PDFs and chunks go to disk as they arrive, never past the route's limit (parsed only after admission).
  app.addContentTypeParser(['application/pdf', 'application/octet-stream', 'application/timestamp-query'], (req: FastifyRequest, payload: IncomingMessage) =>
    service.ctx.spool.take(payload, req.routeOptions.bodyLimit ?? JSON_BODY_LIMIT),
  );

  let openapi: Record<string, unknown> = {};
  const routes = allRoutes(service, () => openapi);
  openapi = buildOpenApi(routes, { version: options.version, origin: service.ctx.identity.origin });

  const sendError = (reply: FastifyReply, err: unknown, req: FastifyRequest) => {
    // Refused before its body was read: Node discards the rest (nothing is buffered) while the client
    // reads the answer, and a client that keeps sending is cut off a moment later. (Closing at once
    // would reset the connection under the client and could lose the answer.)
    if (!req.raw.complete) {
      reply.raw.once('finish', () => setTimeout(() => req.raw.complete || req.raw.socket?.destroy(), REFUSED_BODY_LINGER_MS).unref());
    }
    const e = err instanceof InkstoneError ? err : null;
    if (!e) {
      const fastifyErr = err as { statusCode?: number; code?: string; message?: string };
      if (fastifyErr?.statusCode && fastifyErr.statusCode < 500) {
        // Fastify's own refusals: bad JSON, unsupported media type, malformed URL.
        return reply
          .status(fastifyErr.statusCode)
          .type('application/json; charset=utf-8')
          .send(errorBody('INVALID_INPUT', fastifyErr.message ?? 'invalid request'));
      }
      req.log.error({ err }, 'unexpected error');
      return reply.status(500).type('application/json; charset=utf-8').send(errorBody('INTERNAL', 'Internal error'));
    }
    const status = STATUS[e.code] ?? 500;
    if (status >= 500) req.log.error({ code: e.code, details: e.details }, e.message);
    if (e.code === 'EVIDENCE_UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer');
    if (e.code === 'EVIDENCE_RATE_LIMITED') reply.header('retry-after', String(e.details.retryAfterSeconds));
    return reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(errorBody(e.code, e.message, { ...e.details }));
  };
  app.setErrorHandler((err, req, reply) => sendError(reply, err, req));
  app.setNotFoundHandler((req, reply) => sendError(reply, new InkstoneError('NOT_FOUND', { what: 'route' }), req));

  for (const route of routes) {
    const hooks = admit(route);
    app.route({
      method: route.method,
      url: fastifyPath(route.path),
      bodyLimit: route.body?.kind === 'binary' ? route.body.maxBytes : JSON_BODY_LIMIT,
      onRequest: [hooks.onRequest],
      preParsing: [hooks.preParsing],
      handler: async (req, reply) => {
        const spooled = route.body?.kind === 'binary' && req.body && typeof req.body === 'object' && 'sha256' in req.body ? (req.body as SpooledFile) : null;
        try {
          const rawParams = { ...(req.params as Record<string, unknown>) };
          if ('*' in rawParams) rawParams['path*'] = rawParams['*'];
          let body: unknown = req.body;
          if (route.body?.kind === 'binary') {
            if (!spooled) throw new InkstoneError('INVALID_INPUT', { issues: `send the bytes as ${route.body.contentTypes.join(' or ')}` });
          } else if (route.body?.kind === 'json') {
            body = parse(route.body.schema, body);
          }
          const request: RouteRequest = {
            caller: admittedCaller(req),
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
        } finally {
          if (spooled) await service.ctx.spool.discard(spooled);
        }
      },
    });
  }
  return { app, routes, openapi };
}
