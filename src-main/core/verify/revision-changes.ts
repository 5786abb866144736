import { listFields, PdfDict, PdfRef, PdfStream, type PdfDocument, type PdfField, type PdfObject, type PdfRect, type PdfView } from '../pdf/index.js';
import type { ChangeCategory } from '../../../src-shared/api/verification.js';
import { rectOf } from './geometry.js';
import { changedKeys, revisionObjectChanges, sameValue, type ObjectChange } from './object-diff.js';
import { REACH_RANK, type ObjectRole, type Reach, type RoleMap } from './object-roles.js';

/**
 * What one incremental update did, in the categories a person (and DocMDP) thinks in: signatures,
 * document timestamps, DSS, form filling, annotations, metadata, document structure, and content
 * changes — anything that alters what a page draws — plus "other" for changes nothing explains.
 * Three semantic comparisons (catalog, page list and annotations, form fields) explain the
 * structural objects; every other changed object is judged by its role (object-roles.ts).
 */

/** How drawn material changed: the raw material for naming the attack (attacks.ts). */
export type DrawnChange =
  | 'removed' // a drawn object was freed
  | 'redefined' // a drawn object became another kind of object
  | 'rewritten' // a drawn object's data or dictionary changed
  | 'font' // a font or font program changed
  | 'added' // something new is drawn
  | 'revealed' // a page now draws objects that were in the signed file but not drawn (prepared shadow content)
  | 'visibility' // optional-content visibility changed
  | 'pages' // pages added, removed or reordered
  | 'appearance' // a form field's appearance changed while its value did not, or an appearance others use was rewritten
  | 'nested'; // a form XObject drawn inside another field's or annotation's appearance changed (form-in-form)

/** A new annotation, for the overlay check. */
export interface AddedAnnotation {
  /** The revision that added it. */
  readonly revision: number;
  readonly page: number;
  readonly rect: PdfRect | null;
  readonly subtype: string;
  /** Hidden or NoView: draws nothing. */
  readonly hidden: boolean;
  /** A widget of a signature field. */
  readonly signatureWidget: boolean;
}

export interface RevisionChange {
  readonly revision: number;
  readonly category: ChangeCategory;
  /** Message code (messages.ts) with its parameters. */
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly objects: number[];
  /** Form fill: the field filled (for FieldMDP locks). */
  readonly field?: string;
  readonly drawn?: DrawnChange;
}

export interface RevisionAnalysis {
  readonly revision: number;
  readonly changes: readonly RevisionChange[];
  readonly addedAnnotations: readonly AddedAnnotation[];
  readonly pagesBefore: number;
  readonly pagesAfter: number;
  /** Objects the update changed that nothing in the document uses (suspicious in a signed file). */
  readonly unusedObjects: readonly number[];
}

/** Roles from the most to the least consequential: a change is judged by the first one it has. */
const ROLE_ORDER: readonly ObjectRole[] = [
  'content',
  'page',
  'pages',
  'catalog',
  'other',
  'signature',
  'signature-field',
  'field',
  'widget',
  'annotation',
  'form',
  'dss',
  'structure',
  'metadata',
  'names',
];
const CATALOG_METADATA = new Set(['Extensions', 'Metadata', 'Version', 'Lang', 'PieceInfo', 'ViewerPreferences', 'PageLayout', 'PageMode']);
const PAGE_NON_DRAWING = new Set(['Annots', 'Type', 'LastModified', 'PieceInfo', 'Metadata', 'StructParents', 'Tabs', 'Thumb', 'ID', 'PZ', 'Dur']);
const SIGNATURE_FIELD_FLAGS = new Set(['Ff', 'F', 'Lock', 'SV', 'MK', 'TU']);
const APPEARANCE_KEYS = new Set(['AP', 'AS']);

function dictOf(obj: PdfObject): PdfDict | null {
  return obj instanceof PdfStream ? obj.dict : obj instanceof PdfDict ? obj : null;
}

function isFontMaterial(obj: PdfObject): boolean {
  const d = dictOf(obj);
  if (!d) return false;
  if (d.isName('Type', 'Font') || d.isName('Type', 'FontDescriptor')) return true;
  return (
    obj instanceof PdfStream &&
    (d.has('Length1') || d.has('Length2') || d.isName('Subtype', 'Type1C') || d.isName('Subtype', 'CIDFontType0C') || d.isName('Subtype', 'OpenType'))
  );
}

