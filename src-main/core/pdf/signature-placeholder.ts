import { createHash } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { AtomicWriter } from '../files/index.js';
import { PdfDict, PdfPlaceholder, PdfRef, PdfString, name } from './objects.js';
import type { PdfObject } from './objects.js';
import type { ByteSpan } from './parser.js';
import { corrupt } from './parser.js';
import { getPage } from './pages.js';
import type { PdfRect } from './pages.js';
import { listFields } from './forms.js';
import { getDocMdp } from './signatures.js';
import type { FieldLock, MdpPermission } from './signatures.js';
import { formatPdfDate } from './dates.js';
import { formatByteRange } from './serialize.js';
import { writeIncrementalUpdate } from './incremental.js';
import { rangeChunks } from './ranges.js';
import type { IncrementalUpdate, WrittenUpdate } from './incremental.js';

/**
 * Signature placeholders (ISO 32000-1 §12.8, ETSI EN 319 142-1): the building blocks the signing
 * engine orchestrates. Add a signature field and a signature dictionary whose `/Contents` and
 * `/ByteRange` are fixed-width slots; write the update; patch the real ByteRange; hash the signed
 * ranges by streaming them back from the pending file; embed the CMS (or timestamp token); commit.
 */

/** Where the signature shows (or does not) and how its field is set up. */
export interface SignatureFieldOptions {
  /** Field name (a partial name without dots). An existing unsigned signature field of this name is used; otherwise a new one is created. */
  readonly fieldName: string;
  /** 0-based page of a new field's widget (default 0). Ignored for an existing field. */
  readonly page?: number;
  /** Widget rectangle in the page's default user space; omitted or `[0 0 0 0]` for an invisible signature. */
  readonly rect?: PdfRect;
  /** Appearance form XObject the caller added (with `update.addStream`), used as the widget's `/AP /N`. */
  readonly appearance?: PdfRef;
  /** FieldMDP: fields this signature locks; written as the field's `/Lock` and in the signature's `/Reference`. */
  readonly lock?: FieldLock;
}

/** What the signature dictionary says. */
export interface SignatureDictionaryOptions {
  /** A CMS signature (`/Type /Sig`) or an RFC 3161 document timestamp (`/Type /DocTimeStamp`). */
  readonly kind: 'signature' | 'document-timestamp';
  /** Default `ETSI.CAdES.detached` for signatures, `ETSI.RFC3161` for document timestamps. */
  readonly subFilter?: string;
  /** Default `Adobe.PPKLite`. */
  readonly filter?: string;
  /** `/M`, the claimed signing time (PAdES puts it here, not in the CMS). Not written for timestamps. */
  readonly signingTime?: Date;
  readonly reason?: string;
  readonly location?: string;
  readonly name?: string;
  readonly contactInfo?: string;
  /** Make this a certification signature with this DocMDP permission (catalog `/Perms /DocMDP`). */
  readonly certify?: MdpPermission;
  /** Bytes reserved for the DER signature; the hex string in the file is twice as long. */
  readonly contentsSize: number;
  /** Further entries, e.g. `/Prop_Build`. They may not override the ones above. */
  readonly extra?: Readonly<Record<string, PdfObject>>;
}

/** The objects of a signature in an update, and its two slots. */
export interface SignaturePlaceholder {
  readonly fieldName: string;
  readonly fieldRef: PdfRef;
  readonly signatureRef: PdfRef;
  readonly contents: PdfPlaceholder;
  readonly byteRange: PdfPlaceholder;
}

/** Annotation flags Print (4) + Locked (128): printed, and not movable in a viewer. */
const WIDGET_FLAGS = 132;
const INVISIBLE: PdfRect = [0, 0, 0, 0];

/**
 * Add a signature (field, widget, signature dictionary with placeholders) to an update. The page's
 * `/Annots` and the catalog's `/AcroForm` are updated wherever they live (direct or indirect).
 * Throws `PDF_FIELD_NOT_SIGNATURE` / `PDF_FIELD_ALREADY_SIGNED` for an unusable existing field,
 * `PDF_ALREADY_CERTIFIED` when certifying a document that already carries a certification.
 */
