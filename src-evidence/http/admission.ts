import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler, preParsingAsyncHookHandler } from 'fastify';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { Caller } from '../context.js';
import type { EvidenceService } from '../service.js';
import { authenticate, requireRole } from '../tenancy/index.js';
import type { RouteSpec } from './routes/index.js';

/**
 * Who gets in, decided on the request line and headers alone — before a single byte of the body is
 * read, so a caller without a valid token costs the service a header parse and at most one indexed
 * lookup, never a buffered upload:
 *
 *   onRequest   authenticate the token (tenant routes), then @fastify/rate-limit counts the request
 *               against its token, or, when authentication failed, against the failures of its
 *               address (a few a minute), or, on public routes, against its address;
 *   preParsing  refuse a failed authentication (401) or a role the route does not allow (403).
 *
 * Limits are in memory, per instance; with several instances each enforces its own share.
 */

export interface RateLimit {
  /** Sustained requests per second. */
  readonly perSecond: number;
  /** Requests allowed in a burst. */
  readonly burst: number;
}

export interface AdmissionLimits {
  /** Per API token. */
  readonly perToken: RateLimit;
  /** Per client address, on the public routes. */
  readonly perAddress: RateLimit;
  /** Failed authentications per client address per minute. */
  readonly failedAuthPerMinute: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = {
  perToken: { perSecond: 200, burst: 400 },
  perAddress: { perSecond: 50, burst: 100 },
  failedAuthPerMinute: 20,
};

type Admission = { readonly caller: Caller } | { readonly refused: InkstoneError } | null;

const admissions = new WeakMap<FastifyRequest, Admission>();

/** The caller admitted for this request (null on public routes). */
export function admittedCaller(req: FastifyRequest): Caller | null {
  const a = admissions.get(req);
  return a && 'caller' in a ? a.caller : null;
}

/** The window (ms) a burst refills in: a fixed window of `burst` requests. */
const windowOf = (l: RateLimit) => Math.max(1, Math.round((l.burst / l.perSecond) * 1000));

/** Register the rate limiter; returns the hooks each route is given. Call before registering routes. */
export async function registerAdmission(
  app: FastifyInstance,
  service: EvidenceService,
  limits: AdmissionLimits,
): Promise<(route: RouteSpec) => { onRequest: onRequestAsyncHookHandler; preParsing: preParsingAsyncHookHandler }> {
  const keyKind = (key: string) => key.slice(0, key.indexOf(':'));
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    cache: 100_000,
    keyGenerator: (req) => {
      const a = admissions.get(req);
      if (a && 'caller' in a) return `token:${a.caller.tokenId}`;
      return a ? `refused:${req.ip}` : `address:${req.ip}`;
    },
    max: (_req, key) => ({ token: limits.perToken.burst, refused: limits.failedAuthPerMinute })[keyKind(key)] ?? limits.perAddress.burst,
    timeWindow: (_req, key) => ({ token: windowOf(limits.perToken), refused: 60_000 })[keyKind(key)] ?? windowOf(limits.perAddress),
    errorResponseBuilder: (_req, context) => new InkstoneError('EVIDENCE_RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  return (route) => ({
    async onRequest(req) {
      if (route.auth !== 'tenant') return void admissions.set(req, null);
      try {
        admissions.set(req, { caller: await authenticate(service.ctx, req.headers.authorization) });
      } catch (err) {
        if (!(err instanceof InkstoneError)) throw err;
        admissions.set(req, { refused: err });
      }
    },
    async preParsing(req, _reply, payload) {
      const a = admissions.get(req);
      if (a && 'refused' in a) throw a.refused;
      if (a) requireRole(a.caller, route.roles ?? [], route.operationId);
      return payload;
    },
  });
}
