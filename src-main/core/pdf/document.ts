import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { PdfSource } from './source.js';
import { fileSource } from './source.js';
import type { PdfLimits } from './limits.js';
import { limitExceeded, resolveLimits } from './limits.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString } from './objects.js';
import type { PdfArray, PdfObject } from './objects.js';
import { corrupt, findForward, findBackward } from './parser.js';
import type { ByteSpan } from './parser.js';
import { applyFilters } from './filters.js';
import type { FilterStep } from './filters.js';
import { findStartXref, mergeTrailers, readSectionNear, trailerOffset } from './xref.js';
import type { EntryBudget, XrefEntry, XrefSection } from './xref.js';
import { scanObjects, type ScanResult } from './repair.js';
import { ObjectStore } from './store.js';

/**
 * An opened PDF: its revisions (one per incremental update) and views of the document as of any
 * revision. The reader works from a random-access source and keeps only what it parsed.
 */

/** One revision: the state of the document after an incremental update (or the original save). */
export interface PdfRevision {
  /** 0 for the original document, then one per incremental update, in file order. */
  readonly index: number;
  /**
   * The kind of cross-reference section that ends this revision: a classic `table`, a
   * cross-reference `stream`, or a `hybrid` table whose trailer has `/XRefStm`.
   */
  readonly xrefKind: 'table' | 'stream' | 'hybrid';
  /** Offset of the revision's newest cross-reference section: what its `startxref` points at. */
  readonly xrefOffset: number;
  /** The trailer (or cross-reference stream dictionary), merged over the revision's sections. */
  readonly trailer: PdfDict;
  /** Object numbers this revision's sections define as in use (new or changed objects). */
  readonly definedObjects: readonly number[];
  /** Object numbers this revision's sections mark free (deleted), object 0 excluded. */
  readonly freedObjects: readonly number[];
  /** First byte of the revision: 0, or the previous revision's `endOffset`. */
  readonly startOffset: number;
  /** The byte just after `%%EOF`, or -1 when the revision has no `%%EOF` marker. */
  readonly eofOffset: number;
  /**
   * The byte just after the revision's `%%EOF` line end (CR, LF or CRLF) — where a signature of
   * this revision should end its ByteRange. Without a marker, the end of its trailer.
   */
  readonly endOffset: number;
  /** True when this revision is a linearized file's first-page section plus its main section. */
  readonly linearized: boolean;
  /**
   * True when no cross-reference data describes this revision: its objects were found by scanning
   * (a broken file rebuilt whole, or bytes appended after the last readable revision). Only a
   * repairing reader sees such a revision; what it means is not certain.
   */
  readonly repaired: boolean;
}

/** Options for opening a document. */
export interface OpenPdfOptions {
  /** Override some safety limits (the defaults suit real contracts). */
  readonly limits?: Partial<PdfLimits>;
}

/** Where an object is stored in the file. */
export type ObjectLocation =
  | { readonly kind: 'offset'; readonly offset: number; readonly revision: number }
  | { readonly kind: 'compressed'; readonly stream: number; readonly index: number; readonly revision: number };

/**
 * The document as of one revision: objects resolve through that revision's cross-reference
 * sections and the older ones, never the newer ones. `PdfDocument` is the view of the last revision.
 */
export class PdfView {
  /** @internal */
  constructor(
    protected readonly store: ObjectStore,
    /** @internal */
    protected readonly revisionList: readonly PdfRevision[],
    /** Index of the revision this view reads up to. */
    readonly revisionIndex: number,
  ) {}

