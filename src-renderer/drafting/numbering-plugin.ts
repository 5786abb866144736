/**
 * Live numbering in the editor: after every change the outline is walked, numbered in the draft's
 * style (src-shared/drafting/numbering.ts) and drawn as node decorations — `data-number` on an
 * article's heading, a sub-clause or an item, `data-reference` on a cross-reference — which the
 * stylesheet shows before the text. Nothing is written into the document, so a move renumbers by
 * itself and undo never has numbers to undo.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import {
  BROKEN_REFERENCE,
  DRAFT_TEXT,
  NODE,
  NUMBERED_LEVEL,
  numberOutline,
  recitalLabel,
  type OutlineEntry,
  type OutlineNumber,
} from '../../src-shared/drafting/index.js';
import type { Language } from '../../src-shared/i18n/index.js';

export interface NumberingState {
  numbers: ReadonlyMap<string, OutlineNumber>;
  decorations: DecorationSet;
  /** The outline, references and recitals in order: when a change leaves it alone, decorations are only mapped. */
  signature: string;
}

export const numberingKey = new PluginKey<NumberingState>('draft-numbering');

/** Numbered units and cross-references with their positions: one walk that skips plain text. */
function scan(doc: ProseMirrorNode) {
  const units: { entry: OutlineEntry; pos: number; node: ProseMirrorNode }[] = [];
  const xrefs: { pos: number; target: string }[] = [];
  const recitals: { pos: number; node: ProseMirrorNode }[] = [];
  let recitalsBlock: { pos: number; node: ProseMirrorNode } | null = null;
  doc.descendants((node, pos) => {
    const level = NUMBERED_LEVEL[node.type.name];
    if (level) units.push({ entry: { id: node.attrs.id as string, level }, pos, node });
    else if (node.type.name === NODE.recital) recitals.push({ pos, node });
    else if (node.type.name === NODE.recitals) recitalsBlock = { pos, node };
    else if (node.type.name === NODE.xref) xrefs.push({ pos, target: node.attrs.target as string });
    // Only text blocks can hold a cross-reference; their text runs need no visit.
    if (node.isTextblock) {
      if (node.childCount > 1 || node.firstChild?.type.name === NODE.xref)
        node.forEach((child, offset) => {
          if (child.type.name === NODE.xref) xrefs.push({ pos: pos + 1 + offset, target: child.attrs.target as string });
        });
      return false;
    }
    return !node.isAtom;
  });
  return { units, xrefs, recitals, recitalsBlock: recitalsBlock as { pos: number; node: ProseMirrorNode } | null };
}

const signatureOf = ({ units, xrefs, recitals }: ReturnType<typeof scan>) =>
  `${units.map((u) => `${u.entry.level}${u.entry.id}`).join(' ')}|${xrefs.map((x) => x.target).join(' ')}|${recitals.length}`;

function compute(doc: ProseMirrorNode, language: Language, found = scan(doc)): NumberingState {
  const { units, xrefs, recitals, recitalsBlock } = found;
  const numbers = numberOutline(
    units.map((u) => u.entry),
    language,
  );
  const decorations: Decoration[] = [];
  for (const { entry, pos, node } of units) {
    const number = numbers.get(entry.id);
    if (!number) continue;
    if (node.type.name === NODE.article) {
      // The number stands before the heading's text: 第一条 定义 / 1. Definitions.
      const heading = node.firstChild!;
      decorations.push(Decoration.node(pos + 1, pos + 1 + heading.nodeSize, { 'data-number': number.label }));
    } else decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-number': number.label }));
  }
  // 鉴于： / Background, above the recitals when there are any.
  if (recitalsBlock && recitalsBlock.node.childCount)
    decorations.push(Decoration.node(recitalsBlock.pos, recitalsBlock.pos + recitalsBlock.node.nodeSize, { 'data-lead': DRAFT_TEXT.recitals[language] }));
  recitals.forEach(({ pos, node }, i) => decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-number': recitalLabel(i + 1, language) })));
  for (const { pos, target } of xrefs) {
    const number = numbers.get(target);
    decorations.push(
      Decoration.node(pos, pos + 1, number ? { 'data-reference': number.reference } : { 'data-reference': BROKEN_REFERENCE, class: 'draft-xref-broken' }),
    );
  }
  return { numbers, decorations: DecorationSet.create(doc, decorations), signature: signatureOf(found) };
}

export function numberingPlugin(language: Language): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingKey,
    state: {
      init: (_config, state) => compute(state.doc, language),
      apply: (tr, previous) => {
        if (!tr.docChanged) return previous;
        // Typing changes text, not the outline: keep the numbers and move their decorations along.
        const found = scan(tr.doc);
        if (signatureOf(found) === previous.signature) return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
        return compute(tr.doc, language, found);
      },
    },
    props: {
      decorations: (state) => numberingKey.getState(state)?.decorations,
    },
  });
}

/** The numbers of the draft in this state (for the cross-reference picker and tests). */
export const currentNumbers = (state: EditorState) => numberingKey.getState(state)?.numbers ?? new Map<string, OutlineNumber>();
