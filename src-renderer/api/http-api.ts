import { HOST_TOKEN_HEADER, type CallOptions, type InkstoneApi, type OperationName, type RpcResult } from '../../src-shared/api/index.js';
import { ApiError, HOST_UNREACHABLE } from './api-error.js';
import { buildApi } from './build-api.js';
import { EventSocket } from './event-socket.js';

/**
 * `InkstoneApi` over the loopback browser host: `POST /rpc/<operation>` with the token header, and
 * events over one WebSocket. Used when the UI runs in a plain browser (development, end-to-end tests).
 */
export function createHttpApi(token: string): InkstoneApi {
  const events = new EventSocket(token);

  async function invoke(operation: OperationName, input: unknown, options?: CallOptions): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`/rpc/${encodeURIComponent(operation)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: token },
        body: JSON.stringify({ input: input ?? {}, ...(options?.jobId ? { jobId: options.jobId } : {}) }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (err) {
      throw new ApiError(HOST_UNREACHABLE, {}, err instanceof Error ? err.message : String(err));
    }
    let result: RpcResult<unknown>;
    try {
      result = (await response.json()) as RpcResult<unknown>;
    } catch {
      throw new ApiError(HOST_UNREACHABLE, { status: response.status }, `HTTP ${response.status}`);
    }
    if (result.ok) return result.value;
    throw new ApiError(result.error.code, result.error.details ?? {}, result.error.message);
  }

  return buildApi(invoke, (listener) => events.subscribe(listener));
}
