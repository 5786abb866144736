import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../src-shared/errors/index.js';

/**
 * Incoming bytes on their way to the blob store go to a temp file here first, hashed and counted as
 * they arrive, never held in memory: a request body of 256 MiB costs the service a few buffers, and
 * one over its limit is cut off at the limit. Files are private to one request; what a crashed
 * process left behind is removed when the next one starts.
 */
export interface SpooledFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** The first bytes (up to HEAD_BYTES), to recognise the format without reading the file again. */
  readonly head: Buffer;
}

export const HEAD_BYTES = 1024;

export class Spool {
  readonly #dir: string;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /**
   * A spool folder of this service's own under `root` (instances may share a data folder); folders
   * of processes that no longer run are removed.
   */
  static async open(root: string): Promise<Spool> {
    await fs.mkdir(root, { recursive: true, mode: 0o700 });
    for (const name of await fs.readdir(root)) {
      if (!processRuns(Number(name.split('-')[0]))) await fs.rm(path.join(root, name), { recursive: true, force: true });
    }
    const dir = path.join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
    await fs.mkdir(dir, { mode: 0o700 });
    return new Spool(dir);
  }

  async close(): Promise<void> {
    await fs.rm(this.#dir, { recursive: true, force: true });
  }

  /** Copy `source` into a new temp file; EVIDENCE_BODY_TOO_LARGE as soon as it passes `maxBytes`. */
  async take(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<SpooledFile> {
    const file = path.join(this.#dir, randomBytes(12).toString('hex'));
    const handle = await fs.open(file, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o600);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new InkstoneError('EVIDENCE_BODY_TOO_LARGE', { limit: maxBytes });
        if (size - chunk.length < HEAD_BYTES) head.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - (size - chunk.length))));
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.close();
    } catch (err) {
      await handle.close().catch(() => undefined);
      await fs.rm(file, { force: true });
      throw err;
    }
    return { path: file, size, sha256: hash.digest('hex'), head: Buffer.concat(head) };
  }

  async discard(file: SpooledFile): Promise<void> {
    await fs.rm(file.path, { force: true });
  }
}

function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
