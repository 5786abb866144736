/**
 * The editor's side of the clause library: what "save as clause" takes from the draft, and where an
 * inserted clause goes. Pure ProseMirror (tests run it under node); the Yjs sync plugin turns the
 * insertion into an ordinary draft update, autosaved and undoable.
 */
import { Fragment, Node as ProseMirrorNode } from 'prosemirror-model';
import { TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import type { ClauseNodeJSON } from '../../src-shared/api/index.js';
import { NODE, draftSchema } from '../../src-shared/drafting/index.js';

/**
 * The passage to save as a clause. Nothing selected: the article the cursor is in. A selection:
 * every article it covers whole, and of the rest, each paragraph or heading it touches, cut to the
 * selection (marks, variables and references kept).
 */
export function clauseFromSelection(state: EditorState): ClauseNodeJSON[] {
  const { from, to, empty, $from } = state.selection;
  if (empty) {
    for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === NODE.article) return [$from.node(d).toJSON() as ClauseNodeJSON];
    const block = $from.parent;
    return block.isTextblock && block.textContent.trim() ? [paragraphOf(block.content)] : [];
  }
  const out: ClauseNodeJSON[] = [];
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (node.type.name === NODE.article && from <= pos + 2 && to >= pos + node.nodeSize - 2) {
      out.push(node.toJSON() as ClauseNodeJSON);
      return false;
    }
    if (!node.isTextblock) return true;
    const start = pos + 1;
    const cut = node.content.cut(Math.max(from, start) - start, Math.min(to, start + node.content.size) - start);
    if (cut.textBetween(0, cut.size, '', ' ').trim()) out.push(paragraphOf(cut));
    return false;
  });
  return out;
}

const paragraphOf = (content: Fragment): ClauseNodeJSON => draftSchema.nodes[NODE.paragraph].create(null, content).toJSON() as ClauseNodeJSON;

/**
 * Inserts a clause's blocks after the block the cursor is in, at the innermost level that can hold
 * them (a paragraph stays inside the article; an article goes after the cursor's article), else at the
 * end of the body. The cursor lands at the start of what was inserted. Null when nothing fits.
 */
export function insertClause(state: EditorState, blocks: readonly ClauseNodeJSON[]): Transaction | null {
  const fragment = Fragment.fromArray(blocks.map((b) => ProseMirrorNode.fromJSON(draftSchema, b)));
  const { $from } = state.selection;
  let at: number | null = null;
  for (let d = $from.depth; d > 0 && at === null; d--) {
    const parent = $from.node(d - 1);
    const index = $from.index(d - 1) + 1;
    if (parent.canReplace(index, index, fragment)) at = $from.after(d);
  }
  if (at === null) {
    state.doc.forEach((node, offset) => {
      if (node.type.name === NODE.body && node.canReplace(node.childCount, node.childCount, fragment)) at = offset + node.nodeSize - 1;
    });
  }
  if (at === null) return null;
  const tr = state.tr.insert(at, fragment);
  return tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1))).scrollIntoView();
}