  /** The revision this view shows. */
  get revision(): PdfRevision {
    return this.revisionList[this.revisionIndex];
  }
  /** The trailer of this revision (`/Root`, `/Info`, `/ID`, `/Size`, `/Prev`…). */
  get trailer(): PdfDict {
    return this.revision.trailer;
  }
  /** The document catalog (`/Root`); `PDF_CORRUPT` if it is missing. */
  get catalog(): PdfDict {
    const root = this.getDict(this.trailer.get('Root'));
    if (!root) throw corrupt('the document catalog (/Root) is missing');
    return root;
  }
  /** The reference of the catalog, when `/Root` is indirect (it always is in a valid file). */
  get catalogRef(): PdfRef | null {
    const root = this.trailer.get('Root');
    return root instanceof PdfRef ? root : null;
  }
  /** The safety limits in force. */
  get limits(): PdfLimits {
    return this.store.limits;
  }

  /** The object a reference points to as of this revision; null when missing or free. */
  get(ref: PdfRef): PdfObject {
    return this.store.get(ref.num, this.revisionIndex);
  }
  /** Follow references until a direct value; `undefined` (absent key) becomes null. */
  resolve(obj: PdfObject | undefined): PdfObject {
    let v: PdfObject = obj ?? null;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops >= 32) return null;
      v = this.get(v);
    }
    return v;
  }
  /** The resolved value if it is a dictionary (a stream's dictionary counts), else null. */
  getDict(obj: PdfObject | undefined): PdfDict | null {
    const v = this.resolve(obj);
    if (v instanceof PdfDict) return v;
    return v instanceof PdfStream ? v.dict : null;
  }
  /** The resolved value if it is an array, else null. */
  getArray(obj: PdfObject | undefined): PdfArray | null {
    const v = this.resolve(obj);
    return Array.isArray(v) ? v : null;
  }
  /** The resolved value if it is a number, else null. */
  getNumber(obj: PdfObject | undefined): number | null {
    const v = this.resolve(obj);
    return typeof v === 'number' ? v : null;
  }
  /** The resolved value if it is a name (its `value`), else null. */
  getName(obj: PdfObject | undefined): string | null {
    const v = this.resolve(obj);
    return v instanceof PdfName ? v.value : null;
  }
  /** The resolved value if it is a string, else null. */
  getString(obj: PdfObject | undefined): PdfString | null {
    const v = this.resolve(obj);
    return v instanceof PdfString ? v : null;
  }
  /** The resolved value if it is a stream, else null. */
  getStream(obj: PdfObject | undefined): PdfStream | null {
    const v = this.resolve(obj);
    return v instanceof PdfStream ? v : null;
  }

  /** The stream's data with its filters undone, capped at `maxBytes` (default: the document limit). */
  decodeStream(stream: PdfStream, maxBytes?: number): Uint8Array {
    return this.store.decode(stream, this.filterSteps(stream), maxBytes);
  }
  /** The stream's data exactly as stored (still encoded). */
  rawStreamBytes(stream: PdfStream): Uint8Array {
    return this.store.rawBytes(stream);
  }
  /** The stream's filter chain with parameters, resolved. */
  filterSteps(stream: PdfStream): FilterStep[] {
    return this.store.filterSteps(stream.dict, this.revisionIndex);
  }

  /** Where object `ref` is stored as of this revision, and which revision stored it; null if absent or free. */
  location(ref: PdfRef | number): ObjectLocation | null {
    const located = this.store.locate(typeof ref === 'number' ? ref : ref.num, this.revisionIndex);
    if (!located || located.entry.type === 'free') return null;
    const e = located.entry;
    return e.type === 'offset'
      ? { kind: 'offset', offset: e.offset, revision: located.revision }
      : { kind: 'compressed', stream: e.stream, index: e.index, revision: located.revision };
  }
  /** Object numbers in use as of this revision, ascending (for comparing revisions). */
  objectNumbers(): number[] {
    const nums = new Set<number>();
    for (let r = 0; r <= this.revisionIndex; r++) {
      for (const [num, e] of this.store.revisionEntries[r]) {
        if (e.type === 'free') nums.delete(num);
        else nums.add(num);
      }
    }
    nums.delete(0);
    return [...nums].sort((a, b) => a - b);
  }
  /**
   * Exact byte spans of the top-level values of a dictionary object stored at a file offset, keyed
   * by dictionary key — e.g. where a signature's `/Contents` string and `/ByteRange` array are. Null
   * for objects inside object streams, which have no position in the file.
   */
  valueSpans(ref: PdfRef): Map<string, ByteSpan> | null {
    return this.store.valueSpans(ref.num, this.revisionIndex);
  }
}

