import { useEffect, useState } from 'react';
import { CONTRACT_STATUSES, type ContractStatus } from '../../src-shared/api/index.js';
import { useDebouncedInput } from '../hooks/useDebouncedInput.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { parseDateInput } from './date-input.js';
import { hasFilters, type LibraryQuery } from './query.js';

/** Status (several at once), tag, party and an expiry range; each applies as soon as it is valid. */
export function FilterBar({
  query,
  tags,
  onChange,
  onClear,
}: {
  query: LibraryQuery;
  tags: ReadonlyArray<{ tag: string; count: number }>;
  onChange: (patch: Partial<LibraryQuery>) => void;
  onClear: () => void;
}) {
  const { t, status: statusLabel } = useI18n();
  const toggleStatus = (s: ContractStatus) => onChange({ status: query.status.includes(s) ? query.status.filter((x) => x !== s) : [...query.status, s] });

  return (
    <div className="filter-bar" role="group" aria-label={t('filters.label')}>
      <div className="filter-group" role="group" aria-label={t('filters.status')}>
        {CONTRACT_STATUSES.map((s) => (
          <button key={s} type="button" className={`chip chip-status-${s}`} aria-pressed={query.status.includes(s)} onClick={() => toggleStatus(s)}>
            {statusLabel(s)}
          </button>
        ))}
      </div>
      <label className="filter-inline">
        <span>{t('filters.tag')}</span>
        <select value={query.tag} onChange={(e) => onChange({ tag: e.currentTarget.value })}>
          <option value="">{t('filters.anyTag')}</option>
          {tags.map(({ tag, count }) => (
            <option key={tag} value={tag}>
              {tag} ({count})
            </option>
          ))}
        </select>
      </label>
      <DebouncedText label={t('filters.party')} placeholder={t('filters.partyPlaceholder')} value={query.party} onChange={(party) => onChange({ party })} />
      <span className="filter-range">
        <DateFilter label={t('filters.expiryFrom')} value={query.expiryFrom} onChange={(expiryFrom) => onChange({ expiryFrom })} />
        <DateFilter label={t('filters.expiryTo')} value={query.expiryTo} onChange={(expiryTo) => onChange({ expiryTo })} />
      </span>
      {hasFilters(query) && (
        <button type="button" className="btn btn-link" onClick={onClear}>
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

function DebouncedText({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useDebouncedInput(value, onChange, 250);
  return (
    <label className="filter-inline">
      <span>{label}</span>
      <input type="text" value={text} placeholder={placeholder} onChange={(e) => setText(e.currentTarget.value)} className="input-narrow" />
    </label>
  );
}

/** A date typed as 2026-12-01, 2026/12/1 or 2026年12月1日; applied once it is a real date (or empty), outlined while it is not. */
function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  // Keep what the person typed (2026年12月1日) while it means the applied date; take a new date from outside.
  useEffect(() => setText((typed) => ((typed.trim() === '' ? '' : parseDateInput(typed)) === value ? typed : value)), [value]);
  const valid = text.trim() === '' || parseDateInput(text) !== null;
  return (
    <label className="filter-inline">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        className="input-date"
        value={text}
        placeholder={t('field.datePlaceholder')}
        aria-invalid={!valid}
        title={valid ? undefined : t('validation.date')}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const iso = next.trim() === '' ? '' : parseDateInput(next);
          if (iso !== null) onChange(iso);
        }}
      />
    </label>
  );
}
