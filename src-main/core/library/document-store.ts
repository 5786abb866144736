import { createHash } from 'node:crypto';
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Content-addressed document bytes: a version's file lives at documents/ab/cd/<sha256>. The same
 * bytes are stored once; a stored file is never changed (a signed PDF gets a new version, never an
 * edit in place), so the path doubles as an integrity check.
 */
export class DocumentStore {
  constructor(readonly root: string) {}

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new InkstoneError('INVALID_INPUT', { issues: 'not a SHA-256 digest' });
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathFor(sha256));
  }

  /** Store bytes; returns their digest and whether this call created the file. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }> {
    const sha256 = DocumentStore.hash(bytes);
    if (this.has(sha256)) return { sha256, created: false };
    await writeFileAtomic(this.pathFor(sha256), bytes, { overwrite: true });
    return { sha256, created: true };
  }

  /** Read bytes back, refusing a file whose content no longer matches its name. */
  async read(sha256: string): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.pathFor(sha256));
    } catch (err) {
      throw new InkstoneError('IO_ERROR', { reason: (err as Error).message, path: this.pathFor(sha256) }, { cause: err });
    }
    if (DocumentStore.hash(bytes) !== sha256) throw new InkstoneError('IO_ERROR', { reason: `stored document ${sha256} was altered on disk` });
    return bytes;
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathFor(sha256), { force: true });
  }
}