/** An opened PDF: the view of its last revision, plus its revisions and reading diagnostics. */
export class PdfDocument extends PdfView {
  /**
   * Open a PDF from a random-access source. Throws `PDF_NOT_A_PDF` (empty, no header),
   * `PDF_ENCRYPTED`, `PDF_CORRUPT` (nothing usable even after repair) or `PDF_LIMIT_EXCEEDED`.
   * The document does not own the source unless opened with `openFile`.
   */
  static open(source: PdfSource, options: OpenPdfOptions = {}): PdfDocument {
    const limits = resolveLimits(options.limits);
    if (source.size === 0) throw new InkstoneError('PDF_NOT_A_PDF', { reason: 'the file is empty' });
    const header = findHeader(source);
    if (!header) throw new InkstoneError('PDF_NOT_A_PDF', { reason: 'no %PDF- header in the first 1024 bytes' });
    const layout = readLayout(source, limits);
    const doc = new PdfDocument(layout.store, layout.revisions, header, false);
    if (layout.note) doc.store.warnings.push(layout.note);
    doc.assertReadable();
    return doc;
  }

  /** Open a file by path; `close()` releases it. */
  static openFile(path: string, options: OpenPdfOptions = {}): PdfDocument {
    const source = fileSource(path);
    try {
      const doc = PdfDocument.open(source, options);
      doc.ownsSource = true;
      return doc;
    } catch (err) {
      source.close();
      throw err;
    }
  }

  private constructor(
    store: ObjectStore,
    revisions: readonly PdfRevision[],
    /** The header: version string (e.g. "1.7") and the offset of `%PDF-` (normally 0). */
    readonly header: { readonly version: string; readonly offset: number },
    private ownsSource: boolean,
  ) {
    super(store, revisions, revisions.length - 1);
  }

  /** The source the document reads from. */
  get source(): PdfSource {
    return this.store.source;
  }
  /** File size in bytes. */
  get size(): number {
    return this.store.source.size;
  }
  /** All revisions, oldest first. */
  get revisions(): readonly PdfRevision[] {
    return this.revisionList;
  }
  /**
   * True when objects had to be found by scanning the file instead of through its cross-reference
   * data (broken or missing tables, wrong offsets). Revision boundaries of a repaired document are
   * not trustworthy; the verifier reports this. It can turn true as more objects are read.
   */
  get repaired(): boolean {
    return this.store.repaired;
  }
  /** Tolerances applied while reading, in English, for logs and verifier warnings. */
  get warnings(): readonly string[] {
    return this.store.warnings;
  }
  /** The document as it was after revision `index` (0 = as first saved). */
  asOf(index: number): PdfView {
    if (!Number.isInteger(index) || index < 0 || index >= this.revisionList.length) {
      throw new InkstoneError('INVALID_INPUT', { issues: `revision ${index} does not exist (0..${this.revisionList.length - 1})` });
    }
    return index === this.revisionIndex ? this : new PdfView(this.store, this.revisionList, index);
  }
  /**
   * Objects whose entry in revision `index` does not plainly define them (another object or
   * generation at the offset, a body not closed by `endobj`): what such an object number means
   * depends on the reader.
   */
  entryFaults(index: number): Array<{ readonly num: number; readonly reason: string }> {
    const faults: Array<{ num: number; reason: string }> = [];
    for (const num of this.store.revisionEntries[index]?.keys() ?? []) {
      const reason = this.store.entryFault(num, index);
      if (reason) faults.push({ num, reason });
    }
    return faults;
  }
  /** Release the file handle if this document opened it. */
  close(): void {
    if (this.ownsSource) this.store.source.close();
  }

