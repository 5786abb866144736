import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InkstoneError, type SerializedError } from '../../../src-shared/errors/index.js';
import type { CryptokiLoader } from '../tokens/index.js';
import { importIssuedCertificate, requestCertificateOnToken, type CertificateRequestResult } from './enrolment.js';
import { ModuleScanner, type ModuleScan } from './module-scan.js';

export type CertificateRequestArgs = Omit<Parameters<typeof requestCertificateOnToken>[0], 'loader'>;
export type CertificateImportArgs = Omit<Parameters<typeof importIssuedCertificate>[0], 'loader'>;

/** Does the PKCS#11 work of the signing devices screen, in this thread or in the device thread. */
export interface DeviceScanner {
  scan(module: string): Promise<ModuleScan>;
  /** See {@link ModuleScanner.fingerprint}. */
  fingerprint(module: string, options: { reinitialize: boolean }): Promise<string>;
  /** A key pair and certificate request on a token (enrolment.ts); a smart card may take a minute. */
  requestCertificate(args: CertificateRequestArgs): Promise<CertificateRequestResult>;
  importCertificate(args: CertificateImportArgs): Promise<{ keyId: string; stored: number }>;
  close(): Promise<void>;
}

export type DeviceThreadRequest =
  | { id: number; kind: 'scan'; module: string }
  | { id: number; kind: 'fingerprint'; module: string; reinitialize: boolean }
  | { id: number; kind: 'requestCertificate'; args: CertificateRequestArgs }
  | { id: number; kind: 'importCertificate'; args: CertificateImportArgs }
  | { id: number; kind: 'close' };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type DeviceThreadReply =
  | { id: number; kind: 'scan'; scan: ModuleScan }
  | { id: number; kind: 'fingerprint'; fingerprint: string }
  | { id: number; kind: 'enrolled'; value: unknown }
  | { id: number; kind: 'failed'; error: SerializedError }
  | { id: number; kind: 'closed' };

/** In the calling thread: for the CLI (a terminal may wait) and for tests with a fake token. */
export function inThreadScanner(loader?: CryptokiLoader): DeviceScanner {
  const scanner = new ModuleScanner(loader);
  return {
    scan: async (module) => scanner.scan(module),
    fingerprint: async (module, options) => scanner.fingerprint(module, options),
    requestCertificate: (args) => requestCertificateOnToken({ ...args, loader }),
    importCertificate: (args) => importIssuedCertificate({ ...args, loader }),
    close: async () => scanner.close(),
  };
}

export interface ThreadScannerOptions {
  /** The thread script; default: device-thread beside this module (or beside the core bundle's entry). */
  readonly entry?: URL;
  /** How long a listing of one module may take (reading every certificate on a slow USB key). */
  readonly scanTimeoutMs?: number;
  /** How long a hot-plug check of one module may take. */
  readonly fingerprintTimeoutMs?: number;
}

/**
 * In the device thread. A call that misses its deadline fails with DEVICE_MODULE_NOT_RESPONDING and
 * the thread is abandoned: `terminate()` cannot interrupt a native call, but the core's thread no
 * longer waits on it, and the next call starts a fresh thread.
 */
export function threadScanner(options: ThreadScannerOptions = {}): DeviceScanner {
  const entry = options.entry ?? defaultEntry();
  let worker: Worker | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, { resolve: (reply: DeviceThreadReply) => void; reject: (err: unknown) => void }>();

  const failAll = (err: unknown) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const start = (): Worker => {
    const w = spawnThread(entry);
    w.unref();
    w.on('message', (reply: DeviceThreadReply) => {
      pending.get(reply.id)?.resolve(reply);
      pending.delete(reply.id);
    });
    const gone = (reason: unknown) => {
      if (worker !== w) return;
      worker = null;
      failAll(new InkstoneError('INTERNAL', {}, { cause: reason }));
    };
    w.on('error', gone);
    w.on('exit', gone);
    return w;
  };

  const call = (request: DistributiveOmit<DeviceThreadRequest, 'id'>, timeoutMs: number): Promise<DeviceThreadReply> => {
    // One call at a time: each module is read in turn, and a deadline measures that call alone.
    const run = () =>
      new Promise<DeviceThreadReply>((resolve, reject) => {
        const w = (worker ??= start());
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          worker = null;
          void w.terminate();
          const path = 'module' in request ? request.module : 'args' in request ? request.args.token.module : '';
          reject(new InkstoneError('DEVICE_MODULE_NOT_RESPONDING', { path, seconds: Math.round(timeoutMs / 100) / 10 }));
        }, timeoutMs);
        pending.set(id, {
          resolve: (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
        w.postMessage({ ...request, id } as DeviceThreadRequest);
      });
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    async scan(module) {
      try {
        const reply = await call({ kind: 'scan', module }, options.scanTimeoutMs ?? 15_000);
        return reply.kind === 'scan' ? reply.scan : { ok: false, error: new InkstoneError('INTERNAL').toJSON() };
      } catch (err) {
        return { ok: false, error: err instanceof InkstoneError ? err.toJSON() : new InkstoneError('INTERNAL').toJSON() };
      }
    },
    async fingerprint(module, { reinitialize }) {
      const reply = await call({ kind: 'fingerprint', module, reinitialize }, options.fingerprintTimeoutMs ?? 3_000);
      return reply.kind === 'fingerprint' ? reply.fingerprint : '';
    },
    requestCertificate: async (args) => enrolled(await call({ kind: 'requestCertificate', args }, ENROLMENT_TIMEOUT_MS)) as CertificateRequestResult,
    importCertificate: async (args) => enrolled(await call({ kind: 'importCertificate', args }, ENROLMENT_TIMEOUT_MS)) as { keyId: string; stored: number },
    async close() {
      const w = worker;
      if (w) await call({ kind: 'close' }, 2_000).catch(() => undefined);
      worker = null;
      failAll(new InkstoneError('CANCELLED'));
      if (w) await w.terminate();
    },
  };
}

/** Key generation on a smart card takes long (RSA-3072 up to a minute on slow cards); a PIN pad waits for the person. */
const ENROLMENT_TIMEOUT_MS = 180_000;

/** The value of an enrolment reply, or its error rethrown as the InkstoneError it was. */
function enrolled(reply: DeviceThreadReply): unknown {
  if (reply.kind === 'enrolled') return reply.value;
  if (reply.kind === 'failed') throw new InkstoneError(reply.error.code, reply.error.details);
  throw new InkstoneError('INTERNAL');
}

/** The sibling device-thread script: .ts under tsx; in a bundle, beside the entry or one folder up from a shared chunk. */
function defaultEntry(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./device-thread.ts', import.meta.url);
  const candidates = ['./device-thread.js', '../device-thread.js'].map((p) => new URL(p, import.meta.url));
  return candidates.find((u) => existsSync(u)) ?? candidates[0];
}

function spawnThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  // Node 20 does not hand `--import tsx` to worker threads: a source entry registers tsx itself.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true });
}
