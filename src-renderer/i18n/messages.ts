import type { Language } from '../../src-shared/api/index.js';
import { en, type MessageKey, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export type { MessageKey, Messages };
export type MessageParams = Readonly<Record<string, string | number>>;

const TABLES: Readonly<Record<Language, Messages>> = { 'zh-CN': zhCN, en };

/** The text for a key in a language, with `{name}` placeholders filled from params. */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const template = TABLES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