  private assertReadable(): void {
    // `/Encrypt null` (seen in the wild) means no encryption.
    if (this.revisionList.some((rev, k) => this.asOf(k).resolve(rev.trailer.get('Encrypt')) !== null)) {
      throw new InkstoneError('PDF_ENCRYPTED', {});
    }
    const catalog = this.getDict(this.trailer.get('Root'));
    if (!catalog || !this.getDict(catalog.get('Pages'))) throw corrupt('the document catalog or its page tree is missing');
  }
}

function findHeader(source: PdfSource): { version: string; offset: number } | null {
  const head = Buffer.from(source.read(0, 1024)).toString('latin1');
  const at = head.indexOf('%PDF-');
  if (at < 0) return null;
  const m = /^%PDF-(\d+\.\d+)/.exec(head.slice(at));
  return { version: m ? m[1] : 'unknown', offset: at };
}

interface Layout {
  store: ObjectStore;
  revisions: PdfRevision[];
  note?: string;
}

/**
 * Read the cross-reference chain into revisions. When it is broken, keep the longest prefix of the
 * file whose own chain reads (an update appended to a good file breaks only what follows it), and
 * rebuild the whole file by scanning only when no prefix reads. Whatever lies after the revisions
 * the chain describes and defines objects becomes one more revision, read by scanning, as a
 * repairing viewer would read it.
 */
function readLayout(source: PdfSource, limits: PdfLimits): Layout {
  let reason: string;
  try {
    const layout = readChain(source, limits);
    if (leadsToCatalog(layout)) return withScannedTail(layout, limits);
    reason = 'the trailer does not lead to a document catalog';
  } catch (err) {
    if ((err as { code?: string }).code !== 'PDF_CORRUPT') throw err;
    reason = (err as InkstoneError).details.reason as string;
  }
  const note = `cross-reference data unusable (${reason}); `;
  const scan = scanObjects(source, limits); // once, for both ways of recovering
  const prefix = readablePrefix(source, limits, scan.eofs);
  if (prefix) {
    const layout = withScannedTail(prefix, limits);
    layout.note = `${note}the updates after byte ${prefix.revisions[prefix.revisions.length - 1].endOffset} were read by scanning`;
    return layout;
  }
  const rebuilt = rebuild(source, limits, scan);
  rebuilt.note = `${note}rebuilt by scanning the file`;
  return rebuilt;
}

function leadsToCatalog(layout: Layout): boolean {
  const last = layout.revisions.length - 1;
  return layout.store.get(refNum(layout.revisions[last].trailer.get('Root')), last) instanceof PdfDict;
}

/** How many earlier `%%EOF` markers are tried as the end of a readable prefix. */
const MAX_PREFIX_TRIES = 32;

/** The revisions of the longest prefix ending at a `%%EOF` whose chain reads, over the whole file's bytes. */
function readablePrefix(source: PdfSource, limits: PdfLimits, eofs: readonly number[]): Layout | null {
  const ends = eofs.filter((end) => end < source.size);
  for (const end of ends.reverse().slice(0, MAX_PREFIX_TRIES)) {
    const prefix: PdfSource = { size: end, read: (offset, length) => source.read(offset, Math.max(0, Math.min(length, end - offset))), close() {} };
    try {
      const layout = readChain(prefix, limits);
      if (!leadsToCatalog(layout)) continue;
      const store = new ObjectStore(source, limits, layout.store.revisionEntries);
      store.warnings.push(...layout.store.warnings);
      return { store, revisions: layout.revisions };
    } catch (err) {
      if ((err as { code?: string }).code !== 'PDF_CORRUPT') throw err;
    }
  }
  return null;
}

