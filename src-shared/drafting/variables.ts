/**
 * A template's typed variables: what each one accepts and how its value is written into the
 * contract in the draft's language. Values arrive as the text a person typed (form, CLI --set);
 * `checkVariable` refuses bad ones with a typed error and `renderVariable` gives the contract text:
 *
 *   text    as typed                 party   a party's name (from the contract or the organisation)
 *   date    2026-12-07 → 2026年12月7日 / 7 December 2026
 *   money   12345.6 → 人民币12,345.60元（大写：人民币壹万贰仟叁佰肆拾伍元陆角整）
 *   number  a decimal, optionally within [min, max]
 *   choice  one of several variants; the variant's text goes in
 *   yesno   keeps or removes the optional sections whose `condition` names it
 */
import { z } from 'zod';
import { toCapitalAmount } from '../chinese-numerals.js';
import { InkstoneError } from '../errors/index.js';
import { defineMessages, say, type Language } from '../i18n/index.js';

export const VARIABLE_KINDS = ['text', 'party', 'date', 'money', 'number', 'choice', 'yesno'] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

const Key = z
  .string()
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a key is a letter then letters, digits or _ (at most 40)');
const Label = z.string().trim().min(1).max(80);

export const VariableSpec = z
  .object({
    key: Key,
    kind: z.enum(VARIABLE_KINDS),
    label: Label,
    required: z.boolean().default(true),
    /** Shown in the form and used when the person leaves the field empty. */
    default: z.string().max(2000).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    maxLength: z.number().int().positive().max(2000).optional(),
    /** For `party`: the role it names (甲方 / Party A); the contract gets a party in that role. */
    role: z.string().trim().min(1).max(40).optional(),
    /** For `choice`: the variants; `text` is what goes into the contract. */
    options: z
      .array(z.object({ value: Key, label: Label, text: z.string().max(4000) }))
      .max(20)
      .optional(),
  })
  .strict()
  .refine((v) => v.kind !== 'choice' || (v.options?.length ?? 0) >= 2, { message: 'a choice needs at least two options' })
  .refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, { message: 'min is above max' });
export type VariableSpec = z.infer<typeof VariableSpec>;

/** What a value must look like, for the error text. */
const EXPECTED = defineMessages({
  date: { en: 'a date such as 2026-12-07', 'zh-CN': '日期，如 2026-12-07' },
  money: { en: 'an amount of at least 0 with at most two decimals, such as 12345.60', 'zh-CN': '不小于 0、最多两位小数的金额，如 12345.60' },
  number: { en: 'a number', 'zh-CN': '数字' },
  choice: { en: 'one of the listed options', 'zh-CN': '所列选项之一' },
  yesno: { en: 'yes or no', 'zh-CN': '是或否' },
  text: { en: 'at most {max} characters', 'zh-CN': '不超过 {max} 个字符' },
});

/** How values are written into the contract, by the draft's language. */
export const VARIABLE_TEXT = defineMessages({
  date: { en: '{day} {month} {year}', 'zh-CN': '{year}年{month}月{day}日' },
  money: { en: 'RMB {figures} (in words: 人民币{capital})', 'zh-CN': '人民币{figures}元（大写：人民币{capital}）' },
});
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The month as each language writes it in a date. */
const MONTH: Readonly<Record<Language, (month: number) => string>> = { 'zh-CN': String, en: (m) => MONTHS[m - 1] };

const YES = new Set(['yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否']);

const invalid = (spec: VariableSpec, expected: string) => new InkstoneError('VARIABLE_INVALID', { label: spec.label, expected });

/**
 * A typed-in value checked against its variable and normalised (dates to YYYY-MM-DD, amounts to
 * two decimals, yes/no to "yes"/"no"); '' when an optional variable is left empty.
 */
export function checkVariable(spec: VariableSpec, raw: string | undefined, lang: Language): string {
  const value = (raw ?? '').trim() || (spec.default ?? '').trim();
  if (!value) {
    if (spec.required && spec.kind !== 'yesno') throw new InkstoneError('VARIABLE_REQUIRED', { label: spec.label });
    return spec.kind === 'yesno' ? 'no' : '';
  }
  switch (spec.kind) {
    case 'text':
    case 'party': {
      const max = spec.maxLength ?? 500;
      if ([...value].length > max) throw invalid(spec, say(EXPECTED.text, lang, { max }));
      return value;
    }
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
      const date = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (!m || !date || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) throw invalid(spec, say(EXPECTED.date, lang));
      return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    }
    case 'money': {
      const plain = value.replace(/^(?:¥|￥|RMB\s*|人民币)/i, '').replace(/元$/, '');
      // Thousands separators only where they belong (1,000,000.99), never "1,0".
      if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/.test(plain) || toCapitalAmount(plain) === null) throw invalid(spec, say(EXPECTED.money, lang));
      const [int, dec = ''] = plain.replace(/,/g, '').split('.');
      const amount = `${int.replace(/^0+(?=\d)/, '')}.${dec.padEnd(2, '0')}`;
      inRange(spec, Number(amount));
      return amount;
    }
    case 'number': {
      if (!/^-?\d+(?:\.\d+)?$/.test(value.replace(/,/g, ''))) throw invalid(spec, say(EXPECTED.number, lang));
      const n = value.replace(/,/g, '');
      inRange(spec, Number(n));
      return n;
    }
    case 'choice':
      if (!spec.options?.some((o) => o.value === value)) throw invalid(spec, say(EXPECTED.choice, lang));
      return value;
    case 'yesno':
      if (YES.has(value.toLowerCase())) return 'yes';
      if (NO.has(value.toLowerCase())) return 'no';
      throw invalid(spec, say(EXPECTED.yesno, lang));
  }
}

function inRange(spec: VariableSpec, n: number): void {
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
    throw new InkstoneError('VARIABLE_OUT_OF_RANGE', { label: spec.label, min: spec.min ?? '−∞', max: spec.max ?? '∞' });
}

/** 1234567.5 → 1,234,567.50 (figures as both languages write them in contracts). */
export function groupThousands(amount: string): string {
  const [int, dec] = amount.split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dec === undefined ? '' : `.${dec}`);
}

/** The contract text for a checked value (`checkVariable`'s result) in the draft's language. */
export function renderVariable(spec: VariableSpec, value: string, lang: Language): string {
  if (!value) return '';
  switch (spec.kind) {
    case 'date': {
      const [year, month, day] = value.split('-').map(Number);
      return say(VARIABLE_TEXT.date, lang, { year, month: MONTH[lang](month), day });
    }
    case 'money':
      return say(VARIABLE_TEXT.money, lang, { figures: groupThousands(value), capital: toCapitalAmount(value) ?? '' });
    case 'choice':
      return spec.options?.find((o) => o.value === value)?.text ?? '';
    case 'yesno':
      return '';
    default:
      return value;
  }
}

/** Every value checked at once; the first bad one throws. Unknown keys are refused (a typo in --set). */
export function checkValues(specs: readonly VariableSpec[], raw: Readonly<Record<string, string>>, lang: Language): Record<string, string> {
  for (const key of Object.keys(raw)) if (!specs.some((s) => s.key === key)) throw new InkstoneError('VARIABLE_UNKNOWN', { key: key.slice(0, 40) });
  return Object.fromEntries(specs.map((s) => [s.key, checkVariable(s, raw[s.key], lang)]));
}
