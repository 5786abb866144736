import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * The PKI's few HTTP exchanges (RFC 3161 over HTTP, RFC 6960 over HTTP, CRL and certificate
 * downloads): plain http/https only, a deadline, and a size cap, because the answer comes from a
 * server named inside a certificate anyone can mint.
 */

/** Largest PKI response accepted. CRLs of big CAs run to a few MiB. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A failed exchange: why, in English, for the caller's typed error. */
export class PkiHttpError extends Error {}

/** One PKI HTTP exchange: GET, or POST of a DER body. */
export interface PkiHttpRequest {
  readonly url: string;
  readonly timeoutMs: number;
  /** POST this body with this content type; GET when absent. */
  readonly body?: { readonly contentType: string; readonly bytes: Uint8Array };
  readonly accept?: string;
}

/** Fetch bytes or throw PkiHttpError with a short reason. */
export async function pkiHttp(request: PkiHttpRequest): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new PkiHttpError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PkiHttpError(`unsupported scheme ${url.protocol}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.body ? 'POST' : 'GET',
      headers: { ...(request.body ? { 'content-type': request.body.contentType } : {}), ...(request.accept ? { accept: request.accept } : {}) },
      body: request.body ? Buffer.from(request.body.bytes) : undefined,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'follow',
    });
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new PkiHttpError(err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : cause);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new PkiHttpError(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) throw new PkiHttpError(`response of ${declared} bytes is too large`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.length;
      if (total > MAX_RESPONSE_BYTES) throw new PkiHttpError(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof PkiHttpError) throw err;
    throw new PkiHttpError(err instanceof Error ? err.message : String(err));
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Run an exchange and turn a failure into the caller's typed error. */
export async function pkiHttpOr(request: PkiHttpRequest, toError: (reason: string) => InkstoneError): Promise<Uint8Array> {
  try {
    return await pkiHttp(request);
  } catch (err) {
    if (err instanceof PkiHttpError) throw toError(err.message);
    throw err;
  }
}
