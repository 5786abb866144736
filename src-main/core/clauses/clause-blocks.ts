/**
 * A clause's text as the draft model holds it: a list of body blocks (articles, paragraphs, tables).
 * Checked by placing them in an otherwise empty draft, so the one draft schema decides what a clause
 * may contain. Saving makes it generic (each variable back to its placeholder); inserting gives a
 * fresh copy (new outline ids, references inside the clause following them, variables filled).
 */
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { ClauseNodeJSON } from '../../../src-shared/api/index.js';
import {
  NODE,
  NUMBERED_LEVEL,
  checkValues,
  draftSchema,
  fillVariables,
  newOutlineId,
  placeholder,
  variablePassages,
  type DraftNodeJSON,
  type VariableSpec,
} from '../../../src-shared/drafting/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';

const inDraft = (blocks: readonly ClauseNodeJSON[]): DraftNodeJSON => ({
  type: NODE.doc,
  content: [
    { type: NODE.title },
    { type: NODE.parties },
    { type: NODE.recitals },
    { type: NODE.body, content: [...blocks] as DraftNodeJSON[] },
    { type: NODE.signatures },
  ],
});

function parse(blocks: readonly ClauseNodeJSON[]): ProseMirrorNode {
  try {
    const doc = ProseMirrorNode.fromJSON(draftSchema, inDraft(blocks));
    doc.check();
    return doc;
  } catch (err) {
    throw new InkstoneError('CLAUSE_CONTENT_INVALID', { reason: String((err as Error)?.message ?? err).slice(0, 200) }, { cause: err });
  }
}

const bodyOf = (doc: ProseMirrorNode): ProseMirrorNode => doc.child(3);
const blocksOf = (doc: ProseMirrorNode): ClauseNodeJSON[] => (bodyOf(doc).toJSON() as { content?: ClauseNodeJSON[] }).content ?? [];

/** The clause's words, one line per paragraph or heading (previews and the search index). */
function textOf(doc: ProseMirrorNode): string {
  const body = bodyOf(doc);
  const lines: string[] = [];
  body.descendants((node) => {
    if (node.isTextblock) {
      const line = node.textContent.trim();
      if (line) lines.push(line);
      return false;
    }
    return true;
  });
  return lines.join('\n');
}

export interface CheckedClause {
  blocks: ClauseNodeJSON[];
  variables: VariableSpec[];
  text: string;
}

/**
 * Blocks checked against the schema and made generic: every variable declared (an undeclared one as
 * optional text named by its key), declarations the text does not use dropped, and each variable's
 * text back to its placeholder so the library never keeps one contract's values.
 */
export function checkClauseBlocks(blocks: readonly ClauseNodeJSON[], declared: readonly VariableSpec[]): CheckedClause {
  const doc = parse(blocks);
  if (!textOf(doc)) throw new InkstoneError('CLAUSE_EMPTY', {});
  const byKey = new Map(declared.map((v) => [v.key, v]));
  const passages = variablePassages(doc);
  const variables: VariableSpec[] = [];
  for (const key of new Set(passages.map((p) => p.key))) {
    variables.push(byKey.get(key) ?? { key, kind: 'text', label: key, required: false });
  }
  const tr = new Transform(doc);
  const specs = new Map(variables.map((v) => [v.key, v]));
  for (const p of [...passages].reverse()) {
    const spec = specs.get(p.key)!;
    const marks = tr.doc
      .resolve(p.from + 1)
      .marks()
      .map((m) => (m.type.name === 'variable' ? m.type.create({ key: p.key, filled: '' }) : m));
    tr.replaceWith(p.from, p.to, draftSchema.text(placeholder(spec), marks));
  }
  return { blocks: blocksOf(tr.doc), variables, text: textOf(tr.doc) };
}

/**
 * The copy a draft receives: `values` (only those given; the others keep their placeholders) checked
 * and filled in the draft's language, and fresh ids on its articles, sub-clauses and items so a clause
 * inserted twice is two units, its own cross-references following the new ids.
 */
export function clauseCopy(
  blocks: readonly ClauseNodeJSON[],
  variables: readonly VariableSpec[],
  values: Readonly<Record<string, string>>,
  lang: Language,
): ClauseNodeJSON[] {
  const doc = parse(blocks);
  const given = variables.filter((v) => v.key in values);
  const checked = checkValues(given, values, lang);
  const tr = new Transform(doc);
  fillVariables(tr, given, checked, lang);
  const ids = new Map<string, string>();
  tr.doc.descendants((node, pos) => {
    if (NUMBERED_LEVEL[node.type.name]) {
      const id = newOutlineId();
      if (node.attrs.id) ids.set(node.attrs.id as string, id);
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, id });
    }
    return true;
  });
  tr.doc.descendants((node, pos) => {
    const target = node.type.name === NODE.xref ? ids.get(node.attrs.target as string) : undefined;
    if (target) tr.setNodeMarkup(pos, undefined, { target });
    return true;
  });
  return blocksOf(tr.doc);
}
