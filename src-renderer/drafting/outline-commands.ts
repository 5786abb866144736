/**
 * Editing commands over the outline: add an article, sub-clause or item after the one the cursor is
 * in, and move a unit up or down among its siblings. Numbers are never written here — numbering
 * follows from order (src-shared/drafting/numbering.ts), so a move is all it takes to renumber.
 */
import { Fragment, type Node as ProseMirrorNode, type NodeType, type ResolvedPos } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { draftSchema, NODE, NUMBERED_LEVEL, newOutlineId } from '../../src-shared/drafting/index.js';

const nodes = draftSchema.nodes;

/** The depth of the innermost ancestor of `$pos` whose type is in `types`, or -1. */
function ancestorDepth($pos: ResolvedPos, test: (node: ProseMirrorNode) => boolean): number {
  for (let d = $pos.depth; d > 0; d--) if (test($pos.node(d))) return d;
  return -1;
}

const isNumbered = (node: ProseMirrorNode) => NUMBERED_LEVEL[node.type.name] !== undefined;

/** Moves the numbered unit around the cursor one place up (-1) or down (1) among its siblings. */
export function moveOutlineUnit(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const $from = state.selection.$from;
    const depth = ancestorDepth($from, isNumbered);
    if (depth < 0) return false;
    const parent = $from.node(depth - 1);
    const index = $from.index(depth - 1);
    const other = index + direction;
    if (other < 0 || other >= parent.childCount) return false;
    const node = $from.node(depth);
    const sibling = parent.child(other);
    const [first, second] = direction < 0 ? [node, sibling] : [sibling, node];
    const low = Math.min(index, other);
    if (!parent.canReplace(low, low + 2, Fragment.from([first, second]))) return false;
    if (dispatch) {
      const start = direction < 0 ? $from.before(depth) - sibling.nodeSize : $from.before(depth);
      const end = start + node.nodeSize + sibling.nodeSize;
      const offset = $from.pos - $from.before(depth);
      const tr = state.tr.replaceWith(start, end, Fragment.from([first, second]));
      const newStart = direction < 0 ? start : start + sibling.nodeSize;
      tr.setSelection(TextSelection.near(tr.doc.resolve(newStart + offset)));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** A new, empty unit of `type` with a fresh id. */
function emptyUnit(type: NodeType): ProseMirrorNode {
  const attrs = { id: newOutlineId() };
  if (type === nodes[NODE.article]) return type.create(attrs, [nodes[NODE.articleHeading].create(), nodes[NODE.paragraph].create()]);
  return type.create(attrs, nodes[NODE.paragraph].create());
}

/**
 * Inserts an empty unit of `type` after the nearest unit of the same type around the cursor, or, if
 * there is none, after the block the cursor is in at the nearest level that may hold one (an
 * article into the body, a sub-clause into the article, an item into the sub-clause). The cursor
 * moves into it.
 */
export function insertOutlineUnit(typeName: typeof NODE.article | typeof NODE.clause | typeof NODE.item): Command {
  return insertBlock(() => emptyUnit(nodes[typeName]), { afterSameType: true });
}

/**
 * Inserts a block (a table, a page break, a recital, a unit) where it may stand nearest the cursor:
 * after the enclosing block of its own type when asked, else after the block the cursor is in at
 * the nearest level whose content allows it, else at the end of the first container that does.
 */
export function insertBlock(make: () => ProseMirrorNode, options: { afterSameType?: boolean } = {}): Command {
  return (state, dispatch) => {
    const block = make();
    const pos = insertionPoint(state, state.selection.$from, block, options.afterSameType ?? false);
    if (pos === null) return false;
    if (dispatch) {
      const tr = state.tr.insert(pos, block);
      tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos + 1, tr.doc.content.size))));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

function insertionPoint(state: EditorState, $from: ResolvedPos, block: ProseMirrorNode, afterSameType: boolean): number | null {
  const same = afterSameType ? ancestorDepth($from, (n) => n.type === block.type) : -1;
  if (same > 0) return $from.after(same);
  const fragment = Fragment.from(block);
  for (let d = $from.depth - 1; d >= 0; d--) {
    const index = $from.index(d) + 1;
    if ($from.node(d).canReplace(index, index, fragment)) return $from.after(d + 1);
  }
  // From a place that cannot hold it (the title, a party): the end of the first part of the
  // document that can (the body for an article or a table, the recitals for a recital).
  let end: number | null = null;
  state.doc.forEach((part, offset) => {
    if (end === null && part.canReplace(part.childCount, part.childCount, fragment)) end = offset + part.nodeSize - 1;
  });
  return end;
}