export function addSignaturePlaceholder(update: IncrementalUpdate, field: SignatureFieldOptions, sig: SignatureDictionaryOptions): SignaturePlaceholder {
  const base = update.base;
  if (!field.fieldName || field.fieldName.includes('.')) {
    throw new InkstoneError('INVALID_INPUT', { issues: 'a signature field name must be non-empty and contain no dots' });
  }
  if (!Number.isInteger(sig.contentsSize) || sig.contentsSize < 1) {
    throw new InkstoneError('INVALID_INPUT', { issues: 'contentsSize must be a positive integer' });
  }
  if (sig.certify && getDocMdp(base)) throw new InkstoneError('PDF_ALREADY_CERTIFIED', {});
  const catalogRef = base.catalogRef;
  if (!catalogRef) throw corrupt('the document catalog is not an indirect object');

  const contents = new PdfPlaceholder('contents', sig.contentsSize);
  const byteRange = new PdfPlaceholder('byteRange', 0);
  const signatureRef = update.add(signatureDictionary(sig, contents, byteRange, field.lock, catalogRef));

  const existing = listFields(base).find((f) => f.name === field.fieldName);
  let fieldRef: PdfRef;
  if (existing) {
    if (existing.type !== 'Sig') throw new InkstoneError('PDF_FIELD_NOT_SIGNATURE', { name: field.fieldName });
    if (base.resolve(existing.value) !== null) throw new InkstoneError('PDF_FIELD_ALREADY_SIGNED', { name: field.fieldName });
    if (!existing.ref) throw corrupt(`the signature field "${field.fieldName}" is not an indirect object`);
    fieldRef = existing.ref;
    const dict = update.editDict(fieldRef);
    dict.set('V', signatureRef);
    if (field.lock) dict.set('Lock', lockDictionary(field.lock, 'SigFieldLock'));
    const widget = existing.widgets[0];
    if (field.appearance && widget?.ref) {
      const w = widget.ref.equals(fieldRef) ? dict : update.editDict(widget.ref);
      w.set('AP', new PdfDict({ N: field.appearance }));
    }
  } else {
    const page = getPage(base, field.page ?? 0);
    const widget = new PdfDict({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: PdfString.fromText(field.fieldName),
      V: signatureRef,
      F: WIDGET_FLAGS,
      Rect: [...(field.rect ?? INVISIBLE)],
      P: page.ref,
    });
    if (field.appearance) widget.set('AP', new PdfDict({ N: field.appearance }));
    if (field.lock) widget.set('Lock', lockDictionary(field.lock, 'SigFieldLock'));
    fieldRef = update.add(widget);
    appendToArray(update, page.ref, 'Annots', fieldRef);
  }

  const acroForm = editAcroForm(update, catalogRef);
  if (!existing) appendToArray(update, acroForm, 'Fields', fieldRef);
  acroForm.set('SigFlags', 3); // SignaturesExist | AppendOnly
  if (sig.certify) {
    const catalog = update.editDict(catalogRef);
    const perms = editSubDict(update, catalog, 'Perms');
    perms.set('DocMDP', signatureRef);
  }
  return { fieldName: field.fieldName, fieldRef, signatureRef, contents, byteRange };
}

function signatureDictionary(
  sig: SignatureDictionaryOptions,
  contents: PdfPlaceholder,
  byteRange: PdfPlaceholder,
  lock: FieldLock | undefined,
  catalogRef: PdfRef,
): PdfDict {
  const timestamp = sig.kind === 'document-timestamp';
  const d = new PdfDict({
    Type: name(timestamp ? 'DocTimeStamp' : 'Sig'),
    Filter: name(sig.filter ?? 'Adobe.PPKLite'),
    SubFilter: name(sig.subFilter ?? (timestamp ? 'ETSI.RFC3161' : 'ETSI.CAdES.detached')),
    ByteRange: byteRange,
    Contents: contents,
  });
  if (!timestamp && sig.signingTime) d.set('M', PdfString.fromText(formatPdfDate(sig.signingTime)));
  const texts: Array<[string, string | undefined]> = [
    ['Name', sig.name],
    ['Reason', sig.reason],
    ['Location', sig.location],
    ['ContactInfo', sig.contactInfo],
  ];
  for (const [key, value] of texts) if (value !== undefined && !timestamp) d.set(key, PdfString.fromText(value));
  const refs: PdfDict[] = [];
  if (sig.certify) {
    refs.push(
      new PdfDict({
        Type: name('SigRef'),
        TransformMethod: name('DocMDP'),
        TransformParams: new PdfDict({ Type: name('TransformParams'), P: sig.certify, V: name('1.2') }),
      }),
    );
  }
  if (lock) {
    const params = lockDictionary(lock, 'TransformParams').set('V', name('1.2'));
    refs.push(new PdfDict({ Type: name('SigRef'), TransformMethod: name('FieldMDP'), TransformParams: params, Data: catalogRef }));
  }
  if (refs.length) d.set('Reference', refs);
  for (const [key, value] of Object.entries(sig.extra ?? {})) if (!d.has(key)) d.set(key, value);
  return d;
}

function lockDictionary(lock: FieldLock, type: 'SigFieldLock' | 'TransformParams'): PdfDict {
  const d = new PdfDict({ Type: name(type), Action: name(lock.action) });
  if (lock.action !== 'All')
    d.set(
      'Fields',
      lock.fields.map((f) => PdfString.fromText(f)),
    );
  return d;
}

