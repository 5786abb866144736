import path from 'node:path';
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
  readonly p99Ms: number;
  readonly peakRssMb: number;
  readonly wallMs: number;
}

const WORKER = path.join(import.meta.dirname, 'fuzz-worker.ts');

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
        worker: new Worker(WORKER, { execArgv: ['--import', 'tsx'], workerData: { bases: options.bases }, resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? 768 } }),
        busy: null,
      };
      slot.worker.on('message', (m: { seed: number; strategy: string; ms: number; rss: number; kind: string; verdict?: string; code?: string; error?: string }) => {
        byStrategy[m.strategy] = (byStrategy[m.strategy] ?? 0) + 1;
        times.push(m.ms);
        peakRss = Math.max(peakRss, m.rss);
        if (m.kind === 'verdict') verdicts[m.verdict!] = (verdicts[m.verdict!] ?? 0) + 1;
        else if (m.kind === 'typed') typedErrors[m.code!] = (typedErrors[m.code!] ?? 0) + 1;
        else crashes.push({ seed: m.seed, strategy: m.strategy, error: m.error! });
        settle(slot);
      });
      slot.worker.on('error', (err) => {
        if (slot.busy) crashes.push({ seed: slot.busy.seed, error: `worker died: ${err.message}` });
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
      dispatch(fresh);
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
    for (let i = 0; i < (options.workers ?? 2); i++) slots.push(spawn());
    // The first case of a fresh worker includes loading the sources: give workers a head start.
    for (const s of slots) dispatch(s);
  });
}
