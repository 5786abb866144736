import type { SerializedError } from '../errors/index.js';
import type { CoreEvent, OperationInput, OperationName, OperationOutput } from './operations.js';

/**
 * The shape of `window.inkstone` in the renderer: `inkstone.contracts.search(q)` for operation
 * `contracts.search`. Built from the operation table, so the preload and the browser shim expose
 * the same functions.
 */
type Namespaces<N extends string> = N extends `${infer Ns}.${string}` ? Ns : never;
type MethodsOf<Ns extends string> = {
  [N in OperationName as N extends `${Ns}.${infer M}` ? M : never]: (input: OperationInput<N>, options?: CallOptions) => Promise<OperationOutput<N>>;
};

export type InkstoneApi = { [Ns in Namespaces<OperationName>]: MethodsOf<Ns> } & {
  events: { subscribe(listener: (event: CoreEvent) => void): () => void };
};

export interface CallOptions {
  /** Id for progress events and cancellation of long-running work. */
  jobId?: string;
}

/** What every transport returns: a value or a typed error, never a thrown stack trace. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Header the browser host requires on every request (token compared in constant time). */
export const HOST_TOKEN_HEADER = 'x-inkstone-token';
/** The browser host's upload request carries the file's name here, percent-encoded UTF-8. */
export const UPLOAD_NAME_HEADER = 'x-inkstone-file-name';
/** Browser host routes for files (core/transfers): POST an upload, GET a download by id. */
export const TRANSFER_ROUTES = { upload: '/upload', download: '/files/' } as const;

export function splitOperationName(name: OperationName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/** IPC channel names between the Electron main process and the preload. */
export const IPC_CHANNELS = {
  rpc: 'inkstone:rpc',
  event: 'inkstone:event',
  chooseDataFolder: 'inkstone:choose-data-folder',
  // Signing devices (issue 9): the native open dialog for a PKCS#11 module or a PKCS#12 file.
  chooseDeviceFile: 'inkstone:choose-device-file',
  /** Upload a file the page holds, in chunks (begin → write… → finish), without base64. */
  uploadBegin: 'inkstone:upload-begin',
  uploadWrite: 'inkstone:upload-write',
  uploadFinish: 'inkstone:upload-finish',
} as const;

/** What the native dialog of `chooseDeviceFile` picks: a token driver to add, or a certificate file to remember. */
export const DEVICE_FILE_KINDS = ['pkcs11Module', 'pkcs12File'] as const;
export type DeviceFileKind = (typeof DEVICE_FILE_KINDS)[number];
