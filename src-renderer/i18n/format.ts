import type { Language, Money } from '../../src-shared/api/index.js';

/**
 * Dates, money and numbers as each language writes them: 2026-11-27 / 2026年11月27日,
 * ¥1,234.00 in both languages for renminbi (the person's own currency, not "CN¥"), $1,234.00. Amounts stay decimal strings end to end: Intl formats the
 * string exactly, so a contract value never passes through a float.
 */
export interface Formatters {
  /** A calendar date `YYYY-MM-DD` (no time zone involved). */
  date(isoDate: string | null | undefined): string;
  /** An ISO timestamp, shown in local time. */
  dateTime(isoTimestamp: string): string;
  money(value: Money | null | undefined): string;
  integer(n: number): string;
  bytes(n: number): string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** How each language writes a calendar date (a format, not a sentence: hence not a message table). */
const CALENDAR_DATE: Readonly<Record<Language, (y: number, m: number, d: number) => string>> = {
  'zh-CN': (y, m, d) => `${y}年${m}月${d}日`,
  en: (y, m, d) => `${y}-${pad(m)}-${pad(d)}`,
};
/** The Intl locale that formats numbers and money for each language. */
const INTL_LOCALE: Readonly<Record<Language, string>> = { 'zh-CN': 'zh-CN', en: 'en-US' };

function calendarDate(lang: Language, y: number, m: number, d: number): string {
  return CALENDAR_DATE[lang](y, m, d);
}

export function createFormatters(lang: Language): Formatters {
  const locale = INTL_LOCALE[lang];
  const integerFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string) => {
    let f = moneyFormats.get(currency);
    if (!f) {
      // English would write renminbi "CN¥" to tell it from the yen; people here write ¥.
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: currency === 'CNY' ? 'narrowSymbol' : 'symbol' });
      moneyFormats.set(currency, f);
    }
    return f;
  };
  return {
    date(isoDate) {
      const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate) : null;
      if (!m) return '—';
      return calendarDate(lang, Number(m[1]), Number(m[2]), Number(m[3]));
    },
    dateTime(isoTimestamp) {
      const d = new Date(isoTimestamp);
      if (Number.isNaN(d.getTime())) return '—';
      return `${calendarDate(lang, d.getFullYear(), d.getMonth() + 1, d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    },
    money(value) {
      if (!value) return '—';
      try {
        return moneyFormat(value.currency).format(value.amount as Intl.StringNumericLiteral);
      } catch {
        return `${value.amount} ${value.currency}`;
      }
    },
    integer(n) {
      return integerFormat.format(n);
    },
    bytes(n) {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
      let i = 0;
      let v = n;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
    },
  };
}
