import { useEffect, useState } from 'react';
import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

/**
 * Whether the Verify screen checks revocation online by default. Off unless the person turns it
 * on: asking an OCSP responder or CRL server tells the certificate authority which certificate is
 * being checked. The Verify screen has its own switch for one verification.
 */
export function VerificationSetting() {
  const { t } = useI18n();
  const { settings, update } = useAppSettings();
  const [error, setError] = useState<unknown>(null);
  // Shown at once; the stored value follows (and puts it back if storing fails).
  const [checked, setChecked] = useState(settings?.verifyOnline ?? false);
  useEffect(() => setChecked(settings?.verifyOnline ?? false), [settings]);
  return (
    <fieldset className="settings-group">
      <legend>{t('settings.verification')}</legend>
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            setError(null);
            setChecked(next);
            update({ verifyOnline: next }).catch((err: unknown) => {
              setChecked(settings?.verifyOnline ?? false);
              setError(err);
            });
          }}
        />
        <span>{t('settings.verifyOnline')}</span>
      </label>
      <p className="field-hint">{t('settings.verifyOnlineHint')}</p>
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
