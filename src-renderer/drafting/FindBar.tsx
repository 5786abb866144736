import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { findNext, findPrev, getMatchHighlights, replaceAll, replaceNext, SearchQuery, setSearchState } from 'prosemirror-search';
import { useI18n } from '../i18n/I18nProvider.js';

/**
 * Find and replace over the whole draft (prosemirror-search): Enter finds the next match,
 * Shift+Enter the previous, Escape closes and returns to the text. Replacements are ordinary
 * edits: undo takes them back, autosave stores them.
 */
export function FindBar({ view, state, withReplace, onClose }: { view: EditorView; state: EditorState; withReplace: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [replace, setReplace] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const ids = { find: useId(), replace: useId() };

  useEffect(() => input.current?.focus(), [withReplace]);
  useEffect(() => {
    view.dispatch(setSearchState(view.state.tr, new SearchQuery({ search, replace })));
  }, [view, search, replace]);
  useEffect(
    () => () => {
      if (!view.isDestroyed) view.dispatch(setSearchState(view.state.tr, new SearchQuery({ search: '' })));
    },
    [view],
  );

  const matches = search ? getMatchHighlights(state).find().length : 0;
  const run = (command: Command) => command(view.state, view.dispatch, view);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(e.shiftKey ? findPrev : findNext);
    }
  };
  return (
    <div className="draft-find" role="search" onKeyDown={onKeyDown}>
      <label htmlFor={ids.find}>{t('draft.find.label')}</label>
      <input id={ids.find} ref={input} className="input" value={search} onChange={(e) => setSearch(e.target.value)} data-find="search" />
      <button type="button" className="btn" onClick={() => run(findPrev)} disabled={!matches}>
        {t('draft.find.previous')}
      </button>
      <button type="button" className="btn" onClick={() => run(findNext)} disabled={!matches}>
        {t('draft.find.next')}
      </button>
      {withReplace && (
        <>
          <label htmlFor={ids.replace}>{t('draft.find.replaceLabel')}</label>
          <input id={ids.replace} className="input" value={replace} onChange={(e) => setReplace(e.target.value)} data-find="replace" />
          <button type="button" className="btn" onClick={() => run(replaceNext)} disabled={!matches}>
            {t('draft.find.replace')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              run(replaceAll);
              // The button is disabled once nothing matches; keep the focus in the find bar.
              input.current?.focus();
            }}
            disabled={!matches}
          >
            {t('draft.find.replaceAll')}
          </button>
        </>
      )}
      <span className="muted" role="status">
        {search ? t('draft.find.matches', { count: matches }) : ''}
      </span>
      <button type="button" className="btn btn-icon" aria-label={t('draft.find.close')} title={t('draft.find.close')} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
