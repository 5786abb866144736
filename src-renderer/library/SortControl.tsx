import { SORT_KEYS } from '../../src-shared/api/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from '../ui/Icon.js';
import { DEFAULT_DIRECTION, type SortDirection, type SortKey } from './query.js';

export function SortControl({
  sort,
  direction,
  onChange,
}: {
  sort: SortKey;
  direction: SortDirection;
  onChange: (sort: SortKey, direction: SortDirection) => void;
}) {
  const { t } = useI18n();
  const flipLabel = t(direction === 'asc' ? 'sort.asc' : 'sort.desc');
  return (
    <div className="sort-control">
      <label className="filter-inline">
        <span>{t('sort.label')}</span>
        <select
          value={sort}
          onChange={(e) => {
            const next = e.currentTarget.value as SortKey;
            onChange(next, DEFAULT_DIRECTION[next]);
          }}
        >
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {t(`sort.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-icon"
        aria-label={flipLabel}
        title={flipLabel}
        onClick={() => onChange(sort, direction === 'asc' ? 'desc' : 'asc')}
      >
        <Icon name={direction === 'asc' ? 'sortAsc' : 'sortDesc'} />
      </button>
    </div>
  );
}
