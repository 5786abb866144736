/**
 * Defined terms: where each is defined (a `term_definition` mark), how often it is used (its text
 * anywhere else, or a run marked `term_use`), and what is wrong — a term marked as used that nothing
 * defines, a definition never used, a term defined twice.
 */
import type { DraftNodeJSON } from './plain.js';
import { MARK, NODE } from './schema.js';

export type TermFlag = 'undefined' | 'unused' | 'definedTwice';

export interface DefinedTermReport {
  term: string;
  definitions: number;
  uses: number;
  flag: TermFlag | null;
}

/** Quotation marks around a defined term are part of the drafting, not of the term. */
const QUOTES = /^[\s“”"「」『』‘’']+|[\s“”"「」『』‘’']+$/g;
export const termName = (text: string) => text.replace(QUOTES, '');

/** A Latin term matches whole words only (Party ≠ Party's prefix of Partying); CJK anywhere. */
const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

function countOccurrences(text: string, term: string): number {
  let n = 0;
  const latinEdges = isWordChar(term[0]) || isWordChar(term[term.length - 1]);
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
    if (latinEdges && (isWordChar(text[at - 1]) || isWordChar(text[at + term.length]))) continue;
    n++;
  }
  return n;
}

/** The text blocks of a document, each as one string (a cross-reference counts as one object character). */
function textBlocks(doc: DraftNodeJSON): string[] {
  const blocks: string[] = [];
  const walk = (node: DraftNodeJSON) => {
    const content = node.content ?? [];
    if (content.some((c) => c.type === 'text' || c.type === NODE.xref || c.type === NODE.hardBreak)) {
      blocks.push(content.map((c) => (c.type === 'text' ? (c.text ?? '') : '\uFFFC')).join(''));
    } else content.forEach(walk);
  };
  walk(doc);
  return blocks;
}

/** Runs of text carrying a mark, adjacent runs joined (a term split by bold stays one term). */
function markedRuns(doc: DraftNodeJSON, mark: string): string[] {
  const runs: string[] = [];
  const walk = (node: DraftNodeJSON) => {
    let open: string | null = null;
    for (const c of node.content ?? []) {
      const marked = c.type === 'text' && (c.marks ?? []).some((m) => m.type === mark);
      if (marked) open = (open ?? '') + (c.text ?? '');
      else {
        if (open !== null) runs.push(open);
        open = null;
        walk(c);
      }
    }
    if (open !== null) runs.push(open);
  };
  walk(doc);
  return runs.map(termName).filter(Boolean);
}

/** Every defined or marked term with its counts and flag, in order of first appearance. */
export function analyseTerms(doc: DraftNodeJSON): DefinedTermReport[] {
  const definitions = new Map<string, number>();
  for (const t of markedRuns(doc, MARK.termDefinition)) definitions.set(t, (definitions.get(t) ?? 0) + 1);
  const marked = new Set(markedRuns(doc, MARK.termUse));
  const texts = textBlocks(doc);
  const reports: DefinedTermReport[] = [];
  for (const [term, defs] of definitions) {
    // The defining run contains the term's text itself; every other occurrence is a use.
    const uses = Math.max(0, texts.reduce((n, t) => n + countOccurrences(t, term), 0) - defs);
    reports.push({ term, definitions: defs, uses, flag: defs > 1 ? 'definedTwice' : uses === 0 ? 'unused' : null });
  }
  for (const term of marked) {
    if (definitions.has(term)) continue;
    reports.push({ term, definitions: 0, uses: texts.reduce((n, t) => n + countOccurrences(t, term), 0), flag: 'undefined' });
  }
  return reports;
}
