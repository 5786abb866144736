import type { CoreEvent, RpcResult } from '../../../src-shared/api/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { CoreService, TransferPort } from './service.js';

/**
 * The core runs in its own thread or process (a Node worker for the browser host, an Electron
 * utilityProcess in the app) so that synchronous SQLite and PKCS#11 calls never block a UI or
 * network loop. Both ends speak this small message protocol over whatever port the runtime gives.
 */
export interface MessagePortLike {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

type TransferStep = keyof TransferPort;
type Request =
  | { kind: 'call'; id: number; operation: string; input: unknown; jobId?: string }
  | { kind: 'setDataDir'; id: number; dir: string }
  | { kind: 'transfer'; id: number; step: TransferStep; arg: unknown };
const TRANSFER_STEPS = new Set<string>(['beginUpload', 'finishUpload', 'discardUpload', 'openDownload'] satisfies TransferStep[]);
type Reply = { kind: 'result'; id: number; result: RpcResult<unknown> } | { kind: 'event'; event: CoreEvent };

/** Core side: answer calls arriving on the port, push events back on it. */
export function serveCoreOverPort(port: MessagePortLike, service: CoreService): void {
  service.onEvent((event) => port.post({ kind: 'event', event } satisfies Reply));
  port.onMessage((message) => {
    const m = message as Request;
    if (!m || typeof m.id !== 'number') return;
    const reply = (result: RpcResult<unknown>) => port.post({ kind: 'result', id: m.id, result } satisfies Reply);
    if (m.kind === 'call')
      void service.invoke(m.operation, m.input, { jobId: m.jobId, emit: (event) => port.post({ kind: 'event', event } satisfies Reply) }).then(reply);
    else if (m.kind === 'setDataDir') void service.setDataDir(m.dir).then(reply);
    else if (m.kind === 'transfer' && TRANSFER_STEPS.has(m.step))
      void (service.transfers[m.step] as (arg: unknown) => Promise<RpcResult<unknown>>)(m.arg).then(reply);
  });
}

export interface CoreClient {
  invoke(operation: string, input: unknown, options?: { jobId?: string }): Promise<RpcResult<unknown>>;
  /** The desktop shell's own call (CoreService.setDataDir); transports never forward it for a page. */
  setDataDir(dir: string): Promise<RpcResult<unknown>>;
  /** File transfers for the transport itself (CoreService.transfers); never forwarded for a page. */
  transfers: TransferPort;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** The other side died: answer every pending and future call with an error instead of hanging. */
  disconnect(): void;
}

/** Caller side: turn the port into promise-returning calls and an event feed. */
export function connectCoreClient(port: MessagePortLike): CoreClient {
  let nextId = 1;
  const pending = new Map<number, (r: RpcResult<unknown>) => void>();
  const listeners = new Set<(e: CoreEvent) => void>();
  let gone = false;
  const goneResult = (): RpcResult<unknown> => ({ ok: false, error: new InkstoneError('INTERNAL').toJSON() });
  port.onMessage((message) => {
    const m = message as Reply;
    if (m?.kind === 'result') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m?.kind === 'event') {
      for (const l of listeners) l(m.event);
    }
  });
  const request = (message: Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never): Promise<RpcResult<unknown>> => {
    if (gone) return Promise.resolve(goneResult());
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.post({ ...message, id } as Request);
    });
  };
  return {
    invoke: (operation, input, options = {}) => request({ kind: 'call', operation, input, jobId: options.jobId }),
    setDataDir: (dir) => request({ kind: 'setDataDir', dir }),
    transfers: {
      beginUpload: (meta) => request({ kind: 'transfer', step: 'beginUpload', arg: meta }) as ReturnType<TransferPort['beginUpload']>,
      finishUpload: (id) => request({ kind: 'transfer', step: 'finishUpload', arg: id }) as ReturnType<TransferPort['finishUpload']>,
      discardUpload: (id) => request({ kind: 'transfer', step: 'discardUpload', arg: id }) as ReturnType<TransferPort['discardUpload']>,
      openDownload: (id) => request({ kind: 'transfer', step: 'openDownload', arg: id }) as ReturnType<TransferPort['openDownload']>,
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    disconnect() {
      gone = true;
      for (const resolve of pending.values()) resolve(goneResult());
      pending.clear();
    },
  };
}
