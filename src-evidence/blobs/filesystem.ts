import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { openAtomicWriter, writeFileAtomic } from '../../src-main/core/files/index.js';
import type { BlobStore } from './index.js';

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/u;

/** Blobs as files under one folder, each written by temp file + fsync + rename. */
export function createFilesystemBlobStore(root: string): BlobStore {
  const fileFor = (key: string) => {
    // Keys are built by the service, but a path that escapes the root must be impossible, not unlikely.
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe blob key ${key}`);
    return path.join(root, ...key.split('/'));
  };
  return {
    kind: 'filesystem',
    async put(key, bytes) {
      const file = fileFor(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, bytes, { overwrite: true });
    },
    async putFile(key, source) {
      const file = fileFor(key);
      const writer = await openAtomicWriter(file, { overwrite: true });
      try {
        for await (const chunk of createReadStream(source, { highWaterMark: 1024 * 1024 })) await writer.write(chunk as Buffer);
        await writer.commit();
      } catch (err) {
        await writer.abort();
        throw err;
      }
    },
    async open(key) {
      try {
        const handle = await fs.open(fileFor(key), 'r');
        return handle.createReadStream({ highWaterMark: 1024 * 1024 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async get(key) {
      try {
        return await fs.readFile(fileFor(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(fileFor(key), { force: true });
    },
    async close() {},
  };
}
