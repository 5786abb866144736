import { FilePickerButton } from '../import/FilePickerButton.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from '../ui/Icon.js';

/** First run: what the library is for and how to fill it. */
export function EmptyLibrary({ onImport }: { onImport: (files: File[]) => void }) {
  const { t } = useI18n();
  return (
    <section className="empty-state" aria-labelledby="empty-library-title">
      <svg className="empty-illustration" width="132" height="104" viewBox="0 0 132 104" aria-hidden="true">
        <rect x="30" y="10" width="62" height="80" rx="6" fill="#e8edf3" />
        <rect x="40" y="18" width="62" height="80" rx="6" fill="#fff" stroke="#c9d2dc" />
        <path d="M50 36h42M50 46h42M50 56h30" stroke="#aab6c3" strokeWidth="3" strokeLinecap="round" />
        <path d="M52 78c6-8 10 4 16-2s8-6 14 0" stroke="#1f4e79" strokeWidth="2.5" fill="none" strokeLinecap="round" />
        <circle cx="104" cy="28" r="14" fill="#c8a96a" />
        <path d="M104 21v14M97 28h14" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <h2 id="empty-library-title">{t('library.empty.title')}</h2>
      <p>{t('library.empty.body')}</p>
      <FilePickerButton className="btn btn-primary btn-large" onFiles={onImport}>
        <Icon name="upload" /> {t('library.import')}
      </FilePickerButton>
      <p className="muted">{t('library.empty.dropHint')}</p>
    </section>
  );
}

/** A search or filter that matched nothing. */
export function NoMatches({ onClear }: { onClear: () => void }) {
  const { t } = useI18n();
  return (
    <section className="empty-state empty-state-compact">
      <Icon name="search" size={32} />
      <h2>{t('library.noMatch.title')}</h2>
      <p>{t('library.noMatch.body')}</p>
      <button type="button" className="btn" onClick={onClear}>
        {t('filters.clear')}
      </button>
    </section>
  );
}
