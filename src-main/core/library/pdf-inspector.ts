import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InkstoneError, isErrorCode, type ErrorDetails } from '../../../src-shared/errors/index.js';
import { checkPdfHeader, type PdfFacts } from './pdf-inspect.js';

/**
 * How much one imported file may cost to read. Hostile files (decompression bombs, nesting bombs,
 * content that never ends) must end in a typed error within seconds while the core's memory grows
 * by a bounded amount, since the core answers every search and a crash would take the app with it.
 */
export interface InspectLimits {
  /**
   * Processing time for reading one file: CPU time of the process while the worker has it (the
   * calling thread is idle meanwhile), so a busy machine does not fail a file that is merely slow
   * to get scheduled. Wall time is capped at WALL_TIME_FACTOR times this.
   */
  timeLimitMs: number;
  /** Growth of the process's resident memory while the file is read. */
  memoryLimitMb: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = Object.freeze({ timeLimitMs: 4000, memoryLimitMb: 128 });

/** How often the memory is looked at: pdf.js inflates ~100 MB/s, so a look every 20 ms sees ~2 MB of it. */
const WATCH_EVERY_MS = 20;
/**
 * The worker's JS heap cap. The memory watch above sees typed arrays too, but only while this thread
 * is free to look; the cap holds even when it is not (tsx and pdf.js alone take ~100 MB of heap).
 */
const WORKER_HEAP_MB = 256;
/** A file is stopped after this many times its time limit in wall time, however little CPU it got. */
const WALL_TIME_FACTOR = 8;
/** An idle worker (pdf.js loaded, ~40 MB) is let go after this long. */
const IDLE_MS = 30_000;

export interface InspectRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}
export type InspectReply =
  | { ready: true; id?: undefined }
  | { id: number; facts: PdfFacts; error?: undefined }
  | { id: number; error: { code: string; details: ErrorDetails }; facts?: undefined };

/**
 * Reads imported PDFs in a worker thread that can be stopped: Inkstone's bounded reader first
 * (`preflightPdf`: decoded sizes, nesting, object counts), then pdf.js for page count, signature
 * fields and text. This thread watches the processing time and the process's memory while the worker reads,
 * and terminates it when either limit is passed; the worker's heap is capped too. A stopped worker
 * is replaced for the next file, so the library keeps working. One file is read at a time.
 */
