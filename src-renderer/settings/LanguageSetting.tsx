import { useState } from 'react';
import { Language } from '../../src-shared/api/index.js';
import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

/** 中文 / English: stored at once and applied to the whole window without a restart. */
export function LanguageSetting() {
  const { t, lang } = useI18n();
  const { update } = useAppSettings();
  const [error, setError] = useState<unknown>(null);
  return (
    <fieldset className="settings-group">
      <legend>{t('settings.language')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('settings.language')}>
        {Language.options.map((option) => (
          <label key={option} className={option === lang ? 'segment segment-current' : 'segment'}>
            <input
              type="radio"
              name="language"
              value={option}
              checked={option === lang}
              onChange={() => {
                setError(null);
                update({ language: option }).catch(setError);
              }}
            />
            <span lang={option}>{t(`language.${option}`)}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">{t('settings.languageHint')}</p>
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
