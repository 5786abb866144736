import { CAPITAL_AMOUNT_CHARS, parseCapitalAmount } from '../../../src-shared/chinese-numerals.js';
import type { Sentence } from './text-lines.js';

export interface AmountFact {
  amount: string;
  currency: string;
  sentence: Sentence;
  start: number;
  end: number;
  capitals: { text: string; agrees: boolean } | null;
}

/** Words that name the contract's total; an amount elsewhere (a penalty, a deposit) is not the contract's value. */
const TOTAL_ZH =
  /合同(?:总)?(?:金额|价款|总价|价格|总额)|总(?:价款|价|金额|额|费用)|(?:服务|技术|许可|转让|开发)费(?:用)?(?:总额|合计|共计|为)|价款(?:为|合计|共计)|合计金额|含税总价/;
const TOTAL_EN =
  /\b(?:total (?:contract )?(?:price|amount|fees?|consideration|value|sum)|contract (?:price|sum|value|amount)|purchase price|aggregate (?:fees?|amount|price)|(?:fees?|price|consideration) (?:of|payable under this agreement (?:is|shall be))|total of)\b/i;
const NOT_TOTAL =
  /违约金|赔偿|定金|保证金|押金|滞纳金|利息|利率|每日|每天|每月|每年|月租|日租|罚款|penalt|liquidated damages|deposit|interest|per (?:day|month|annum|year|hour)|late (?:fee|payment)|monthly|insurance|cap on liability|liability (?:shall not exceed|cap)/i;

const CURRENCY_WORDS: readonly [RegExp, string][] = [
  [/^(?:人民币|RMB|CNY|¥|￥|元|yuan|Renminbi)$/i, 'CNY'],
  [/^(?:美元|USD|US\$|\$|dollars?|U\.S\. dollars)$/i, 'USD'],
  [/^(?:欧元|EUR|€|euros?)$/i, 'EUR'],
  [/^(?:英镑|GBP|£|pounds?)$/i, 'GBP'],
  [/^(?:港币|港元|HKD|HK\$)$/i, 'HKD'],
  [/^(?:日元|JPY)$/i, 'JPY'],
];
function currencyOf(word: string | undefined): string | null {
  if (!word) return null;
  for (const [re, code] of CURRENCY_WORDS) if (re.test(word.trim())) return code;
  return null;
}

const FIGURE = String.raw`(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d{1,4})?`;
const PREFIX = String.raw`(人民币|RMB|CNY|USD|US\$|HK\$|HKD|EUR|GBP|JPY|美元|欧元|英镑|港币|港元|日元|[¥￥$€£])`;
const SUFFIX = String.raw`(万元|万|元|美元|欧元|英镑|港元|港币|日元|USD|RMB|CNY|EUR|GBP|HKD|yuan|dollars?)`;
const MONEY = new RegExp(String.raw`${PREFIX}?\s*(?:（?小写[：:]?\s*)?${PREFIX}?\s*${FIGURE}\s*${SUFFIX}?`, 'gi');
const CAPITALS = new RegExp(`[${CAPITAL_AMOUNT_CHARS}]{2,}`, 'g');

/** The contract's total amount: the first sentence that names a total and states an amount with a currency. */
export function findAmount(sentences: readonly Sentence[]): AmountFact | null {
  for (const s of sentences) {
    const cue = TOTAL_ZH.exec(s.text) ?? TOTAL_EN.exec(s.text);
    if (!cue || NOT_TOTAL.test(s.text.slice(Math.max(0, cue.index - 24), cue.index + cue[0].length + 40))) continue;
    const tail = s.text.slice(cue.index);
    const money = firstMoney(tail);
    const capitals = firstCapitals(tail);
    if (money) {
      const agrees = capitals ? Number(capitals.amount) === Number(money.amount) : null;
      return {
        amount: money.amount,
        currency: money.currency,
        sentence: s,
        start: cue.index + money.start,
        end: cue.index + money.end,
        capitals: capitals && agrees !== null ? { text: capitals.text, agrees } : null,
      };
    }
    if (capitals) {
      return { amount: capitals.amount, currency: 'CNY', sentence: s, start: cue.index + capitals.start, end: cue.index + capitals.end, capitals: null };
    }
  }
  return null;
}

function firstMoney(text: string): { amount: string; currency: string; start: number; end: number } | null {
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m; m = MONEY.exec(text)) {
    const currency = currencyOf(m[1]) ?? currencyOf(m[2]) ?? currencyOf(m[5]) ?? (m[5] && /万/.test(m[5]) ? 'CNY' : null);
    if (!currency) continue; // a bare number is a clause number or a count, not money
    const whole = m[3].replace(/[,，]/g, '');
    const fraction = m[4] ?? '';
    const amount = m[5] && /^万/.test(m[5]) ? scaleTenThousand(whole, fraction) : normalise(whole + fraction);
    return { amount, currency, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

function firstCapitals(text: string): { text: string; amount: string; start: number; end: number } | null {
  CAPITALS.lastIndex = 0;
  for (let m = CAPITALS.exec(text); m; m = CAPITALS.exec(text)) {
    const amount = /[元圆圓]/.test(m[0]) ? parseCapitalAmount(m[0]) : null;
    if (amount) return { text: m[0], amount: normalise(amount), start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** Decimal string without a float: "12345.60" → "12345.6", "100.00" → "100". */
function normalise(decimal: string): string {
  const [w, f = ''] = decimal.split('.');
  const whole = w.replace(/^0+(?=\d)/, '');
  const frac = f.replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

function scaleTenThousand(whole: string, fraction: string): string {
  const f = (fraction.replace('.', '') + '0000').slice(0, 4);
  return normalise(`${whole}${f}`);
}
