import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { ContractRow } from './ContractRow.js';
import { useSyncStatus } from '../sync/useSyncStatus.js';
import type { PagedSearch } from './usePagedSearch.js';

export const ROW_HEIGHT = 60;

/**
 * The library as a virtualised listbox: only the rows in view exist in the DOM, so 100 000
 * contracts scroll like 100. Rows are fetched a page at a time as they come into view.
 */
export function ContractList({
  results,
  total,
  selected,
  active,
  resetKey,
  onSelect,
  onOpen,
  onKeyDown,
  checked,
  onCheck,
}: {
  results: PagedSearch;
  total: number;
  selected: number;
  active: boolean;
  /** Changes when the query changes: the list goes back to the top. */
  resetKey: string;
  onSelect: (index: number) => void;
  onOpen: (id: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  /** Contracts ticked for batch signing. */
  checked: ReadonlySet<string>;
  onCheck: (index: number, range: boolean) => void;
}) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const savedScroll = useRef(0);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = results;
  // Contracts with changes the service has not acknowledged: one status read for all rows, fresh after each pass.
  const { status } = useSyncStatus();
  const unsynced = useMemo(() => new Set(status?.connection ? status.unsyncedContracts : []), [status]);

  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);

  useEffect(() => {
    if (selected >= 0 && selected < total) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, total, virtualizer]);

  useLayoutEffect(() => {
    savedScroll.current = 0;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  // Hidden while a contract is open: remember where the list was and come back to it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (active && el && savedScroll.current) el.scrollTop = savedScroll.current;
  }, [active]);

  return (
    <div className="contract-list">
      <div className="contract-list-header" aria-hidden="true">
        <span>{t('columns.title')}</span>
        <span>{t('columns.status')}</span>
        <span className="contract-cell-number">{t('columns.value')}</span>
        <span>{t('columns.expiry')}</span>
        <span>{t('columns.updated')}</span>
      </div>
      <div
        ref={scroller}
        className="contract-list-scroller"
        role="listbox"
        tabIndex={0}
        aria-label={t('library.listLabel')}
        aria-activedescendant={selected >= 0 && selected < total ? `contract-row-${selected}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          if (active) savedScroll.current = e.currentTarget.scrollTop;
        }}
      >
        <div className="contract-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div key={item.key} className="contract-row-slot" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <ContractRow
                hit={results.rowAt(item.index)}
                index={item.index}
                selected={item.index === selected}
                unsynced={unsynced.has(results.rowAt(item.index)?.id ?? '')}
                total={total}
                onOpen={onOpen}
                onSelect={onSelect}
                checked={Boolean(results.rowAt(item.index) && checked.has(results.rowAt(item.index)!.id))}
                onCheck={onCheck}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
