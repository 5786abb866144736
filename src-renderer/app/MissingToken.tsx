import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from '../ui/Icon.js';
import { BrandMark } from './BrandMark.js';

/** Shown when the page was opened in a browser without the host's access token. */
export function MissingToken() {
  const { t } = useI18n();
  return (
    <main className="fullpage-message">
      <BrandMark size={44} />
      <h1>
        <Icon name="alert" /> {t('missingToken.title')}
      </h1>
      <p>{t('missingToken.body')}</p>
    </main>
  );
}
