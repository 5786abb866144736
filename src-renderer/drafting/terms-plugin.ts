/**
 * Defined terms in the editor: shortly after typing stops, the draft's terms are analysed
 * (src-shared/drafting/terms.ts: defined, used, undefined, unused, defined twice), every use of a
 * defined term is highlighted and every marked use of an undefined term is flagged. Waiting for a
 * pause keeps a 100-page draft's keystrokes from paying for a scan of all its text.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { analyseTerms, MARK, type DefinedTermReport, type DraftNodeJSON } from '../../src-shared/drafting/index.js';

export interface TermsState {
  reports: readonly DefinedTermReport[];
  decorations: DecorationSet;
}

export const termsKey = new PluginKey<TermsState>('draft-terms');
/** How long after the last change the terms are looked at again. */
export const TERMS_PAUSE_MS = 250;

function analyse(doc: ProseMirrorNode): TermsState {
  const reports = analyseTerms(doc.toJSON() as DraftNodeJSON);
  const defined = reports.filter((r) => r.definitions > 0).map((r) => r.term);
  const undefinedTerms = new Set(reports.filter((r) => r.flag === 'undefined').map((r) => r.term));
  const decorations: Decoration[] = [];
  // Longest first, so "保密信息披露方" is found before "保密信息" at the same place.
  const pattern = defined.length
    ? new RegExp(
        defined
          .sort((a, b) => b.length - a.length)
          .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'g',
      )
    : null;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = '';
    node.forEach((child) => (text += child.isText ? child.text! : '\uFFFC'));
    if (pattern)
      for (const m of text.matchAll(pattern)) {
        const from = pos + 1 + m.index;
        const to = from + m[0].length;
        if (!doc.rangeHasMark(from, to, doc.type.schema.marks[MARK.termDefinition]))
          decorations.push(Decoration.inline(from, to, { class: 'draft-term-used' }));
      }
    node.forEach((child, offset) => {
      const use = child.marks.find((m) => m.type.name === MARK.termUse);
      if (use && child.isText && undefinedTerms.has(child.text!.replace(/^[\s“”"「」]+|[\s“”"「」]+$/g, '')))
        decorations.push(Decoration.inline(pos + 1 + offset, pos + 1 + offset + child.nodeSize, { class: 'draft-term-undefined' }));
    });
    return false;
  });
  return { reports, decorations: DecorationSet.create(doc, decorations) };
}

export function termsPlugin(): Plugin<TermsState> {
  return new Plugin<TermsState>({
    key: termsKey,
    state: {
      init: (_c, state) => analyse(state.doc),
      apply: (tr, previous) => {
        const fresh = tr.getMeta(termsKey) as TermsState | undefined;
        if (fresh) return fresh;
        return tr.docChanged ? { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) } : previous;
      },
    },
    props: { decorations: (state) => termsKey.getState(state)?.decorations },
    view: () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      return {
        update: (view, previous) => {
          if (view.state.doc === previous.doc) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(termsKey, analyse(view.state.doc)).setMeta('addToHistory', false));
          }, TERMS_PAUSE_MS);
        },
        destroy: () => clearTimeout(timer),
      };
    },
  });
}

export const currentTerms = (state: EditorState) => termsKey.getState(state)?.reports ?? [];
