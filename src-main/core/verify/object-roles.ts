import { listFields, PdfDict, PdfRef, PdfStream, type PdfObject, type PdfView } from '../pdf/index.js';

/**
 * The part of the document each object belongs to, found by walking the document from its trailer
 * along the keys that give objects their meaning: what a page draws (content streams, resources,
 * fonts, images, forms — and the optional-content settings that decide their visibility), its
 * annotations and their appearances, the form and its fields, signatures, the DSS, the structure
 * tree and metadata. Back-links (/Parent, /P, /Pg…) are not followed, so an annotation does not
 * make its page "part of the annotation". An object reached along several paths has several roles;
 * the modification analysis judges a change by the most consequential one.
 *
 * Roles follow every path, not only an object's direct owner: each object also records which
 * fields and annotations reach it (its holders) and how — as their own appearance, nested inside
 * another form XObject of their appearance (form-in-form), or through optional content or an
 * annotation's flags (what decides whether something is shown). A change to an object that some
 * holder did not itself change, or that several holders share, shows somewhere nobody edited.
 */

export type ObjectRole =
  | 'content' // drawn by a page (or decides how a page is drawn)
  | 'page' // a page dictionary
  | 'pages' // an intermediate node of the page tree
  | 'catalog'
  | 'annotation' // a non-widget annotation, its appearance and popups
  | 'widget' // a form field's widget and its appearance
  | 'signature-field' // a signature field or its widget, and their appearance
  | 'signature' // a signature dictionary (and what it references)
  | 'field' // a form field dictionary (non-signature) and its value
  | 'form' // the AcroForm dictionary and its default resources
  | 'dss'
  | 'structure'
  | 'metadata'
  | 'names'
  | 'other';

/**
 * How a holder reaches an object: `own` — its dictionary or appearance; `nested` — inside a form
 * XObject its appearance draws; `visibility` — through optional content (/OC) or its flags (/F).
 */
export type Reach = 'own' | 'nested' | 'visibility';

/** Holders recorded per object; past this, `*` stands for "many" (and nothing more is walked for them). */
const MAX_HOLDERS = 8;

export interface RoleMap {
  readonly roles: ReadonlyMap<number, ReadonlySet<ObjectRole>>;
  /**
   * For objects fields or annotations reach: each holder (`field:<name>` or `annotation:<number>`)
   * with the strongest way it reaches the object (visibility > nested > own); `*` when there were
   * more than a few.
   */
  readonly holders: ReadonlyMap<number, ReadonlyMap<string, Reach>>;
  /** The holders themselves: annotation dictionaries listed on pages, field and widget dictionaries. */
  readonly owners: ReadonlySet<number>;
  /** Objects reached through optional content or an annotation's flags on some path (they decide what is shown). */
  readonly visibility: ReadonlySet<number>;
  /** For objects a page draws: the 0-based index of the first page that draws it. */
  readonly drawnBy: ReadonlyMap<number, number>;
  /** For field, widget and signature-field objects: the field's fully qualified name. */
  readonly fieldOf: ReadonlyMap<number, string>;
  /** Page references in order. */
  readonly pages: readonly PdfRef[];
}

const CATALOG_KEYS: Readonly<Record<string, ObjectRole | null>> = {
  Type: null,
  Pages: null, // walked as the page tree
  AcroForm: 'form',
  DSS: 'dss',
  Extensions: 'metadata',
  Metadata: 'metadata',
  Version: 'metadata',
  Lang: 'metadata',
  PieceInfo: 'metadata',
  ViewerPreferences: 'metadata',
  PageLayout: 'metadata',
  PageMode: 'metadata',
  MarkInfo: 'structure',
  StructTreeRoot: 'structure',
  Names: 'names',
  Perms: 'signature',
  OCProperties: 'content', // which optional content is visible
  OutputIntents: 'content', // how colours render
};

