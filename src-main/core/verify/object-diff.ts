import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfDocument, type PdfObject, type PdfView } from '../pdf/index.js';

/**
 * What a revision changed, object by object: the objects its cross-reference section defines that
 * differ in value from the previous revision, plus the ones it frees. Values are compared, not
 * positions — writers often re-save untouched objects, and an attacker may point a cross-reference
 * entry at bytes that were already in the signed revision (a shadow attack does exactly that).
 */

/** One changed object: its value before (null when new) and after (null when freed). */
export interface ObjectChange {
  readonly num: number;
  readonly before: PdfObject;
  readonly after: PdfObject;
  /** `added`: not in use before; `freed`: not in use after; `changed`: a different value. */
  readonly kind: 'added' | 'changed' | 'freed';
}

/** Deep equality of two values, each read in its own view (references compare by number and generation). */
export function sameValue(v1: PdfView, a: PdfObject | undefined, v2: PdfView, b: PdfObject | undefined, depth = 0): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === b) return true;
  if (depth > 64) return false; // nesting this deep is hostile; treat as a change
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfName) return b instanceof PdfName && a.value === b.value;
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(v1, x, v2, b[i], depth + 1));
  if (a instanceof PdfStream) return b instanceof PdfStream && sameDict(v1, a.dict, v2, b.dict, depth, true) && sameStreamData(v1, a, v2, b);
  if (a instanceof PdfDict) return b instanceof PdfDict && sameDict(v1, a, v2, b, depth, false);
  return false;
}

function sameDict(v1: PdfView, a: PdfDict, v2: PdfView, b: PdfDict, depth: number, stream: boolean): boolean {
  // A stream's /Length describes its encoding, which the data comparison covers.
  const keys = (d: PdfDict) => [...d.keys()].filter((k) => !(stream && k === 'Length')).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(v1, a.get(k), v2, b.get(k), depth + 1));
}

function sameStreamData(v1: PdfView, a: PdfStream, v2: PdfView, b: PdfStream): boolean {
  if (a.rawOffset >= 0 && a.rawOffset === b.rawOffset && a.rawLength === b.rawLength) return true;
  if (a.rawLength !== b.rawLength) return false;
  return Buffer.from(v1.rawStreamBytes(a)).equals(Buffer.from(v2.rawStreamBytes(b)));
}

/** Keys whose values differ between two dictionaries (or stream dictionaries; `<data>` when stream data differ). */
export function changedKeys(v1: PdfView, a: PdfObject, v2: PdfView, b: PdfObject): string[] {
  const da = a instanceof PdfStream ? a.dict : a instanceof PdfDict ? a : null;
  const db = b instanceof PdfStream ? b.dict : b instanceof PdfDict ? b : null;
  if (!da || !db) return ['<type>'];
  const keys = new Set([...da.keys(), ...db.keys()]);
  const streams = a instanceof PdfStream && b instanceof PdfStream;
  const out = [...keys].filter((k) => !(streams && k === 'Length') && !sameValue(v1, da.get(k), v2, db.get(k)));
  if (streams && !sameStreamData(v1, a, v2, b)) out.push('<data>');
  if (a instanceof PdfStream !== b instanceof PdfStream) out.push('<type>');
  return out;
}

/** The objects revision `index` changed relative to revision `index - 1`. */
export function revisionObjectChanges(doc: PdfDocument, index: number, tick: () => void): ObjectChange[] {
  const before = doc.asOf(index - 1);
  const after = doc.asOf(index);
  const revision = doc.revisions[index];
  const out: ObjectChange[] = [];
  for (const num of revision.definedObjects) {
    tick();
    const ref = new PdfRef(num, 0);
    const existed = before.location(num) !== null;
    const a = existed ? before.get(ref) : null;
    const b = after.get(ref);
    if (!existed) out.push({ num, before: null, after: b, kind: 'added' });
    else if (!sameValue(before, a, after, b)) out.push({ num, before: a, after: b, kind: 'changed' });
  }
  for (const num of revision.freedObjects) {
    if (before.location(num) !== null) out.push({ num, before: before.get(new PdfRef(num, 0)), after: null, kind: 'freed' });
  }
  return out;
}
