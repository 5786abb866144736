import type { PdfSource } from './source.js';
import { bufferSource } from './source.js';
import type { PdfLimits } from './limits.js';
import { limitExceeded } from './limits.js';
import { PdfDict, PdfName, PdfRef, PdfStream } from './objects.js';
import type { PdfObject } from './objects.js';
import { Cursor, Parser, corrupt } from './parser.js';
import type { ByteSpan } from './parser.js';
import { applyFilters } from './filters.js';
import type { FilterStep } from './filters.js';
import type { XrefEntry } from './xref.js';
import { scanObjects } from './repair.js';

/**
 * Object storage behind every document view: finds an object's entry in the revisions a view may
 * see, parses it (from the file or from an object stream), and caches the result. Views of
 * different revisions share the cache because an entry's bytes never change.
 */

/** An entry together with the revision whose cross-reference section holds it. */
export interface LocatedEntry {
  readonly entry: XrefEntry;
  readonly revision: number;
}

interface ObjectStreamIndex {
  readonly data: Uint8Array;
  readonly first: number;
  readonly pairs: ReadonlyArray<readonly [number, number]>;
}

const OBJSTM_CACHE = 16;
/** Nested resolutions (a stream whose /Length lives in an object stream whose /Length…). */
const MAX_RESOLVE_DEPTH = 32;

export class ObjectStore {
  private readonly cache = new Map<string, PdfObject>();
  private readonly objStms = new Map<number, ObjectStreamIndex>();
  private readonly inProgress = new Set<string>();
  private depth = 0;
  private scanned: Map<number, XrefEntry> | null = null;
  /** Notes about tolerances applied while reading (shown by the verifier as warnings). */
  readonly warnings: string[] = [];
  /** True once objects were found by scanning the file rather than through its own tables. */
  repaired = false;

  constructor(
    readonly source: PdfSource,
    readonly limits: PdfLimits,
    /** Cross-reference entries of each revision, oldest first. */
    readonly revisionEntries: ReadonlyArray<Map<number, XrefEntry>>,
  ) {}

  /** The newest entry for `num` in revisions 0..upTo. */
  locate(num: number, upTo: number): LocatedEntry | null {
    for (let r = Math.min(upTo, this.revisionEntries.length - 1); r >= 0; r--) {
      const entry = this.revisionEntries[r].get(num);
      if (entry) return { entry, revision: r };
    }
    return null;
  }

