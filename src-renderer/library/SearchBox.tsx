import type { KeyboardEvent, Ref } from 'react';
import { useDebouncedInput } from '../hooks/useDebouncedInput.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from '../ui/Icon.js';

export const SEARCH_DEBOUNCE_MS = 120;

/** Instant search: the query follows typing after a short pause; arrow keys and Enter reach the list. */
export function SearchBox({
  ref,
  value,
  onChange,
  onKeyDown,
}: {
  ref?: Ref<HTMLInputElement>;
  value: string;
  onChange: (text: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useDebouncedInput(value, onChange, SEARCH_DEBOUNCE_MS);
  return (
    <div className="search-box">
      <Icon name="search" />
      <input
        ref={ref}
        type="search"
        value={text}
        placeholder={t('library.search.placeholder')}
        aria-label={t('library.search.label')}
        aria-keyshortcuts="/ Control+F Meta+F"
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
            return;
          }
          onKeyDown(e);
        }}
        spellCheck={false}
        autoComplete="off"
      />
    </div>
  );
}
