import { useEffect, useState } from 'react';
import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';
import { Notice } from '../ui/Notice.js';

/** How many days ahead expiry and renewal reminders start. */
export function ReminderSetting() {
  const { t } = useI18n();
  const { settings, update } = useAppSettings();
  const [text, setText] = useState(String(settings?.reminderHorizonDays ?? 30));
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (settings) setText(String(settings.reminderHorizonDays));
  }, [settings]);

  const save = () => {
    const n = Number(text.trim());
    const ok = /^\d+$/.test(text.trim()) && n >= 1 && n <= 365;
    setInvalid(!ok);
    setSaved(false);
    setError(null);
    if (!ok) return;
    update({ reminderHorizonDays: n }).then(() => setSaved(true), setError);
  };

  return (
    <fieldset className="settings-group">
      <legend>{t('settings.reminders')}</legend>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label={t('settings.horizon')} error={invalid ? t('validation.horizon') : null}>
          {(p) => (
            <span className="input-with-unit">
              <input
                {...p}
                type="text"
                inputMode="numeric"
                className="input-number input-short"
                value={text}
                onChange={(e) => (setText(e.currentTarget.value), setSaved(false))}
              />
              <span>{t('settings.horizonUnit')}</span>
            </span>
          )}
        </Field>
        <button type="submit" className="btn">
          {t('settings.save')}
        </button>
      </form>
      {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
