import type { EvidenceClient } from '../evidence/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Why a sync pass stopped, in the terms a person acts on: the service is failing (5xx), it is too
 * slow (no answer within the client's timeout), or it no longer accepts this desktop's token. Each
 * is its own code, so the indicator, Settings and the CLI say which; other errors pass unchanged.
 * The outbox is never touched by a failed pass, so `pending` is what the next pass will send.
 */

/** A sync request waits this long for the service; a slower answer is a fault, retried with back-off. */
export const SYNC_REQUEST_TIMEOUT_MS = 30_000;

export function syncFault(err: unknown, client: Pick<EvidenceClient, 'serviceUrl' | 'timeoutMs'>, pending: number): unknown {
  if (!(err instanceof InkstoneError)) return err;
  const url = client.serviceUrl;
  if (err.code === 'EVIDENCE_SERVICE_ERROR' && Number(err.details.status) >= 500) {
    return new InkstoneError('SYNC_SERVICE_FAILING', { url, status: Number(err.details.status), pending }, { cause: err });
  }
  if (err.code === 'EVIDENCE_SERVICE_UNAVAILABLE' && (err.cause as Error | undefined)?.name === 'TimeoutError') {
    return new InkstoneError('SYNC_SERVICE_TOO_SLOW', { url, seconds: Math.round(client.timeoutMs / 1000), pending }, { cause: err });
  }
  if (err.code === 'EVIDENCE_UNAUTHENTICATED') return new InkstoneError('SYNC_ACCESS_REVOKED', { url, pending }, { cause: err });
  return err;
}
