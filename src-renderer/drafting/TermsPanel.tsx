import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useI18n } from '../i18n/I18nProvider.js';
import { currentTerms } from './terms-plugin.js';

const FLAG_TEXT = {
  undefined: 'draft.terms.flag.undefined',
  unused: 'draft.terms.flag.unused',
  definedTwice: 'draft.terms.flag.definedTwice',
} as const;

/** The draft's defined terms with how often each is used; undefined, unused and doubled ones flagged. */
export function TermsPanel({ state }: { view: EditorView; state: EditorState }) {
  const { t } = useI18n();
  const terms = currentTerms(state);
  return (
    <section className="draft-panel draft-terms" aria-labelledby="draft-terms-title">
      <h2 id="draft-terms-title">{t('draft.terms.title')}</h2>
      {terms.length === 0 ? (
        <p className="muted">{t('draft.terms.none')}</p>
      ) : (
        <ul>
          {terms.map((term) => (
            <li key={term.term} className={term.flag ? 'draft-term-flagged' : undefined} data-term={term.term}>
              <span className="draft-term-name">{term.term}</span> <span className="muted">{t('draft.terms.uses', { count: term.uses })}</span>
              {term.flag && <span className="draft-term-flag">{t(FLAG_TEXT[term.flag])}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
