import { memo, type ReactElement } from 'react';
import type { SearchHit, SearchSnippet } from '../../src-shared/api/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { NotSyncedBadge } from '../sync/UnsyncedMark.js';

/** One contract in the library list; a placeholder shimmer while its page is loading. */
export const ContractRow = memo(function ContractRow({
  hit,
  index,
  selected,
  unsynced = false,
  total,
  onOpen,
  onSelect,
  checked,
  onCheck,
}: {
  hit: SearchHit | undefined;
  index: number;
  selected: boolean;
  /** Changes to it wait for the evidence service ("not yet synced"). */
  unsynced?: boolean;
  total: number;
  onOpen: (id: string) => void;
  onSelect: (index: number) => void;
  /** Ticked for batch signing (useBatchSelection). */
  checked: boolean;
  onCheck: (index: number, range: boolean) => void;
}) {
  const { t, fmt } = useI18n();
  const common = {
    id: `contract-row-${index}`,
    role: 'option' as const,
    'aria-selected': selected,
    'aria-setsize': total,
    'aria-posinset': index + 1,
  };
  if (!hit) {
    return (
      <div {...common} className="contract-row contract-row-placeholder" aria-busy="true">
        <span className="shimmer shimmer-title" />
        <span className="shimmer shimmer-short" />
      </div>
    );
  }
  return (
    <div
      {...common}
      className={selected ? 'contract-row contract-row-selected' : 'contract-row'}
      data-contract-id={hit.id}
      aria-checked={checked}
      onMouseDown={() => onSelect(index)}
      onClick={() => onOpen(hit.id)}
    >
      <div className="contract-cell-main">
        {/* A drawn tick box, not a control: a checkbox inside an option is nested interaction for a
            screen reader. The option says its ticked state itself (aria-checked); Space ticks it. */}
        <span
          className={checked ? 'contract-check contract-check-on' : 'contract-check'}
          aria-hidden="true"
          title={t('library.selectRow', { title: hit.title })}
          onMouseDown={(e) => {
            // Neither the row's selection nor the browser's text selection (a shift-click extends it).
            e.stopPropagation();
            e.preventDefault();
          }}
          onClick={(e) => {
            e.stopPropagation();
            onCheck(index, e.shiftKey);
          }}
        />
        <span className="contract-title">
          {hit.snippet?.field === 'title' ? <Marked snippet={hit.snippet} /> : hit.title}
          {unsynced && <NotSyncedBadge />}
        </span>
        {hit.snippet && hit.snippet.field !== 'title' ? (
          // Why the contract matched, in the line the parties and tags use otherwise.
          <span className="contract-sub contract-snippet">
            <span className="snippet-field">{t(`library.snippet.${hit.snippet.field}`)}</span>
            <Marked snippet={hit.snippet} />
          </span>
        ) : (
          <span className="contract-sub">
            {hit.parties.length ? hit.parties.join(' · ') : <span className="muted">{t('library.row.noParties')}</span>}
            {hit.tags.map((tag) => (
              <span key={tag} className="tag-chip tag-chip-small">
                {tag}
              </span>
            ))}
          </span>
        )}
      </div>
      <div className="contract-cell">
        <StatusBadge status={hit.status} />
      </div>
      <div className="contract-cell contract-cell-number">{fmt.money(hit.value)}</div>
      <div className="contract-cell">{fmt.date(hit.expiryDate)}</div>
      <div className="contract-cell muted">{fmt.date(hit.updatedAt)}</div>
    </div>
  );
});

/** A snippet's text with its matches in <mark>. */
function Marked({ snippet }: { snippet: SearchSnippet }) {
  const parts: ReactElement[] = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    if (start > at) parts.push(<span key={`t${at}`}>{snippet.text.slice(at, start)}</span>);
    parts.push(<mark key={`m${start}`}>{snippet.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < snippet.text.length) parts.push(<span key={`t${at}`}>{snippet.text.slice(at)}</span>);
  return <>{parts}</>;
}
