import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from './Icon.js';

/**
 * A failure in the current language: the text for an error's code, or a message the caller already
 * has (a form that does not validate). Optional way to try again.
 */
export function ErrorBanner({ error, message, title, onRetry }: { error?: unknown; message?: string; title?: string; onRetry?: () => void }) {
  const { t, errorText } = useI18n();
  return (
    <div className="banner banner-error" role="alert">
      <Icon name="alert" />
      <div className="banner-body">
        {title && <strong>{title}</strong>}
        <span>{message ?? errorText(error)}</span>
      </div>
      {onRetry && (
        <button type="button" className="btn btn-quiet" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
