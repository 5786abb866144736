/**
 * The plain form of a draft: what export (PDF, DOCX), redlines and the CLI read, with no
 * ProseMirror or Yjs in sight. It is built from the document's JSON (`Node.toJSON()`, or the JSON
 * y-prosemirror reads out of a saved Yjs document) and carries everything computed: article
 * numbers in the contract's style, cross-references resolved to their text, the defined terms with
 * their flags, and the signature blocks with their labels and the signature field each becomes.
 */
import type { Language } from '../i18n/index.js';
import { numberOutline, recitalLabel, type OutlineEntry, type OutlineNumber } from './numbering.js';
import { MARK, NODE, NUMBERED_LEVEL } from './schema.js';
import { signatureLabels, type SignatureLabels } from './draft-text.js';
import { analyseTerms, type DefinedTermReport } from './terms.js';

/** A ProseMirror node as JSON (`Node.toJSON()`): the shape saved drafts come out of Yjs in. */
export interface DraftNodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DraftNodeJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export type PlainTextStyle = 'bold' | 'italic' | 'underline';

export type PlainInline =
  | {
      kind: 'text';
      text: string;
      styles: PlainTextStyle[];
      /** Set when the run defines a term or is marked as a use of one. */
      term?: { role: 'definition' | 'use' };
    }
  /** A cross-reference, resolved: `text` is 第五条 / clause 5.2 as numbered now; `broken` when its target is gone. */
  | { kind: 'reference'; targetId: string; text: string; broken: boolean }
  | { kind: 'lineBreak' };

export interface PlainCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  blocks: PlainBlock[];
}

export type PlainBlock =
  | { kind: 'article'; id: string; number: string; reference: string; heading: PlainInline[]; blocks: PlainBlock[] }
  | { kind: 'clause' | 'item'; id: string; number: string; reference: string; blocks: PlainBlock[] }
  | { kind: 'paragraph'; content: PlainInline[] }
  | { kind: 'table'; rows: PlainCell[][] }
  | { kind: 'pageBreak' };

export interface PlainParty {
  partyId: string;
  role: string;
  name: string;
  organisation: string;
  registrationNumber: string;
}

export interface PlainSignature extends PlainParty {
  labels: SignatureLabels;
  /** The name of the empty signature field export places here (stable per party). */
  fieldName: string;
}

export interface PlainDraft {
  format: 'inkstone.draft/1';
  language: Language;
  title: string;
  parties: PlainParty[];
  recitals: { number: string; content: PlainInline[] }[];
  body: PlainBlock[];
  signatures: PlainSignature[];
  terms: DefinedTermReport[];
}

const children = (node: DraftNodeJSON | undefined) => node?.content ?? [];
const child = (node: DraftNodeJSON, type: string) => children(node).find((c) => c.type === type);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1);

/** The numbered units of a document in order: what numbering.ts needs. */
export function outlineOf(doc: DraftNodeJSON): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const walk = (node: DraftNodeJSON) => {
    const level = NUMBERED_LEVEL[node.type];
    if (level) entries.push({ id: str(node.attrs?.id), level });
    // Numbered units live in the body, its articles and their clauses, never inside text or tables.
    if (level || node.type === NODE.body || node.type === NODE.doc) children(node).forEach(walk);
  };
  walk(doc);
  return entries;
}

/** The text of inline content, cross-references resolved against `numbers`. */
export function inlineText(node: DraftNodeJSON, numbers: ReadonlyMap<string, OutlineNumber>): string {
  return plainInlines(node, numbers)
    .map((i) => (i.kind === 'lineBreak' ? '\n' : i.text))
    .join('');
}

