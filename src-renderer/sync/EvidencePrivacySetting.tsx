import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

/** Settings → Evidence service: whether new evidence of versions signed here sends only a salted hash. */
export function EvidencePrivacySetting() {
  const api = useApi();
  const { t } = useI18n();
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.evidence.privacy({}).then((r) => setOn(r.on), setError);
  }, [api]);
  // Shown as chosen at once; the core's answer (or the old value, on failure) follows.
  const change = (next: boolean) => {
    const before = on;
    setError(null);
    setOn(next);
    api.evidence.setPrivacy({ on: next }).then(
      (r) => setOn(r.on),
      (err: unknown) => (setOn(before), setError(err)),
    );
  };
  return (
    <div className="evidence-privacy">
      <label className="checkbox">
        <input type="checkbox" checked={on ?? false} disabled={on === null} onChange={(e) => change(e.currentTarget.checked)} data-testid="evidence-privacy" />{' '}
        {t('evidence.privacy')}
      </label>
      <p className="field-hint">{t('evidence.privacyHint')}</p>
      {error !== null && <ErrorBanner error={error} />}
    </div>
  );
}
