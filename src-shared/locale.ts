import type { Language } from './api/model.js';

/**
 * The UI language for a person's languages in order of preference (BCP 47 or POSIX, `zh_TW.UTF-8`):
 * the first that is Chinese (any script or region — zh-CN is the Chinese Inkstone speaks) or
 * English decides; English when none is.
 */
export function languageFromLocales(locales: readonly (string | undefined)[]): Language {
  for (const locale of locales) {
    if (!locale) continue;
    if (/^zh(?:[-_.@]|$)/i.test(locale)) return 'zh-CN';
    if (/^en(?:[-_.@]|$)/i.test(locale)) return 'en';
  }
  return 'en';
}