function isDocumentTimestamp(view: PdfView, sig: PdfObject): boolean {
  const d = view.getDict(sig);
  return Boolean(d && (d.isName('Type', 'DocTimeStamp') || d.isName('SubFilter', 'ETSI.RFC3161')));
}

function annotationRefs(view: PdfView, page: PdfRef): PdfObject[] {
  return [...(view.getArray(view.getDict(page)?.get('Annots')) ?? [])];
}

/** Analyse revision `index` (≥ 1) against the one before it, given both role maps. */
export function analyseRevision(doc: PdfDocument, index: number, before: RoleMap, after: RoleMap, tick: () => void): RevisionAnalysis {
  const vb = doc.asOf(index - 1);
  const va = doc.asOf(index);
  const changes: RevisionChange[] = [];
  const addedAnnotations: AddedAnnotation[] = [];
  const unusedObjects: number[] = [];
  const record = (
    category: ChangeCategory,
    code: string,
    params: Record<string, string | number>,
    objects: number[] = [],
    extra: Partial<RevisionChange> = {},
  ) => {
    const same = changes.find((c) => c.category === category && c.code === code && JSON.stringify(c.params) === JSON.stringify(params));
    if (same) same.objects.push(...objects.filter((o) => !same.objects.includes(o)));
    else changes.push({ revision: index, category, code, params, objects: [...objects], ...extra });
  };
  /** Add objects to the first change of a category, or record a plain one. */
  const attach = (category: ChangeCategory, objects: number[]) => {
    const existing = changes.find((c) => c.category === category);
    if (existing) existing.objects.push(...objects.filter((o) => !existing.objects.includes(o)));
    else record(category, `CHANGE_${category.toUpperCase().replace(/-/g, '_')}`, {}, objects);
  };

  // An update only a repairing reader sees, or objects whose meaning depends on the reader: no
  // single reading of this revision is certain, so it cannot pass as an allowed change.
  if (doc.revisions[index].repaired) record('other', 'CHANGE_REPAIRED_UPDATE', {});
  for (const fault of doc.entryFaults(index)) {
    tick();
    record('other', 'CHANGE_AMBIGUOUS_OBJECT', {}, [fault.num]);
  }

  const fieldDiff = compareFields(vb, va, record);
  comparePages(index, vb, va, before, after, record, addedAnnotations, fieldDiff.signatureFields);
  compareCatalogs(vb, va, record);

  const objectChanges = revisionObjectChanges(doc, index, tick);
  const changed = new Set(objectChanges.map((c) => c.num));
  for (const change of objectChanges) {
    const roles = new Set<ObjectRole>([
      ...(change.kind !== 'added' ? (before.roles.get(change.num) ?? []) : []),
      ...(change.kind !== 'freed' ? (after.roles.get(change.num) ?? []) : []),
    ]);
    const role = ROLE_ORDER.find((r) => roles.has(r));
    if (!role) {
      const d = dictOf(change.after);
      if (!(d && (d.isName('Type', 'ObjStm') || d.isName('Type', 'XRef')))) unusedObjects.push(change.num);
      continue;
    }
    judgeObject(change, role, roles, { vb, va, before, after, record, attach, fieldDiff, changed });
  }
  return { revision: index, changes, addedAnnotations, pagesBefore: before.pages.length, pagesAfter: after.pages.length, unusedObjects };
}

type Record_ = (category: ChangeCategory, code: string, params: Record<string, string | number>, objects?: number[], extra?: Partial<RevisionChange>) => void;

interface FieldDiff {
  /** Non-signature fields whose value changed. */
  readonly filled: ReadonlySet<string>;
  /** Fields added in this revision. */
  readonly added: ReadonlySet<string>;
  /** Signature fields signed (or added signed) in this revision, and by what. */
  readonly signed: ReadonlyMap<string, 'signature' | 'document-timestamp'>;
  /**
   * Signature fields holding a signature after the revision, by name. An empty signature field's
   * widget draws whatever its appearance says, so it is checked for overlays like any widget.
   */
  readonly signatureFields: ReadonlySet<string>;
}

