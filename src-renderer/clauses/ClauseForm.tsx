import { useId, useMemo, useState } from 'react';
import { CLAUSE_LIMITS, type Clause, type ClauseNodeJSON, type ClausePosition } from '../../src-shared/api/index.js';
import { clauseAsText, clauseBlocksFromText } from '../../src-shared/clause-text.js';
import { LANGUAGES, type Language } from '../../src-shared/i18n/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { POSITION_TEXT } from './messages.js';

/** Saving the editor's passage as a new clause, or editing a clause (which becomes a new revision). */
export type ClauseFormStart = { mode: 'add'; blocks: ClauseNodeJSON[]; language: Language } | { mode: 'revise'; clause: Clause };

const LANGUAGE_TEXT = { 'zh-CN': 'draft.language.zh-CN', en: 'draft.language.en' } as const satisfies Record<Language, string>;

const splitTags = (value: string) =>
  value
    .split(/[,，、]/)
    .map((tag) => tag.trim())
    .filter(Boolean);

export function ClauseForm({ start, onSaved, onCancel }: { start: ClauseFormStart; onSaved: (clause: Clause) => void; onCancel: () => void }) {
  const api = useApi();
  const { t } = useI18n();
  const id = useId();
  const existing = start.mode === 'revise' ? start.clause : null;
  const asText = useMemo(() => (existing ? clauseAsText(existing.blocks) : null), [existing]);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [tags, setTags] = useState(existing?.tags.join(', ') ?? '');
  const [position, setPosition] = useState<ClausePosition>(existing?.position ?? 'standard');
  const [language, setLanguage] = useState<Language>(existing?.language ?? (start.mode === 'add' ? start.language : 'zh-CN'));
  const [heading, setHeading] = useState(asText?.heading ?? '');
  const [text, setText] = useState(asText?.text ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const preview = useMemo(() => (start.mode === 'add' ? clauseAsText(start.blocks) : null), [start]);

  const submit = () => {
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    const input = {
      title: title.trim(),
      tags: splitTags(tags),
      language,
      position,
      // A new clause keeps the passage as it is in the draft (bold, tables, references); an edit is text.
      blocks: existing ? clauseBlocksFromText(text, heading) : start.mode === 'add' ? start.blocks : [],
      variables: existing?.variables ?? [],
    };
    (existing ? api.clauses.revise({ ...input, clauseId: existing.id }) : api.clauses.add(input)).then(onSaved, setError).finally(() => setBusy(false));
  };

  return (
    <form
      className="clause-form"
      aria-labelledby={`${id}-legend`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id={`${id}-legend`}>{t(existing ? 'clauses.form.revise' : 'clauses.form.add')}</h3>
      {existing && <p className="muted">{t('clauses.revisionNote')}</p>}
      <label htmlFor={`${id}-title`}>{t('clauses.form.title')}</label>
      <input id={`${id}-title`} className="input" value={title} maxLength={CLAUSE_LIMITS.title} required autoFocus onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={`${id}-tags`}>{t('clauses.form.tags')}</label>
      <input id={`${id}-tags`} className="input" value={tags} maxLength={500} onChange={(e) => setTags(e.target.value)} />
      <fieldset className="clause-form-choice">
        <legend>{t('clauses.filter.position')}</legend>
        {(['standard', 'fallback'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name={`${id}-position`} value={p} checked={position === p} onChange={() => setPosition(p)} /> {t(POSITION_TEXT[p])}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-language`}>{t('clauses.form.language')}</label>
      <select id={`${id}-language`} className="input" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(LANGUAGE_TEXT[l])}
          </option>
        ))}
      </select>
      {existing ? (
        <>
          <label htmlFor={`${id}-heading`}>{t('clauses.form.heading')}</label>
          <input id={`${id}-heading`} className="input" value={heading} maxLength={200} onChange={(e) => setHeading(e.target.value)} />
          <label htmlFor={`${id}-text`}>{t('clauses.form.text')}</label>
          <textarea id={`${id}-text`} className="input" rows={6} value={text} maxLength={20000} onChange={(e) => setText(e.target.value)} />
          <p className="muted">{t('clauses.form.textNote')}</p>
        </>
      ) : (
        <>
          <p className="clause-form-label">{t('clauses.form.preview')}</p>
          <div className="clause-preview">
            {/* As the library will keep it: each variable as its placeholder, not this contract's value. */}
            {[preview?.heading, preview?.text]
              .filter(Boolean)
              .join('\n')
              .replace(/\{\{(\w+)\}\}/g, '〔$1〕')}
          </div>
        </>
      )}
      {error !== null && <ErrorBanner error={error} />}
      <div className="clause-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>
          {t('clauses.form.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('clauses.form.cancel')}
        </button>
      </div>
    </form>
  );
}
