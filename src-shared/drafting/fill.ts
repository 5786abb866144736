/**
 * Filling a draft's variables, the first time and again later. A variable's text carries the
 * `variable` mark whose `filled` attribute is exactly what the last fill wrote, so a passage whose
 * text no longer matches was edited by hand: re-filling it is a conflict the person decides
 * (`overwrite`), never a silent overwrite. Optional sections (articles and sub-clauses with a
 * `condition`) are removed when their yes/no variable is "no".
 *
 * Works on a ProseMirror Transform, so the editor fills inside a transaction (undoable, synced)
 * and the core fills a template's document before the draft is created.
 */
import type { Mark, Node as ProseMirrorNode } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';
import type { Language } from '../i18n/index.js';
import { MARK, draftSchema } from './schema.js';
import { renderVariable, type VariableSpec } from './variables.js';

/** One stretch of text holding a variable's value. */
export interface VariablePassage {
  key: string;
  from: number;
  to: number;
  text: string;
  /** What the last fill wrote ('' for a template's placeholder never filled). */
  filled: string;
}

/** A passage the person changed by hand since it was filled, and what a re-fill would write. */
export interface FillConflict {
  key: string;
  current: string;
  replacement: string;
}

/** The variables' passages in document order (adjacent text nodes with the same mark are one passage). */
export function variablePassages(doc: ProseMirrorNode): VariablePassage[] {
  const out: VariablePassage[] = [];
  let open: { mark: Mark; passage: VariablePassage } | null = null;
  doc.descendants((node, pos) => {
    if (!node.isText) {
      if (!node.isInline) open = null; // passages never cross a block
      return true;
    }
    const mark = node.marks.find((m) => m.type.name === MARK.variable);
    if (!mark) {
      open = null;
      return false;
    }
    if (open && open.mark.eq(mark) && open.passage.to === pos) {
      open.passage.to = pos + node.nodeSize;
      open.passage.text += node.text ?? '';
    } else {
      const passage = { key: mark.attrs.key as string, from: pos, to: pos + node.nodeSize, text: node.text ?? '', filled: mark.attrs.filled as string };
      out.push(passage);
      open = { mark, passage };
    }
    return false;
  });
  return out;
}

/** Optional sections (from, to, the yes/no variable) in document order. */
function optionalSections(doc: ProseMirrorNode): { from: number; to: number; key: string }[] {
  const out: { from: number; to: number; key: string }[] = [];
  doc.descendants((node, pos) => {
    const key = node.attrs.condition as string | undefined;
    if (key) out.push({ from: pos, to: pos + node.nodeSize, key });
    return node.isBlock;
  });
  return out;
}

/** What a template shows where a value goes: 〔甲方名称〕 / 〔Company name〕. */
export const placeholder = (spec: Pick<VariableSpec, 'label'>) => `〔${spec.label}〕`;

export const wasEditedByHand = (p: VariablePassage) => p.filled !== '' && p.text !== p.filled;

export interface FillOptions {
  /** Keys whose hand-edited passages may be overwritten (the person said so). */
  overwrite?: ReadonlySet<string>;
}

/**
 * Writes checked `values` (see checkValues) into the document of `tr`. Passages edited by hand
 * are left alone unless their key is in `overwrite`, and returned as conflicts; optional sections
 * whose variable is "no" are removed. Variables without a value in `values` are not touched.
 */
export function fillVariables(
  tr: Transform,
  specs: readonly VariableSpec[],
  values: Readonly<Record<string, string>>,
  lang: Language,
  options: FillOptions = {},
): FillConflict[] {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const dropped = optionalSections(tr.doc).filter((s) => byKey.get(s.key)?.kind === 'yesno' && values[s.key] === 'no');
  // A section inside one already removed goes with it.
  const removed = dropped.filter((s) => !dropped.some((o) => o !== s && o.from <= s.from && s.to <= o.to));
  const inRemoved = (pos: number) => removed.some((s) => pos >= s.from && pos < s.to);
  const conflicts: FillConflict[] = [];
  const edits: { from: number; to: number; apply: () => void }[] = [];
  for (const p of variablePassages(tr.doc)) {
    const spec = byKey.get(p.key);
    if (!spec || !(p.key in values) || spec.kind === 'yesno' || inRemoved(p.from)) continue;
    const replacement = renderVariable(spec, values[p.key], lang);
    if (replacement === p.text && replacement === p.filled) continue;
    // A hand edit that already reads as the new value is simply adopted (its `filled` catches up).
    if (wasEditedByHand(p) && replacement !== p.text && !options.overwrite?.has(p.key)) {
      conflicts.push({ key: p.key, current: p.text, replacement });
      continue;
    }
    edits.push({
      from: p.from,
      to: p.to,
      apply: () => {
        // Keep the passage's other marks (bold, a defined term) and record what was written.
        const marks = tr.doc
          .resolve(p.from + 1)
          .marks()
          .filter((m) => m.type.name !== MARK.variable);
        const mark = draftSchema.marks[MARK.variable].create({ key: p.key, filled: replacement });
        // Text cannot be empty: an emptied optional value shows its placeholder again (filled '').
        tr.replaceWith(p.from, p.to, draftSchema.text(replacement || placeholder(spec), [...marks, mark]));
      },
    });
  }
  for (const s of removed) edits.push({ from: s.from, to: s.to, apply: () => tr.delete(s.from, s.to) });
  // From the end backwards, so earlier positions stay valid.
  edits.sort((a, b) => b.from - a.from).forEach((e) => e.apply());
  return conflicts;
}
