/**
 * The editor's plugins: Yjs sync and undo (undo/redo across the whole editor, only the person's own
 * changes), Word's shortcuts, tables, find and replace, live numbering and defined terms.
 */
import { baseKeymap, chainCommands, exitCode } from 'prosemirror-commands';
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { keymap } from 'prosemirror-keymap';
import { findNext, findPrev, search } from 'prosemirror-search';
import type { Command, EditorState, Plugin } from 'prosemirror-state';
import { goToNextCell, tableEditing } from 'prosemirror-tables';
import { redoCommand, undoCommand, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type * as Y from 'yjs';
import { draftSchema, NODE, NUMBERED_LEVEL } from '../../src-shared/drafting/index.js';
import type { Language } from '../../src-shared/i18n/index.js';
import { insertPageBreak, toggleBold, toggleItalic, toggleUnderline } from './block-commands.js';
import { numberingPlugin } from './numbering-plugin.js';
import { moveOutlineUnit } from './outline-commands.js';
import { termsPlugin } from './terms-plugin.js';

export interface EditorCallbacks {
  /** Ctrl/Cmd+F and Ctrl/Cmd+H: show the find bar (with replace for H). */
  openFind: (withReplace: boolean) => void;
}

const hardBreak: Command = (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(draftSchema.nodes[NODE.hardBreak].create()).scrollIntoView());
  return true;
};

/** The shortcuts a Word user expects, in ProseMirror's key names (Mod = Ctrl, or Cmd on a Mac). */
export function wordKeymap(callbacks: EditorCallbacks): Record<string, Command> {
  const find =
    (withReplace: boolean): Command =>
    () => {
      callbacks.openFind(withReplace);
      return true;
    };
  return {
    'Mod-z': undoCommand,
    'Mod-y': redoCommand,
    'Mod-Shift-z': redoCommand,
    'Mod-b': toggleBold,
    'Mod-i': toggleItalic,
    'Mod-u': toggleUnderline,
    'Mod-f': find(false),
    'Mod-h': find(true),
    F3: findNext,
    'Shift-F3': findPrev,
    'Mod-Enter': insertPageBreak,
    'Shift-Enter': chainCommands(exitCode, hardBreak),
    // Word moves a paragraph with Alt+Shift+Up/Down; here it moves the article, sub-clause or item.
    'Alt-Shift-ArrowUp': moveOutlineUnit(-1),
    'Alt-Shift-ArrowDown': moveOutlineUnit(1),
    // Escape stays in the text (the contract screen would otherwise take it as "back to the library").
    Escape: () => true,
    Tab: goToNextCell(1),
    'Shift-Tab': goToNextCell(-1),
  };
}

export function draftPlugins(fragment: Y.XmlFragment, language: Language, callbacks: EditorCallbacks): Plugin[] {
  return [
    ySyncPlugin(fragment) as Plugin,
    yUndoPlugin() as Plugin,
    keymap(wordKeymap(callbacks)),
    keymap(baseKeymap),
    search(),
    dropCursor(),
    gapCursor(),
    tableEditing(),
    numberingPlugin(language),
    termsPlugin(),
  ];
}

/** The id of the article, sub-clause or item the cursor is in ('' outside the articles). */
export function cursorUnitId(state: EditorState): string {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (NUMBERED_LEVEL[node.type.name]) return node.attrs.id as string;
  }
  return '';
}

/** The position just inside the unit with `id` (where the cursor goes back to on reopening), or null. */
export function unitPosition(state: EditorState, id: string): number | null {
  if (!id) return null;
  let found: number | null = null;
  state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (NUMBERED_LEVEL[node.type.name] && node.attrs.id === id) found = pos + 1;
    return !node.isTextblock;
  });
  return found;
}
