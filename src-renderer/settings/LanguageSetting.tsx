import { useState } from 'react';
import { Language } from '../../src-shared/api/index.js';
import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

const SYSTEM = 'system';
type Choice = Language | typeof SYSTEM;

/**
 * Same as the system / 中文 / English: stored at once and applied to the whole window without a
 * restart. Until the person chooses, the UI follows the system's (or browser's) language.
 */
export function LanguageSetting() {
  const { t, lang } = useI18n();
  const { settings, update } = useAppSettings();
  const [error, setError] = useState<unknown>(null);
  const current: Choice = settings?.languageChosen ? lang : SYSTEM;
  const choose = (choice: Choice) => {
    setError(null);
    update(choice === SYSTEM ? { languageChosen: false } : { language: choice }).catch(setError);
  };
  return (
    <fieldset className="settings-group">
      <legend>{t('settings.language')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('settings.language')}>
        {([SYSTEM, ...Language.options] as const).map((option) => (
          <label key={option} className={option === current ? 'segment segment-current' : 'segment'}>
            <input type="radio" name="language" value={option} checked={option === current} onChange={() => choose(option)} />
            <span lang={option === SYSTEM ? undefined : option}>{t(`language.${option}`)}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">{t('settings.languageHint')}</p>
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
