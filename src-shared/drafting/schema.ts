/**
 * The draft's document model as a ProseMirror schema: what a contract is made of, not free HTML.
 *
 *   doc        title parties recitals body signatures
 *   body       (article | paragraph | table | page_break)*   — text between articles: （以下无正文）
 *   article    article_heading (paragraph | clause | table | page_break)*     第一条 / 1.
 *   clause     paragraph (paragraph | item | table)*                          （一） / 1.1
 *   item       paragraph+                                                     1. / (a)
 *   paragraph  inline: text with bold/italic/underline, defined-term marks, cross-references
 *
 * Numbers are never stored: articles, sub-clauses and items carry a stable `id`, and numbering.ts
 * works the numbers out from their order, so moving an article renumbers it and every `xref`
 * pointing at it. Parties and signature blocks are atoms filled from the contract's parties.
 * The `toDOM` here is the plain rendering (clipboard, tests); the editor draws labels itself.
 */
import { Schema, type DOMOutputSpec, type Mark, type MarkSpec, type Node as ProseMirrorNode, type NodeSpec } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

/** Node and mark names, as stored in the Yjs document: renaming one breaks saved drafts. */
export const NODE = {
  doc: 'doc',
  title: 'title',
  parties: 'parties',
  party: 'party',
  recitals: 'recitals',
  recital: 'recital',
  body: 'body',
  article: 'article',
  articleHeading: 'article_heading',
  clause: 'clause',
  item: 'item',
  paragraph: 'paragraph',
  table: 'table',
  tableRow: 'table_row',
  tableCell: 'table_cell',
  tableHeader: 'table_header',
  pageBreak: 'page_break',
  signatures: 'signatures',
  signatureBlock: 'signature_block',
  xref: 'xref',
  hardBreak: 'hard_break',
} as const;

export const MARK = {
  bold: 'strong',
  italic: 'em',
  underline: 'underline',
  /** Where a term is defined: “保密信息”是指… / "Confidential Information" means… */
  termDefinition: 'term_definition',
  /** A use the author marked as a defined term (flagged when nothing defines it). */
  termUse: 'term_use',
  /** A template variable's filled text (templates/variables.ts); `filled` is what the last fill wrote. */
  variable: 'variable',
} as const;

/** The node types that are numbered, and their level in the outline. */
export const NUMBERED_LEVEL: Readonly<Record<string, 1 | 2 | 3>> = { [NODE.article]: 1, [NODE.clause]: 2, [NODE.item]: 3 };

const INLINE = 'inline*';
const idAttrs = { id: { default: '' } };
/** Articles and sub-clauses may be optional: kept or removed by the yes/no variable named in `condition`. */
const sectionAttrs = { id: { default: '' }, condition: { default: '' } };
const withId =
  (tag: string, cls: string) =>
  (node: ProseMirrorNode): DOMOutputSpec => [tag, { class: cls, 'data-id': node.attrs.id as string }, 0];
/** What the clipboard's HTML carries back in (a DOM element in the browser; never parsed in the core). */
interface Element {
  getAttribute(name: string): string | null;
}
const parseId = (dom: Element) => ({ id: dom.getAttribute('data-id') ?? '' });

const partyAttrs = {
  partyId: { default: '' },
  role: { default: '' },
  name: { default: '' },
  organisation: { default: '' },
  registrationNumber: { default: '' },
};
const partyData = (node: ProseMirrorNode) => ({
  'data-party-id': node.attrs.partyId as string,
  'data-role': node.attrs.role as string,
  'data-name': node.attrs.name as string,
  'data-organisation': node.attrs.organisation as string,
  'data-registration-number': node.attrs.registrationNumber as string,
});
const readParty = (dom: Element) => ({
  partyId: dom.getAttribute('data-party-id') ?? '',
  role: dom.getAttribute('data-role') ?? '',
  name: dom.getAttribute('data-name') ?? '',
  organisation: dom.getAttribute('data-organisation') ?? '',
  registrationNumber: dom.getAttribute('data-registration-number') ?? '',
});

