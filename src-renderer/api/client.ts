import type { InkstoneApi } from '../../src-shared/api/index.js';
import { toApiError } from './api-error.js';
import { buildApi, callByName } from './build-api.js';
import { takeHostToken } from './host-token.js';
import { electronFileTransport, httpFileTransport, type FileTransport } from './file-transport.js';
import { createHttpApi } from './http-api.js';
import type { ShellBridge } from './shell.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    inkstone?: InkstoneApi & { shell?: ShellBridge };
  }
}

export interface ApiClient {
  api: InkstoneApi;
  /** Native desktop helpers; null outside Electron. */
  shell: ShellBridge | null;
  /** Files to and from the core (never inside a call). */
  files: FileTransport;
  transport: 'electron' | 'browser';
}

/**
 * The one API client of the renderer: the preload's `window.inkstone` inside Electron, otherwise the
 * browser host over HTTP. Either way a failed call throws an ApiError carrying the code and details.
 * Returns null in a browser opened without the host's token.
 */
export function createApiClient(): ApiClient | null {
  const bridge = window.inkstone;
  if (bridge) {
    const api = buildApi(
      (name, input, options) => callByName(bridge, name, input, options).catch((reason: unknown) => Promise.reject(toApiError(reason))),
      (listener) => bridge.events.subscribe(listener),
    );
    if (!bridge.shell) return null;
    return { api, shell: bridge.shell, files: electronFileTransport(bridge.shell), transport: 'electron' };
  }
  const token = takeHostToken();
  if (!token) return null;
  return { api: createHttpApi(token), shell: null, files: httpFileTransport(token), transport: 'browser' };
}