/**
 * Append the bytes after the last revision as a revision of their own when they hold objects or
 * cross-reference syntax: a viewer that repairs the file shows them, so the verifier must judge
 * them. Later definitions win, as in an incremental update; the trailer is the previous one with
 * whatever a readable trailer in those bytes sets.
 */
function withScannedTail(layout: Layout, limits: PdfLimits): Layout {
  const { store, revisions } = layout;
  const source = store.source;
  const previous = revisions[revisions.length - 1];
  const from = Math.max(previous.endOffset, previous.eofOffset);
  if (from >= source.size) return layout;
  const scan = scanObjects(source, limits, from);
  if (!scan.entries.size && !scan.structure) return layout;
  const entries = scan.entries;
  const entryMaps = [...store.revisionEntries, entries];
  const tailStore = new ObjectStore(source, limits, entryMaps);
  tailStore.warnings.push(...store.warnings);
  tailStore.repaired = true;
  const index = revisions.length;
  expandObjectStreams(tailStore, entries, index);
  const trailer = previous.trailer.clone();
  trailer.delete('Prev');
  trailer.delete('XRefStm');
  for (const t of scan.trailers) for (const key of ['Root', 'Info', 'ID']) if (t.has(key)) trailer.set(key, t.get(key) ?? null);
  const size = previous.trailer.get('Size');
  trailer.set('Size', Math.max(typeof size === 'number' ? size - 1 : 0, ...entries.keys()) + 1);
  revisions.push({
    index,
    xrefKind: previous.xrefKind,
    xrefOffset: -1,
    trailer: trailer.freeze(),
    definedObjects: [...entries.keys()].filter((n) => n !== 0).sort((a, b) => a - b),
    freedObjects: [],
    startOffset: previous.endOffset,
    eofOffset: scan.eofs.length ? scan.eofs[scan.eofs.length - 1] : -1,
    endOffset: source.size,
    linearized: false,
    repaired: true,
  });
  return { store: tailStore, revisions };
}

