import { parentPort, workerData } from 'node:worker_threads';
import { isInkstoneError } from '../../../src-shared/errors/index.js';
import { verifyPdf } from '../../../src-main/core/verify/index.js';
import { mutate } from './mutations.js';

/**
 * One fuzz worker: receives seeds, mutates one of the base documents, verifies the result and
 * reports how it ended — a verdict, a typed error, or a crash (any other exception). The pool
 * measures time and kills a worker that hangs.
 */

const bases = (workerData as { bases: Uint8Array[] }).bases;

parentPort!.on('message', async (msg: { seed: number; timeLimitMs: number }) => {
  const base = bases[msg.seed % bases.length];
  const { bytes, strategy } = mutate(base, msg.seed);
  const started = performance.now();
  let outcome: { kind: 'verdict'; verdict: string } | { kind: 'typed'; code: string } | { kind: 'crash'; error: string };
  try {
    const result = await verifyPdf(bytes, { timeLimitMs: msg.timeLimitMs });
    outcome = { kind: 'verdict', verdict: result.verdict };
  } catch (err) {
    outcome =
      isInkstoneError(err) && err.code !== 'INTERNAL'
        ? { kind: 'typed', code: err.code }
        : { kind: 'crash', error: String((err as Error)?.stack ?? err).slice(0, 2000) };
  }
  parentPort!.postMessage({ seed: msg.seed, strategy, ms: performance.now() - started, rss: process.memoryUsage().rss, ...outcome });
});

// Load and warm the verifier before the first timed case: module loading is not the verifier's time.
await verifyPdf(bases[0]).catch(() => undefined);
parentPort!.postMessage({ ready: true });
