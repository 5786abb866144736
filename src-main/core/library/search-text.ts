/**
 * Chinese has no spaces between words, and SQLite's unicode61 tokenizer would index a whole CJK
 * sentence as one token. So before text reaches the index, every run of CJK characters is rewritten
 * as its overlapping bigrams plus the run's last character ("保密条款" → "保密 密条 条款 款"). A query
 * is rewritten the same way into a phrase of bigrams, so "保密" finds "保密条款" and "密条款" needs the
 * three characters to be adjacent. Latin text passes through unchanged.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

export function cjkBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i] + chars[i + 1]);
  grams.push(chars[chars.length - 1]);
  return grams;
}

/** Text as stored in the search index. */
export function indexText(text: string): string {
  return text.replace(CJK_RUN, (run) => ` ${cjkBigrams(run).join(' ')} `);
}

/** One thing a person searched for: a Latin word (the last one a prefix) or a run of CJK characters. */
export interface QueryTerm {
  text: string;
  cjk: boolean;
  /** Matches words that start with `text` (the last Latin word, or a single CJK character). */
  prefix: boolean;
}

const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

/**
 * The terms of what a person typed, after NFKC: CJK runs and Latin words, in order. The last Latin
 * word is a prefix so results appear while typing; a single CJK character is a prefix of the bigrams
 * it starts. A CJK phrase of two or more characters already matches inside longer text (bigrams are
 * exact 2-character tokens); a prefix there would only slow the query down.
 */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const segments = query.normalize('NFKC').split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/u);
  for (const seg of segments) {
    if (!seg) continue;
    if (CJK_ONLY.test(seg)) terms.push({ text: seg, cjk: true, prefix: Array.from(seg).length === 1 });
    else for (const word of seg.split(/[^\p{L}\p{N}]+/u)) if (word) terms.push({ text: word.replace(/"/g, ''), cjk: false, prefix: false });
  }
  const lastSegment = segments.filter(Boolean).pop() ?? '';
  const last = terms[terms.length - 1];
  if (last && !last.cjk && !CJK_ONLY.test(lastSegment.trim())) last.prefix = true;
  return terms;
}

/**
 * Build an FTS5 MATCH expression from what a person typed: every term must match (AND), CJK terms
 * as bigram phrases. Returns null when nothing searchable remains (punctuation only).
 */
export function buildMatchExpression(query: string): string | null {
  const parts = queryTerms(query).map((term) => {
    const tokens = term.cjk && !term.prefix ? cjkBigrams(term.text).slice(0, -1) : [term.text];
    return `"${tokens.join(' ')}"${term.prefix ? '*' : ''}`;
  });
  return parts.length ? parts.join(' AND ') : null;
}
