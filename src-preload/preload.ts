import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, OPERATION_NAMES, splitOperationName, type CallOptions, type CoreEvent, type RpcResult } from '../src-shared/api/index.js';

/**
 * The bridge between the sandboxed renderer and the main process. It exposes exactly the API
 * contract — one function per operation, generated from the contract's list — plus the event feed
 * and one desktop helper. `ipcRenderer` itself never crosses into the page.
 *
 * Failures reject with a plain `{ code, details, message }` object: contextBridge copies plain
 * objects faithfully, whereas an Error would arrive with its message only.
 */
async function unwrap<T>(pending: Promise<RpcResult<T>>): Promise<T> {
  const result = await pending;
  if (result && result.ok) return result.value;
  const error = result?.error ?? { code: 'INTERNAL', details: {}, message: 'No answer from Inkstone.' };
  return Promise.reject({ code: error.code, details: error.details, message: error.message });
}

const api: Record<string, Record<string, unknown>> = {};
for (const name of OPERATION_NAMES) {
  const [ns, method] = splitOperationName(name);
  (api[ns] ??= {})[method] = (input: unknown, options?: CallOptions) =>
    unwrap(
      ipcRenderer.invoke(IPC_CHANNELS.rpc, name, input ?? {}, typeof options?.jobId === 'string' ? options.jobId : undefined) as Promise<RpcResult<unknown>>,
    );
}

api.events = {
  subscribe(listener: (event: CoreEvent) => void): () => void {
    const handler = (_event: IpcRendererEvent, payload: CoreEvent) => listener(payload);
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
    };
  },
};

api.shell = {
  /** Native folder dialog in the main process, which checks the folder and stores it for the next start. */
  chooseDataFolder: () => unwrap(ipcRenderer.invoke(IPC_CHANNELS.chooseDataFolder) as Promise<RpcResult<unknown>>),
  /** Native open dialog for a token driver or certificate file; the main process checks the kind and adds what was picked. */
  chooseDeviceFile: (kind: unknown) => unwrap(ipcRenderer.invoke(IPC_CHANNELS.chooseDeviceFile, kind) as Promise<RpcResult<unknown>>),
  /** A picked file goes to the core in chunks of bytes (never base64); operations then take its id. */
  uploadBegin: (name: unknown, size: unknown) => unwrap(ipcRenderer.invoke(IPC_CHANNELS.uploadBegin, name, size) as Promise<RpcResult<unknown>>),
  uploadWrite: (slot: unknown, chunk: unknown) => unwrap(ipcRenderer.invoke(IPC_CHANNELS.uploadWrite, slot, chunk) as Promise<RpcResult<unknown>>),
  uploadFinish: (slot: unknown) => unwrap(ipcRenderer.invoke(IPC_CHANNELS.uploadFinish, slot) as Promise<RpcResult<unknown>>),
};

contextBridge.exposeInMainWorld('inkstone', api);
