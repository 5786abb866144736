import { parseChineseInteger } from '../../../src-shared/chinese-numerals.js';
import type { Sentence } from './text-lines.js';

/** A date found in a sentence: ISO `YYYY-MM-DD` and where it stands. */
export interface FoundDate {
  iso: string;
  start: number;
  end: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|${MONTHS.map((m) => m.slice(0, 3)).join('|')})\\.?`;
const CN_NUM = '[〇零一二三四五六七八九十]';
const DATE_PATTERNS: readonly { re: RegExp; read: (m: RegExpExecArray) => [number, number, number] | null }[] = [
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, read: (m) => [+m[1], +m[2], +m[3]] },
  {
    re: new RegExp(`(${CN_NUM}{4})年(${CN_NUM}{1,3})月(${CN_NUM}{1,3})[日号]`, 'g'),
    read: (m) => {
      const [y, mo, d] = [m[1], m[2], m[3]].map((s) => parseChineseInteger(s));
      return y === null || mo === null || d === null ? null : [Number(y), Number(mo), Number(d)];
    },
  },
  { re: /(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g, read: (m) => [+m[1], +m[2], +m[3]] },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: day of)? ${MONTH},? (\\d{4})\\b`, 'gi'), read: (m) => [+m[3], monthNumber(m[2]), +m[1]] },
  { re: new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'gi'), read: (m) => [+m[3], monthNumber(m[1]), +m[2]] },
];

function monthNumber(name: string): number {
  const n = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m === n || m.slice(0, 3) === n) + 1;
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2月30日
  return date.toISOString().slice(0, 10);
}

/** Every valid calendar date written in the sentence, in order. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const parts = read(m);
      const value = parts && iso(...parts);
      const overlaps = found.some((f) => m!.index < f.end && m!.index + m![0].length > f.start);
      if (value && !overlaps) found.push({ iso: value, start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The last day of a term of `years`/`months` starting on `startIso` (2026-01-01 + 1 year → 2026-12-31). */
