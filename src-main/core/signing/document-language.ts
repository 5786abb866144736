import type { Language } from '../../../src-shared/i18n/index.js';

/**
 * The language a contract is written in, from its text (the library keeps each version's text):
 * the visible signature's labels and date follow it, whatever language the app is shown in. A
 * Chinese contract has more Han characters than an English one has words; an English contract
 * naming a Chinese party has a handful. No text (a scan) says nothing: the caller's default stands.
 */
export function documentLanguage(text: string, fallback: Language): Language {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  if (han + words < 20) return fallback;
  return han >= words ? 'zh-CN' : 'en';
}