/** The form, field by field: added, removed, filled, signed. */
function compareFields(vb: PdfView, va: PdfView, record: Record_): FieldDiff {
  const byName = (fields: PdfField[]) => new Map(fields.map((f) => [f.name, f]));
  const fb = byName(listFields(vb));
  const fa = byName(listFields(va));
  const filled = new Set<string>();
  const added = new Set<string>();
  const signed = new Map<string, 'signature' | 'document-timestamp'>();
  const signatureFields = new Set([...fa.values()].filter((f) => f.type === 'Sig' && va.resolve(f.value) instanceof PdfDict).map((f) => f.name));
  const objectsOf = (f: PdfField) => [f.ref, ...f.widgets.map((w) => w.ref)].flatMap((r) => (r ? [r.num] : []));
  for (const [name, field] of fa) {
    const old = fb.get(name);
    const value = va.resolve(field.value);
    if (field.type === 'Sig') {
      const hasSignature = value instanceof PdfDict;
      const oldValue = old ? vb.resolve(old.value) : null;
      const sameRef = old && field.value instanceof PdfRef && old.value instanceof PdfRef && field.value.num === old.value.num;
      if (hasSignature && !(oldValue instanceof PdfDict)) {
        const timestamp = isDocumentTimestamp(va, field.value);
        signed.set(name, timestamp ? 'document-timestamp' : 'signature');
        record(
          timestamp ? 'document-timestamp' : 'signature',
          timestamp ? 'CHANGE_TIMESTAMP_ADDED' : 'CHANGE_SIGNATURE_ADDED',
          { field: name },
          objectsOf(field),
        );
      } else if (!old) {
        added.add(name);
        record('signature', 'CHANGE_SIGNATURE_FIELD_ADDED', { field: name }, objectsOf(field));
      } else if (oldValue instanceof PdfDict && !sameRef && !sameValue(vb, oldValue, va, value)) {
        record('other', 'CHANGE_SIGNATURE_REPLACED', { field: name }, objectsOf(field));
      }
      continue;
    }
    if (!old) {
      added.add(name);
      record('annotation', 'CHANGE_FIELD_ADDED', { field: name }, objectsOf(field));
    } else if (!sameValue(vb, vb.resolve(old.value), va, value)) {
      filled.add(name);
      record('form-fill', 'CHANGE_FORM_FILLED', { field: name }, objectsOf(field), { field: name });
    }
  }
  for (const [name, field] of fb) {
    if (fa.has(name)) continue;
    record(
      'other',
      field.type === 'Sig' && vb.resolve(field.value) instanceof PdfDict ? 'CHANGE_SIGNATURE_REMOVED' : 'CHANGE_FIELD_REMOVED',
      { field: name },
      objectsOf(field),
    );
  }
  return { filled, added, signed, signatureFields };
}

/** The page list, and each page's annotations. */
function comparePages(
  revision: number,
  vb: PdfView,
  va: PdfView,
  before: RoleMap,
  after: RoleMap,
  record: Record_,
  added: AddedAnnotation[],
  signatureFields: ReadonlySet<string>,
): void {
  const pb = before.pages;
  const pa = after.pages;
  if (pb.length !== pa.length || pb.some((r, i) => !r.equals(pa[i]))) {
    const code = pa.length > pb.length ? 'CHANGE_PAGES_ADDED' : pa.length < pb.length ? 'CHANGE_PAGES_REMOVED' : 'CHANGE_PAGES_REPLACED';
    record('content', code, { before: pb.length, after: pa.length }, [], { drawn: 'pages' });
  }
  for (let i = 0; i < Math.min(pb.length, pa.length); i++) {
    if (!pb[i].equals(pa[i])) continue;
    const ab = annotationRefs(vb, pb[i]);
    const aa = annotationRefs(va, pa[i]);
    const key = (a: PdfObject) => (a instanceof PdfRef ? a.key : JSON.stringify(String(a)));
    const oldKeys = new Set(ab.map(key));
    const newKeys = new Set(aa.map(key));
    for (const annot of aa) {
      if (oldKeys.has(key(annot))) continue;
      const dict = va.getDict(annot);
      if (!dict) continue;
      const subtype = va.getName(dict.get('Subtype')) ?? 'Unknown';
      const fieldName = annot instanceof PdfRef ? after.fieldOf.get(annot.num) : undefined;
      const signatureWidget = subtype === 'Widget' && fieldName !== undefined && signatureFields.has(fieldName);
      const flags = va.getNumber(dict.get('F')) ?? 0;
      added.push({ revision, page: i, rect: rectOf(va, dict.get('Rect')), subtype, hidden: (flags & 2) !== 0 || (flags & 32) !== 0, signatureWidget });
      if (subtype !== 'Widget') record('annotation', 'CHANGE_ANNOTATION_ADDED', { page: i + 1, subtype }, annot instanceof PdfRef ? [annot.num] : []);
    }
    for (const annot of ab) {
      if (newKeys.has(key(annot))) continue;
      const fieldName = annot instanceof PdfRef ? before.fieldOf.get(annot.num) : undefined;
      const wasSignature =
        fieldName !== undefined && vb.getDict(annot)?.isName('Subtype', 'Widget') && before.roles.get((annot as PdfRef).num)?.has('signature-field');
      record(
        wasSignature ? 'other' : 'annotation',
        wasSignature ? 'CHANGE_SIGNATURE_WIDGET_REMOVED' : 'CHANGE_ANNOTATION_REMOVED',
        { page: i + 1 },
        annot instanceof PdfRef ? [annot.num] : [],
      );
    }
  }
}

