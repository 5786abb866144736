import type { ErrorDetails } from '../../src-shared/errors/index.js';

/** Code used when the renderer cannot reach the host at all (browser host stopped, network error). */
export const HOST_UNREACHABLE = 'HOST_UNREACHABLE';

/**
 * What every failed call throws in the renderer: the stable code and details from the core, so the
 * UI can show the text for the code in the current language. Never a stack trace.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly details: ErrorDetails,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Normalise whatever a transport rejected with into an ApiError. Electron's contextBridge copies a
 * plain `{code, details, message}` object; fetch failures arrive as TypeErrors.
 */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isRecord(reason) && typeof reason.code === 'string') {
    const details = isRecord(reason.details) ? (reason.details as ErrorDetails) : {};
    return new ApiError(reason.code, details, typeof reason.message === 'string' ? reason.message : reason.code);
  }
  if (reason instanceof TypeError) return new ApiError(HOST_UNREACHABLE, {}, reason.message);
  return new ApiError('INTERNAL', {}, reason instanceof Error ? reason.message : String(reason));
}
