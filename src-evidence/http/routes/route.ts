import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { recordAccess } from '../../access-log.js';
import type { Caller, Role, ServiceContext } from '../../context.js';
import type { SpooledFile } from '../../spool.js';

/**
 * What a route of the evidence API is: the table row the server registers, the OpenAPI document is
 * generated from, and the isolation test walks. Helpers every resource's routes share live here too.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteRequest {
  readonly caller: Caller | null;
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  /** Parsed JSON, or for a binary body the file it was streamed to. */
  readonly body: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly ip: string;
}

export interface RouteResult {
  readonly status?: number;
  readonly json?: unknown;
  readonly bytes?: Buffer | string | Readable;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export interface RouteSpec {
  readonly method: HttpMethod;
  /** OpenAPI form: `/v1/documents/{id}`; `{path*}` takes the rest of the path. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: 'log' | 'verification' | 'evidence' | 'documents' | 'uploads' | 'tenant' | 'service' | 'changes';
  readonly auth: 'tenant' | 'public';
  readonly roles?: readonly Role[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** A binary body is streamed to disk, never past `maxBytes`, and only after the caller is authenticated. */
  readonly body?:
    { readonly kind: 'json'; readonly schema: z.ZodType } | { readonly kind: 'binary'; readonly contentTypes: readonly string[]; readonly maxBytes: number };
  /** Headers the route reads (documented). */
  readonly headers?: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly description: string }>;
  readonly responses: Readonly<Record<number, { readonly description: string; readonly contentType?: string; readonly schema?: z.ZodType }>>;
  handler(req: RouteRequest): Promise<RouteResult>;
}

export const ALL: readonly Role[] = ['admin', 'member', 'auditor'];
export const WRITERS: readonly Role[] = ['admin', 'member'];
export const ADMIN: readonly Role[] = ['admin'];

export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Any unique string (≤ 200 chars). A retried request with the same key returns the first answer and creates nothing new.',
};
export const PURPOSE_OPTIONAL = { name: 'X-Inkstone-Purpose', required: false, description: 'Why the caller reads this; recorded in the access log.' };

function header(req: RouteRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function idempotencyKey(req: RouteRequest): string | undefined {
  const key = header(req, 'idempotency-key');
  if (key !== undefined && (!key.length || key.length > 200 || [...key].some((c) => c.charCodeAt(0) < 0x20))) {
    throw new InkstoneError('EVIDENCE_HEADER_INVALID', { header: 'Idempotency-Key', reason: 'it must be 1 to 200 printable characters' });
  }
  return key;
}

/** The stated purpose (URL-encoded UTF-8 on the wire). */
export function purpose(req: RouteRequest): string | undefined {
  const p = header(req, 'x-inkstone-purpose');
  if (!p) return undefined;
  try {
    return decodeURIComponent(p);
  } catch {
    throw new InkstoneError('EVIDENCE_HEADER_INVALID', { header: 'X-Inkstone-Purpose', reason: 'it must be URL-encoded UTF-8 text' });
  }
}

export function caller(req: RouteRequest): Caller {
  if (!req.caller) throw new InkstoneError('EVIDENCE_UNAUTHENTICATED', {});
  return req.caller;
}

export function spooledBody(req: RouteRequest): SpooledFile {
  return req.body as SpooledFile;
}

export const str = (v: unknown) => v as string;

/** Record a read in the tenant's access log, with the purpose the reader gave. */
export function accessRecorder(ctx: ServiceContext) {
  return (req: RouteRequest, action: Parameters<typeof recordAccess>[2], subject: string) =>
    recordAccess(ctx, caller(req), action, subject, purpose(req), req.ip);
}