/** The catalog, key by key (whatever object holds it). */
function compareCatalogs(vb: PdfView, va: PdfView, record: Record_): void {
  const cb = vb.catalog;
  const ca = va.catalog;
  for (const key of changedKeys(vb, cb, va, ca)) {
    if (key === 'AcroForm' || key === 'Pages' || key === 'Type') continue; // the form and page comparisons explain these
    if (key === 'DSS') record('dss', 'CHANGE_DSS', {});
    else if (CATALOG_METADATA.has(key)) record('metadata', 'CHANGE_METADATA', {});
    else if (key === 'StructTreeRoot' || key === 'MarkInfo') record('structure', 'CHANGE_STRUCTURE', {});
    else if (key === 'OCProperties') record('content', 'CHANGE_OPTIONAL_CONTENT', {}, [], { drawn: 'visibility' });
    else if (key === 'OutputIntents') record('content', 'CHANGE_OUTPUT_INTENTS', {}, [], { drawn: 'rewritten' });
    else if (key === 'Names') {
      const keys = changedKeys(vb, vb.resolve(cb.get('Names')) ?? new PdfDict(), va, va.resolve(ca.get('Names')) ?? new PdfDict());
      if (keys.every((k) => k === 'AP')) record('annotation', 'CHANGE_ANNOTATION_APPEARANCES', {});
      else record('other', 'CHANGE_NAMES', { keys: keys.filter((k) => k !== 'AP').join(', ') });
    } else if (key === 'Perms') record('other', 'CHANGE_PERMISSIONS', {});
    else if (key === 'OpenAction' || key === 'AA') record('other', 'CHANGE_ACTIONS', {});
    else record('other', 'CHANGE_CATALOG', { key });
  }
}

interface JudgeContext {
  readonly vb: PdfView;
  readonly va: PdfView;
  readonly before: RoleMap;
  readonly after: RoleMap;
  readonly record: Record_;
  readonly attach: (category: ChangeCategory, objects: number[]) => void;
  readonly fieldDiff: FieldDiff;
  /** Objects the revision defines anew (changed, added). */
  readonly changed: ReadonlySet<number>;
}

/**
 * Roles of a field's or annotation's own material; any other role means something else uses the
 * object too. The form's default resources (/DR) are meant to be shared by field appearances, and
 * form fillers extend a /DR font's subset as they fill: the fields drawing with it are its holders.
 */
const HOLDER_ROLES = new Set<ObjectRole>(['field', 'widget', 'annotation', 'signature-field', 'form']);

interface Holding {
  /** Holders whose own change in this revision accounts for the object's (the field filled, the annotation edited). */
  readonly explained: readonly string[];
  /** Holders that show the change without having changed, with how they reach the object. */
  readonly unexplained: ReadonlyArray<readonly [string, Reach]>;
  /** The object also has a role outside field and annotation material (page content, /Info, the form…). */
  readonly elsewhere: boolean;
}

/**
 * Who shows a changed object that is not itself a field or annotation dictionary, and which of them
 * the revision accounts for. Null when no field or annotation reaches it.
 */