function plainInlines(node: DraftNodeJSON, numbers: ReadonlyMap<string, OutlineNumber>): PlainInline[] {
  const out: PlainInline[] = [];
  for (const c of children(node)) {
    if (c.type === 'text') {
      const marks = new Set((c.marks ?? []).map((m) => m.type));
      const styles = (
        [
          [MARK.bold, 'bold'],
          [MARK.italic, 'italic'],
          [MARK.underline, 'underline'],
        ] as const
      )
        .filter(([mark]) => marks.has(mark))
        .map(([, style]) => style);
      const run: PlainInline = { kind: 'text', text: c.text ?? '', styles };
      if (marks.has(MARK.termDefinition)) run.term = { role: 'definition' };
      else if (marks.has(MARK.termUse)) run.term = { role: 'use' };
      out.push(run);
    } else if (c.type === NODE.xref) {
      const targetId = str(c.attrs?.target);
      const target = numbers.get(targetId);
      out.push({ kind: 'reference', targetId, text: target?.reference ?? BROKEN_REFERENCE, broken: !target });
    } else if (c.type === NODE.hardBreak) {
      out.push({ kind: 'lineBreak' });
    }
  }
  return out;
}

/** What a reference to a deleted article reads: visibly wrong, in either language. */
export const BROKEN_REFERENCE = '[?]';

function plainBlocks(nodes: readonly DraftNodeJSON[], numbers: ReadonlyMap<string, OutlineNumber>): PlainBlock[] {
  return nodes.flatMap((node): PlainBlock[] => {
    const id = str(node.attrs?.id);
    const number = numbers.get(id);
    switch (node.type) {
      case NODE.article: {
        const [heading, ...rest] = children(node);
        return [
          {
            kind: 'article',
            id,
            number: number?.label ?? '',
            reference: number?.reference ?? '',
            heading: heading ? plainInlines(heading, numbers) : [],
            blocks: plainBlocks(rest, numbers),
          },
        ];
      }
      case NODE.clause:
      case NODE.item:
        return [{ kind: node.type, id, number: number?.label ?? '', reference: number?.reference ?? '', blocks: plainBlocks(children(node), numbers) }];
      case NODE.paragraph:
        return [{ kind: 'paragraph', content: plainInlines(node, numbers) }];
      case NODE.pageBreak:
        return [{ kind: 'pageBreak' }];
      case NODE.table:
        return [
          {
            kind: 'table',
            rows: children(node).map((row) =>
              children(row).map((cell) => ({
                header: cell.type === NODE.tableHeader,
                colspan: count(cell.attrs?.colspan),
                rowspan: count(cell.attrs?.rowspan),
                blocks: plainBlocks(children(cell), numbers),
              })),
            ),
          },
        ];
      default:
        return [];
    }
  });
}

function plainParty(node: DraftNodeJSON): PlainParty {
  const a = node.attrs ?? {};
  return { partyId: str(a.partyId), role: str(a.role), name: str(a.name), organisation: str(a.organisation), registrationNumber: str(a.registrationNumber) };
}

/** The signature field name export gives a party's signature block. */
export const signatureFieldName = (partyId: string) => `inkstone-sign-${partyId}`;

/** The plain form of a draft document (its JSON) in the draft's language. */
export function toPlainDraft(doc: DraftNodeJSON, language: Language): PlainDraft {
  const numbers = numberOutline(outlineOf(doc), language);
  const title = child(doc, NODE.title);
  return {
    format: 'inkstone.draft/1',
    language,
    title: title ? inlineText(title, numbers) : '',
    parties: children(child(doc, NODE.parties)).map(plainParty),
    recitals: children(child(doc, NODE.recitals)).map((r, i) => ({ number: recitalLabel(i + 1, language), content: plainInlines(r, numbers) })),
    body: plainBlocks(children(child(doc, NODE.body)), numbers),
    signatures: children(child(doc, NODE.signatures)).map((s) => {
      const party = plainParty(s);
      return { ...party, labels: signatureLabels(party.role, language), fieldName: signatureFieldName(party.partyId) };
    }),
    terms: analyseTerms(doc),
  };
}