/** Add the objects inside object streams among `entries` (read as of revision `upTo`) to `entries`. */
function expandObjectStreams(store: ObjectStore, entries: Map<number, XrefEntry>, upTo: number): void {
  for (const num of [...entries.keys()]) {
    let obj: PdfObject;
    try {
      obj = store.get(num, upTo);
    } catch (err) {
      if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
      continue; // a damaged object is left out, as in every reader's repair mode
    }
    if (!(obj instanceof PdfStream) || !obj.dict.isName('Type', 'ObjStm')) continue;
    try {
      store.objectStream(num, upTo)?.pairs.forEach(([inner], index) => {
        if (!entries.has(inner)) entries.set(inner, { type: 'compressed', num: inner, stream: num, index });
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
    }
  }
}

function refNum(v: PdfObject | undefined): number {
  return v instanceof PdfRef ? v.num : -1;
}

/** Follow startxref and /Prev from the newest section to the oldest; group sections into revisions. */
function readChain(source: PdfSource, limits: PdfLimits): Layout {
  const start = findStartXref(source);
  if (start === null) throw corrupt('no startxref at the end of the file');
  const budget: EntryBudget = { used: 0 };
  const decode = (stream: PdfStream): Uint8Array => {
    const steps = directFilterSteps(stream.dict);
    return applyFilters(source.read(stream.rawOffset, stream.rawLength), steps, limits.maxDecodedStreamBytes);
  };
  const sections: Array<{ section: XrefSection; hybrid: boolean }> = []; // newest first
  const seen = new Set<number>();
  const warnings: string[] = [];
  for (let next: number | null = start; next !== null;) {
    if (sections.length >= limits.maxRevisions) throw limitExceeded('maxRevisions', limits.maxRevisions);
    const section = readSectionNear(source, next, limits, budget, decode);
    if (!section) throw corrupt(`no cross-reference section at or near byte ${next}`);
    if (!onlyWhitespaceBetween(source, next, section.offset)) {
      warnings.push(`a cross-reference offset says ${next} but the section starts at ${section.offset}; the nearby section was used`);
    }
    if (seen.has(section.offset)) {
      warnings.push('the /Prev chain of cross-reference sections loops; the loop was cut');
      break;
    }
    seen.add(section.offset);
    let hybrid = false;
    const xrefStm = section.kind === 'table' ? trailerOffset(section.trailer, 'XRefStm') : null;
    if (xrefStm !== null) {
      const stm = readSectionNear(source, xrefStm, limits, budget, decode);
      if (stm?.kind === 'stream') {
        hybrid = true;
        // §7.5.8.4: the table's in-use entries come first; the stream supplies the rest.
        for (const [num, e] of stm.entries) {
          const own = section.entries.get(num);
          if (!own || own.type === 'free') section.entries.set(num, e);
        }
      }
    }
    sections.push({ section, hybrid });
    next = trailerOffset(section.trailer, 'Prev');
  }
  // Group: a section older in the chain but later in the file is a linearized file's main section,
  // which forms one revision with the first-page section that points to it.
  const groups: Array<Array<{ section: XrefSection; hybrid: boolean }>> = [];
  for (let i = sections.length - 1; i >= 0; i--) {
    const older = sections[i + 1];
    if (older && sections[i].section.offset < older.section.offset && groups.length) groups[groups.length - 1].unshift(sections[i]);
    else groups.push([sections[i]]);
  }
  const revisions: PdfRevision[] = [];
  const entryMaps: Array<Map<number, XrefEntry>> = [];
  for (let k = 0; k < groups.length; k++) {
    const group = groups[k]; // newest first within the revision
    const entries = new Map<number, XrefEntry>();
    for (const { section } of group) for (const [num, e] of section.entries) if (!entries.has(num)) entries.set(num, e);
    entryMaps.push(entries);
    const sectionEnd = Math.max(...group.map((g) => g.section.end));
    const nextStart = k + 1 < groups.length ? Math.min(...groups[k + 1].map((g) => g.section.offset)) : source.size;
    const eof = findEof(source, sectionEnd, nextStart);
    const newest = group[0];
    revisions.push({
      index: k,
      xrefKind: newest.section.kind === 'stream' ? 'stream' : newest.hybrid ? 'hybrid' : 'table',
      xrefOffset: newest.section.offset,
      trailer: mergeTrailers(group.map((g) => g.section.trailer)),
      definedObjects: [...entries.values()]
        .filter((e) => e.type !== 'free')
        .map((e) => e.num)
        .sort((a, b) => a - b),
      freedObjects: [...entries.values()]
        .filter((e) => e.type === 'free' && e.num !== 0)
        .map((e) => e.num)
        .sort((a, b) => a - b),
      startOffset: k === 0 ? 0 : revisions[k - 1].endOffset,
      eofOffset: eof.eofOffset,
      endOffset: eof.endOffset ?? sectionEnd,
      linearized: group.length > 1,
      repaired: false,
    });
  }
  const store = new ObjectStore(source, limits, entryMaps);
  store.warnings.push(...warnings);
  return { store, revisions };
}

function onlyWhitespaceBetween(source: PdfSource, a: number, b: number): boolean {
  if (a === b) return true;
  if (b < a || b - a > 64) return false;
  return source.read(a, b - a).every((c) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00);
}

/** Filter steps from a dictionary whose /Filter and /DecodeParms are direct (as cross-reference streams require). */
function directFilterSteps(dict: PdfDict): FilterStep[] {
  const filter = dict.get('Filter');
  const parms = dict.get('DecodeParms');
  const names = filter instanceof PdfName ? [filter] : Array.isArray(filter) ? filter : [];
  return names.flatMap((n, i) => {
    if (!(n instanceof PdfName)) return [];
    const p = Array.isArray(parms) ? parms[i] : i === 0 ? parms : null;
    return [{ name: n.value, params: p instanceof PdfDict ? p : null }];
  });
}

/** The `%%EOF` after a revision's trailer and the end of its line. */
function findEof(source: PdfSource, from: number, limit: number): { eofOffset: number; endOffset: number | null } {
  const at = findForward(source, '%%EOF', from, Math.max(from, Math.min(source.size, limit + 5)));
  if (at < 0) return { eofOffset: -1, endOffset: null };
  const eofOffset = at + 5;
  const after = source.read(eofOffset, 2);
  let end = eofOffset;
  if (after[0] === 0x0d) end += after[1] === 0x0a ? 2 : 1;
  else if (after[0] === 0x0a) end += 1;
  return { eofOffset, endOffset: end };
}

/** Rebuild a single revision from a scan of the whole file (object streams expanded). */
function rebuild(source: PdfSource, limits: PdfLimits, scan: ScanResult): Layout {
  const entries = scan.entries;
  const store = new ObjectStore(source, limits, [entries]);
  store.repaired = true;
  let catalog: number | null = null;
  const xrefDicts: PdfDict[] = [];
  for (const num of [...entries.keys()]) {
    let obj: PdfObject;
    try {
      obj = store.get(num, 0);
    } catch (err) {
      if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
      continue; // a damaged object is left out, as in every reader's repair mode
    }
    const dict = obj instanceof PdfStream ? obj.dict : obj instanceof PdfDict ? obj : null;
    if (!dict) continue;
    if (dict.isName('Type', 'Catalog')) catalog = num;
    if (dict.isName('Type', 'XRef')) xrefDicts.push(dict);
    if (obj instanceof PdfStream && dict.isName('Type', 'ObjStm')) {
      try {
        const stm = store.objectStream(num, 0);
        stm?.pairs.forEach(([inner], index) => {
          if (!entries.has(inner)) entries.set(inner, { type: 'compressed', num: inner, stream: num, index });
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'PDF_LIMIT_EXCEEDED') throw err;
      }
    }
  }
  if (entries.size > limits.maxXrefEntries) throw limitExceeded('maxXrefEntries', limits.maxXrefEntries);
  const candidates = [...scan.trailers, ...xrefDicts].reverse();
  const found = candidates.find((t) => store.get(refNum(t.get('Root')), 0) instanceof PdfDict);
  const trailer = new PdfDict();
  if (found) for (const key of ['Root', 'Info', 'ID', 'Encrypt']) if (found.has(key)) trailer.set(key, found.get(key) ?? null);
  if (!trailer.has('Root')) {
    if (catalog === null) throw corrupt('no document catalog found, even by scanning the file');
    trailer.set('Root', new PdfRef(catalog, 0));
  }
  const encrypt = [...scan.trailers, ...xrefDicts].map((t) => t.get('Encrypt')).find((e) => e !== undefined && e !== null);
  if (encrypt !== undefined) trailer.set('Encrypt', encrypt);
  trailer.set('Size', Math.max(0, ...entries.keys()) + 1);
  const lastEof = findBackward(source, '%%EOF', source.size, Math.min(source.size, 64 * 1024));
  const eof = lastEof >= 0 ? findEof(source, lastEof, source.size) : { eofOffset: -1, endOffset: null };
  const revision: PdfRevision = {
    index: 0,
    xrefKind: xrefDicts.length && !scan.trailers.length ? 'stream' : 'table',
    xrefOffset: -1,
    trailer: trailer.freeze(),
    definedObjects: [...entries.keys()].filter((n) => n !== 0).sort((a, b) => a - b),
    freedObjects: [],
    startOffset: 0,
    eofOffset: eof.eofOffset,
    endOffset: eof.endOffset ?? source.size,
    linearized: false,
    repaired: true,
  };
  return { store, revisions: [revision] };
}
