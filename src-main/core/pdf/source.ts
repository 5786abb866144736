import { openSync, readSync, fstatSync, closeSync } from 'node:fs';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Random access to the bytes of a PDF. The reader never needs the whole file in memory: it reads
 * the tail, the cross-reference sections and the objects it is asked for, so a 100 MB contract can
 * be signed or verified with a flat memory profile.
 */
export interface PdfSource {
  /** Total size in bytes. */
  readonly size: number;
  /**
   * Bytes `[offset, offset + length)`, clipped to the end of the source (shorter, possibly empty,
   * near the end). The returned array may be a view the caller must not keep across calls.
   */
  read(offset: number, length: number): Uint8Array;
  /** Release the underlying file handle. Reading after close is an error. */
  close(): void;
}

/** A source over bytes already in memory (object streams, tests, small files). */
export function bufferSource(bytes: Uint8Array): PdfSource {
  return {
    size: bytes.length,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.length));
      return bytes.subarray(start, Math.max(start, Math.min(bytes.length, offset + length)));
    },
    close() {},
  };
}

/**
 * A source over a file, read synchronously by position. The core runs off the UI thread, so a
 * synchronous read is simpler and faster than promise churn for the many small reads parsing needs.
 * The file must not change while it is open: a signed document version is immutable by design.
 */
export function fileSource(path: string): PdfSource {
  let fd: number | null;
  let size: number;
  try {
    fd = openSync(path, 'r');
    size = fstatSync(fd).size;
  } catch (err) {
    throw new InkstoneError('IO_ERROR', { reason: (err as Error).message, path }, { cause: err });
  }
  return {
    size,
    read(offset, length) {
      if (fd === null) throw new InkstoneError('IO_ERROR', { reason: 'file already closed', path });
      const start = Math.max(0, Math.min(offset, size));
      const n = Math.max(0, Math.min(length, size - start));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, start + got);
        if (r === 0) break;
        got += r;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close() {
      if (fd !== null) {
        closeSync(fd);
        fd = null;
      }
    },
  };
}
