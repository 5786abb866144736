import { useEffect, useId, useState } from 'react';
import type { Clause, ClauseUse } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClauseFormStart } from './ClauseForm.js';
import type { ClauseEditorContext } from './ClausePanel.js';
import { POSITION_TEXT } from './messages.js';
import { insertClause } from './clause-editing.js';

/**
 * One clause: its text, fields for its variables, "insert at cursor" (the core hands back a filled
 * copy and records the use; the editor inserts it as an ordinary, undoable change), edit, where used.
 */
export function ClauseDetail(props: {
  clauseId: string;
  editor?: ClauseEditorContext;
  onOpenContract?: (contractId: string) => void;
  onEdit: (start: ClauseFormStart) => void;
  onClose: () => void;
  onInserted: (title: string) => void;
}) {
  const { clauseId, editor } = props;
  const api = useApi();
  const { t, fmt } = useI18n();
  const idBase = useId();
  const [clause, setClause] = useState<Clause | null>(null);
  const [uses, setUses] = useState<ClauseUse[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [nowhere, setNowhere] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api.clauses.get({ clauseId }), api.clauses.uses({ clauseId })]).then(
      ([c, u]) => {
        if (!live) return;
        setClause(c);
        setUses(u.uses);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, clauseId, reload]);

  if (error !== null && !clause) return <ErrorBanner error={error} />;
  if (!clause) return <Spinner label={t('common.loading')} />;

  const insert = async ({ view, contractId, language }: ClauseEditorContext) => {
    setBusy(true);
    setError(null);
    setNowhere(false);
    try {
      const given = Object.entries(values)
        .filter(([, v]) => v.trim())
        .map(([key, value]) => ({ key, value }));
      const copy = await api.clauses.insert({ clauseId, contractId, language, values: given });
      const tr = insertClause(view.state, copy.blocks);
      if (!tr) {
        setNowhere(true);
        return;
      }
      view.dispatch(tr);
      view.focus();
      props.onInserted(clause.title);
      setReload((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="clause-detail" aria-labelledby={`${idBase}-title`}>
      <header className="clause-detail-head">
        <h3 id={`${idBase}-title`}>{clause.title}</h3>
        <span className={`clause-position clause-position-${clause.position}`}>{t(POSITION_TEXT[clause.position])}</span>
      </header>
      <p className="muted">
        {t('clauses.detail.revision', { revision: clause.revision, tags: clause.tags.join(t('clauses.tagSeparator')) || t('clauses.noTags') })}
      </p>
      <div className="clause-preview" lang={clause.language}>
        {clause.text}
      </div>
      {editor && clause.variables.length > 0 && (
        <fieldset className="clause-variables">
          <legend>{t('clauses.detail.variables')}</legend>
          {clause.variables.map((v) => (
            <label key={v.key} htmlFor={`${idBase}-${v.key}`}>
              <span>{v.label}</span>
              {v.kind === 'choice' ? (
                <select
                  id={`${idBase}-${v.key}`}
                  className="input"
                  value={values[v.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [v.key]: e.target.value })}
                >
                  <option value="" />
                  {v.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`${idBase}-${v.key}`}
                  className="input"
                  value={values[v.key] ?? ''}
                  maxLength={2000}
                  placeholder={v.kind === 'date' ? '2026-12-07' : v.kind === 'money' ? '12345.60' : (v.default ?? '')}
                  onChange={(e) => setValues({ ...values, [v.key]: e.target.value })}
                />
              )}
            </label>
          ))}
        </fieldset>
      )}
      {error !== null && <ErrorBanner error={error} />}
      {nowhere && <ErrorBanner message={t('clauses.insertNowhere')} />}
      <div className="clause-actions">
        {editor && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void insert(editor)} onMouseDown={(e) => e.preventDefault()}>
            {t('clauses.insert')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => props.onEdit({ mode: 'revise', clause })}>
          {t('clauses.edit')}
        </button>
        <button type="button" className="btn" onClick={props.onClose}>
          {t('clauses.close')}
        </button>
      </div>
      <h4>{t('clauses.uses.title')}</h4>
      {uses.length === 0 ? (
        <p className="muted">{t('clauses.uses.none')}</p>
      ) : (
        <ul className="clause-uses">
          {uses.map((u, i) => (
            <li key={i}>
              {props.onOpenContract ? (
                <button type="button" className="btn-link" onClick={() => props.onOpenContract?.(u.contractId)}>
                  {u.contractTitle}
                </button>
              ) : (
                u.contractTitle
              )}{' '}
              <span className="muted">{t('clauses.uses.entry', { revision: u.revision, when: fmt.dateTime(u.insertedAt) })}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
