import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAtomicWriter } from '../../src-main/core/files/index.js';
import type { AtomicWriter } from '../../src-main/core/files/index.js';
import {
  IncrementalUpdate,
  PdfDocument,
  addSignaturePlaceholder,
  fileSource,
  findSignatures,
  pageCount,
  writeSignaturePlaceholder,
} from '../../src-main/core/pdf/index.js';
import type { PdfSource } from '../../src-main/core/pdf/index.js';
import { largePdf } from '../fixtures/pdfs.js';

/**
 * Memory stays flat because nothing reads or hashes the file whole: every read of the source, every
 * write and every read-back for hashing is bounded. Not a timing test; it checks the access pattern.
 */
const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-pdf-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function counting(source: PdfSource, seen: { max: number; total: number }): PdfSource {
  return {
    size: source.size,
    read(offset, length) {
      seen.max = Math.max(seen.max, length);
      seen.total += length;
      return source.read(offset, length);
    },
    close: () => source.close(),
  };
}

function countingWriter(writer: AtomicWriter, seen: { maxWrite: number; maxRead: number }): AtomicWriter {
  return {
    get tempPath() {
      return writer.tempPath;
    },
    get bytesWritten() {
      return writer.bytesWritten;
    },
    write(chunk) {
      seen.maxWrite = Math.max(seen.maxWrite, chunk.length);
      return writer.write(chunk);
    },
    writeAt: (chunk, position) => writer.writeAt(chunk, position),
    readAt(length, position) {
      seen.maxRead = Math.max(seen.maxRead, length);
      return writer.readAt(length, position);
    },
    commit: () => writer.commit(),
    abort: () => writer.abort(),
  };
}

/** SHA-256 of the ranges, read independently in small chunks. */
function hashRanges(file: string, ranges: Array<[number, number]>): Buffer {
  const fd = openSync(file, 'r');
  const hash = createHash('sha256');
  const buf = Buffer.alloc(256 * 1024);
  try {
    for (const [start, length] of ranges) {
      for (let pos = start; pos < start + length;) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, start + length - pos), pos);
        hash.update(buf.subarray(0, n));
        pos += n;
      }
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest();
}

test('signing a 20 MB file reads, copies and hashes in bounded chunks', async () => {
  const input = await largePdf(20);
  const size = statSync(input).size;
  assert.ok(size > 19 * MiB);
  const reads = { max: 0, total: 0 };
  const doc = PdfDocument.open(counting(fileSource(input), reads));
  assert.equal(pageCount(doc), 1);
  assert.ok(reads.total < MiB, `opening reads only structure (${reads.total} bytes), not the image`);

  const target = path.join(dir, 'signed-20mb.pdf');
  const io = { maxWrite: 0, maxRead: 0 };
  const writer = countingWriter(await openAtomicWriter(target), io);
  const update = new IncrementalUpdate(doc);
  const placeholder = addSignaturePlaceholder(update, { fieldName: 'Sig1' }, { kind: 'signature', signingTime: new Date(), contentsSize: 16384 });
  const pending = await writeSignaturePlaceholder(update, placeholder, writer);
  const digest = await pending.digest();
  await pending.embed(Buffer.from('3003020101', 'hex'));
  await writer.commit();
  doc.close();

  assert.ok(reads.max <= MiB, `largest source read ${reads.max}`);
  assert.ok(io.maxWrite <= MiB, `largest write ${io.maxWrite}`);
  assert.ok(io.maxRead <= MiB, `largest read-back for hashing ${io.maxRead}`);
  const [, a, b, c] = pending.byteRange;
  assert.deepEqual(
    digest,
    hashRanges(target, [
      [0, a],
      [b, c],
    ]),
  );
  assert.equal(b + c, statSync(target).size);
  const signed = PdfDocument.openFile(target);
  try {
    assert.deepEqual(findSignatures(signed)[0].byteRange, [...pending.byteRange]);
  } finally {
    signed.close();
  }
});