  /** The object `num` as of revision `upTo`; null when absent or free (§7.3.10). */
  get(num: number, upTo: number): PdfObject {
    const located = this.locate(num, upTo);
    if (!located) return null;
    const { entry, revision } = located;
    if (entry.type === 'free') return null;
    const key = entry.type === 'offset' ? `o${entry.offset}:${num}` : `c${entry.stream}:${entry.index}:${num}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    // A reference cycle through /Length or an object stream: the inner lookup sees null.
    if (this.inProgress.has(key)) return null;
    if (this.depth >= MAX_RESOLVE_DEPTH) throw limitExceeded('maxNestingDepth', MAX_RESOLVE_DEPTH);
    this.inProgress.add(key);
    this.depth++;
    try {
      const value = entry.type === 'offset' ? this.parseAt(num, entry.offset, revision) : this.parseCompressed(num, entry.stream, entry.index, revision);
      this.cache.set(key, value);
      return value;
    } finally {
      this.depth--;
      this.inProgress.delete(key);
    }
  }

  /** Byte spans of the top-level values of the dictionary object `num` (null if not at a file offset). */
  valueSpans(num: number, upTo: number): Map<string, ByteSpan> | null {
    const located = this.locate(num, upTo);
    if (!located || located.entry.type !== 'offset') return null;
    const spans = new Map<string, ByteSpan>();
    const parser = this.parser(located.revision);
    const offset = this.verifiedOffset(num, located.entry.offset, parser);
    if (offset === null) return null;
    parser.parseIndirectObject(offset, spans);
    return spans;
  }

  /**
   * Why revision `revision`'s own entry for `num` does not plainly define that object, or null when
   * it does: the bytes it points at are another object or generation (lenient readers take them,
   * repairing ones look elsewhere), or a body that is not one value closed by `endobj` (readers guess
   * differently where such a body ends), or an object stream slot holding another object.
   */
  entryFault(num: number, revision: number): string | null {
    const entry = this.revisionEntries[revision]?.get(num);
    if (!entry || entry.type === 'free') return null;
    try {
      if (entry.type === 'compressed') {
        const pair = this.objectStream(entry.stream, revision)?.pairs[entry.index];
        return pair?.[0] === num ? null : `slot ${entry.index} of object stream ${entry.stream} holds ${pair ? `object ${pair[0]}` : 'nothing'}`;
      }
      const parsed = this.parser(revision).parseIndirectObject(entry.offset);
      if (parsed.num !== num || parsed.gen !== entry.gen) return `the entry for ${num} ${entry.gen} points at object ${parsed.num} ${parsed.gen}`;
      return parsed.closed ? null : `object ${num} is not one value closed by endobj`;
    } catch (err) {
      if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
      return `no readable object where the entry for ${num} points`;
    }
  }

  /** Encoded bytes of a stream. */
  rawBytes(stream: PdfStream): Uint8Array {
    if (stream.encoded) return stream.encoded;
    return Uint8Array.from(this.source.read(stream.rawOffset, stream.rawLength));
  }

  /** Decode a stream whose /Filter and /DecodeParms have been resolved into steps. */
  decode(stream: PdfStream, steps: readonly FilterStep[], maxBytes = this.limits.maxDecodedStreamBytes): Uint8Array {
    return applyFilters(this.rawBytes(stream), steps, maxBytes);
  }

  /** Filter steps of a stream, resolving indirect /Filter and /DecodeParms as of revision `upTo`. */
  filterSteps(dict: PdfDict, upTo: number): FilterStep[] {
    const resolve = (v: PdfObject | undefined): PdfObject => (v instanceof PdfRef ? this.get(v.num, upTo) : (v ?? null));
    const filter = resolve(dict.get('Filter'));
    const parms = resolve(dict.get('DecodeParms') ?? dict.get('DP'));
    const names = filter instanceof PdfName ? [filter] : Array.isArray(filter) ? filter.map(resolve) : [];
    return names.flatMap((n, i) => {
      if (!(n instanceof PdfName)) return [];
      const p = Array.isArray(parms) ? resolve(parms[i]) : i === 0 ? parms : null;
      return [{ name: n.value, params: p instanceof PdfDict ? p : null }];
    });
  }

  private parser(revision: number): Parser {
    return new Parser(new Cursor(this.source), this.limits, (ref) => {
      const v = this.get(ref.num, revision);
      return typeof v === 'number' && Number.isInteger(v) ? v : null;
    });
  }

  private parseAt(num: number, offset: number, revision: number): PdfObject {
    const parser = this.parser(revision);
    const at = this.verifiedOffset(num, offset, parser);
    if (at === null) return null;
    return parser.parseIndirectObject(at).value;
  }

  /**
   * The offset to parse object `num` from: the table's offset when an object with that number is
   * there, otherwise wherever a scan of the file found it (a broken table entry, or offsets shifted by
   * junk before the header). Null when the object exists nowhere.
   */
  private verifiedOffset(num: number, offset: number, parser: Parser): number | null {
    if (headerNumber(parser, offset) === num) return offset;
    const scanned = this.scanIndex().get(num);
    if (scanned?.type === 'offset') {
      this.warnings.push(`object ${num}: cross-reference offset ${offset} is wrong; found the object at ${scanned.offset}`);
      return scanned.offset;
    }
    this.warnings.push(`object ${num}: cross-reference offset ${offset} does not point at it, and it was not found elsewhere`);
    return null;
  }

  /** The scan of all object headers, made once on first need. */
  scanIndex(): Map<number, XrefEntry> {
    if (!this.scanned) {
      this.repaired = true;
      this.scanned = scanObjects(this.source, this.limits).entries;
    }
    return this.scanned;
  }

  private parseCompressed(num: number, streamNum: number, index: number, revision: number): PdfObject {
    const stm = this.objectStream(streamNum, revision);
    if (!stm) return null;
    let pair = stm.pairs[index];
    if (!pair || pair[0] !== num) pair = stm.pairs.find((p) => p[0] === num) ?? pair;
    if (!pair || pair[0] !== num) return null;
    const cur = new Cursor(bufferSource(stm.data), stm.first + pair[1]);
    return new Parser(cur, this.limits, () => null).parseObject();
  }

  /** The decoded object stream `streamNum` (§7.5.7), cached (least recently used of a few). */
  objectStream(streamNum: number, revision: number): ObjectStreamIndex | null {
    const cached = this.objStms.get(streamNum);
    if (cached) {
      this.objStms.delete(streamNum);
      this.objStms.set(streamNum, cached);
      return cached;
    }
    const stream = this.get(streamNum, revision);
    if (!(stream instanceof PdfStream)) return null;
    const n = stream.dict.get('N');
    const first = stream.dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || first < 0) throw corrupt(`object stream ${streamNum} lacks /N or /First`);
    if (n > this.limits.maxContainerEntries) throw limitExceeded('maxContainerEntries', this.limits.maxContainerEntries);
    const data = this.decode(stream, this.filterSteps(stream.dict, revision));
    const cur = new Cursor(bufferSource(data));
    const pairs: Array<readonly [number, number]> = [];
    for (let i = 0; i < n; i++) {
      cur.skipWhitespace();
      const objNum = cur.readToken(20);
      cur.skipWhitespace();
      const off = cur.readToken(20);
      if (!/^\d+$/.test(objNum) || !/^\d+$/.test(off)) break;
      pairs.push([Number(objNum), Number(off)]);
    }
    const index: ObjectStreamIndex = { data, first, pairs };
    this.objStms.set(streamNum, index);
    if (this.objStms.size > OBJSTM_CACHE) this.objStms.delete(this.objStms.keys().next().value as number);
    return index;
  }
}

/** The object number in the `N G obj` header at `offset`, or -1. */
function headerNumber(parser: Parser, offset: number): number {
  const cur = parser.cursor;
  cur.pos = offset;
  cur.skipWhitespace();
  const num = cur.readToken(12);
  cur.skipWhitespace();
  const gen = cur.readToken(7);
  cur.skipWhitespace();
  return /^\d+$/.test(num) && /^\d+$/.test(gen) && cur.matchKeyword('obj') ? Number(num) : -1;
}
