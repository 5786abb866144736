import { InkstoneError } from '../../../src-shared/errors/index.js';
import { PdfDict, PdfRef, name } from './objects.js';
import type { PdfObject } from './objects.js';
import { getPage } from './pages.js';
import type { PdfRect } from './pages.js';
import type { IncrementalUpdate } from './incremental.js';
import type { SignaturePlaceholder } from './signature-placeholder.js';

/**
 * One signature shown in several places (ISO 32000-1 §12.7.3.1: a field with several widget
 * annotations), as a cross-page seal needs: one slice of the seal per page, every slice bound to
 * the same signature. `addSignaturePlaceholder` writes a field merged with its single widget; this
 * splits it into a field whose `/Kids` are that widget and the new ones.
 *
 * Each kid also carries the field's `/V` (an inheritable entry, §12.7.3.1 Table 220, so this only
 * states what it would inherit): poppler before 23 reads every kid that has a `/Parent` as a field of
 * its own and looks for `/V` there, and would otherwise report the seal's slices as unsigned fields.
 */

/** A further place where the signature shows. */
export interface SignatureWidget {
  /** 0-based page. */
  readonly page: number;
  readonly rect: PdfRect;
  /** Appearance form XObject, added to the same update. */
  readonly appearance: PdfRef;
}

/** The entries of a merged field dictionary that belong to its widget annotation (§12.5.2, §12.5.6.19). */
const WIDGET_KEYS = ['Type', 'Subtype', 'Rect', 'P', 'F', 'AP', 'AS', 'MK', 'Border', 'BS', 'NM', 'M', 'StructParent'];
/** Print (4) + Locked (128), as for the first widget. */
const WIDGET_FLAGS = 132;

/**
 * Add `widgets` to the signature field of `placeholder`, which must have been created by this
 * update (not an existing field). Returns every widget of the field, the original one first.
 */
export function addSignatureWidgets(update: IncrementalUpdate, placeholder: SignaturePlaceholder, widgets: readonly SignatureWidget[]): PdfRef[] {
  const fieldRef = placeholder.fieldRef;
  if (update.base.location(fieldRef) !== null) {
    throw new InkstoneError('INVALID_INPUT', { issues: 'widgets can be added only to a signature field created in the same update' });
  }
  const field = update.editDict(fieldRef);
  if (field.has('Kids')) throw new InkstoneError('INTERNAL', { reason: 'the signature field already has widgets of its own' });

  const first = new PdfDict({ Parent: fieldRef });
  for (const key of WIDGET_KEYS) {
    const value = field.get(key);
    if (value === undefined) continue;
    first.set(key, value);
    field.delete(key);
  }
  const value = field.get('V');
  if (value !== undefined) first.set('V', value);
  const firstRef = update.add(first);
  const firstPage = first.get('P');
  if (firstPage instanceof PdfRef) editAnnots(update, firstPage, (annots) => annots.map((a) => (fieldRef.equals(a) ? firstRef : a)));

  const kids = [firstRef];
  for (const w of widgets) {
    // The page tree itself is never changed by a signature, so the base document's pages are exact.
    const pageRef = getPage(update.base, w.page).ref;
    const ref = update.add(
      new PdfDict({
        Type: name('Annot'),
        Subtype: name('Widget'),
        Parent: fieldRef,
        F: WIDGET_FLAGS,
        Rect: [...w.rect],
        P: pageRef,
        AP: new PdfDict({ N: w.appearance }),
        ...(value !== undefined ? { V: value } : {}),
      }),
    );
    editAnnots(update, pageRef, (annots) => [...annots, ref]);
    kids.push(ref);
  }
  field.set('Kids', kids);
  return kids;
}

/** Replace a page's `/Annots` with `edit(annots)`, wherever the array lives (direct, or an indirect object of its own). */
function editAnnots(update: IncrementalUpdate, pageRef: PdfRef, edit: (annots: readonly PdfObject[]) => PdfObject[]): void {
  const page = update.resolve(pageRef);
  if (!(page instanceof PdfDict)) throw new InkstoneError('PDF_CORRUPT', {});
  const value = page.get('Annots');
  const current = update.resolve(value);
  const annots = Array.isArray(current) ? (current as readonly PdfObject[]) : [];
  if (value instanceof PdfRef && Array.isArray(current)) update.set(value, edit(annots));
  else update.editDict(pageRef).set('Annots', edit(annots));
}
