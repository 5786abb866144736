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

/**
 * Build an FTS5 MATCH expression from what a person typed. Every term must match (AND); the last
 * Latin term is a prefix so results appear while typing; CJK terms become bigram phrases. Returns
 * null when nothing searchable remains (punctuation only).
 */
export function buildMatchExpression(query: string): string | null {
  const parts: string[] = [];
  const segments = query.normalize('NFKC').split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/u);
  for (const seg of segments) {
    if (!seg) continue;
    if (CJK_RUN.test(seg)) {
      CJK_RUN.lastIndex = 0;
      const chars = Array.from(seg);
      if (chars.length === 1) parts.push(`"${seg}"*`);
      else {
        const grams: string[] = [];
        for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i] + chars[i + 1]);
        parts.push(`"${grams.join(' ')}"`);
      }
    } else {
      CJK_RUN.lastIndex = 0;
      for (const word of seg.split(/[^\p{L}\p{N}]+/u)) if (word) parts.push(`"${word.replace(/"/g, '')}"`);
    }
  }
  if (!parts.length) return null;
  // Latin: the last word is a prefix, so results appear while typing. A CJK phrase of two or more
  // characters already matches inside longer text (bigrams are exact 2-character tokens); a prefix
  // there would only slow the query down.
  const lastSegment = segments.filter(Boolean).pop() ?? '';
  const last = parts[parts.length - 1];
  if (!last.endsWith('*') && !/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u.test(lastSegment.trim()))
    parts[parts.length - 1] = `${last}*`;
  return parts.join(' AND ');
}
