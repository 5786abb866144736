/**
 * The editor's insert and mark commands besides the outline: recitals, tables, page breaks,
 * cross-references, defined terms, and the parties and signature blocks filled from the contract.
 */
import { Fragment, type Node as ProseMirrorNode } from 'prosemirror-model';
import { toggleMark } from 'prosemirror-commands';
import type { Command } from 'prosemirror-state';
import type { Party } from '../../src-shared/api/index.js';
import { draftSchema, MARK, NODE, partyAttrs } from '../../src-shared/drafting/index.js';
import { insertBlock } from './outline-commands.js';

const nodes = draftSchema.nodes;
const marks = draftSchema.marks;
const paragraph = () => nodes[NODE.paragraph].create();

export const insertRecital = insertBlock(() => nodes[NODE.recital].create(), { afterSameType: true });
export const insertPageBreak = insertBlock(() => nodes[NODE.pageBreak].create());

/** A table of `columns` columns: a header row and one body row. */
export function insertTable(columns = 3): Command {
  return insertBlock(() => {
    const row = (type: typeof NODE.tableHeader | typeof NODE.tableCell) =>
      nodes[NODE.tableRow].create(
        null,
        Array.from({ length: columns }, () => nodes[type].create(null, paragraph())),
      );
    return nodes[NODE.table].create(null, [row(NODE.tableHeader), row(NODE.tableCell)]);
  });
}

/** A cross-reference to an article, sub-clause or item, at the cursor (it reads 第五条 / clause 5). */
export function insertReference(targetId: string): Command {
  return (state, dispatch) => {
    const node = nodes[NODE.xref].create({ target: targetId });
    const { $from } = state.selection;
    if (!$from.parent.inlineContent || !$from.parent.type.allowsMarkType(marks[MARK.bold])) return false;
    if (dispatch) dispatch(state.tr.replaceSelectionWith(node, false).scrollIntoView());
    return true;
  };
}

export const toggleBold = toggleMark(marks[MARK.bold]);
export const toggleItalic = toggleMark(marks[MARK.italic]);
export const toggleUnderline = toggleMark(marks[MARK.underline]);
/** Marks the selected words as where a term is defined (“保密信息”). */
export const markDefinition = toggleMark(marks[MARK.termDefinition]);
/** Marks the selected words as a use of a defined term (flagged if nothing defines it). */
export const markTermUse = toggleMark(marks[MARK.termUse]);

const sameParty = (node: ProseMirrorNode, party: Party) =>
  node.attrs.partyId === party.id &&
  node.attrs.role === party.role &&
  node.attrs.name === party.name &&
  node.attrs.organisation === party.organisation &&
  node.attrs.registrationNumber === party.registrationNumber;

const toPlainParty = (p: Party) =>
  partyAttrs({ partyId: p.id, role: p.role, name: p.name, organisation: p.organisation, registrationNumber: p.registrationNumber });

/**
 * Brings the parties block and the signature blocks in line with the contract's parties: one
 * party line each, in the contract's order; a signature block per party (kept where it stood,
 * updated, added at the end when missing, removed with its party). Does nothing when they agree.
 */
export function syncParties(parties: readonly Party[]): Command {
  return (state, dispatch) => {
    let partiesAt = -1;
    let signaturesAt = -1;
    state.doc.forEach((child, offset) => {
      if (child.type === nodes[NODE.parties]) partiesAt = offset;
      if (child.type === nodes[NODE.signatures]) signaturesAt = offset;
    });
    if (partiesAt < 0 || signaturesAt < 0) return false;
    const partiesBlock = state.doc.nodeAt(partiesAt)!;
    const signaturesBlock = state.doc.nodeAt(signaturesAt)!;
    const partiesInOrder = partiesBlock.childCount === parties.length && parties.every((p, i) => sameParty(partiesBlock.child(i), p));
    const byId = new Map(parties.map((p) => [p.id, p]));
    const signatures: ProseMirrorNode[] = [];
    const signed = new Set<string>();
    signaturesBlock.forEach((block) => {
      const party = byId.get(block.attrs.partyId as string);
      if (!party || signed.has(party.id)) return;
      signed.add(party.id);
      signatures.push(sameParty(block, party) ? block : nodes[NODE.signatureBlock].create(toPlainParty(party)));
    });
    for (const p of parties) if (!signed.has(p.id)) signatures.push(nodes[NODE.signatureBlock].create(toPlainParty(p)));
    const signaturesSame = signatures.length === signaturesBlock.childCount && signatures.every((s, i) => s === signaturesBlock.child(i));
    if (partiesInOrder && signaturesSame) return false;
    if (dispatch) {
      const tr = state.tr;
      // Signatures first: they come after the parties, so the parties' positions stay valid.
      if (!signaturesSame) tr.replaceWith(signaturesAt + 1, signaturesAt + signaturesBlock.nodeSize - 1, Fragment.from(signatures));
      if (!partiesInOrder)
        tr.replaceWith(partiesAt + 1, partiesAt + partiesBlock.nodeSize - 1, Fragment.from(parties.map((p) => nodes[NODE.party].create(toPlainParty(p)))));
      dispatch(tr);
    }
    return true;
  };
}
