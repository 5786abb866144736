import { createHash } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { AtomicWriter } from '../files/index.js';
import type { PdfDocument } from './document.js';
import { PdfDict, PdfRef, PdfStream, PdfString, name } from './objects.js';
import type { PdfObject, PdfPlaceholder } from './objects.js';
import type { ByteSpan } from './parser.js';
import { corrupt } from './parser.js';
import { deflate } from './filters.js';
import { ByteSink, writeIndirectObject, writeObject } from './serialize.js';
import { documentId } from './signatures.js';

/**
 * Incremental updates (ISO 32000-1 §7.5.6): new and changed objects appended after the original
 * bytes, with a cross-reference section of the same kind the file already uses and a trailer whose
 * `/Prev` chains to the previous one. Earlier bytes are never rewritten, so earlier signatures stay
 * valid. Build an update against an opened document, then write it with `writeIncrementalUpdate`.
 */
export class IncrementalUpdate {
  private readonly pending = new Map<number, { ref: PdfRef; value: PdfObject | undefined }>();
  private nextNum: number;

  constructor(
    /** The document being updated (its last revision is the base). */
    readonly base: PdfDocument,
  ) {
    if (base.revision.xrefOffset < 0) {
      throw corrupt('the file had to be repaired to be read; an incremental update cannot be appended to it');
    }
    const size = base.getNumber(base.trailer.get('Size')) ?? 0;
    const used = base.objectNumbers();
    // A /Size smaller than the objects in use (seen in the wild) must not make us reuse a number.
    this.nextNum = Math.max(size, (used.length ? used[used.length - 1] : 0) + 1, 1);
  }

  /** Reserve a new object number; give it a value with `set` before writing. */
  allocate(): PdfRef {
    const ref = new PdfRef(this.nextNum++, 0);
    this.pending.set(ref.num, { ref, value: undefined });
    return ref;
  }

  /** Add a new object and return its reference. */
  add(value: PdfObject): PdfRef {
    const ref = this.allocate();
    this.set(ref, value);
    return ref;
  }

  /**
   * Add a stream. Its data is Flate-compressed unless `compress` is false or the dictionary already
   * names a `/Filter` (then `data` must already be encoded that way, e.g. a JPEG with DCTDecode).
   */
  addStream(dict: PdfDict | Record<string, PdfObject>, data: Uint8Array, options: { compress?: boolean } = {}): PdfRef {
    const d = dict instanceof PdfDict ? dict.clone() : new PdfDict(dict);
    let encoded = data;
    if (options.compress !== false && !d.has('Filter')) {
      d.set('Filter', name('FlateDecode'));
      encoded = deflate(data);
    }
    return this.add(PdfStream.fromBytes(d.freeze(), encoded));
  }

  /** Give an allocated object its value, or replace an existing object with a new version. */
  set(ref: PdfRef, value: PdfObject): void {
    const own = this.pending.get(ref.num);
    if (!own && this.base.location(ref) === null) {
      throw new InkstoneError('INTERNAL', { reason: `object ${ref.num} is neither allocated in this update nor in the document` });
    }
    this.pending.set(ref.num, { ref: own?.ref ?? new PdfRef(ref.num, ref.gen), value });
  }

  /**
   * A mutable copy of dictionary object `ref`, registered as its new version in this update; calling
   * it again returns the same copy, so several edits of one object compose.
   */
  editDict(ref: PdfRef): PdfDict {
    const own = this.pending.get(ref.num);
    if (own?.value instanceof PdfDict && !own.value.isFrozen) return own.value;
    const current = own ? own.value : this.base.get(ref);
    if (!(current instanceof PdfDict)) throw corrupt(`object ${ref.num} is expected to be a dictionary`);
    const copy = current.clone();
    this.pending.set(ref.num, { ref: own?.ref ?? ref, value: copy });
    return copy;
  }

  /** The object as this update will leave it: the pending version if any, else the document's. */
  get(ref: PdfRef): PdfObject {
    const own = this.pending.get(ref.num);
    return own ? (own.value ?? null) : this.base.get(ref);
  }

  /** Follow references (seeing pending versions) until a direct value. */
  resolve(obj: PdfObject | undefined): PdfObject {
    let v: PdfObject = obj ?? null;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops >= 32) return null;
      v = this.get(v);
    }
    return v;
  }

  /** Objects written by this update, by number. */
  get objects(): ReadonlyArray<{ readonly ref: PdfRef; readonly value: PdfObject | undefined }> {
    return [...this.pending.values()];
  }

  /** The number the next new object would get; the new trailer's /Size is at least this. */
  get nextObjectNumber(): number {
    return this.nextNum;
  }

  /** True when nothing was added or changed. */
  get isEmpty(): boolean {
    return this.pending.size === 0;
  }
}

/** What was written, in absolute positions of the output file. */
export interface WrittenUpdate {
  /** Size of the original file (its bytes are a prefix of the output). */
  readonly baseSize: number;
  /** Offset of the first appended byte. */
  readonly startOffset: number;
  /** Offset of the new cross-reference section (what the new `startxref` says). */
  readonly xrefOffset: number;
  /** Total size of the output file. */
  readonly size: number;
  /** Kind of cross-reference section written. */
  readonly xrefKind: 'table' | 'stream';
  /** Offsets of the objects written, by object number. */
  readonly objectOffsets: ReadonlyMap<number, number>;
  /** Where each placeholder landed. */
  readonly placeholders: ReadonlyMap<PdfPlaceholder, ByteSpan>;
}

