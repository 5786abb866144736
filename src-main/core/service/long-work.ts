import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Language } from '../../../src-shared/api/index.js';
import type { VerificationResult } from '../../../src-shared/api/verification.js';
import { InkstoneError, type SerializedError } from '../../../src-shared/errors/index.js';
import type { FetchedRevocation } from '../pki/index.js';
import type { SignedVersion } from '../verify/index.js';
import type { PrepareResult, PrepareTask, SignResult, SignTask } from './signing-work.js';
import type { BatchSignStep, BatchSignTask } from './signing-batch-work.js';

/**
 * Long operations of the core (verification, reports, signed versions; import's pdf.js inspection has its own stoppable worker, library/pdf-inspector.ts)
 * run in worker threads, so the core's own thread — the one that answers searches and writes to
 * SQLite — never waits behind a 100 MB hash or a hostile PDF's 120 s budget. A small pool: each
 * thread runs one task at a time, at most `threads` exist, more tasks queue. A cancelled task's
 * thread is ended (`worker.terminate()` stops even a loop that never yields) and replaced later.
 */

/** A document to read: a path (stored versions are read in place) or bytes a person picked. */
export type LongTaskSource = string | Uint8Array;

/** Verification against the trust anchors in `trustFolder`. */
interface VerifyTask {
  source: LongTaskSource;
  name: string;
  lang: Language;
  online: boolean;
  trustFolder: string;
}

export type LongTask =
  | ({ kind: 'verify' } & VerifyTask)
  | ({ kind: 'report' } & VerifyTask)
  | { kind: 'signedVersion'; source: LongTaskSource; index: number }
  | ({ kind: 'signingPrepare' } & PrepareTask)
  | ({ kind: 'signing' } & SignTask)
  // Batch signing (issue 9): the check before signing per document, and the whole batch's key work.
  | { kind: 'presignCheck'; source: string; name: string; lang: Language; trustFolder: string }
  | ({ kind: 'signingBatch' } & BatchSignTask)
  // A batch's signed copy verified with the revocation answers the batch already fetched, handing back what it holds then.
  | ({ kind: 'batchVerify' } & VerifyTask & { revocation: FetchedRevocation[] });

export type LongTaskRequest = { id: number; task: LongTask };
export type LongTaskReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError }
  /** A step of a task that has several (signing: opening the key, signing, verifying; a batch: each document). */
  | { id: number; progress: unknown };

type Outputs = {
  verify: VerificationResult;
  report: { result: VerificationResult; report: Uint8Array };
  signedVersion: SignedVersion & { data: Uint8Array };
  signingPrepare: PrepareResult;
  signing: SignResult;
  presignCheck: NonNullable<PrepareResult['check']>;
  signingBatch: { signed: number; failed: number };
  batchVerify: { verification: VerificationResult; revocation: FetchedRevocation[] };
};

/** What a task's progress says: a step's name, or a batch document's fate. */
type Steps = { signingBatch: BatchSignStep };
export type LongTaskStep<K extends LongTask['kind']> = K extends keyof Steps ? Steps[K] : string;

/** How a thread is started: the bundled script next to the core bundle, or the TypeScript source. */
export type LongWorkEntry = URL;

export interface LongWork {
  run<K extends LongTask['kind']>(task: LongTask & { kind: K }, signal?: AbortSignal, onProgress?: (step: LongTaskStep<K>) => void): Promise<Outputs[K]>;
  /** End every thread; running tasks fail with CANCELLED. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Queued {
  task: LongTask;
  signal?: AbortSignal;
  onProgress?: (step: never) => void;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** The default thread script: the sibling long-work-thread file, .ts under tsx, .js when built. */
function defaultEntry(): LongWorkEntry {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './long-work-thread.ts' : './long-work-thread.js', import.meta.url);
}

/**
 * In the core bundle (dist/bundles/core/) the thread script is long-work.js beside the entry that
 * started the core; esbuild moves this module into a shared chunk, so the entry must say where it is.
 * Outside the bundle: undefined, and the sibling source or tsc output is used.
 */
export function bundledLongWorkEntry(entryUrl: string): LongWorkEntry | undefined {
  const candidate = new URL('./long-work.js', entryUrl);
  return existsSync(fileURLToPath(candidate)) ? candidate : undefined;
}

function spawn(entry: LongWorkEntry): Worker {
  // Node 20 does not hand `--import tsx` to worker threads: a source entry registers tsx itself.
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
      { eval: true },
    );
  }
  return new Worker(entry);
}

export function startLongWork(options: { entry?: LongWorkEntry; threads?: number } = {}): LongWork {
  const entry = options.entry ?? defaultEntry();
  const threads = Math.max(1, options.threads ?? 2);
  const slots = new Set<Slot>();
  const queue: Queued[] = [];
  let nextId = 1;
  let closed = false;

  const cancelled = () => new InkstoneError('CANCELLED');

  function retire(slot: Slot): void {
    slots.delete(slot);
    void slot.worker.terminate();
  }

  function pump(): void {
    while (queue.length) {
      let slot = [...slots].find((s) => !s.busy);
      if (!slot && slots.size < threads) {
        slot = { worker: spawn(entry), busy: false };
        slots.add(slot);
      }
      if (!slot) return;
      runOn(slot, queue.shift()!);
    }
  }

  function runOn(slot: Slot, job: Queued): void {
    if (job.signal?.aborted) return job.reject(cancelled());
    const id = nextId++;
    slot.busy = true;
    slot.worker.ref();
    const finish = (settle: () => void, keep: boolean) => {
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      job.signal?.removeEventListener('abort', onAbort);
      slot.busy = false;
      slot.worker.unref();
      if (!keep) retire(slot);
      settle();
      if (!closed) pump();
    };
    const onMessage = (reply: LongTaskReply) => {
      if (reply.id !== id) return;
      if ('progress' in reply) return job.onProgress?.(reply.progress as never);
      finish(() => (reply.ok ? job.resolve(reply.value) : job.reject(new InkstoneError(reply.error.code, reply.error.details))), true);
    };
    const onError = (err: Error) => finish(() => job.reject(new InkstoneError('INTERNAL', {}, { cause: err })), false);
    const onExit = () => finish(() => job.reject(closed ? cancelled() : new InkstoneError('INTERNAL')), false);
    const onAbort = () => finish(() => job.reject(cancelled()), false);
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    slot.worker.on('exit', onExit);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    slot.worker.postMessage({ id, task: job.task } satisfies LongTaskRequest);
  }

  return {
    run(task, signal, onProgress) {
      if (closed) return Promise.reject(cancelled());
      return new Promise((resolve, reject) => {
        queue.push({ task, signal, onProgress, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(cancelled());
      await Promise.all([...slots].map((s) => s.worker.terminate()));
      slots.clear();
    },
  };
}
