import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../api/ApiContext.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useLoader } from '../hooks/useLoader.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { ImportPanel } from '../import/ImportPanel.js';
import type { ImportJob } from '../import/useImportJob.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { ContractList, ROW_HEIGHT } from './ContractList.js';
import { EmptyLibrary, NoMatches } from './EmptyLibrary.js';
import { FilterBar } from './FilterBar.js';
import { NewContractDialog } from './NewContractDialog.js';
import { EMPTY_QUERY, isNarrowed, type LibraryQuery } from './query.js';
import { RemindersPanel } from './RemindersPanel.js';
import { SearchBox } from './SearchBox.js';
import { SortControl } from './SortControl.js';
import { usePagedSearch } from './usePagedSearch.js';
// Batch signing (issue 9)
import { BatchSigningDialog } from '../signing/BatchSigningDialog.js';
import { useBatchSelection } from './useBatchSelection.js';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The contract library: search, filters and sort above a virtualised list of every contract, the
 * reminders beside it, import progress on top. Keyboard: / or Ctrl/Cmd+F to search, ↑/↓ to move,
 * Enter to open.
 */
export function LibraryScreen({
  active,
  onOpen,
  importJob,
  onImport,
  onNewFromTemplate,
}: {
  active: boolean;
  /** 从模板新建: the template gallery (issue 10). */
  onNewFromTemplate?: () => void;
  onOpen: (id: string) => void;
  importJob: ImportJob;
  onImport: (files: File[]) => void;
}) {
  const api = useApi();
  const { t, plural, fmt } = useI18n();
  const [query, setQuery] = useState<LibraryQuery>(EMPTY_QUERY);
  const [selected, setSelected] = useState(-1);
  const [creating, setCreating] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const results = usePagedSearch(query);
  const tags = useLoader(() => api.contracts.tags({}), [api]);
  const { refresh } = results;
  const { reload: reloadTags } = tags;
  const queryKey = useMemo(() => JSON.stringify(query), [query]);

  const patchQuery = useCallback((patch: Partial<LibraryQuery>) => {
    setQuery((q) => ({ ...q, ...patch }));
    setSelected(-1);
  }, []);
  const clearFilters = useCallback(() => {
    setQuery((q) => ({ ...EMPTY_QUERY, sort: q.sort, direction: q.direction }));
    setSelected(-1);
  }, []);

  useCoreEvents(
    useCallback(
      (e) => {
        if (e.type !== 'library.changed') return;
        refresh();
        reloadTags();
      },
      [refresh, reloadTags],
    ),
  );

  // Back from a contract: edits there (title, status, parties) may have changed rows and reminders.
  const [visits, setVisits] = useState(0);
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) {
      refresh();
      reloadTags();
      setVisits((n) => n + 1);
    }
    wasActive.current = active;
  }, [active, refresh, reloadTags]);

  // Anywhere on this screen: "/" (outside text fields) or Ctrl/Cmd+F jumps to the search box.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const find = (e.key === 'f' || e.key === 'F') && (e.ctrlKey || e.metaKey) && !e.altKey;
      if (find || (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(e.target))) {
        e.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const total = results.total ?? 0;
  // Batch signing (issue 9): rows ticked for "Sign selected".
  const batch = useBatchSelection(results, total);
  const [batchOpen, setBatchOpen] = useState(false);
  const pageRows = Math.max(1, Math.floor(480 / ROW_HEIGHT));
  const onListKey = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (!total) return;
      const move = (to: number) => {
        e.preventDefault();
        setSelected(Math.max(0, Math.min(total - 1, to)));
      };
      switch (e.key) {
        case 'ArrowDown':
          return move(selected + 1);
        case 'ArrowUp':
          return move(selected <= 0 ? 0 : selected - 1);
        case 'PageDown':
          return e.currentTarget.getAttribute('role') === 'listbox' ? move(selected + pageRows) : undefined;
        case 'PageUp':
          return e.currentTarget.getAttribute('role') === 'listbox' ? move(selected - pageRows) : undefined;
        case 'Home':
          return e.currentTarget.getAttribute('role') === 'listbox' ? move(0) : undefined;
        case 'End':
          return e.currentTarget.getAttribute('role') === 'listbox' ? move(total - 1) : undefined;
        case ' ':
          if (e.currentTarget.getAttribute('role') !== 'listbox' || selected < 0) return;
          e.preventDefault();
          return batch.toggle(selected, e.shiftKey);
        case 'a':
        case 'A':
          if (e.currentTarget.getAttribute('role') !== 'listbox' || !(e.ctrlKey || e.metaKey)) return;
          e.preventDefault();
          return batch.selectAllShown();
        case 'Enter': {
          const hit = results.rowAt(selected < 0 ? 0 : selected);
          if (hit) {
            e.preventDefault();
            onOpen(hit.id);
          }
          return;
        }
        default:
          return;
      }
    },
    [total, selected, pageRows, results, onOpen, batch],
  );

  const narrowed = isNarrowed(query);
  const firstLoad = results.total === null && !results.error;
  const libraryEmpty = results.total === 0 && !narrowed;

  return (
    <div className="screen library-screen">
      <header className="screen-header">
        <div className="screen-heading">
          <h1>{t('library.title')}</h1>
          {results.total !== null && !libraryEmpty && (
            <span className="result-count" aria-live="polite">
              <span className="result-total">
                {results.totalIsExact ? plural('library.count', results.total) : t('library.countAtLeast', { count: fmt.integer(results.total) })}
              </span>
            </span>
          )}
        </div>
        <div className="screen-actions">
          {total > 0 && (
            <button type="button" className="btn btn-quiet" onClick={batch.checked.size ? batch.clear : batch.selectAllShown}>
              {t(batch.checked.size ? 'library.clearSelection' : 'library.selectAllVisible')}
            </button>
          )}
          {batch.checked.size > 0 && (
            <button type="button" className="btn" onClick={() => setBatchOpen(true)}>
              <Icon name="edit" /> {t('library.signSelected', { count: batch.checked.size })}
            </button>
          )}
          <button type="button" className="btn" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('library.newContract')}
          </button>
          <FilePickerButton
            className="btn btn-primary"
            onFiles={onImport}
            disabled={importJob.state.phase === 'reading' || importJob.state.phase === 'running'}
          >
            <Icon name="upload" /> {t('library.import')}
          </FilePickerButton>
        </div>
      </header>

      <ImportPanel job={importJob} onOpen={onOpen} />

      <div className="library-body">
        <div className="library-main">
          {!libraryEmpty && (
            <div className="library-controls">
              <div className="library-search-row">
                <SearchBox ref={searchInput} value={query.text} onChange={(text) => patchQuery({ text })} onKeyDown={onListKey} />
                <SortControl sort={query.sort} direction={query.direction} onChange={(sort, direction) => patchQuery({ sort, direction })} />
              </div>
              <FilterBar query={query} tags={tags.data ?? []} onChange={patchQuery} onClear={clearFilters} />
            </div>
          )}
          {results.error ? (
            <ErrorBanner error={results.error} title={t('library.loadError')} onRetry={results.retry} />
          ) : firstLoad ? (
            <Spinner label={t('common.loading')} />
          ) : libraryEmpty ? (
            <EmptyLibrary onImport={onImport} />
          ) : total === 0 ? (
            <NoMatches onClear={() => setQuery(EMPTY_QUERY)} />
          ) : (
            <>
              {!results.totalIsExact && (
                <p className="window-notice" role="status">
                  {t('library.countWindow', { count: fmt.integer(total) })}{' '}
                  <button type="button" className="btn-link" onClick={results.showAll}>
                    {t('library.showAll')}
                  </button>
                </p>
              )}
              <ContractList
                results={results}
                total={total}
                selected={selected}
                active={active}
                resetKey={queryKey}
                onSelect={setSelected}
                onOpen={onOpen}
                onKeyDown={onListKey}
                checked={batch.checked}
                onCheck={batch.toggle}
              />
              <p className="keyboard-hint muted">{t('library.keyboardHint')}</p>
            </>
          )}
        </div>
        <RemindersPanel onOpen={onOpen} refreshKey={visits} />
      </div>

      <BatchSigningDialog
        open={batchOpen}
        contractIds={[...batch.checked]}
        onClose={() => {
          setBatchOpen(false);
          batch.clear();
        }}
      />
      <NewContractDialog
        open={creating}
        onClose={() => setCreating(false)}
        onFromTemplate={
          onNewFromTemplate &&
          (() => {
            setCreating(false);
            onNewFromTemplate();
          })
        }
        onCreated={(id) => {
          setCreating(false);
          onOpen(id);
        }}
      />
    </div>
  );
}