/** Page keys that do not change what the page shows. /Annots is walked separately. */
const PAGE_METADATA_KEYS = new Set(['Type', 'LastModified', 'PieceInfo', 'Metadata', 'StructParents', 'Tabs', 'Thumb', 'ID', 'PZ', 'Dur']);
const BACK_LINKS = new Set(['Parent', 'P', 'Pg', 'Obj', 'IRT', 'StmOwn', 'Data']);
/** Trailer entries that are the file's structure, not something an object is used by. */
const TRAILER_STRUCTURE = new Set(['Root', 'Info', 'Size', 'Prev', 'XRefStm', 'ID', 'Encrypt', 'Type', 'W', 'Index', 'Filter', 'DecodeParms', 'Length']);

/** An annotation's /F (its flags: hidden, no-view…) decides whether it is shown, like optional content. */
function annotationFlags(key: string, dict: PdfDict): boolean {
  return key === 'F' && (dict.isName('Type', 'Annot') || dict.has('Subtype'));
}

interface Work {
  readonly value: PdfObject;
  readonly role: ObjectRole;
  readonly page: number;
  readonly field: string | null;
  readonly depth: number;
  /** The field or annotation whose material this is, if any. */
  readonly holder: string | null;
  readonly reach: Reach;
}

/** Which way of reaching an object says more: what decides visibility, then a nested form, then its own. */
export const REACH_RANK: Readonly<Record<Reach, number>> = { own: 0, nested: 1, visibility: 2 };

/** How a child is reached through `key` of a value reached with `reach` (a holder's material or not). */
function reachThrough(key: string, reach: Reach, held: boolean): Reach {
  if (reach === 'visibility' || key === 'OC' || key === 'OCProperties') return 'visibility';
  return held && key === 'XObject' ? 'nested' : reach;
}