function holdingOf(num: number, roles: ReadonlySet<ObjectRole>, ctx: JudgeContext): Holding | null {
  const { before, after, fieldDiff, changed } = ctx;
  if (before.owners.has(num) || after.owners.has(num)) return null;
  const held = new Map<string, Reach>();
  for (const map of [before.holders.get(num), after.holders.get(num)])
    for (const [h, r] of map ?? []) if (REACH_RANK[r] >= REACH_RANK[held.get(h) ?? 'own']) held.set(h, r);
  if (!held.size) return null;
  const explains = (h: string): boolean => {
    if (h.startsWith('field:')) {
      const name = h.slice('field:'.length);
      return fieldDiff.filled.has(name) || fieldDiff.added.has(name) || fieldDiff.signed.has(name);
    }
    const annot = Number(h.slice('annotation:'.length));
    // An annotation edited, added or removed in this revision accounts for its own material.
    return h.startsWith('annotation:') && (changed.has(annot) || !after.owners.has(annot));
  };
  const explained = [...held.keys()].filter(explains);
  const unexplained = [...held].filter(([h]) => !explains(h));
  return { explained, unexplained, elsewhere: [...roles].some((r) => !HOLDER_ROLES.has(r)) };
}

/** A holder as a person reads it: the field's name, or the annotation's object number ("#12"). */
function holderLabel(h: string): string {
  return h.startsWith('field:') ? h.slice('field:'.length) : h === '*' ? '…' : `#${h.slice('annotation:'.length)}`;
}

/**
 * A change to field or annotation material that the revision does not account for: an appearance
 * a fill rewrote while something else also shows it, or material changed behind a field or
 * annotation that itself did not change. Returns false when the change is accounted for.
 */
function judgeHolding(change: ObjectChange, holding: Holding, category: ChangeCategory, ctx: JudgeContext): boolean {
  const { explained, unexplained, elsewhere } = holding;
  if (!unexplained.length && !(explained.length && (elsewhere || explained.length > 1))) return false;
  const reaches = unexplained.map(([, r]) => r);
  const drawn: DrawnChange = reaches.includes('visibility') ? 'visibility' : reaches.includes('nested') ? 'nested' : 'appearance';
  const num = [change.num];
  const field = holderLabel(explained[0] ?? '');
  const other = unexplained[0]?.[0] ?? explained[1];
  if (explained.length && other) ctx.record(category, 'CHANGE_SHARED_APPEARANCE', { field, other: holderLabel(other) }, num, { drawn });
  else if (explained.length) ctx.record(category, 'CHANGE_SHARED_APPEARANCE_ELSEWHERE', { field }, num, { drawn });
  else if (other.startsWith('field:')) ctx.record('other', 'CHANGE_APPEARANCE_WITHOUT_VALUE', { field: holderLabel(other) }, num, { drawn });
  else ctx.record('other', 'CHANGE_ANNOTATION_BEHIND', { object: other.slice('annotation:'.length) }, num, { drawn });
  return true;
}

