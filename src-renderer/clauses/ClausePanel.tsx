import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { ClausePosition, ClauseSummary } from '../../src-shared/api/index.js';
import type { Language } from '../../src-shared/i18n/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { ClauseDetail } from './ClauseDetail.js';
import { ClauseForm, type ClauseFormStart } from './ClauseForm.js';
import { clauseFromSelection } from './clause-editing.js';
import { POSITION_TEXT } from './messages.js';

/** How long typing pauses before the library is searched. */
const SEARCH_PAUSE_MS = 200;

/**
 * The clause library beside the editor: search (CJK-aware, as the contract library), a preview with
 * insert-at-cursor and the clause's variables, editing (a new revision), where used, and "save as
 * clause" for the cursor's article or the selected passage. Arrow keys move from the search box
 * through the results; Enter opens one.
 */
/** The open draft the panel inserts into and saves from (none on the Clause library screen). */
export interface ClauseEditorContext {
  view: EditorView;
  state: EditorState;
  contractId: string;
  language: Language;
}

export function ClausePanel({ editor, onOpenContract }: { editor?: ClauseEditorContext; onOpenContract?: (contractId: string) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const searchId = useId();
  const positionId = useId();
  const [query, setQuery] = useState('');
  const [position, setPosition] = useState<ClausePosition | ''>('');
  const [found, setFound] = useState<ClauseSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState<ClauseFormStart | null>(null);
  const [notice, setNotice] = useState('');
  const [generation, setGeneration] = useState(0);
  const results = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.clauses.list({ query, position: position || undefined }).then(
        (r) => {
          if (!live) return;
          setFound(r.clauses);
          setError(null);
        },
        (e: unknown) => live && setError(e),
      );
    }, SEARCH_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query, position, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  const focusResult = (index: number) => {
    const buttons = results.current?.querySelectorAll<HTMLButtonElement>('button.clause-result');
    if (!buttons?.length) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, index))].focus();
  };
  const onResultKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(results.current?.querySelectorAll<HTMLButtonElement>('button.clause-result') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusResult(at + 1);
    else if (e.key === 'ArrowUp' && at <= 0) document.getElementById(searchId)?.focus();
    else if (e.key === 'ArrowUp') focusResult(at - 1);
    else return;
    e.preventDefault();
  };

  const saveSelection = (editor: ClauseEditorContext) => {
    const blocks = clauseFromSelection(editor.view.state);
    setNotice('');
    if (!blocks.length) {
      setNotice(t('clauses.nothingSelected'));
      return;
    }
    setOpenId(null);
    setForm({ mode: 'add', blocks, language: editor.language });
  };

  return (
    <section className="draft-panel clause-panel" aria-labelledby="clause-panel-title">
      <h2 id="clause-panel-title">{t('clauses.title')}</h2>
      <div className="clause-search">
        <label htmlFor={searchId} className="visually-hidden">
          {t('clauses.search')}
        </label>
        <input
          id={searchId}
          type="search"
          className="input"
          value={query}
          maxLength={200}
          placeholder={t('clauses.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusResult(0);
            }
          }}
        />
        <label htmlFor={positionId} className="visually-hidden">
          {t('clauses.filter.position')}
        </label>
        <select id={positionId} className="input" value={position} onChange={(e) => setPosition(e.target.value as ClausePosition | '')}>
          <option value="">{t('clauses.filter.all')}</option>
          <option value="standard">{t('clauses.position.standard')}</option>
          <option value="fallback">{t('clauses.position.fallback')}</option>
        </select>
      </div>
      {editor && (
        <button type="button" className="btn" onClick={() => saveSelection(editor)} onMouseDown={(e) => e.preventDefault()}>
          {t('clauses.saveSelection')}
        </button>
      )}
      {notice && (
        <p className="clause-notice" role="status">
          {notice}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} onRetry={refresh} />}
      {form && (
        <ClauseForm
          start={form}
          onCancel={() => setForm(null)}
          onSaved={(c) => {
            setForm(null);
            setNotice(t('clauses.saved', { title: c.title, revision: c.revision }));
            setOpenId(c.id);
            refresh();
          }}
        />
      )}
      {openId && !form && (
        <ClauseDetail
          key={openId}
          clauseId={openId}
          editor={editor}
          onOpenContract={onOpenContract}
          onEdit={(start) => setForm(start)}
          onClose={() => setOpenId(null)}
          onInserted={(title) => {
            setNotice(t('clauses.inserted', { title }));
            refresh();
          }}
        />
      )}
      {found === null ? (
        <p className="muted">{t('clauses.loading')}</p>
      ) : found.length === 0 ? (
        <p className="muted clause-empty">{query.trim() ? t('clauses.noMatch', { query: query.trim() }) : t('clauses.empty')}</p>
      ) : (
        <ul className="clause-results" ref={results} aria-label={t('clauses.results')} onKeyDown={onResultKey}>
          {found.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="clause-result"
                aria-current={openId === c.id}
                onClick={() => {
                  setForm(null);
                  setOpenId(c.id);
                }}
              >
                <span className="clause-result-title">{c.title}</span>
                <span className={`clause-position clause-position-${c.position}`}>{t(POSITION_TEXT[c.position])}</span>
                <span className="clause-result-text">{c.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
