/**
 * A draft made from a template remembers its variables so they can be changed later: the
 * variables' declarations and their current values live in the draft's Yjs document (so they are
 * autosaved, versioned and merged with the text), and each place a value was written carries the
 * `variable` mark (fill.ts) recording what was written there. Changing a value re-fills those
 * places; a place whose text no longer reads as what was written was edited by hand and is
 * returned as a conflict for the person to decide (keep their text, or take the new value).
 *
 *   meta map  'variables'       the declarations, in the template's order (written once)
 *   map       'variableValues'  key → the checked value (one entry per key, so two desktops
 *                               changing different variables merge)
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';
import * as Y from 'yjs';
import type { Language } from '../i18n/index.js';
import { fillVariables, variablePassages, wasEditedByHand, type FillConflict } from './fill.js';
import { VariableSpec } from './variables.js';
import { DRAFT_META } from './ydoc.js';

export const DRAFT_VARIABLE_VALUES = 'variableValues';
const SPECS = 'variables';

/** A draft's variables and their current values ({specs: []} for a draft not made from a template). */
export interface DraftVariables {
  specs: VariableSpec[];
  values: Record<string, string>;
}

/** Records the template's variables and the values they were first filled with (inside the caller's transaction, if any). */
export function recordDraftVariables(ydoc: Y.Doc, specs: readonly VariableSpec[], values: Readonly<Record<string, string>>): void {
  ydoc.transact(() => {
    ydoc.getMap(DRAFT_META).set(
      SPECS,
      specs.map((s) => ({ ...s })),
    );
    const map = ydoc.getMap<string>(DRAFT_VARIABLE_VALUES);
    for (const s of specs) map.set(s.key, values[s.key] ?? '');
  });
}

/**
 * The variables a draft holds. Declarations that do not parse (a damaged or hostile synced
 * document) are left out rather than trusted.
 */
export function readDraftVariables(ydoc: Y.Doc): DraftVariables {
  const raw = ydoc.getMap(DRAFT_META).get(SPECS);
  const specs = Array.isArray(raw) ? raw.flatMap((s) => (VariableSpec.safeParse(s).success ? [VariableSpec.parse(s)] : [])) : [];
  const map = ydoc.getMap<unknown>(DRAFT_VARIABLE_VALUES);
  const values = Object.fromEntries(specs.map((s) => [s.key, typeof map.get(s.key) === 'string' ? (map.get(s.key) as string) : '']));
  return { specs, values };
}

export function storeDraftVariable(ydoc: Y.Doc, key: string, value: string): void {
  ydoc.getMap<string>(DRAFT_VARIABLE_VALUES).set(key, value);
}

/** Where a variable stands in the text: how many places hold it and how many of those were edited by hand. */
export interface VariableUse {
  places: number;
  editedByHand: number;
}

export function variableUses(doc: ProseMirrorNode): Map<string, VariableUse> {
  const uses = new Map<string, VariableUse>();
  for (const p of variablePassages(doc)) {
    const use = uses.get(p.key) ?? { places: 0, editedByHand: 0 };
    use.places += 1;
    if (wasEditedByHand(p)) use.editedByHand += 1;
    uses.set(p.key, use);
  }
  return uses;
}

/**
 * A new value for one variable written into the text of `tr`: places that still read as the last
 * fill follow it; places edited by hand are left alone and returned as conflicts unless
 * `takeNewValue` (the person chose the new value for them). Yes/no variables are decided when the
 * draft is made (a section left out is gone), so they are not changed here.
 */
export function refillVariable(
  tr: Transform,
  specs: readonly VariableSpec[],
  key: string,
  value: string,
  lang: Language,
  takeNewValue = false,
): FillConflict[] {
  const spec = specs.find((s) => s.key === key);
  if (!spec || spec.kind === 'yesno') return [];
  return fillVariables(tr, [spec], { [key]: value }, lang, takeNewValue ? { overwrite: new Set([key]) } : {});
}
