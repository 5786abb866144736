import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Crash-safe file output. Everything Inkstone writes that a person relies on (stored document
 * versions, signed PDFs, reports) goes through here: bytes land in a temp file in the target's own
 * folder, are fsynced, then renamed over the target, and the folder is fsynced. A crash at any point
 * leaves either no file or the complete one, never a torn one.
 */
export interface AtomicWriter {
  /** Append bytes to the pending file. */
  write(chunk: Uint8Array): Promise<void>;
  /** Overwrite bytes at an absolute offset of the pending file (used to patch placeholders). */
  writeAt(chunk: Uint8Array, position: number): Promise<void>;
  /** Read back bytes of the pending file (for hashing what was written). */
  readAt(length: number, position: number): Promise<Uint8Array>;
  readonly bytesWritten: number;
  /** fsync + rename into place. After this the target exists and is complete. */
  commit(): Promise<void>;
  /** Remove the pending file. Safe to call more than once and after a failed commit. */
  abort(): Promise<void>;
  readonly tempPath: string;
}

const TEMP_PREFIX = '.inkstone-tmp-';

export async function openAtomicWriter(target: string, options: { overwrite?: boolean } = {}): Promise<AtomicWriter> {
  const dir = path.dirname(path.resolve(target));
  const tempPath = path.join(dir, `${TEMP_PREFIX}${path.basename(target)}.${randomBytes(6).toString('hex')}`);
  let handle: fs.FileHandle;
  try {
    await fs.mkdir(dir, { recursive: true });
    handle = await fs.open(tempPath, fsc.O_CREAT | fsc.O_EXCL | fsc.O_RDWR, 0o644);
  } catch (err) {
    throw ioError(err, target);
  }
  let written = 0;
  let closed = false;
  let done = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await handle.close().catch(() => undefined);
    }
  };
  return {
    tempPath,
    get bytesWritten() {
      return written;
    },
    async write(chunk) {
      try {
        let off = 0;
        while (off < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, off, chunk.length - off, written + off);
          off += bytesWritten;
        }
        written += chunk.length;
      } catch (err) {
        throw ioError(err, target);
      }
    },
    async writeAt(chunk, position) {
      try {
        await handle.write(chunk, 0, chunk.length, position);
        written = Math.max(written, position + chunk.length);
      } catch (err) {
        throw ioError(err, target);
      }
    },
    async readAt(length, position) {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    },
    async commit() {
      if (done) throw new InkstoneError('INTERNAL', {});
      try {
        await handle.sync();
        await close();
        if (!options.overwrite) {
          const exists = await fs.access(target).then(
            () => true,
            () => false,
          );
          if (exists) throw new InkstoneError('IO_ERROR', { reason: `${target} already exists`, path: target });
        }
        await fs.rename(tempPath, target);
        done = true;
        await syncDir(dir);
      } catch (err) {
        await close();
        await fs.rm(tempPath, { force: true }).catch(() => undefined);
        throw err instanceof InkstoneError ? err : ioError(err, target);
      }
    },
    async abort() {
      await close();
      if (!done) await fs.rm(tempPath, { force: true }).catch(() => undefined);
      done = true;
    },
  };
}

/** Write a whole buffer atomically. */
export async function writeFileAtomic(target: string, data: Uint8Array | string, options: { overwrite?: boolean } = {}): Promise<void> {
  const writer = await openAtomicWriter(target, options);
  try {
    await writer.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/** A temp file nobody has written to for this long belongs to no live writer: a crash left it. */
export const STALE_TEMP_AFTER_MS = 15 * 60 * 1000;

/**
 * Remove temp files crashed writers left in `dir` and, `depth` folder levels below it (the document
 * store's ab/cd/ shards). Only files untouched for `staleAfterMs`, so a writer still at work — this
 * process's or the CLI's beside it — keeps its file. Run at start.
 */
export async function sweepStaleTempFiles(dir: string, options: { depth?: number; staleAfterMs?: number; now?: number } = {}): Promise<number> {
  const cutoff = (options.now ?? Date.now()) - (options.staleAfterMs ?? STALE_TEMP_AFTER_MS);
  let removed = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && (options.depth ?? 0) > 0) removed += await sweepStaleTempFiles(full, { ...options, depth: (options.depth ?? 0) - 1 });
    else if (entry.isFile() && entry.name.startsWith(TEMP_PREFIX)) {
      const stat = await fs.stat(full).catch(() => null);
      if (
        stat &&
        stat.mtimeMs < cutoff &&
        (await fs.rm(full, { force: true }).then(
          () => true,
          () => false,
        ))
      )
        removed++;
    }
  }
  return removed;
}

async function syncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable on POSIX; Windows cannot open directories this way.
  if (process.platform === 'win32') return;
  const h = await fs.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

function ioError(err: unknown, target: string): InkstoneError {
  const reason = err instanceof Error ? err.message : String(err);
  return new InkstoneError('IO_ERROR', { reason, path: target }, { cause: err });
}
