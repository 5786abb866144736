import { DRAFT_TEXT, MARK, NODE, newOutlineId, partyAttrs, signatureLabels, type DraftNodeJSON, type PlainParty } from '../../../src-shared/drafting/index.js';
import { LANGUAGES, type Language } from '../../../src-shared/i18n/index.js';
import type { ImportedBlock, ImportedDraft, ImportedRun } from './docx-import.js';

/**
 * An imported Word document as a draft document (the editor's JSON): headings and numbered
 * paragraphs become articles, sub-clauses and items with fresh ids (numbers are the draft's own
 * again), other paragraphs and tables stay where they were. The contract's parties give the parties
 * and signature blocks, so the parties and signature lines of a document we exported are not read in
 * twice; paragraphs after a "鉴于：" / "Background" line and before the first article are recitals.
 */
export function draftFromImport(imported: ImportedDraft, context: { title: string; parties: readonly PlainParty[]; language: Language }): DraftNodeJSON {
  const generated = new Set<string>();
  const key = (text: string): string => text.replace(/[\s:：]/g, '');
  for (const p of context.parties) {
    const labels = signatureLabels(p.role, context.language);
    for (const l of [labels.seal, labels.signatory, labels.date]) generated.add(key(l));
    generated.add(key(`${p.role}${p.organisation || p.name}`));
    if (p.registrationNumber) for (const lang of LANGUAGES) generated.add(key(`${DRAFT_TEXT.registrationNumber[lang]}${p.registrationNumber}`));
  }
  const recitalLead = new Set(LANGUAGES.map((lang) => key(DRAFT_TEXT.recitals[lang])));
  const isGenerated = (runs: readonly ImportedRun[]): boolean => generated.has(key(runs.map((r) => r.text).join('')));

  const body: DraftNodeJSON[] = [];
  const recitals: DraftNodeJSON[] = [];
  let inRecitals = false;
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
    if (!article && recitalLead.has(key(block.runs.map((r) => r.text).join('')))) {
      inRecitals = true;
      continue;
    }
    const startsArticles = block.kind === 'article' && (block.fromHeading || block.typedNumber?.startsWith('第'));
    if (inRecitals && !startsArticles) {
      recitals.push({ type: NODE.recital, content: inline(dropRecitalLabel(block.runs)) });
      continue;
    }
    inRecitals = false;
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
      { type: NODE.recitals, content: recitals },
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

/** A recital's own label (1. / (A)) typed before its text: the draft labels recitals itself. */
function dropRecitalLabel(runs: readonly ImportedRun[]): ImportedRun[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  const text = first.text.replace(/^\s*(\d+[.、．]|[（(][A-Za-z一二三四五六七八九十]+[）)])\s*/, '');
  return text ? [{ ...first, text }, ...rest] : rest;
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