/** The catalog's AcroForm as an editable dictionary, created (indirect) when the document has none. */
function editAcroForm(update: IncrementalUpdate, catalogRef: PdfRef): PdfDict {
  const current = (update.resolve(catalogRef) as PdfDict).get('AcroForm');
  if (current instanceof PdfRef && update.resolve(current) instanceof PdfDict) return update.editDict(current);
  const catalog = update.editDict(catalogRef);
  if (current instanceof PdfDict) return editSubDict(update, catalog, 'AcroForm');
  const ref = update.add(new PdfDict({ Fields: [] }));
  catalog.set('AcroForm', ref);
  return update.editDict(ref);
}

/** An editable version of `parent[key]`: the indirect object edited in place, or a direct copy set back into `parent`. */
function editSubDict(update: IncrementalUpdate, parent: PdfDict, key: string): PdfDict {
  const v = parent.get(key);
  if (v instanceof PdfRef && update.resolve(v) instanceof PdfDict) return update.editDict(v);
  if (v instanceof PdfDict && !v.isFrozen) return v;
  const copy = v instanceof PdfDict ? v.clone() : new PdfDict();
  parent.set(key, copy);
  return copy;
}

/**
 * Append `item` to the array `owner[key]` wherever it lives: an indirect array gets a new version
 * (and the owner is left alone), a direct or missing one is replaced in an edited owner.
 */
function appendToArray(update: IncrementalUpdate, owner: PdfRef | PdfDict, key: string, item: PdfObject): void {
  const ownerDict = owner instanceof PdfRef ? (update.resolve(owner) as PdfDict) : owner;
  const v = ownerDict.get(key);
  const arr = update.resolve(v);
  if (v instanceof PdfRef && Array.isArray(arr)) {
    update.set(v, [...arr, item]);
    return;
  }
  const editable = owner instanceof PdfRef ? update.editDict(owner) : owner;
  editable.set(key, Array.isArray(arr) ? [...arr, item] : [item]);
}

/**
 * A written signature awaiting its value: the ByteRange is already final in the pending file.
 * Hash with `digest`, sign, then `embed` the DER; the caller then commits (or aborts) the writer.
 */
export interface PendingSignature {
  /** `[0, contentsStart, contentsEnd, fileEnd - contentsEnd]`, as written. */
  readonly byteRange: readonly [number, number, number, number];
  /** Where the `/Contents` hex string is, `<` to `>` inclusive. */
  readonly contentsSpan: ByteSpan;
  /** Bytes of DER that fit the placeholder. */
  readonly capacity: number;
  /** What was written. */
  readonly written: WrittenUpdate;
  /** Digest of the two signed ranges, streamed from the pending file in chunks (memory stays flat). */
  digest(algorithm?: string): Promise<Buffer>;
  /** Write the DER (hex, zero-padded) into the placeholder. `PDF_PLACEHOLDER_TOO_SMALL` if it does not fit; nothing is written then. */
  embed(der: Uint8Array): Promise<void>;
}

/** Write the update holding `placeholder` to `writer`, then patch its ByteRange in place. */
export async function writeSignaturePlaceholder(update: IncrementalUpdate, placeholder: SignaturePlaceholder, writer: AtomicWriter): Promise<PendingSignature> {
  const written = await writeIncrementalUpdate(update, writer);
  const contentsSpan = written.placeholders.get(placeholder.contents);
  const rangeSpan = written.placeholders.get(placeholder.byteRange);
  if (!contentsSpan || !rangeSpan) throw new InkstoneError('INTERNAL', { reason: 'the signature placeholder is not part of this update' });
  const byteRange = [0, contentsSpan.start, contentsSpan.end, written.size - contentsSpan.end] as const;
  await writer.writeAt(Buffer.from(formatByteRange(byteRange, rangeSpan.end - rangeSpan.start), 'latin1'), rangeSpan.start);
  const capacity = placeholder.contents.size;
  let embedded = false;
  return {
    byteRange,
    contentsSpan,
    capacity,
    written,
    async digest(algorithm = 'sha256') {
      const hash = createHash(algorithm);
      for (const [pos, length] of rangeChunks([
        [byteRange[0], byteRange[1]],
        [byteRange[2], byteRange[3]],
      ])) {
        const chunk = await writer.readAt(length, pos);
        if (chunk.length !== length) throw new InkstoneError('INTERNAL', { reason: 'the pending file is shorter than its ByteRange' });
        hash.update(chunk);
      }
      return hash.digest();
    },
    async embed(der) {
      if (der.length > capacity) throw new InkstoneError('PDF_PLACEHOLDER_TOO_SMALL', { needed: der.length, available: capacity });
      if (embedded) throw new InkstoneError('INTERNAL', { reason: 'the signature was already embedded' });
      const hex = Buffer.from(der)
        .toString('hex')
        .toUpperCase()
        .padEnd(2 * capacity, '0');
      await writer.writeAt(Buffer.from(hex, 'latin1'), contentsSpan.start + 1);
      embedded = true;
    },
  };
}
