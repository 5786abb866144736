import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A pool of fuzz workers (worker threads running the TypeScript sources through tsx). Each case
 * has a wall-clock limit: a worker that does not answer in time is terminated and the case counted
 * as a hang; a worker that dies (out of memory under its heap limit) counts as a crash. Seeds run
 * in order, so a report names the seeds to replay.
 */

export interface FuzzOptions {
  readonly bases: readonly Uint8Array[];
  readonly cases: number;
  readonly firstSeed?: number;
  /** Worker threads (1–2 on shared CI machines). */
  readonly workers?: number;
  /** A case running longer than this is a hang. */
  readonly caseLimitMs?: number;
  /** The verifier's own time budget per case (below the hang limit). */
  readonly verifyLimitMs?: number;
  /** Old-generation heap per worker: exceeding it kills the worker (a memory-bound failure). */
  readonly heapLimitMb?: number;
  readonly onProgress?: (done: number) => void;
}

export interface FuzzReport {
  readonly cases: number;
  readonly verdicts: Record<string, number>;
  readonly typedErrors: Record<string, number>;
  readonly byStrategy: Record<string, number>;
  readonly crashes: Array<{ seed: number; strategy?: string; error: string }>;
  readonly hangs: number[];
  readonly slowestMs: number;
  /** The seed of the slowest case, to replay it. */
  readonly slowestSeed: number;
  readonly p99Ms: number;
  readonly peakRssMb: number;
  readonly wallMs: number;
}

const WORKER = pathToFileURL(path.join(import.meta.dirname, 'fuzz-worker.ts')).href;
/** Worker threads do not inherit tsx's hooks: the worker registers tsx, then loads the TypeScript entry. */
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); });`;

interface Slot {
  worker: Worker;
  busy: { seed: number; timer: NodeJS.Timeout } | null;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const caseLimit = options.caseLimitMs ?? 5000;
  const verifyLimit = options.verifyLimitMs ?? Math.max(500, caseLimit - 1000);
  const first = options.firstSeed ?? 1;
  const verdicts: Record<string, number> = {};
  const typedErrors: Record<string, number> = {};
  const byStrategy: Record<string, number> = {};
  const crashes: FuzzReport['crashes'] = [];
  const hangs: number[] = [];
  const times: number[] = [];
  let slowest = { ms: 0, seed: 0 };
  let peakRss = 0;
  let next = 0;
  let done = 0;
  const started = Date.now();

  return new Promise<FuzzReport>((resolve) => {
    const slots: Slot[] = [];
    const finish = () => {
      if (done < options.cases) return;
      for (const s of slots) void s.worker.terminate();
      const sorted = [...times].sort((a, b) => a - b);
      resolve({
        cases: done,
        verdicts,
        typedErrors,
        byStrategy,
        crashes,
        hangs,
        slowestMs: Math.round(sorted[sorted.length - 1] ?? 0),
        slowestSeed: slowest.seed,
        p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        peakRssMb: Math.round(peakRss / 1048576),
        wallMs: Date.now() - started,
      });
    };
    const settle = (slot: Slot) => {
      if (slot.busy) clearTimeout(slot.busy.timer);
      slot.busy = null;
      done++;
      options.onProgress?.(done);
      dispatch(slot);
      finish();
    };
    const spawn = (): Slot => {
      const slot: Slot = {
        worker: new Worker(BOOT, { eval: true, workerData: { bases: options.bases }, resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? 768 } }),
        busy: null,
      };
      slot.worker.on(
        'message',
        (m: { ready?: boolean; seed: number; strategy: string; ms: number; rss: number; kind: string; verdict?: string; code?: string; error?: string }) => {
          if (m.ready) {
            dispatch(slot);
            return;
          }
          byStrategy[m.strategy] = (byStrategy[m.strategy] ?? 0) + 1;
          times.push(m.ms);
          if (m.ms > slowest.ms) slowest = { ms: m.ms, seed: m.seed };
          peakRss = Math.max(peakRss, m.rss);
          if (m.kind === 'verdict') verdicts[m.verdict!] = (verdicts[m.verdict!] ?? 0) + 1;
          else if (m.kind === 'typed') typedErrors[m.code!] = (typedErrors[m.code!] ?? 0) + 1;
          else crashes.push({ seed: m.seed, strategy: m.strategy, error: m.error! });
          settle(slot);
        },
      );
      slot.worker.on('error', (err) => {
        if (!slot.busy) throw new Error(`a fuzz worker failed before its first case: ${err.message}`);
        crashes.push({ seed: slot.busy.seed, error: `worker died: ${err.message}` });
        replace(slot);
      });
      return slot;
    };
    const replace = (slot: Slot) => {
      const i = slots.indexOf(slot);
      void slot.worker.terminate();
      const fresh = spawn();
      slots[i] = fresh;
      if (slot.busy) {
        clearTimeout(slot.busy.timer);
        slot.busy = null;
        done++;
        options.onProgress?.(done);
      }
      finish();
    };
    const dispatch = (slot: Slot) => {
      if (next >= options.cases) return;
      const seed = first + next++;
      const timer = setTimeout(() => {
        hangs.push(seed);
        replace(slot);
      }, caseLimit);
      slot.busy = { seed, timer };
      slot.worker.postMessage({ seed, timeLimitMs: verifyLimit });
    };
    // Each worker asks for its first case once it has loaded and warmed up.
    for (let i = 0; i < (options.workers ?? 2); i++) slots.push(spawn());
  });
}
