import { createHash } from 'node:crypto';

/**
 * Idempotency keys, the client's and the service's own, in one table (per tenant). They live in
 * separate namespaces — every key a client sends is stored as `client:<key>`, the service's as
 * `internal:<purpose>:<id>` — so no client key, whatever it says, can take a key the service needs
 * (a client key `upload:<id>` once made that upload impossible to complete).
 */

export function clientIdempotencyKey(key: string): string {
  return `client:${key}`;
}

/** The key under which an upload's completion is logged once, however often it is retried. */
export function uploadCompletionKey(uploadId: string): string {
  return `internal:upload:${uploadId}`;
}

/** The key as the client wrote it (for error messages), or the internal key unchanged. */
export function shownIdempotencyKey(stored: string): string {
  return stored.startsWith('client:') ? stored.slice('client:'.length) : stored;
}

/**
 * SHA-256 of the request's parts as JSON with sorted keys (stored with idempotency keys, so the
 * encoding never changes). The parts are flat, so copying them in key order gives the same JSON as a
 * sorted replacer list, on JSON.stringify's fast path.
 */
export function requestHash(parts: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(parts).sort()) sorted[k] = parts[k];
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
