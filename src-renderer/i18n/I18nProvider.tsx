import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { CONTRACT_STATUSES, type ContractStatus } from '../../src-shared/api/index.js';
import { say, type Language } from '../../src-shared/i18n/index.js';
import { formatErrorMessage, isErrorCode, type ErrorDetails } from '../../src-shared/errors/index.js';
import { ApiError, HOST_UNREACHABLE, toApiError } from '../api/api-error.js';
import { createFormatters, type Formatters } from './format.js';
import { translate, translateRef, UI_TEXT, type MessageKey, type MessageParams, type MessageRef, type ParamArgs } from './messages.js';

export interface I18n {
  lang: Language;
  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  /** The text of a key chosen earlier with its params (a form's problem). */
  tRef(ref: MessageRef): string;
  /** Pick `<base>.one` or `<base>.other` by count and fill `{count}`. */
  plural(base: PluralBase, count: number, params?: MessageParams): string;
  fmt: Formatters;
  status(status: ContractStatus): string;
  /** The text for any failure in this language: the catalogue text for its code, never a stack. */
  errorText(err: unknown): string;
}

type PluralBaseOf<K> = K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
/** Keys that come in `.one` / `.other` pairs, named without the suffix. */
export type PluralBase = PluralBaseOf<MessageKey>;

const I18nContext = createContext<I18n | null>(null);

/** Status codes in error details (e.g. a refused transition) are shown by their names. */
function localiseDetails(details: ErrorDetails, status: (s: ContractStatus) => string): ErrorDetails {
  const out: Record<string, unknown> = { ...details };
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' && (CONTRACT_STATUSES as readonly string[]).includes(value)) out[key] = status(value as ContractStatus);
  }
  return out as ErrorDetails;
}

export function createI18n(lang: Language): I18n {
  const t = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => translate(lang, key, ...params);
  const fmt = createFormatters(lang);
  const status = (s: ContractStatus) => t(`status.${s}`);
  return {
    lang,
    t,
    fmt,
    status,
    tRef: (ref) => translateRef(lang, ref),
    plural(base, count, params) {
      const key: MessageKey = `${base}.${count === 1 ? 'one' : 'other'}`;
      return say(UI_TEXT[key], lang, { count: fmt.integer(count), ...params });
    },
    errorText(err) {
      const e: ApiError = toApiError(err);
      if (e.code === HOST_UNREACHABLE) return t('error.hostUnreachable');
      if (isErrorCode(e.code)) return formatErrorMessage(e.code, localiseDetails(e.details, status), lang);
      return t('error.unexpected');
    },
  };
}

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${i18n.t('app.name')} · ${i18n.t('app.tagline')}`;
  }, [lang, i18n]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
