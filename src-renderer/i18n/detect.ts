import type { Language, Settings } from '../../src-shared/api/index.js';
import { languageFromLocales } from '../../src-shared/locale.js';

/** The browser's languages in order of preference: zh-CN for any Chinese, English otherwise. */
export function detectLanguage(): Language {
  return languageFromLocales(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/**
 * The UI's language: the person's choice wins; until they make one, the system's languages in the
 * app (the core was given Electron's `app.getPreferredSystemLanguages()`) and the browser's
 * languages in the browser host (the host process's locale says nothing about the person).
 */
export function uiLanguage(settings: Settings | null, transport: 'electron' | 'browser'): Language {
  if (settings && (settings.languageChosen || transport === 'electron')) return settings.language;
  return detectLanguage();
}