export function endOfTerm(startIso: string, years: number, months: number): string {
  const [y, m, d] = startIso.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1 + months, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

const TERM_ZH = new RegExp(`(?:期限|有效期|期间)(?:为|是|共)?\\s*(\\d+|${CN_NUM}+|两)\\s*(个月|年|年度)`);
const TERM_EN = /\b(?:term|period) of (?:([a-z]+) \((\d+)\)|(\d+)|([a-z]+)) (years?|months?)\b/i;
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** A term written as a length ("有效期为两年", "a term of three (3) years"): years and months, or null. */
export function findTerm(text: string): { years: number; months: number } | null {
  const zh = TERM_ZH.exec(text);
  if (zh) {
    const n = /^\d+$/.test(zh[1]) ? Number(zh[1]) : Number(parseChineseInteger(zh[1]) ?? 0);
    if (n > 0) return zh[2] === '个月' ? { years: 0, months: n } : { years: n, months: 0 };
  }
  const en = TERM_EN.exec(text);
  if (en) {
    const word = (en[1] ?? en[4])?.toLowerCase();
    const n = Number(en[2] ?? en[3] ?? EN_NUMBERS.indexOf(word ?? ''));
    if (n > 0) return /^year/i.test(en[5]) ? { years: n, months: 0 } : { years: 0, months: n };
  }
  return null;
}

export interface DateFacts {
  effective: { date: string; sentence: Sentence; at: FoundDate } | null;
  expiry: { date: string; sentence: Sentence; at: FoundDate } | null;
}

const TERM_CUE_ZH = /(?:有效期|期限|期间|租赁期|服务期|聘用期|合作期)/;
const RANGE_ZH = /自|从/;
// A range of dates about money (an invoice period, a payment window) is not the contract's term.
const PAYMENT = /付款|支付|发票|结算|invoice|payment|paid|payable/i;
const EFFECTIVE_CUE_EN = /\b(?:effective (?:date|as of|from|on)|commenc\w*|shall (?:come into|enter into) (?:force|effect)|term of this agreement|from)\b/i;
const EXPIRY_CUE_EN = /\b(?:expir\w*|terminat\w*|until|through|to|ending on|end on)\b/i;
const SIGNING_ZH = /(?:签订|签署|签约|签字)(?:日期|时间)|于.{0,12}签订|签订于/;
const SIGNING_EN = /\b(?:dated|date of signing|signed on|made (?:and entered into )?(?:on|as of)|entered into (?:on|as of))\b/i;
const EFFECTIVE_ON_SIGNING =
  /(?:自|于).{0,12}(?:签字|签署|签章|盖章|签订).{0,8}(?:之日|后)起?.{0,4}生效|effective (?:upon|on) (?:the date of )?(?:its )?(?:signature|signing|execution)|upon (?:signature|execution) by both parties/i;

/**
 * Effective and expiry dates: a term with its dates ("有效期自2026年1月1日起至2026年12月31日止",
 * "from 1 January 2026 to 31 December 2026"), a start with a length ("期限两年，自…起"), explicit
 * cues ("commences on", "expires on"), and — only when the contract says it takes effect on
 * signature — the signing date as the effective date.
 */
export function findDateFacts(sentences: readonly Sentence[]): DateFacts {
  let effective: DateFacts['effective'] = null;
  let expiry: DateFacts['expiry'] = null;
  let signing: DateFacts['effective'] = null;
  const takesEffectOnSigning = sentences.some((s) => EFFECTIVE_ON_SIGNING.test(s.text));

  for (const s of sentences) {
    const dates = findDates(s.text);
    if (!dates.length) continue;
    const before = (d: FoundDate) => s.text.slice(Math.max(0, d.start - 30), d.start);
    const after = (d: FoundDate) => s.text.slice(d.end, d.end + 6);
    const isTerm = TERM_CUE_ZH.test(s.text) || /\b(?:term|period)\b/i.test(s.text);
    if (!effective && !expiry && dates.length >= 2 && !PAYMENT.test(s.text)) {
      const [a, b] = dates;
      const rangeZh =
        (isTerm || RANGE_ZH.test(before(a))) && (/[自从]\s*$/.test(before(a)) || /^\s*(?:起|开始)/.test(after(a)) || /[至到]\s*$/.test(before(b)));
      const rangeEn = /\b(?:from|commencing(?: on)?|beginning(?: on)?)\s*$/i.test(before(a)) && /\b(?:to|until|through|and ending on)\s*$/i.test(before(b));
      if ((rangeZh || rangeEn) && a.iso <= b.iso) {
        effective = { date: a.iso, sentence: s, at: a };
        expiry = { date: b.iso, sentence: s, at: b };
        continue;
      }
    }
    for (const d of dates) {
      const pre = before(d);
      if (!signing && (SIGNING_ZH.test(pre + after(d)) || SIGNING_EN.test(pre))) {
        signing = { date: d.iso, sentence: s, at: d };
        continue;
      }
      if (!effective && (/(?:生效日期|起始日期|开始日期|生效时间)[：:]?\s*$/.test(pre) || (/[自从]\s*$/.test(pre) && /^\s*起/.test(after(d))))) {
        effective = { date: d.iso, sentence: s, at: d };
        const term = findTerm(s.text);
        if (term && !expiry) expiry = { date: endOfTerm(d.iso, term.years, term.months), sentence: s, at: d };
        continue;
      }
      if (!effective && EFFECTIVE_CUE_EN.test(pre) && !/\b(?:to|until|through)\s*$/i.test(pre) && (isTerm || /effective|commenc/i.test(pre))) {
        effective = { date: d.iso, sentence: s, at: d };
        const term = findTerm(s.text);
        if (term && !expiry) expiry = { date: endOfTerm(d.iso, term.years, term.months), sentence: s, at: d };
        continue;
      }
      if (
        !expiry &&
        (/(?:届满|终止|到期|截止|失效)(?:日期|日|时间)?[：:为于]?\s*$/.test(pre) ||
          (/[至到]\s*$/.test(pre) && isTerm) ||
          (EXPIRY_CUE_EN.test(pre) && /\b(?:expir|terminat|until|through|end)/i.test(pre)))
      ) {
        expiry = { date: d.iso, sentence: s, at: d };
      }
    }
  }
  if (!effective && signing && takesEffectOnSigning) effective = signing;
  // A length stated on its own line ("本合同有效期为两年") with a start found elsewhere.
  if (effective && !expiry) {
    for (const s of sentences) {
      const term = findTerm(s.text);
      if (term && (TERM_CUE_ZH.test(s.text) || /\bterm\b/i.test(s.text))) {
        expiry = { date: endOfTerm(effective.date, term.years, term.months), sentence: s, at: { iso: '', start: 0, end: s.text.length } };
        break;
      }
    }
  }
  return { effective, expiry };
}
