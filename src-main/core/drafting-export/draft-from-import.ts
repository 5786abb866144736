import { MARK, NODE, newOutlineId, partyAttrs, signatureLabels, type DraftNodeJSON, type PlainParty } from '../../../src-shared/drafting/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import type { ImportedBlock, ImportedDraft, ImportedRun } from './docx-import.js';

/**
 * An imported Word document as a draft document (the editor's JSON): headings and numbered
 * paragraphs become articles, sub-clauses and items with fresh ids (numbers are the draft's own
 * again), other paragraphs and tables stay where they were. The contract's parties give the parties
 * and signature blocks, so the signature lines of a document we exported are not read in twice.
 */
export function draftFromImport(imported: ImportedDraft, context: { title: string; parties: readonly PlainParty[]; language: Language }): DraftNodeJSON {
  const generated = new Set<string>();
  for (const p of context.parties) {
    const labels = signatureLabels(p.role, context.language);
    for (const l of [labels.seal, labels.signatory, labels.date]) generated.add(l);
    generated.add(`${p.role}${p.organisation || p.name}`);
  }
  const isGenerated = (runs: readonly ImportedRun[]): boolean => {
    const text = runs
      .map((r) => r.text)
      .join('')
      .replace(/[\s:：]/g, '');
    return generated.has(text);
  };

  const body: DraftNodeJSON[] = [];
  let article: DraftNodeJSON | null = null;
  let clause: DraftNodeJSON | null = null;
  const container = (): DraftNodeJSON[] => (clause ?? article)?.content ?? body;

  for (const block of imported.blocks) {
    if (block.kind === 'table') {
      // A sub-clause or an article may hold a table (an item may not): it goes in the innermost of those.
      const holder = clause ?? article;
      (holder ? holder.content! : body).push(tableNode(block));
      continue;
    }
    if (isGenerated(block.runs)) continue;
    if (block.kind === 'paragraph') {
      container().push(paragraph(block.runs));
      continue;
    }
    if (block.level <= 1 || !article) {
      const headingRuns = block.fromHeading ? block.runs : [];
      article = { type: NODE.article, attrs: { id: newOutlineId() }, content: [{ type: NODE.articleHeading, content: inline(headingRuns) }] };
      if (!block.fromHeading) article.content!.push(paragraph(block.runs));
      clause = null;
      body.push(article);
    } else if (block.level === 2 || !clause) {
      clause = { type: NODE.clause, attrs: { id: newOutlineId() }, content: [paragraph(block.runs)] };
      article.content!.push(clause);
    } else {
      clause.content!.push({ type: NODE.item, attrs: { id: newOutlineId() }, content: [paragraph(block.runs)] });
    }
  }
  return {
    type: NODE.doc,
    content: [
      { type: NODE.title, content: inline([{ text: imported.title ?? context.title }]) },
      { type: NODE.parties, content: context.parties.map((p) => ({ type: NODE.party, attrs: partyAttrs(p) })) },
      { type: NODE.recitals, content: [] },
      { type: NODE.body, content: body },
      { type: NODE.signatures, content: context.parties.map((p) => ({ type: NODE.signatureBlock, attrs: partyAttrs(p) })) },
    ],
  };
}

function inline(runs: readonly ImportedRun[]): DraftNodeJSON[] {
  const out: DraftNodeJSON[] = [];
  for (const run of runs) {
    const marks: Array<{ type: string }> = [];
    if (run.bold) marks.push({ type: MARK.bold });
    if (run.italic) marks.push({ type: MARK.italic });
    if (run.underline) marks.push({ type: MARK.underline });
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) out.push({ type: NODE.hardBreak });
      // ProseMirror refuses empty text nodes; tabs read as spaces in a contract.
      const text = part.replace(/\t/g, ' ');
      if (text) out.push({ type: 'text', text, ...(marks.length ? { marks } : {}) });
    });
  }
  return out;
}

const paragraph = (runs: readonly ImportedRun[]): DraftNodeJSON => ({ type: NODE.paragraph, content: inline(runs) });

function tableNode(block: Extract<ImportedBlock, { kind: 'table' }>): DraftNodeJSON {
  const columns = Math.max(1, ...block.rows.map((r) => r.length));
  return {
    type: NODE.table,
    content: block.rows.map((row) => ({
      type: NODE.tableRow,
      // Rows of a ProseMirror table have the same width: short rows are padded with empty cells.
      content: Array.from({ length: columns }, (_, c) => ({ type: NODE.tableCell, content: [paragraph(row[c] ?? [])] })),
    })),
  };
}
