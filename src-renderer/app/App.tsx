import { ApiProvider } from '../api/ApiContext.js';
import type { ApiClient } from '../api/client.js';
import { detectLanguage, uiLanguage } from '../i18n/detect.js';
import { I18nProvider } from '../i18n/I18nProvider.js';
import { AppSettingsProvider, useAppSettings } from './AppSettings.js';
import { MissingToken } from './MissingToken.js';
import { Shell } from './Shell.js';

/** The language is the person's setting once chosen; until then the system's or the browser's. */
function LocalizedShell({ transport }: { transport: ApiClient['transport'] }) {
  const { settings } = useAppSettings();
  return (
    <I18nProvider lang={uiLanguage(settings, transport)}>
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
        <LocalizedShell transport={client.transport} />
      </AppSettingsProvider>
    </ApiProvider>
  );
}
