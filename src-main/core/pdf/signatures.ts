import type { PdfView } from './document.js';
import { PdfDict, PdfRef, PdfString } from './objects.js';
import type { PdfObject } from './objects.js';
import type { ByteSpan } from './parser.js';
import { listFields } from './forms.js';
import type { PdfField } from './forms.js';

/**
 * Signature dictionaries as a verifier needs them (ISO 32000-1 §12.8): values exactly as written
 * (malformed ones are reported as null, not repaired — a malformed /ByteRange is evidence), plus
 * the byte positions of `/Contents` and `/ByteRange` in the file, so the verifier can check that the
 * ByteRange gap is exactly the Contents string.
 */

/** DocMDP permission levels (§12.8.2.2): 1 no changes, 2 form fill and signing, 3 also annotations. */
export type MdpPermission = 1 | 2 | 3;

/** A FieldMDP lock or reference (§12.8.2.4): which fields a signature locks. */
export interface FieldLock {
  readonly action: 'All' | 'Include' | 'Exclude';
  /** Fully qualified field names (for Include / Exclude). */
  readonly fields: readonly string[];
}

/** A signature field's signature dictionary, as found. */
export interface PdfSignatureInfo {
  /** The signature field. */
  readonly field: PdfField;
  /** The field's fully qualified name. */
  readonly fieldName: string;
  /** The signature dictionary's reference; null when it is direct inside the field. */
  readonly ref: PdfRef | null;
  /** The signature dictionary as stored. */
  readonly dict: PdfDict;
  /** `/Type`: `Sig`, `DocTimeStamp`, or null when absent. */
  readonly type: string | null;
  /** `/Filter`, e.g. `Adobe.PPKLite`. */
  readonly filter: string | null;
  /** `/SubFilter`, e.g. `ETSI.CAdES.detached`, `ETSI.RFC3161`, `adbe.pkcs7.detached`. */
  readonly subFilter: string | null;
  /** `/ByteRange` when it is an array of integers (any count: the verifier judges it); else null. */
  readonly byteRange: readonly number[] | null;
  /** The bytes of the `/Contents` string (with its zero padding); null when missing or not a string. */
  readonly contents: Uint8Array | null;
  /** Where the `/Contents` string sits in the file, from `<` to just after `>`; null when unknown. */
  readonly contentsSpan: ByteSpan | null;
  /** Where the `/ByteRange` array sits in the file, from `[` to just after `]`; null when unknown. */
  readonly byteRangeSpan: ByteSpan | null;
  /** Index of the revision that stored the signature dictionary (or its field, when direct). */
  readonly revision: number;
  /** `/M` as written (a PDF date string), or null. */
  readonly signingTime: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  readonly name: string | null;
  readonly contactInfo: string | null;
  /** DocMDP permission when this is a certification signature (`/Reference` with `/TransformMethod /DocMDP`). */
  readonly docMdp: MdpPermission | null;
  /** FieldMDP lock recorded in the signature's `/Reference`, or null. */
  readonly fieldMdp: FieldLock | null;
}

/** Every signature field whose `/V` is a signature dictionary, in field-tree order. */
export function findSignatures(view: PdfView): PdfSignatureInfo[] {
  const out: PdfSignatureInfo[] = [];
  for (const field of listFields(view)) {
    if (field.type !== 'Sig') continue;
    const dict = view.getDict(field.value);
    if (!dict) continue;
    const ref = field.value instanceof PdfRef ? field.value : null;
    const spans = ref ? view.valueSpans(ref) : null;
    const owner = ref ?? field.ref;
    const where = owner ? view.location(owner) : null;
    const text = (key: string): string | null => view.getString(dict.get(key))?.text ?? null;
    const contents = dict.get('Contents');
    const byteRangeSpan = dict.get('ByteRange') instanceof PdfRef ? null : (spans?.get('ByteRange') ?? null);
    out.push({
      field,
      fieldName: field.name,
      ref,
      dict,
      type: dict.name('Type') ?? null,
      filter: dict.name('Filter') ?? null,
      subFilter: dict.name('SubFilter') ?? null,
      byteRange: integerArray(dict.get('ByteRange')),
      contents: contents instanceof PdfString ? contents.bytes : null,
      contentsSpan: contents instanceof PdfString ? (spans?.get('Contents') ?? null) : null,
      byteRangeSpan,
      revision: where ? where.revision : -1,
      signingTime: text('M'),
      reason: text('Reason'),
      location: text('Location'),
      name: text('Name'),
      contactInfo: text('ContactInfo'),
      docMdp: referencePermission(view, dict),
      fieldMdp: referenceLock(view, dict),
    });
  }
  return out;
}

/** The document's certification (DocMDP) signature and its permission, from catalog `/Perms /DocMDP`. */
export function getDocMdp(view: PdfView): { signatureRef: PdfRef | null; permission: MdpPermission } | null {
  const perms = view.getDict(view.catalog.get('Perms'));
  const sigObj = perms?.get('DocMDP');
  const sig = view.getDict(sigObj);
  if (!sig) return null;
  return { signatureRef: sigObj instanceof PdfRef ? sigObj : null, permission: referencePermission(view, sig) ?? 2 };
}

/** A field's `/Lock` dictionary (§12.7.4.5), or null. */
export function getFieldLock(view: PdfView, field: PdfField): FieldLock | null {
  return lockFrom(view, view.getDict(field.dict.get('Lock')));
}

/** The trailer `/ID` pair: permanent and changing identifier; null when absent or malformed. */
export function documentId(view: PdfView): [Uint8Array, Uint8Array] | null {
  const id = view.getArray(view.trailer.get('ID'));
  if (!id || id.length !== 2) return null;
  const a = view.getString(id[0]);
  const b = view.getString(id[1]);
  return a && b ? [a.bytes, b.bytes] : null;
}

function integerArray(obj: PdfObject | undefined): number[] | null {
  if (!Array.isArray(obj)) return null;
  const arr = obj as readonly PdfObject[];
  return arr.every((v) => typeof v === 'number' && Number.isInteger(v)) ? (arr as number[]).slice() : null;
}

function references(view: PdfView, sig: PdfDict): PdfDict[] {
  const refs = view.getArray(sig.get('Reference')) ?? [];
  return refs.map((r) => view.getDict(r)).filter((d): d is PdfDict => d !== null);
}

function referencePermission(view: PdfView, sig: PdfDict): MdpPermission | null {
  for (const ref of references(view, sig)) {
    if (view.getName(ref.get('TransformMethod')) !== 'DocMDP') continue;
    const p = view.getNumber(view.getDict(ref.get('TransformParams'))?.get('P'));
    // §12.8.2.2: P defaults to 2; anything out of range is read as the strictest level.
    return p === null ? 2 : p === 2 || p === 3 ? p : 1;
  }
  return null;
}

function referenceLock(view: PdfView, sig: PdfDict): FieldLock | null {
  for (const ref of references(view, sig)) {
    if (view.getName(ref.get('TransformMethod')) !== 'FieldMDP') continue;
    return lockFrom(view, view.getDict(ref.get('TransformParams')));
  }
  return null;
}

function lockFrom(view: PdfView, dict: PdfDict | null): FieldLock | null {
  if (!dict) return null;
  const action = view.getName(dict.get('Action'));
  if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return null;
  const fields = (view.getArray(dict.get('Fields')) ?? []).map((f) => view.getString(f)?.text).filter((f): f is string => f !== undefined);
  return { action, fields };
}
