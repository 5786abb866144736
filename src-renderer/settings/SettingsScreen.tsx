import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Spinner } from '../ui/Spinner.js';
import { DataFolderSetting } from './DataFolderSetting.js';
import { LanguageSetting } from './LanguageSetting.js';
import { OrganisationSetting } from './OrganisationSetting.js';
import { ReminderSetting } from './ReminderSetting.js';
import { TrustSetting } from './TrustSetting.js';
import { VerificationSetting } from './VerificationSetting.js';
import { SyncSetting } from '../sync/SyncSetting.js';

export function SettingsScreen() {
  const { t } = useI18n();
  const { settings, info, error, reload } = useAppSettings();
  return (
    <div className="screen settings-screen">
      <header className="screen-header">
        <div className="screen-heading">
          <h1>{t('settings.title')}</h1>
        </div>
      </header>
      {error !== null ? (
        <ErrorBanner error={error} title={t('settings.loadError')} onRetry={reload} />
      ) : !settings ? (
        <Spinner label={t('common.loading')} />
      ) : (
        <div className="settings-body">
          <LanguageSetting />
          <DataFolderSetting />
          <OrganisationSetting />
          <ReminderSetting />
          <VerificationSetting />
          <TrustSetting />
          <SyncSetting />
          {info && (
            <fieldset className="settings-group">
              <legend>{t('settings.about')}</legend>
              <dl className="facts">
                <dt>{t('settings.version')}</dt>
                <dd>
                  {t('app.name')} {info.version}
                </dd>
                <dt>{t('settings.schema')}</dt>
                <dd>{info.schemaVersion}</dd>
                <dt>{t('settings.platform')}</dt>
                <dd>{info.platform}</dd>
              </dl>
            </fieldset>
          )}
        </div>
      )}
    </div>
  );
}
