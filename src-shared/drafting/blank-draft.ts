/**
 * A new draft for a contract that has none: its title and parties, an empty recital, one article
 * to start writing in, and a signature block per party. Templates build richer ones.
 */
import type { DraftNodeJSON, PlainParty } from './plain.js';
import { NODE, newOutlineId } from './schema.js';

const text = (value: string): DraftNodeJSON[] => (value ? [{ type: 'text', text: value }] : []);

export const partyAttrs = (p: PlainParty) => ({
  partyId: p.partyId,
  role: p.role,
  name: p.name,
  organisation: p.organisation,
  registrationNumber: p.registrationNumber,
});

/** An empty article (heading and one paragraph) with a fresh id. */
export function emptyArticle(heading = ''): DraftNodeJSON {
  return { type: NODE.article, attrs: { id: newOutlineId() }, content: [{ type: NODE.articleHeading, content: text(heading) }, { type: NODE.paragraph }] };
}

export function blankDraft(input: { title: string; parties: readonly PlainParty[] }): DraftNodeJSON {
  return {
    type: NODE.doc,
    content: [
      { type: NODE.title, content: text(input.title) },
      { type: NODE.parties, content: input.parties.map((p) => ({ type: NODE.party, attrs: partyAttrs(p) })) },
      { type: NODE.recitals, content: [{ type: NODE.recital }] },
      { type: NODE.body, content: [emptyArticle()] },
      { type: NODE.signatures, content: input.parties.map((p) => ({ type: NODE.signatureBlock, attrs: partyAttrs(p) })) },
    ],
  };
}