/** Walk the view and map every reachable object to its roles. `tick` is called per step (time budget). */
export function mapObjectRoles(view: PdfView, tick: () => void): RoleMap {
  const roles = new Map<number, Set<ObjectRole>>();
  const holders = new Map<number, Map<string, Reach>>();
  const owners = new Set<number>();
  const visibility = new Set<number>();
  const drawnBy = new Map<number, number>();
  const fieldOf = new Map<number, string>();
  const pages: PdfRef[] = [];
  const seen = new Set<string>();
  const stack: Work[] = [];
  const maxDepth = view.limits.maxNestingDepth;

  const fieldTypes = new Map<number, string | null>();
  for (const field of listFields(view)) {
    for (const owner of [field.ref, ...field.widgets.map((w) => w.ref)]) {
      if (!owner) continue;
      fieldOf.set(owner.num, field.name);
      fieldTypes.set(owner.num, field.type);
      owners.add(owner.num);
    }
  }

  let holder: string | null = null;
  let reach: Reach = 'own';
  /** Push a child of the value being walked: same holder, reach carried through `key`. */
  const push = (value: PdfObject | undefined, role: ObjectRole, page: number, field: string | null, depth: number, key = '') => {
    pushAs(value, role, page, field, depth, holder, reachThrough(key, reach, holder !== null));
  };
  const pushAs = (value: PdfObject | undefined, role: ObjectRole, page: number, field: string | null, depth: number, h: string | null, r: Reach) => {
    if (value === undefined || value === null || typeof value !== 'object') return;
    if (depth > maxDepth) return;
    stack.push({ value, role, page, field, depth, holder: h, reach: r });
  };
  /** A field's or annotation's own dictionary: it holds what it reaches. */
  const holderOf = (node: PdfObject, name: string | null): string =>
    name !== null ? `field:${name}` : `annotation:${node instanceof PdfRef ? node.num : '?'}`;

  const trailer = view.trailer;
  pushAs(trailer.get('Info'), 'metadata', -1, null, 0, null, 'own');
  pushAs(trailer.get('Root'), 'catalog', -1, null, 0, null, 'own');
  // Other trailer entries show nothing, but an object they reach is used by something.
  for (const [key, v] of trailer.entries()) if (!TRAILER_STRUCTURE.has(key)) pushAs(v, 'metadata', -1, null, 0, null, 'own');

  while (stack.length) {
    tick();
    const work = stack.pop()!;
    const { value, role, page, field, depth } = work;
    holder = work.holder;
    reach = work.reach;
    let resolved: PdfObject = value;
    if (value instanceof PdfRef) {
      if (reach === 'visibility') visibility.add(value.num);
      let held = holders.get(value.num);
      if (holder !== null) {
        if (!held) holders.set(value.num, (held = new Map()));
        const known = held.get(holder);
        if (known === undefined && held.size >= MAX_HOLDERS) {
          held.set('*', 'own');
          continue;
        }
        if (known === undefined || REACH_RANK[reach] > REACH_RANK[known]) held.set(holder, reach);
      }
      const key = `${value.num}:${role}:${holder ?? ''}:${reach}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let set = roles.get(value.num);
      if (!set) roles.set(value.num, (set = new Set()));
      set.add(role);
      if (role === 'content' && page >= 0 && !drawnBy.has(value.num)) drawnBy.set(value.num, page);
      if (field !== null && (role === 'field' || role === 'widget' || role === 'signature-field') && !fieldOf.has(value.num)) fieldOf.set(value.num, field);
      resolved = view.get(value);
    }
    const dict = resolved instanceof PdfStream ? resolved.dict : resolved instanceof PdfDict ? resolved : null;
    // Pages are reached from elsewhere only as link targets (destinations, /OpenAction): not containment.
    if (dict && role !== 'page' && role !== 'pages' && (dict.isName('Type', 'Page') || dict.isName('Type', 'Pages'))) continue;
    if (Array.isArray(resolved)) {
      for (const item of resolved) push(item, role, page, field, depth + 1);
      continue;
    }
    if (!dict) continue;

    if (role === 'catalog') {
      for (const [key, v] of dict.entries()) {
        const r = key in CATALOG_KEYS ? CATALOG_KEYS[key] : 'other';
        if (r) push(v, r, -1, null, depth + 1, key);
      }
      pushPageTree(view, dict.get('Pages'), stack, pages, depth);
      continue;
    }
    if (role === 'pages') {
      for (const [key, v] of dict.entries())
        if (key !== 'Kids' && key !== 'Parent' && key !== 'Count' && key !== 'Type') push(v, 'content', -1, null, depth + 1);
      continue;
    }
    if (role === 'page') {
      for (const [key, v] of dict.entries()) {
        if (key === 'Parent') continue;
        if (key === 'Annots') {
          // The array itself (often indirect) belongs to the page; each annotation has its own role.
          if (v instanceof PdfRef) roles.set(v.num, new Set([...(roles.get(v.num) ?? []), 'page']));
          for (const annot of view.getArray(v) ?? []) {
            if (annot instanceof PdfRef) owners.add(annot.num);
            const name = fieldName(annot, fieldOf);
            pushAs(annot, annotationRole(view, annot, fieldTypes), page, name, depth + 1, holderOf(annot, name), 'own');
          }
          continue;
        }
        push(v, PAGE_METADATA_KEYS.has(key) ? 'metadata' : key === 'AA' ? 'other' : 'content', page, null, depth + 1, key);
      }
      continue;
    }
    if (role === 'form') {
      for (const [key, v] of dict.entries()) {
        if (key === 'Fields')
          for (const f of view.getArray(v) ?? []) {
            const name = fieldName(f, fieldOf);
            pushAs(f, fieldRole(view, f, fieldTypes), -1, name, depth + 1, holderOf(f, name), 'own');
          }
        else push(v, key === 'XFA' ? 'other' : 'form', -1, null, depth + 1, key);
      }
      continue;
    }
    if (role === 'field' || role === 'signature-field' || role === 'widget') {
      for (const [key, v] of dict.entries()) {
        if (BACK_LINKS.has(key)) continue;
        if (key === 'Kids')
          for (const kid of view.getArray(v) ?? []) {
            const name = fieldName(kid, fieldOf) ?? field;
            pushAs(kid, fieldRole(view, kid, fieldTypes), -1, name, depth + 1, holderOf(kid, name), 'own');
          }
        else if (key === 'V' && role === 'signature-field') pushAs(v, 'signature', -1, null, depth + 1, null, 'own');
        else push(v, role, -1, field, depth + 1, annotationFlags(key, dict) ? 'OC' : key);
      }
      continue;
    }
    const childRole: ObjectRole = role === 'names' ? 'other' : role;
    for (const [key, v] of dict.entries()) {
      if (BACK_LINKS.has(key)) continue;
      // Named annotation appearances (/Names /AP) are annotation material; other name trees are not.
      push(
        v,
        role === 'names' && key === 'AP' ? 'annotation' : childRole,
        page,
        field,
        depth + 1,
        role === 'annotation' && annotationFlags(key, dict) ? 'OC' : key,
      );
    }
  }
  return { roles, holders, owners, visibility, drawnBy, fieldOf, pages };
}

/** Walk the page tree: intermediate nodes get `pages`, leaves `page` (in order). */
function pushPageTree(view: PdfView, root: PdfObject | undefined, stack: Work[], pages: PdfRef[], depth: number): void {
  const nodes: Array<{ node: PdfObject; depth: number }> = [{ node: root ?? null, depth }];
  const visited = new Set<number>();
  const leaves: Work[] = [];
  while (nodes.length) {
    const { node, depth: d } = nodes.pop()!;
    if (!(node instanceof PdfRef) || visited.has(node.num) || d > view.limits.maxNestingDepth) continue;
    visited.add(node.num);
    const dict = view.getDict(node);
    if (!dict) continue;
    const kids = dict.get('Kids');
    if (!dict.isName('Type', 'Page') && kids !== undefined) {
      stack.push({ value: node, role: 'pages', page: -1, field: null, depth: d, holder: null, reach: 'own' });
      const list = view.getArray(kids) ?? [];
      for (let i = list.length - 1; i >= 0; i--) nodes.push({ node: list[i], depth: d + 1 });
      continue;
    }
    leaves.push({ value: node, role: 'page', page: pages.length, field: null, depth: d, holder: null, reach: 'own' });
    pages.push(node);
  }
  stack.push(...leaves);
}

function annotationRole(view: PdfView, annot: PdfObject, fieldTypes: ReadonlyMap<number, string | null>): ObjectRole {
  const dict = view.getDict(annot);
  if (!dict?.isName('Subtype', 'Widget')) return 'annotation';
  const type = annot instanceof PdfRef ? fieldTypes.get(annot.num) : undefined;
  return (type ?? inheritedFieldType(view, dict)) === 'Sig' ? 'signature-field' : 'widget';
}

function fieldRole(view: PdfView, node: PdfObject, fieldTypes: ReadonlyMap<number, string | null>): ObjectRole {
  const type = node instanceof PdfRef && fieldTypes.has(node.num) ? fieldTypes.get(node.num) : inheritedFieldType(view, view.getDict(node));
  return type === 'Sig' ? 'signature-field' : 'field';
}

/** `/FT`, own or from up to 16 ancestors. */
function inheritedFieldType(view: PdfView, dict: PdfDict | null): string | null {
  for (let d = dict, i = 0; d && i < 16; d = view.getDict(d.get('Parent')), i++) {
    const ft = view.getName(d.get('FT'));
    if (ft) return ft;
  }
  return null;
}

function fieldName(node: PdfObject, fieldOf: ReadonlyMap<number, string>): string | null {
  return node instanceof PdfRef ? (fieldOf.get(node.num) ?? null) : null;
}
