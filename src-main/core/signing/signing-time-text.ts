import type { Language } from '../../../src-shared/i18n/index.js';

/**
 * The signing time as a person reads it on a contract: local time with its UTC offset, written
 * the way the document's language writes dates — 2026年12月7日 15:26 +08:00 on a Chinese contract,
 * 7 Dec 2026 15:26 +08:00 on an English one — never a bare UTC time.
 */
interface TimeParts {
  year: string;
  month: string;
  day: string;
  time: string;
  zone: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const WRITTEN: Readonly<Record<Language, (p: TimeParts) => string>> = {
  'zh-CN': (p) => `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.time} ${p.zone}`,
  en: (p) => `${Number(p.day)} ${MONTHS[Number(p.month) - 1]} ${p.year} ${p.time} ${p.zone}`,
};

/** `timeZone`: an IANA zone (Asia/Shanghai); this computer's zone when omitted. */
export function localSigningTime(time: Date, language: Language, timeZone?: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const parts = Object.fromEntries(format.formatToParts(time).map((p) => [p.type, p.value]));
  // longOffset reads "GMT+08:00", or "GMT" for UTC itself.
  const zone = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return WRITTEN[language]({ year: parts.year, month: parts.month, day: parts.day, time: `${parts.hour}:${parts.minute}`, zone });
}