/** Judge one changed object by its most consequential role. */
function judgeObject(change: ObjectChange, role: ObjectRole, roles: ReadonlySet<ObjectRole>, ctx: JudgeContext): void {
  const { vb, va, before, after, record, attach, fieldDiff } = ctx;
  const num = [change.num];
  const keys = change.kind === 'changed' ? changedKeys(vb, change.before, va, change.after) : [];
  const field = after.fieldOf.get(change.num) ?? before.fieldOf.get(change.num) ?? null;
  const holding = holdingOf(change.num, roles, ctx);
  switch (role) {
    case 'content': {
      // Drawn by a page and by a field whose fill rewrote it: the fill shows outside the field.
      if (holding?.explained.length && judgeHolding(change, { ...holding, elsewhere: true }, 'content', ctx)) return;
      const page = (before.drawnBy.get(change.num) ?? after.drawnBy.get(change.num) ?? 0) + 1;
      const drawn: DrawnChange =
        change.kind === 'freed'
          ? 'removed'
          : change.kind === 'added'
            ? 'added'
            : isFontMaterial(change.before) || isFontMaterial(change.after)
              ? 'font'
              : keys.includes('<type>') || keys.includes('Type') || keys.includes('Subtype')
                ? 'redefined'
                : before.visibility.has(change.num) || after.visibility.has(change.num)
                  ? 'visibility'
                  : 'rewritten';
      const code =
        drawn === 'font'
          ? 'CHANGE_FONT_REPLACED'
          : drawn === 'removed'
            ? 'CHANGE_DRAWN_REMOVED'
            : drawn === 'added'
              ? 'CHANGE_DRAWN_ADDED'
              : 'CHANGE_DRAWN_CHANGED';
      record('content', code, { page }, num, { drawn });
      return;
    }
    case 'page': {
      if (change.kind !== 'changed' || !dictOf(change.after)) return; // annotation arrays and page lists: compared above
      const pageIndex = after.pages.findIndex((p) => p.num === change.num);
      const drawing = keys.filter((k) => !PAGE_NON_DRAWING.has(k));
      if (drawing.length) {
        // Shadow "hide-and-replace": the page now draws objects that sat unused in the signed file.
        const redefined = new Set(va.revision.definedObjects);
        const revealed = [...after.drawnBy].some(
          ([obj, p]) => p === pageIndex && !redefined.has(obj) && !before.roles.get(obj)?.has('content') && vb.location(obj) !== null,
        );
        record('content', 'CHANGE_PAGE_ATTRIBUTES', { page: pageIndex + 1, keys: drawing.join(', ') }, num, { drawn: revealed ? 'revealed' : 'rewritten' });
      } else if (keys.some((k) => k !== 'Annots')) attach('metadata', num);
      return;
    }
    case 'pages': {
      const inherited = keys.filter((k) => !['Kids', 'Count', 'Parent', 'Type', '<type>'].includes(k));
      if (change.kind === 'changed' && inherited.length)
        record('content', 'CHANGE_PAGE_ATTRIBUTES', { page: 0, keys: inherited.join(', ') }, num, { drawn: 'rewritten' });
      return;
    }
    case 'catalog':
      return; // compared key by key above
    case 'other':
      record('other', 'CHANGE_OTHER', {}, num);
      return;
    case 'signature':
      if (change.kind === 'added') attach(isDocumentTimestamp(va, change.after) ? 'document-timestamp' : 'signature', num);
      else record('other', 'CHANGE_SIGNATURE_DICTIONARY', {}, num);
      return;
    case 'signature-field': {
      const signedBy = field ? fieldDiff.signed.get(field) : undefined;
      if (signedBy) attach(signedBy, num);
      else if (change.kind === 'added' || (change.kind === 'changed' && keys.every((k) => SIGNATURE_FIELD_FLAGS.has(k)))) attach('signature', num);
      else record('other', 'CHANGE_SIGNATURE_APPEARANCE', { field: field ?? '?' }, num);
      return;
    }
    case 'field':
    case 'widget': {
      if (holding && judgeHolding(change, holding, 'other', ctx)) return;
      if (field && fieldDiff.filled.has(field)) record('form-fill', 'CHANGE_FORM_FILLED', { field }, num, { field });
      else if (change.kind === 'added' || (field && fieldDiff.added.has(field))) attach('annotation', num);
      else if (change.kind === 'freed') record('other', 'CHANGE_FIELD_REMOVED', { field: field ?? '?' }, num);
      else if (keys.some((k) => APPEARANCE_KEYS.has(k)) || change.after instanceof PdfStream) {
        // A widget's look changed while its value did not: what a reader sees is no longer the value.
        record('other', 'CHANGE_APPEARANCE_WITHOUT_VALUE', { field: field ?? '?' }, num, { drawn: 'appearance' });
      } else
        record(
          role === 'field' ? 'form-fill' : 'annotation',
          role === 'field' ? 'CHANGE_FIELD_PROPERTIES' : 'CHANGE_WIDGET_PROPERTIES',
          { field: field ?? '?' },
          num,
          role === 'field' && field ? { field } : {},
        );
      return;
    }
    case 'annotation':
      if (holding && judgeHolding(change, holding, 'other', ctx)) return;
      if (change.kind === 'added') attach('annotation', num);
      else record('annotation', change.kind === 'freed' ? 'CHANGE_ANNOTATION_REMOVED' : 'CHANGE_ANNOTATION_MODIFIED', {}, num);
      return;
    case 'form':
      // The form dictionary changes whenever a field is added or signed: it goes with what was done.
      attach(fieldDiff.signed.size ? ([...fieldDiff.signed.values()].includes('signature') ? 'signature' : 'document-timestamp') : 'form-fill', num);
      return;
    case 'dss':
      attach('dss', num);
      return;
    case 'structure':
      attach('structure', num);
      return;
    case 'metadata':
      attach('metadata', num);
      return;
    case 'names':
      if (keys.every((k) => k === 'AP')) attach('annotation', num);
      else record('other', 'CHANGE_NAMES', { keys: keys.join(', ') }, num);
      return;
  }
}
