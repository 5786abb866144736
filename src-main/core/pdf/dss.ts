import { createHash } from 'node:crypto';
import type { PdfView } from './document.js';
import { PdfDict, PdfRef, PdfString, name } from './objects.js';
import type { PdfObject } from './objects.js';
import type { IncrementalUpdate } from './incremental.js';
import { formatPdfDate } from './dates.js';

/**
 * The Document Security Store (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3): certificates, OCSP
 * responses and CRLs a verifier needs to validate signatures offline (PAdES B-LT), optionally
 * indexed per signature in `/VRI`. Reading decodes every entry; adding merges with what is there.
 */

/** One DSS entry: a stream's decoded bytes (DER) and where it is. */
export interface DssEntry {
  readonly ref: PdfRef | null;
  readonly bytes: Uint8Array;
}

/** Validation data of one signature (`/VRI` value). */
export interface DssVri {
  readonly certs: readonly DssEntry[];
  readonly ocsps: readonly DssEntry[];
  readonly crls: readonly DssEntry[];
  /** `/TU`: when the VRI was created, as written; null when absent. */
  readonly time: string | null;
  /** `/TS`: a timestamp token over the VRI data, when present. */
  readonly timestamp: DssEntry | null;
}

/** The document's DSS as of a view. */
export interface PdfDss {
  /** The DSS dictionary's reference; null when direct in the catalog. */
  readonly ref: PdfRef | null;
  readonly certs: readonly DssEntry[];
  readonly ocsps: readonly DssEntry[];
  readonly crls: readonly DssEntry[];
  /** Keyed by uppercase hex SHA-1 of the signature's `/Contents` bytes. */
  readonly vri: ReadonlyMap<string, DssVri>;
}

/** The catalog's `/DSS`, decoded, or null when the document has none. Entries that are not streams are skipped. */
export function readDss(view: PdfView): PdfDss | null {
  const obj = view.catalog.get('DSS');
  const dss = view.getDict(obj);
  if (!dss) return null;
  const vri = new Map<string, DssVri>();
  const vriDict = view.getDict(dss.get('VRI'));
  for (const [key, value] of vriDict?.entries() ?? []) {
    const v = view.getDict(value);
    if (!v) continue;
    const ts = view.getStream(v.get('TS'));
    vri.set(key.toUpperCase(), {
      certs: entries(view, v.get('Cert')),
      ocsps: entries(view, v.get('OCSP')),
      crls: entries(view, v.get('CRL')),
      time: view.getString(v.get('TU'))?.text ?? null,
      timestamp: ts ? { ref: v.get('TS') instanceof PdfRef ? (v.get('TS') as PdfRef) : null, bytes: view.decodeStream(ts) } : null,
    });
  }
  return {
    ref: obj instanceof PdfRef ? obj : null,
    certs: entries(view, dss.get('Certs')),
    ocsps: entries(view, dss.get('OCSPs')),
    crls: entries(view, dss.get('CRLs')),
    vri,
  };
}

function entries(view: PdfView, arr: PdfObject | undefined): DssEntry[] {
  return (view.getArray(arr) ?? []).flatMap((item) => {
    const s = view.getStream(item);
    return s ? [{ ref: item instanceof PdfRef ? item : null, bytes: view.decodeStream(s) }] : [];
  });
}

/** The `/VRI` key of a signature: uppercase hex SHA-1 of its `/Contents` bytes as stored (padding included, as Adobe and pyHanko do). */
export function vriKey(signatureContents: Uint8Array): string {
  return createHash('sha1').update(signatureContents).digest('hex').toUpperCase();
}

/** Validation data to add: DER blobs. */
export interface DssAddition {
  readonly certs?: readonly Uint8Array[];
  readonly ocsps?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
  /** Per-signature entries keyed by `vriKey(contents)`; they are also added to the document-wide arrays. */
  readonly vri?: ReadonlyMap<string, { certs?: readonly Uint8Array[]; ocsps?: readonly Uint8Array[]; crls?: readonly Uint8Array[] }>;
  /** Written as each new VRI entry's `/TU`. */
  readonly vriTime?: Date;
}

/**
 * Add validation data to the update's document, merging with an existing DSS: existing entries are
 * kept, a blob already present (same bytes) is referenced rather than stored twice, and VRI entries
 * for the same signature are merged. The DSS dictionary and the catalog are updated wherever they live.
 */
export function addDss(update: IncrementalUpdate, data: DssAddition): void {
  const base = update.base;
  const existing = readDss(base);
  const known = new Map<string, PdfRef>();
  const keyOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
  for (const list of [existing?.certs, existing?.ocsps, existing?.crls]) for (const e of list ?? []) if (e.ref) known.set(keyOf(e.bytes), e.ref);
  const store = (bytes: Uint8Array): PdfRef => {
    const key = keyOf(bytes);
    let ref = known.get(key);
    if (!ref) {
      ref = update.addStream({}, bytes);
      known.set(key, ref);
    }
    return ref;
  };
  const merge = (current: PdfObject | undefined, blobs: readonly Uint8Array[]): PdfObject[] => {
    const out: PdfObject[] = [...(base.getArray(current) ?? [])];
    for (const b of blobs) {
      const ref = store(b);
      if (!out.some((x) => ref.equals(x))) out.push(ref);
    }
    return out;
  };

  const vriAll = [...(data.vri?.values() ?? [])];
  const certs = [...(data.certs ?? []), ...vriAll.flatMap((v) => v.certs ?? [])];
  const ocsps = [...(data.ocsps ?? []), ...vriAll.flatMap((v) => v.ocsps ?? [])];
  const crls = [...(data.crls ?? []), ...vriAll.flatMap((v) => v.crls ?? [])];

  const catalogRef = base.catalogRef!;
  const dssObj = base.catalog.get('DSS');
  // An indirect DSS gets a new version; a direct one (or none) becomes a new indirect object.
  const indirect = dssObj instanceof PdfRef && base.getDict(dssObj) !== null;
  const dss = indirect ? update.editDict(dssObj as PdfRef) : (base.getDict(dssObj)?.clone() ?? new PdfDict({ Type: name('DSS') }));
  if (!indirect) update.editDict(catalogRef).set('DSS', update.add(dss));
  const setList = (key: string, blobs: readonly Uint8Array[]): void => {
    if (blobs.length || dss.has(key)) dss.set(key, merge(dss.get(key), blobs));
  };
  setList('Certs', certs);
  setList('OCSPs', ocsps);
  setList('CRLs', crls);

  if (data.vri?.size) {
    const vriObj = dss.get('VRI');
    const vri = vriObj instanceof PdfRef && base.getDict(vriObj) ? update.editDict(vriObj) : (base.getDict(vriObj)?.clone() ?? new PdfDict());
    for (const [key, v] of data.vri) {
      const k = key.toUpperCase();
      const old = base.getDict(vri.get(k));
      const entry = old ? old.clone() : new PdfDict();
      const put = (name: string, blobs: readonly Uint8Array[] | undefined): void => {
        if (blobs?.length) entry.set(name, merge(entry.get(name), blobs));
      };
      put('Cert', v.certs);
      put('OCSP', v.ocsps);
      put('CRL', v.crls);
      if (data.vriTime && !entry.has('TU')) entry.set('TU', PdfString.fromText(formatPdfDate(data.vriTime)));
      vri.set(k, entry);
    }
    if (!(vriObj instanceof PdfRef)) dss.set('VRI', vri);
  }
}
