/**
 * Article numbering in a contract's style, computed from the outline alone (which numbered units
 * exist, at which level, in which order) so the editor, the plain form and export all number
 * alike. Nothing here knows ProseMirror: callers walk their own tree and hand over the outline.
 *
 * Chinese contracts number 第一条 → （一） → 1.; a reference names the whole path: 第五条第（二）项第1目.
 * English contracts number 1. → 1.1 → (a); a reference reads "clause 5.2(a)".
 */
import { toChineseCount } from '../chinese-numerals.js';
import type { Language } from '../i18n/index.js';

/** Article (条 / clause 1.), sub-clause (项 / 1.1), item (目 / (a)). */
export type OutlineLevel = 1 | 2 | 3;

/** A numbered unit of the draft, in document order. `id` is stable across moves and edits. */
export interface OutlineEntry {
  readonly id: string;
  readonly level: OutlineLevel;
}

export interface OutlineNumber {
  /** What stands before the unit's text: 第五条, （二）, 1. / 5., 5.2, (a). */
  readonly label: string;
  /** How a cross-reference to the unit reads: 第五条第（二）项 / clause 5.2. */
  readonly reference: string;
  /** The position among its siblings, from 1, and the parents' positions: [5, 2] for 5.2. */
  readonly path: readonly number[];
}

/** Writes a number as Chinese (十五) or as the Latin letters of an English item (o, aa). */
const chinese = (n: number) => toChineseCount(n) ?? String(n);
const letters = (n: number) => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
};

/** How each level is written and referred to, per language (formats, not sentences). */
interface Formats {
  readonly label: readonly [(a: string) => string, (a: string, b: string) => string, (a: string, b: string, c: string) => string];
  readonly reference: readonly [(a: string) => string, (a: string, b: string) => string, (a: string, b: string, c: string) => string];
  readonly recital: (n: string) => string;
}
const FORMATS: Readonly<Record<Language, Formats>> = {
  'zh-CN': {
    label: [(a) => `第${a}条`, (_a, b) => `（${b}）`, (_a, _b, c) => `${c}.`],
    reference: [(a) => `第${a}条`, (a, b) => `第${a}条第（${b}）项`, (a, b, c) => `第${a}条第（${b}）项第${c}目`],
    recital: (n) => `${n}.`,
  },
  en: {
    label: [(a) => `${a}.`, (a, b) => `${a}.${b}`, (_a, _b, c) => `(${c})`],
    reference: [(a) => `clause ${a}`, (a, b) => `clause ${a}.${b}`, (a, b, c) => `clause ${a}.${b}(${c})`],
    recital: (n) => `(${n})`,
  },
};

/** The digits each level is written in, per language: 第五条 but 5.; （二） but .2; 1. but (a). */
const DIGITS: Readonly<Record<Language, readonly [(n: number) => string, (n: number) => string, (n: number) => string]>> = {
  'zh-CN': [chinese, chinese, String],
  en: [String, String, letters],
};
const RECITAL_DIGITS: Readonly<Record<Language, (n: number) => string>> = {
  'zh-CN': String,
  en: (n) => letters(n).toUpperCase(),
};

/** The number and reference text of one unit at `path` ([5] article 5, [5, 2] its second sub-clause…). */
export function outlineNumber(path: readonly number[], language: Language): OutlineNumber {
  const digits = DIGITS[language];
  const [a, b, c] = [digits[0](path[0] ?? 1), digits[1](path[1] ?? 1), digits[2](path[2] ?? 1)];
  const depth = Math.min(Math.max(path.length, 1), 3) - 1;
  const { label, reference } = FORMATS[language];
  return { label: label[depth](a, b, c), reference: reference[depth](a, b, c), path };
}

/**
 * Numbers every unit of an outline. A unit deeper than its parent plus one (which the schema does
 * not allow) is numbered as if its missing parents were there, so a damaged draft still reads.
 * Ids seen before keep their first number: a duplicated id (pasted twice) refers to the first.
 */
export function numberOutline(entries: Iterable<OutlineEntry>, language: Language): Map<string, OutlineNumber> {
  const numbers = new Map<string, OutlineNumber>();
  const counters = [0, 0, 0];
  for (const { id, level } of entries) {
    counters[level - 1]++;
    for (let deeper = level; deeper < 3; deeper++) counters[deeper] = 0;
    const path = counters.slice(0, level).map((n) => Math.max(n, 1));
    if (!numbers.has(id)) numbers.set(id, outlineNumber(path, language));
  }
  return numbers;
}

/** A recital's label: 1. / (A). */
export function recitalLabel(index: number, language: Language): string {
  return FORMATS[language].recital(RECITAL_DIGITS[language](index));
}