const nodes: Record<string, NodeSpec> = {
  [NODE.doc]: { content: `${NODE.title} ${NODE.parties} ${NODE.recitals} ${NODE.body} ${NODE.signatures}` },
  [NODE.title]: { content: INLINE, marks: '', defining: true, toDOM: () => ['h1', { class: 'draft-title' }, 0], parseDOM: [{ tag: 'h1' }] },
  [NODE.parties]: { content: `${NODE.party}*`, toDOM: () => ['section', { class: 'draft-parties' }, 0], parseDOM: [{ tag: 'section.draft-parties' }] },
  [NODE.party]: {
    atom: true,
    selectable: true,
    attrs: partyAttrs,
    toDOM: (node) => ['p', { class: 'draft-party', ...partyData(node) }, `${node.attrs.role as string}：${node.attrs.name as string}`],
    parseDOM: [{ tag: 'p.draft-party', getAttrs: readParty }],
  },
  [NODE.recitals]: { content: `${NODE.recital}*`, toDOM: () => ['section', { class: 'draft-recitals' }, 0], parseDOM: [{ tag: 'section.draft-recitals' }] },
  [NODE.recital]: { content: INLINE, toDOM: () => ['p', { class: 'draft-recital' }, 0], parseDOM: [{ tag: 'p.draft-recital' }] },
  [NODE.body]: {
    content: `(${NODE.article} | ${NODE.paragraph} | ${NODE.table} | ${NODE.pageBreak})*`,
    toDOM: () => ['section', { class: 'draft-body' }, 0],
    parseDOM: [{ tag: 'section.draft-body' }],
  },
  [NODE.article]: {
    content: `${NODE.articleHeading} (${NODE.paragraph} | ${NODE.clause} | ${NODE.table} | ${NODE.pageBreak})*`,
    attrs: sectionAttrs,
    defining: true,
    toDOM: withId('section', 'draft-article'),
    parseDOM: [{ tag: 'section.draft-article', getAttrs: parseId }],
  },
  [NODE.articleHeading]: { content: INLINE, toDOM: () => ['h2', { class: 'draft-article-heading' }, 0], parseDOM: [{ tag: 'h2' }] },
  [NODE.clause]: {
    content: `${NODE.paragraph} (${NODE.paragraph} | ${NODE.item} | ${NODE.table})*`,
    attrs: sectionAttrs,
    defining: true,
    toDOM: withId('div', 'draft-clause'),
    parseDOM: [{ tag: 'div.draft-clause', getAttrs: parseId }],
  },
  [NODE.item]: {
    content: `${NODE.paragraph}+`,
    attrs: idAttrs,
    defining: true,
    toDOM: withId('div', 'draft-item'),
    parseDOM: [{ tag: 'div.draft-item', getAttrs: parseId }],
  },
  [NODE.paragraph]: { content: INLINE, toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] },
  ...tableNodes({ tableGroup: '', cellContent: `${NODE.paragraph}+`, cellAttributes: {} }),
  [NODE.pageBreak]: {
    atom: true,
    selectable: true,
    toDOM: () => ['div', { class: 'draft-page-break' }],
    parseDOM: [{ tag: 'div.draft-page-break' }],
  },
  [NODE.signatures]: {
    content: `${NODE.signatureBlock}*`,
    toDOM: () => ['section', { class: 'draft-signatures' }, 0],
    parseDOM: [{ tag: 'section.draft-signatures' }],
  },
  [NODE.signatureBlock]: {
    atom: true,
    selectable: true,
    attrs: partyAttrs,
    toDOM: (node) => ['div', { class: 'draft-signature', ...partyData(node) }, node.attrs.role as string],
    parseDOM: [{ tag: 'div.draft-signature', getAttrs: readParty }],
  },
  [NODE.xref]: {
    inline: true,
    group: 'inline',
    atom: true,
    attrs: { target: { default: '' } },
    toDOM: (node) => ['span', { class: 'draft-xref', 'data-target': node.attrs.target as string }],
    parseDOM: [{ tag: 'span.draft-xref', getAttrs: (dom: Element) => ({ target: dom.getAttribute('data-target') ?? '' }) }],
  },
  [NODE.hardBreak]: { inline: true, group: 'inline', selectable: false, toDOM: () => ['br'], parseDOM: [{ tag: 'br' }] },
  text: { group: 'inline' },
};

const marks: Record<string, MarkSpec> = {
  [MARK.bold]: { toDOM: () => ['strong', 0], parseDOM: [{ tag: 'strong' }, { tag: 'b' }] },
  [MARK.italic]: { toDOM: () => ['em', 0], parseDOM: [{ tag: 'em' }, { tag: 'i' }] },
  [MARK.underline]: { toDOM: () => ['u', 0], parseDOM: [{ tag: 'u' }] },
  [MARK.termDefinition]: {
    inclusive: false,
    excludes: MARK.termUse,
    toDOM: () => ['dfn', { class: 'draft-term-definition' }, 0],
    parseDOM: [{ tag: 'dfn' }],
  },
  [MARK.termUse]: {
    inclusive: false,
    toDOM: (_mark: Mark) => ['span', { class: 'draft-term-use' }, 0],
    parseDOM: [{ tag: 'span.draft-term-use' }],
  },
  [MARK.variable]: {
    // Inclusive, so typing over the whole filled text (or on at its end) stays inside the variable
    // and counts as a hand edit that a later re-fill asks about, instead of silently escaping it.
    inclusive: true,
    attrs: { key: { default: '' }, filled: { default: '' } },
    toDOM: (mark: Mark) => ['span', { class: 'draft-variable', 'data-key': mark.attrs.key as string, 'data-filled': mark.attrs.filled as string }, 0],
    parseDOM: [
      {
        tag: 'span.draft-variable',
        getAttrs: (dom: Element) => ({ key: dom.getAttribute('data-key') ?? '', filled: dom.getAttribute('data-filled') ?? '' }),
      },
    ],
  },
};

/** The one schema of every draft, in the editor and in the core. */
export const draftSchema = new Schema({ nodes, marks });

/** A new stable id for an article, sub-clause or item (never shown; only references use it). */
export function newOutlineId(): string {
  const bytes = new Uint8Array(9);
  // Web Crypto exists in the renderer and in Node alike; src-shared is typed without either.
  (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto.getRandomValues(bytes);
  return 'u' + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}
