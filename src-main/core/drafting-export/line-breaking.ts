/**
 * Where a paragraph may break into lines. CJK text breaks between any two characters, Latin text
 * after spaces (and a word longer than the line is cut), except where Chinese typesetting forbids it
 * (GB/T 15834 and common practice): no line starts with closing punctuation such as 。，、；：？！）】」
 * and none ends with opening punctuation such as （【「 — those characters stay with their neighbour.
 */

/** Characters that may not begin a line. */
export const NO_LINE_START = new Set(Array.from('。，、；：？！）】」』》〉”’…—·％%,.;:?!)]}〕〗〙〛｝'));
/** Characters that may not end a line. */
export const NO_LINE_END = new Set(Array.from('（【「『《〈“‘([{〔〖〘〚｛'));

/** Ideographs, kana, hangul and full-width forms: each is a word of its own. */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x2018 ||
    cp === 0x2019
  );
}

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\u3000';

/**
 * May a line break fall between `before` and `after`? Spaces break after themselves; wide characters
 * break on either side; forbidden neighbours never.
 */
export function mayBreakBetween(before: string, after: string): boolean {
  if (NO_LINE_START.has(after) || NO_LINE_END.has(before)) return false;
  if (isSpace(after)) return false;
  // Latin words break at spaces only: a break after a hyphen would be read back by text extraction
  // as a hyphenated word and joined ("twenty-three" → "twentythree").
  if (isSpace(before)) return true;
  return isWide(before.codePointAt(0)!) || isWide(after.codePointAt(0)!);
}

function stretchesBetween(before: string, after: string): boolean {
  if (isSpace(after)) return false;
  return isSpace(before) || isWide(before.codePointAt(0)!) || isWide(after.codePointAt(0)!);
}

export interface BreakableChar {
  ch: string;
  /** Advance in points at the size it is set in. */
  width: number;
}

export interface BrokenLine {
  /** Index of the first and one past the last character drawn on the line (trailing spaces excluded). */
  start: number;
  end: number;
  /** Natural width of the drawn characters. */
  width: number;
  /**
   * Positions i (start < i < end) where justification stretches: between any two characters when
   * either is CJK (even spacing, as Chinese typesetting does and as text extraction needs: uneven gaps
   * read as spaces), and after spaces in Latin text.
   */
  gaps: number[];
  /** The paragraph's last line (never stretched). */
  last: boolean;
}

/**
 * Greedy line filling: each line takes as many characters as fit, ending at the last allowed break.
 * A run with no allowed break wider than the line is cut where it overflows (the only case in which
 * a rule above can be broken, e.g. a 60-character URL).
 */
export function breakLines(chars: readonly BreakableChar[], lineWidth: number): BrokenLine[] {
  const lines: BrokenLine[] = [];
  let start = 0;
  const n = chars.length;
  while (start < n) {
    while (start < n && isSpace(chars[start]!.ch) && lines.length > 0) start++;
    if (start >= n) break;
    let width = 0;
    let lastBreak = -1;
    let i = start;
    for (; i < n; i++) {
      if (i > start && mayBreakBetween(chars[i - 1]!.ch, chars[i]!.ch)) lastBreak = i;
      if (chars[i]!.ch === '\n') break;
      const w = chars[i]!.width;
      if (width + w > lineWidth + 1e-6 && !isSpace(chars[i]!.ch) && i > start) break;
      width += w;
    }
    let end: number;
    let next: number;
    if (i >= n) {
      end = next = n;
    } else if (chars[i]!.ch === '\n') {
      end = i;
      next = i + 1;
    } else if (lastBreak > start) {
      end = next = lastBreak;
    } else {
      end = next = i;
    }
    while (end > start && isSpace(chars[end - 1]!.ch)) end--;
    const gaps: number[] = [];
    let drawn = 0;
    for (let k = start; k < end; k++) {
      drawn += chars[k]!.width;
      if (k > start && stretchesBetween(chars[k - 1]!.ch, chars[k]!.ch)) gaps.push(k);
    }
    lines.push({ start, end, width: drawn, gaps, last: next >= n || chars[next - 1]?.ch === '\n' });
    start = next;
  }
  return lines;
}
