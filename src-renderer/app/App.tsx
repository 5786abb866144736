import { ApiProvider } from '../api/ApiContext.js';
import type { ApiClient } from '../api/client.js';
import { detectLanguage } from '../i18n/detect.js';
import { I18nProvider } from '../i18n/I18nProvider.js';
import { AppSettingsProvider, useAppSettings } from './AppSettings.js';
import { MissingToken } from './MissingToken.js';
import { Shell } from './Shell.js';

/** The language is the person's setting once loaded; until then (or without one) the system's. */
function LocalizedShell() {
  const { settings } = useAppSettings();
  return (
    <I18nProvider lang={settings?.language ?? detectLanguage()}>
      <Shell />
    </I18nProvider>
  );
}

export function App({ client }: { client: ApiClient | null }) {
  if (!client) {
    return (
      <I18nProvider lang={detectLanguage()}>
        <MissingToken />
      </I18nProvider>
    );
  }
  return (
    <ApiProvider client={client}>
      <AppSettingsProvider>
        <LocalizedShell />
      </AppSettingsProvider>
    </ApiProvider>
  );
}