export class PdfInspector {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly limits: InspectLimits = DEFAULT_INSPECT_LIMITS) {}

  async inspect(name: string, bytes: Uint8Array, limits: Partial<InspectLimits> = {}): Promise<PdfFacts> {
    checkPdfHeader(name, bytes);
    const run = this.queue.then(() => this.read(name, bytes, { ...this.limits, ...limits }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Start the worker (pdf.js loaded and warmed up) if it is not running; resolves when it is ready. */
  async warm(): Promise<void> {
    const worker = await this.start();
    worker.unref();
  }

  /** Stop the worker now (tests, shutdown). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.forget();
    await worker?.terminate();
  }

  private async read(name: string, bytes: Uint8Array, limits: InspectLimits): Promise<PdfFacts> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = await this.start();
    // Referenced while a file is read (the caller awaits it), not while idle.
    worker.ref();
    const id = this.nextId++;
    // The worker takes its own copy: the caller still needs the bytes to hash and store them.
    const copy = new Uint8Array(bytes);
    const baseline = process.memoryUsage.rss();
    const cpuAtStart = process.cpuUsage();
    try {
      return await new Promise<PdfFacts>((resolve, reject) => {
        const stop = (err: InkstoneError) => {
          cleanup();
          this.forget();
          void worker.terminate();
          reject(err);
        };
        const onMessage = (reply: InspectReply) => {
          if (reply.id !== id) return;
          cleanup();
          if (reply.facts) resolve(reply.facts);
          else reject(rebuildError(name, reply.error));
        };
        // Exceeding resourceLimits ends the worker with ERR_WORKER_OUT_OF_MEMORY.
        const onError = () => stop(new InkstoneError('IMPORT_PDF_MEMORY_LIMIT', { name, mb: limits.memoryLimitMb }));
        const onExit = () => stop(new InkstoneError('IMPORT_PDF_MEMORY_LIMIT', { name, mb: limits.memoryLimitMb }));
        const tooLong = () => new InkstoneError('IMPORT_PDF_TIME_LIMIT', { name, seconds: limits.timeLimitMs / 1000 });
        const timer = setTimeout(() => stop(tooLong()), limits.timeLimitMs * WALL_TIME_FACTOR);
        const watch = setInterval(() => {
          const cpu = process.cpuUsage(cpuAtStart);
          if (process.memoryUsage.rss() - baseline > limits.memoryLimitMb * 1048576) {
            stop(new InkstoneError('IMPORT_PDF_MEMORY_LIMIT', { name, mb: limits.memoryLimitMb }));
          } else if ((cpu.user + cpu.system) / 1000 > limits.timeLimitMs) stop(tooLong());
        }, WATCH_EVERY_MS);
        const cleanup = () => {
          clearTimeout(timer);
          clearInterval(watch);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage({ id, name, bytes: copy } satisfies InspectRequest, [copy.buffer]);
      });
    } finally {
      worker.unref();
      if (this.worker) {
        this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
        this.idleTimer.unref();
      }
    }
  }

  private start(): Promise<Worker> {
    if (this.worker && this.ready) {
      const worker = this.worker;
      return this.ready.then(() => worker);
    }
    // Referenced until it is ready and then only while it reads: an idle worker must not keep the
    // CLI or a test process alive.
    const worker = spawnInspectWorker();
    this.worker = worker;
    // A worker that fails between files is simply replaced by the next one (and must not become an
    // uncaught 'error' event in the core).
    worker.on('error', () => {
      if (this.worker === worker) this.forget();
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const onReady = (m: InspectReply) => {
        if (m.id === undefined) {
          worker.off('message', onReady);
          resolve();
        }
      };
      worker.on('message', onReady);
      worker.once('error', reject);
      worker.once('exit', () => reject(new InkstoneError('INTERNAL')));
    });
    this.ready.catch(() => this.forget());
    return this.ready.then(() => worker);
  }

  private forget(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker = null;
    this.ready = null;
  }
}

/**
 * From the build the worker is plain .js; under tsx (tests, dev) it is the .ts source, and the
 * worker registers tsx itself because Node 20 does not pass `--import` loaders on to workers.
 */
function spawnInspectWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  // Beside this module (tsc's output, or a bundle's entry file), or one folder up from a bundle's
  // shared chunk (scripts/bundle.mjs writes the worker as an entry of its own in each bundle).
  const entry = fromSource
    ? new URL('./pdf-inspect-worker.ts', import.meta.url)
    : (['./pdf-inspect-worker.js', '../pdf-inspect-worker.js'].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u)) ??
      new URL('./pdf-inspect-worker.js', import.meta.url));
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };
  if (!fromSource) return new Worker(entry, { resourceLimits });
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

function rebuildError(name: string, error: { code: string; details: ErrorDetails }): InkstoneError {
  if (isErrorCode(error.code) && error.code !== 'INTERNAL') return new InkstoneError(error.code, error.details);
  return new InkstoneError('IMPORT_CORRUPT_PDF', { name, reason: 'unreadable' });
}

let shared: PdfInspector | null = null;

/**
 * Page count, signature fields, title and text of a PDF being imported, read under the default
 * limits by one inspector shared by the process. Typed errors: IMPORT_EMPTY_FILE, IMPORT_NOT_PDF,
 * IMPORT_ENCRYPTED_PDF, IMPORT_CORRUPT_PDF, IMPORT_PDF_LIMIT_EXCEEDED, IMPORT_PDF_TIME_LIMIT,
 * IMPORT_PDF_MEMORY_LIMIT.
 */
export function inspectPdf(name: string, bytes: Uint8Array, limits?: Partial<InspectLimits>): Promise<PdfFacts> {
  shared ??= new PdfInspector();
  return shared.inspect(name, bytes, limits);
}
