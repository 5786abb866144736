import type { QueryTerm } from './search-text.js';

/** The parts of a contract a search looks in, in the order a snippet prefers them on a tie. */
export const SNIPPET_FIELDS = ['title', 'parties', 'tags', 'notes', 'text'] as const;
export type SnippetField = (typeof SNIPPET_FIELDS)[number];

export interface Snippet {
  field: SnippetField;
  /** A short piece of the field's original text (whitespace collapsed, '…' where it was cut). */
  text: string;
  /** [start, end) offsets into `text` (UTF-16) of what matched, in order, not overlapping. */
  highlights: Array<[number, number]>;
}

/** Characters of context before the first match, and the snippet's length. */
const BEFORE = 30;
const LENGTH = 120;

/**
 * A term as a regular expression over original text. The index folds case (unicode61) and splits
 * Chinese into bigrams, so a Latin word matches at a word start, case-insensitively, whole unless
 * it is a prefix term; a CJK run matches as the same characters in a row.
 */
export function termPattern(term: QueryTerm): RegExp {
  const escaped = term.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (term.cjk) return new RegExp(escaped, 'gu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${term.prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'giu');
}

/**
 * Why a contract matched, and how many different terms the chosen field holds (a caller can skip
 * reading a long document text when a short field already holds them all): from the field where
 * the most different terms occur (ties: title,
 * parties, tags, notes, text), a window of its original text around the first occurrence, with
 * every occurrence in the window marked. The search index holds Chinese as bigrams, so snippets
 * are cut from the original text rather than with FTS5's snippet(), whose text would be bigrams.
 * Null when no field contains a term as written (the index also removes diacritics: "cafe" finds
 * "café", which a snippet does not show).
 */
export function makeSnippet(fields: Partial<Record<SnippetField, string>>, terms: readonly QueryTerm[]): { snippet: Snippet; termsFound: number } | null {
  const patterns = terms.map(termPattern);
  let best: { field: SnippetField; text: string; first: number; distinct: number } | null = null;
  for (const field of SNIPPET_FIELDS) {
    const text = fields[field];
    if (!text) continue;
    let first = Infinity;
    let distinct = 0;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      const m = pattern.exec(text);
      if (m) {
        distinct++;
        first = Math.min(first, m.index);
      }
    }
    if (distinct > (best?.distinct ?? 0)) best = { field, text, first, distinct };
  }
  if (!best) return null;
  return { snippet: { field: best.field, ...window(best.text, best.first, patterns) }, termsFound: best.distinct };
}

function window(text: string, first: number, patterns: RegExp[]): Omit<Snippet, 'field'> {
  let start = Math.max(0, first - BEFORE);
  // Start at a word or character boundary: not inside a Latin word, nor between surrogates.
  while (start > 0 && start < first && /[\p{L}\p{N}]/u.test(text[start - 1]) && !/[\p{Script=Han}]/u.test(text[start - 1])) start++;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  const lead = start > 0 ? '…' : '';
  const shown = `${lead}${start > 0 ? body.trimStart() : body}${end < text.length ? '…' : ''}`;
  const ranges: Array<[number, number]> = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const m of shown.matchAll(pattern)) if (m[0].length) ranges.push([m.index, m.index + m[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const highlights: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = highlights[highlights.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else highlights.push([r[0], r[1]]);
  }
  return { text: shown, highlights };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
