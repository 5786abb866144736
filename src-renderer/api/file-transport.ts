import { HOST_TOKEN_HEADER, TRANSFER_ROUTES, UPLOAD_NAME_HEADER, type Download, type RpcResult } from '../../src-shared/api/index.js';
import { ApiError, HOST_UNREACHABLE, toApiError } from './api-error.js';
import type { ShellBridge } from './shell.js';

/**
 * How files travel between the page and the core: never inside a call. A picked file is uploaded
 * and the operation gets its id; a file an operation returns is fetched by the id it answered.
 */
export interface FileTransport {
  /** Send a file the person picked; answers the upload id operations take. */
  upload(file: Blob, name: string): Promise<string>;
  /** The bytes of a file an operation offered. */
  download(file: Download): Promise<Uint8Array<ArrayBuffer>>;
}

/** Electron: chunks over IPC (structured clone copies bytes as bytes) into the core's upload slot. */
const IPC_CHUNK_BYTES = 4 * 1024 * 1024;

async function unwrapResponse<T>(response: Response): Promise<T> {
  let result: RpcResult<T>;
  try {
    result = (await response.json()) as RpcResult<T>;
  } catch {
    throw new ApiError(HOST_UNREACHABLE, { status: response.status }, `HTTP ${response.status}`);
  }
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.details ?? {}, result.error.message);
}

async function fetchBytes(url: string, init: RequestInit): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, cache: 'no-store', credentials: 'omit' });
  } catch (err) {
    throw new ApiError(HOST_UNREACHABLE, {}, err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) return unwrapResponse(response);
  return new Uint8Array(await response.arrayBuffer());
}

/** The browser host: the file is the request body (the browser streams it from disk). */
export function httpFileTransport(token: string): FileTransport {
  return {
    async upload(file, name) {
      let response: Response;
      try {
        response = await fetch(TRANSFER_ROUTES.upload, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', [HOST_TOKEN_HEADER]: token, [UPLOAD_NAME_HEADER]: encodeURIComponent(name) },
          body: file,
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (err) {
        throw new ApiError(HOST_UNREACHABLE, {}, err instanceof Error ? err.message : String(err));
      }
      return (await unwrapResponse<{ uploadId: string }>(response)).uploadId;
    },
    download: (file) => fetchBytes(`${TRANSFER_ROUTES.download}${file.fileId}`, { headers: { [HOST_TOKEN_HEADER]: token } }),
  };
}

/** The desktop app: uploads through the preload's chunked channel, downloads from app://inkstone/files/. */
export function electronFileTransport(shell: ShellBridge): FileTransport {
  return {
    async upload(file, name) {
      try {
        const id = await shell.uploadBegin(name, file.size);
        for (let at = 0; at < file.size; at += IPC_CHUNK_BYTES)
          await shell.uploadWrite(id, new Uint8Array(await file.slice(at, at + IPC_CHUNK_BYTES).arrayBuffer()));
        return (await shell.uploadFinish(id)).uploadId;
      } catch (reason) {
        throw toApiError(reason);
      }
    },
    download: (file) => fetchBytes(`${TRANSFER_ROUTES.download}${file.fileId}`, {}),
  };
}

/**
 * Upload a picked file once and reuse its id for every call about it (verify, then its report, then
 * a signed revision); upload again only when the core has let the file go (idle too long, restart).
 */
export function uploadCache(files: FileTransport) {
  const ids = new WeakMap<Blob, Promise<string>>();
  const idOf = (file: File) => {
    let id = ids.get(file);
    if (!id) {
      id = files.upload(file, file.name);
      ids.set(file, id);
      id.catch(() => ids.delete(file));
    }
    return id;
  };
  return async function withUpload<T>(file: File, use: (uploadId: string) => Promise<T>): Promise<T> {
    try {
      return await use(await idOf(file));
    } catch (err) {
      if (toApiError(err).code !== 'TRANSFER_NOT_FOUND') throw err;
      ids.delete(file);
      return use(await idOf(file));
    }
  };
}
