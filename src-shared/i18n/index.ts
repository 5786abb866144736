/**
 * Inkstone's one text system. Everything a person reads — error texts, UI labels, CLI output, the
 * verification report, the evidence certificate, the shell's menus — follows one convention:
 *
 * - A `Message` holds one sentence in every `Language`: `{ 'zh-CN': '合同 {id} 不存在。', en: 'The contract {id} does not exist.' }`.
 *   Never choose text with `lang === 'zh-CN' ? … : …` (eslint refuses it): put both texts in a table.
 * - Messages live in tables made with `defineMessages({ key: { 'zh-CN': …, en: … } })`, next to the
 *   code that says them (error codes in src-shared/errors/, UI text in src-renderer/i18n/messages.ts).
 * - `{name}` placeholders are filled by `fill` (through `say` or a table's own helper). Both languages
 *   of a message must use the same placeholders: `defineMessages` refuses a mismatch at type-check
 *   time, and tests/lint/messages.test.ts walks every table at run time.
 * - `inLanguage(table, lang)` gives a table's texts in one language (`L.title`), for code that
 *   writes a whole page in one language.
 * - A text that depends on a number or a choice is two keys (`…One` / `…Other`, `…Left` / `…Right`),
 *   not a function.
 *
 * This module imports nothing: it is bundled into the renderer and used by the core alike.
 */

/** The languages Inkstone speaks. The first is the default for Chinese-speaking people and new text. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** One sentence in every language. */
export type Message = Readonly<Record<Language, string>>;
export type MessageTable = Readonly<Record<string, Message>>;
/** Values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a template, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]!))];
}

/**
 * Fill `{name}` placeholders from params. A placeholder without a value stays visible rather than
 * vanish (a reader sees `{id}`, not a silently shorter sentence); objects are shown as JSON.
 */
export function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** A message in a language, placeholders filled. */
export function say(message: Message, lang: Language, params?: MessageParams): string {
  return fill(message[lang], params);
}

/** A table's texts in one language, unfilled: `inLanguage(LABELS, 'en').title`. */
export function inLanguage<T extends MessageTable>(table: T, lang: Language): { readonly [K in keyof T]: string } {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(table)) out[key] = message[lang];
  return out as { readonly [K in keyof T]: string };
}

/** The text of `key` when the table has it (keys that come from data: a status, a check name). */
export function findText(table: MessageTable, key: string, lang: Language): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key]![lang] : undefined;
}

/** The `{name}` placeholders of a string literal type (never for a plain `string`). */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type PlaceholdersOf<M extends Message> = { [L in Language]: Placeholders<M[L]> };
/** Each entry whose languages disagree on placeholders must carry an impossible property: a type error at the entry. */
type PlaceholderCheck<T extends MessageTable> = {
  readonly [K in keyof T]: Same<Placeholders<T[K]['zh-CN']>, Placeholders<T[K]['en']>> extends true
    ? T[K]
    : T[K] & { readonly 'the languages use different placeholders': PlaceholdersOf<T[K]> };
};

const definedTables: MessageTable[] = [];

/**
 * Declare a table of messages. Returns it unchanged (with its literal types, so callers can check
 * params), refuses at type-check time an entry whose languages use different placeholders, and
 * records it so the test can walk every table.
 */
export function defineMessages<const T extends MessageTable>(table: T & PlaceholderCheck<T>): T {
  definedTables.push(table);
  return table;
}

/** Every table declared so far (for tests/lint/messages.test.ts). */
export function definedMessageTables(): readonly MessageTable[] {
  return definedTables;
}
