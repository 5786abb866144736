import type { Language } from '../../src-shared/api/index.js';

/** zh-CN when the browser or system prefers any Chinese, English otherwise. */
export function languageFromLocales(locales: readonly string[]): Language {
  return locales.some((l) => /^zh(?:[-_]|$)/i.test(l)) ? 'zh-CN' : 'en';
}

export function detectLanguage(): Language {
  const locales = navigator.languages?.length ? navigator.languages : [navigator.language];
  return languageFromLocales(locales.slice(0, 1));
}
