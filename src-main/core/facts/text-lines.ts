/**
 * The document's text as the extractor reads it: lines as pdf.js produced them, each split into
 * sentences at Chinese and Latin sentence ends, with full-width punctuation kept so a source
 * sentence can be shown to the person exactly as written.
 */
export interface Sentence {
  text: string;
  /** Index of the line it came from (party blocks look a few lines ahead). */
  line: number;
}

const MAX_SENTENCE = 400;
// "Ltd." / "Inc." / "No." end a word, not a sentence.
const ABBREVIATION = /\b(?:Ltd|Inc|Co|Corp|No|Mr|Mrs|Ms|Dr|St|Art|Sec|cl|U\.S|e\.g|i\.e)\.$/i;

export function splitLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\t\u00a0\u3000 ]+/g, ' ').trim())
    .filter((l) => l.length > 0);
  return joinWrappedLines(lines);
}

/** Width in half-width units: a CJK character is as wide as two Latin ones. */
const visualWidth = (line: string) => [...line].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const ENDS_SENTENCE = /[。；：！？.;:!?）)」”"]$/;
// A line that starts a new item: a clause number, a list marker, or a "label：" field.
const STARTS_ITEM =
  /^(?:第[一二三四五六七八九十百零〇\d]+[条章节款]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*[.、]?\s|[（(][一二三四五六七八九十\da-z]{1,3}[)）]|(?:Clause|Section|Article)\s|[^\s，。,]{1,16}[：:])/;

/**
 * PDF text comes back one printed line at a time, so a sentence (and a company name) may be cut at
 * the right margin. Lines as wide as the text block that do not end a sentence are joined with the
 * next line unless that one starts a new item.
 */
function joinWrappedLines(lines: string[]): string[] {
  const widths = lines.map(visualWidth);
  const widest = Math.max(0, ...widths);
  if (widest < 40) return lines; // short lines only: nothing was wrapped
  const full = widest * 0.85;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    let width = widths[i];
    while (width >= full && !ENDS_SENTENCE.test(line) && i + 1 < lines.length && !STARTS_ITEM.test(lines[i + 1])) {
      const next = lines[++i];
      // Latin words were separated by the line break; CJK text has no spaces to restore.
      line += visualWidth(line.slice(-1)) === 1 && visualWidth(next[0]) === 1 ? ` ${next}` : next;
      width = widths[i];
    }
    out.push(line);
  }
  return out;
}

export function splitSentences(lines: readonly string[]): Sentence[] {
  const out: Sentence[] = [];
  lines.forEach((line, index) => {
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      const chineseEnd = c === '。' || c === '；' || c === '！' || c === '？';
      const latinEnd = (c === '.' || c === ';') && line[i + 1] === ' ' && !/\d/.test(line[i - 1] ?? '') && !ABBREVIATION.test(line.slice(start, i + 1));
      if (chineseEnd || latinEnd) {
        push(line.slice(start, i + 1), index);
        start = i + 1;
      }
    }
    push(line.slice(start), index);
  });
  return out;

  function push(text: string, line: number) {
    const t = text.trim();
    if (t) out.push({ text: t.length > MAX_SENTENCE ? t.slice(0, MAX_SENTENCE) : t, line });
  }
}
