import { useState } from 'react';
import { useShell } from '../api/ApiContext.js';
import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';

/**
 * Where the library lives. The folder in use is the one the core opened at start; a new choice (made
 * in the native folder dialog, desktop only) is stored and takes effect at the next start.
 */
export function DataFolderSetting() {
  const { t } = useI18n();
  const shell = useShell();
  const { settings, info, replace } = useAppSettings();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const current = info?.dataDir ?? settings?.dataDir ?? '';
  const pending = settings && info && settings.dataDir !== info.dataDir ? settings.dataDir : null;

  const change = async () => {
    if (!shell) return;
    setBusy(true);
    setError(null);
    try {
      const next = await shell.chooseDataFolder();
      if (next) replace(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="settings-group">
      <legend>{t('settings.dataFolder')}</legend>
      <div className="folder-row">
        <Icon name="folder" />
        <code className="folder-path" data-testid="data-folder">
          {current}
        </code>
        {shell && (
          <button type="button" className="btn" onClick={() => void change()} disabled={busy}>
            {t('settings.change')}
          </button>
        )}
      </div>
      <p className="field-hint">{t('settings.dataFolderHint')}</p>
      {pending && (
        <p className="notice-inline">
          {t('settings.pendingFolder', { path: pending })} {t('settings.restartNote')}
        </p>
      )}
      {!shell && <p className="field-hint">{t('settings.browserFolderNote')}</p>}
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
