import type { PdfView } from './document.js';
import { limitExceeded } from './limits.js';
import { PdfDict, PdfRef } from './objects.js';
import type { PdfObject } from './objects.js';
import { rect } from './pages.js';
import type { PdfRect } from './pages.js';

/**
 * Interactive form fields (ISO 32000-1 §12.7): the AcroForm field tree flattened to its terminal
 * fields, with fully qualified names and the attributes fields inherit (/FT, /V, /Ff).
 */

/** A widget annotation: where a field shows on a page. */
export interface PdfWidget {
  /** The annotation's reference; null if it is direct in a /Kids array (invalid but seen). */
  readonly ref: PdfRef | null;
  readonly dict: PdfDict;
  /** The page the widget says it is on (`/P`), when given. */
  readonly page: PdfRef | null;
  /** `/Rect`, normalised; null when missing or malformed. */
  readonly rect: PdfRect | null;
}

/** A terminal form field (one that has a value). */
export interface PdfField {
  /** Fully qualified name: partial names (`/T`) of the field and its ancestors joined by dots. */
  readonly name: string;
  /** The field's own `/T`, or null. */
  readonly partialName: string | null;
  /** The field dictionary's reference; null if direct. */
  readonly ref: PdfRef | null;
  /** The field dictionary as stored. */
  readonly dict: PdfDict;
  /** `/FT`, own or inherited: `Sig`, `Tx`, `Btn`, `Ch`; null when none. */
  readonly type: string | null;
  /** `/V`, own or inherited, unresolved (a signature field's value is a reference to its signature dictionary). */
  readonly value: PdfObject;
  /** `/Ff` field flags, own or inherited. */
  readonly flags: number;
  /** Widget annotations of the field (the field dictionary itself when field and widget are merged). */
  readonly widgets: readonly PdfWidget[];
  /** The parent field's reference, when it has one. */
  readonly parent: PdfRef | null;
}

/** The catalog's `/AcroForm` dictionary, or null. */
export function getAcroForm(view: PdfView): PdfDict | null {
  return view.getDict(view.catalog.get('AcroForm'));
}

/** All terminal fields in tree order. Loops and repeated nodes are skipped, and the walk is bounded. */
export function listFields(view: PdfView): PdfField[] {
  const acroForm = getAcroForm(view);
  const roots = acroForm ? view.getArray(acroForm.get('Fields')) : null;
  if (!roots) return [];
  interface Pending {
    node: PdfObject;
    parentName: string;
    type: PdfObject | undefined;
    value: PdfObject | undefined;
    flags: PdfObject | undefined;
    parent: PdfRef | null;
    depth: number;
  }
  const out: PdfField[] = [];
  const seen = new Set<string>();
  const stack: Pending[] = [...roots]
    .reverse()
    .map((node) => ({ node, parentName: '', type: undefined, value: undefined, flags: undefined, parent: null, depth: 0 }));
  let steps = 0;
  while (stack.length) {
    const p = stack.pop()!;
    if (++steps > view.limits.maxWalkSteps) throw limitExceeded('maxWalkSteps', view.limits.maxWalkSteps);
    if (p.depth > view.limits.maxNestingDepth) throw limitExceeded('maxNestingDepth', view.limits.maxNestingDepth);
    const ref = p.node instanceof PdfRef ? p.node : null;
    if (ref) {
      if (seen.has(ref.key)) continue;
      seen.add(ref.key);
    }
    const dict = view.getDict(p.node);
    if (!dict) continue;
    const partial = view.getString(dict.get('T'));
    const partialName = partial ? partial.text : null;
    const name = partialName === null ? p.parentName : p.parentName ? `${p.parentName}.${partialName}` : partialName;
    const type = dict.get('FT') ?? p.type;
    const value = dict.has('V') ? dict.get('V') : p.value;
    const flags = dict.get('Ff') ?? p.flags;
    const kids = view.getArray(dict.get('Kids')) ?? [];
    const fieldKids: PdfObject[] = [];
    const widgetKids: PdfObject[] = [];
    for (const kid of kids) {
      if (kid instanceof PdfRef && seen.has(kid.key)) continue; // a loop back up the tree
      const kd = view.getDict(kid);
      if (!kd) continue;
      // A kid with a partial name is a field; one without is a widget when it says so.
      if (!kd.has('T') && kd.isName('Subtype', 'Widget')) widgetKids.push(kid);
      else fieldKids.push(kid);
    }
    if (fieldKids.length) {
      for (let i = fieldKids.length - 1; i >= 0; i--) {
        stack.push({ node: fieldKids[i], parentName: name, type, value, flags, parent: ref, depth: p.depth + 1 });
      }
      continue;
    }
    const widgetNodes: PdfObject[] = widgetKids.length ? widgetKids : dict.isName('Subtype', 'Widget') || !kids.length ? [p.node] : [];
    const widgets = widgetNodes.flatMap((w): PdfWidget[] => {
      const wd = view.getDict(w);
      if (!wd) return [];
      const page = wd.get('P');
      return [{ ref: w instanceof PdfRef ? w : null, dict: wd, page: page instanceof PdfRef ? page : null, rect: rect(view, wd.get('Rect')) }];
    });
    out.push({
      name,
      partialName,
      ref,
      dict,
      type: view.getName(type),
      value: value ?? null,
      flags: view.getNumber(flags) ?? 0,
      widgets,
      parent: p.parent,
    });
  }
  return out;
}

/** The terminal field with this fully qualified name, or null. */
export function findField(view: PdfView, name: string): PdfField | null {
  return listFields(view).find((f) => f.name === name) ?? null;
}