const COPY_CHUNK = 1024 * 1024;
const FLUSH_AT = 256 * 1024;

/**
 * Write the original file followed by the update to `writer` (streamed: the original is copied in
 * 1 MiB chunks, appended objects are flushed as they accumulate). The writer is not committed: the
 * caller commits, or patches placeholders first. On failure the caller aborts the writer.
 */
export async function writeIncrementalUpdate(update: IncrementalUpdate, writer: AtomicWriter): Promise<WrittenUpdate> {
  const base = update.base;
  const unset = update.objects.filter((o) => o.value === undefined);
  if (unset.length) throw new InkstoneError('INTERNAL', { reason: `objects ${unset.map((o) => o.ref.num).join(', ')} were allocated but never set` });
  if (writer.bytesWritten !== 0) throw new InkstoneError('INTERNAL', { reason: 'the writer already holds data' });

  for (let pos = 0; pos < base.size; pos += COPY_CHUNK) await writer.write(base.source.read(pos, COPY_CHUNK));
  const last = base.size ? base.source.read(base.size - 1, 1)[0] : 0x0a;
  const sink = new ByteSink(base.size);
  // The appended part starts on a new line; the original bytes stay untouched.
  if (last !== 0x0a && last !== 0x0d) sink.write('\n');
  const startOffset = sink.offset;
  const flush = async (force = false): Promise<void> => {
    if (sink.buffered && (force || sink.buffered >= FLUSH_AT)) await writer.write(sink.take());
  };

  const idHash = createHash('md5');
  const objectOffsets = new Map<number, number>();
  const sorted = [...update.objects].sort((a, b) => a.ref.num - b.ref.num);
  for (const { ref, value } of sorted) {
    objectOffsets.set(ref.num, sink.offset);
    const before = sink.offset;
    writeIndirectObject(sink, ref, value ?? null, (s) => base.rawStreamBytes(s));
    idHash.update(`${ref.num}:${sink.offset - before};`);
    await flush();
  }

  const kind = base.revision.xrefKind === 'stream' ? 'stream' : 'table';
  const trailer = newTrailer(update, idHash.digest());
  const gens = new Map(update.objects.map((o) => [o.ref.num, o.ref.gen]));
  let xrefOffset: number;
  if (kind === 'table') {
    xrefOffset = sink.offset;
    const nums = [...objectOffsets.keys()];
    sink.write('xref\n');
    for (const run of runs(nums)) {
      sink.write(`${run.first} ${run.count}\n`);
      for (const num of nums.slice(run.at, run.at + run.count)) {
        sink.write(`${String(objectOffsets.get(num)).padStart(10, '0')} ${String(gens.get(num) ?? 0).padStart(5, '0')} n\r\n`);
      }
    }
    trailer.set('Size', update.nextObjectNumber);
    sink.write('trailer\n');
    writeObject(sink, trailer);
    sink.write('\n');
  } else {
    // The cross-reference stream lists itself, so its number and offset are fixed before writing it.
    const selfNum = update.nextObjectNumber;
    xrefOffset = sink.offset;
    objectOffsets.set(selfNum, xrefOffset);
    gens.set(selfNum, 0);
    const nums = [...objectOffsets.keys()];
    const w2 = Math.max(1, Math.ceil(Math.log2(xrefOffset + 1) / 8));
    const rowLength = 1 + w2 + 2;
    const rows = Buffer.alloc(nums.length * rowLength);
    nums.forEach((num, i) => {
      rows[i * rowLength] = 1;
      rows.writeUIntBE(objectOffsets.get(num)!, i * rowLength + 1, w2);
      rows.writeUInt16BE(gens.get(num) ?? 0, i * rowLength + 1 + w2);
    });
    trailer
      .set('Type', name('XRef'))
      .set('Size', selfNum + 1)
      .set(
        'Index',
        runs(nums).flatMap((r) => [r.first, r.count]),
      )
      .set('W', [1, w2, 2])
      .set('Filter', name('FlateDecode'));
    writeIndirectObject(sink, new PdfRef(selfNum, 0), PdfStream.fromBytes(trailer.freeze(), deflate(rows)), () => new Uint8Array(0));
  }
  sink.write(`startxref\n${xrefOffset}\n%%EOF\n`);
  const size = sink.offset;
  await flush(true);
  return { baseSize: base.size, startOffset, xrefOffset, size, xrefKind: kind, objectOffsets, placeholders: sink.placeholders };
}

/** The new trailer: the document's /Root and /Info, /Prev, and /ID with a fresh second element. */
function newTrailer(update: IncrementalUpdate, fresh: Uint8Array): PdfDict {
  const base = update.base;
  const t = new PdfDict();
  for (const key of ['Root', 'Info']) {
    const v = base.trailer.get(key);
    if (v !== undefined) t.set(key, v);
  }
  t.set('Prev', base.revision.xrefOffset);
  const id = documentId(base);
  // §14.4: the first identifier is permanent; the second changes with every update.
  t.set('ID', [new PdfString(id ? id[0] : fresh, true), new PdfString(fresh, true)]);
  return t;
}

/** Consecutive runs of sorted object numbers: the subsections of a table, the /Index of a stream. */
function runs(sortedNums: readonly number[]): Array<{ first: number; count: number; at: number }> {
  const out: Array<{ first: number; count: number; at: number }> = [];
  sortedNums.forEach((num, i) => {
    const cur = out[out.length - 1];
    if (cur && cur.first + cur.count === num) cur.count++;
    else out.push({ first: num, count: 1, at: i });
  });
  return out;
}
