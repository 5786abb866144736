import { useEffect, useId, useState } from 'react';
import type { Contract, DraftSession } from '../../src-shared/api/index.js';
import { LANGUAGES, type Language } from '../../src-shared/i18n/index.js';
import { useApi } from '../api/ApiContext.js';
import { toApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Spinner } from '../ui/Spinner.js';
import { DraftEditor } from './DraftEditor.js';

const LANGUAGE_TEXT = { 'zh-CN': 'draft.language.zh-CN', en: 'draft.language.en' } as const satisfies Record<Language, string>;

/** The contract's draft: opened in the editor, or, for a contract without one, started in a chosen style. */
export function DraftTab({ contract }: { contract: Contract }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const [session, setSession] = useState<DraftSession | 'none' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [language, setLanguage] = useState<Language>(lang);
  const groupId = useId();
  useEffect(() => {
    let live = true;
    api.drafts.open({ contractId: contract.id }).then(
      (s) => live && setSession(s),
      (e: unknown) => {
        if (!live) return;
        if (toApiError(e).code === 'DRAFT_NOT_FOUND') setSession('none');
        else setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, contract.id]);

  if (error !== null) return <ErrorBanner error={error} title={t('draft.loadError')} />;
  if (session === null) return <Spinner label={t('common.loading')} />;
  if (session === 'none')
    return (
      <div className="draft-start">
        <p>{t('draft.none')}</p>
        <fieldset className="draft-start-language">
          <legend id={groupId}>{t('draft.languageLabel')}</legend>
          {LANGUAGES.map((l) => (
            <label key={l}>
              <input type="radio" name="draft-language" value={l} checked={language === l} onChange={() => setLanguage(l)} /> {t(LANGUAGE_TEXT[l])}
            </label>
          ))}
        </fieldset>
        <button type="button" className="btn btn-primary" onClick={() => api.drafts.create({ contractId: contract.id, language }).then(setSession, setError)}>
          {t('draft.start')}
        </button>
      </div>
    );
  return <DraftEditor session={session} contract={contract} />;
}
