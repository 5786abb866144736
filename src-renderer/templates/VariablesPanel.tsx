import { useEffect, useId, useReducer, useRef, useState } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';
import type { Contract } from '../../src-shared/api/index.js';
import {
  DRAFT_VARIABLE_VALUES,
  readDraftVariables,
  refillVariable,
  renderVariable,
  storeDraftVariable,
  variableUses,
  type FillConflict,
  type VariableSpec,
} from '../../src-shared/drafting/index.js';
import type { Language } from '../../src-shared/i18n/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { checkField } from './fill-form.js';
import { VariableField, type PartyChoice } from './VariableField.js';

interface Pending {
  spec: VariableSpec;
  value: string;
  conflicts: FillConflict[];
}

/**
 * The editor's variables panel (a draft made from a template): each variable with its value and
 * where it stands in the text. A new value re-fills every place that still reads as the last
 * fill; places the person edited by hand are left as they are and asked about — keep mine, or
 * take the new value. Yes/no variables were decided when the draft was made.
 */
export function VariablesPanel({
  view,
  state,
  ydoc,
  contract,
  language,
}: {
  view: EditorView;
  state: EditorState;
  ydoc: Y.Doc;
  contract: Contract;
  language: Language;
}) {
  const { t, plural } = useI18n();
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    // Values change here, by undo, or in a merged copy: the panel follows the Yjs map.
    const values = ydoc.getMap(DRAFT_VARIABLE_VALUES);
    values.observe(changed);
    return () => values.unobserve(changed);
  }, [ydoc]);
  const { specs, values } = readDraftVariables(ydoc);
  if (!specs.length) return null;
  const uses = variableUses(state.doc);
  const parties: PartyChoice[] = contract.parties.map((p) => ({ name: p.name, label: t('templates.party.contract', { role: p.role }) }));

  const apply = (spec: VariableSpec, value: string) => {
    const tr = view.state.tr;
    const conflicts = refillVariable(tr, specs, spec.key, value, language);
    // Not one Yjs transaction: y-prosemirror writes the text under its own origin (its undo follows that).
    if (tr.docChanged) view.dispatch(tr);
    storeDraftVariable(ydoc, spec.key, value);
    if (conflicts.length) setPending({ spec, value, conflicts });
    else setNotice(t('variables.updated', { label: spec.label }));
  };

  return (
    <section className="draft-panel draft-variables" aria-labelledby="draft-variables-title">
      <h2 id="draft-variables-title">{t('variables.title')}</h2>
      {notice && (
        <p className="template-notice" role="status">
          {notice}
        </p>
      )}
      <ul>
        {specs.map((spec) => {
          const use = uses.get(spec.key) ?? { places: 0, editedByHand: 0 };
          return (
            <li key={spec.key} data-variable-row={spec.key}>
              {spec.kind === 'yesno' ? (
                <p>
                  {spec.label}: {values[spec.key] === 'yes' ? t('templates.field.yes') : t('common.none')}{' '}
                  <span className="muted draft-variable-meta">{t('variables.decided')}</span>
                </p>
              ) : (
                <VariableEditor key={values[spec.key]} spec={spec} stored={values[spec.key] ?? ''} language={language} parties={parties} onApply={apply} />
              )}
              {spec.kind !== 'yesno' && (
                <p className="muted draft-variable-meta">
                  {plural('variables.places', use.places)}
                  {use.editedByHand > 0 && <span className="draft-variable-edited"> · {t('variables.edited')}</span>}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {pending && (
        <ConflictDialog
          pending={pending}
          language={language}
          onDecide={(take) => {
            if (take) {
              const tr = view.state.tr;
              refillVariable(tr, specs, pending.spec.key, pending.value, language, true);
              if (tr.docChanged) view.dispatch(tr);
            }
            setPending(null);
            setNotice(t('variables.updated', { label: pending.spec.label }));
            view.focus();
          }}
        />
      )}
    </section>
  );
}

/** One variable's field in the panel, applied with Enter or the Apply button once it checks. */
function VariableEditor({
  spec,
  stored,
  language,
  parties,
  onApply,
}: {
  spec: VariableSpec;
  stored: string;
  language: Language;
  parties: readonly PartyChoice[];
  onApply: (spec: VariableSpec, value: string) => void;
}) {
  const { t, lang, errorText } = useI18n();
  const [raw, setRaw] = useState(stored);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="draft-variable-form"
      onSubmit={(e) => {
        e.preventDefault();
        const checked = checkField(spec, raw, lang);
        if (checked.problem) return setProblem(errorText(checked.problem));
        if (checked.value !== undefined && checked.value !== stored) onApply(spec, checked.value);
      }}
    >
      <VariableField spec={spec} value={raw} problem={problem} documentLanguage={language} parties={parties} onChange={(v) => (setRaw(v), setProblem(null))} />
      <button type="submit" className="btn" disabled={raw === stored}>
        {t('variables.apply')}
      </button>
    </form>
  );
}

function ConflictDialog({ pending, language, onDecide }: { pending: Pending; language: Language; onDecide: (takeNewValue: boolean) => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const replacement = renderVariable(pending.spec, pending.value, language);
  return (
    <dialog ref={dialog} className="dialog variable-conflict" aria-labelledby={titleId} onCancel={() => onDecide(false)}>
      <h2 id={titleId}>{t('variables.conflict.title')}</h2>
      <p>{t('variables.conflict.body', { label: pending.spec.label })}</p>
      {pending.conflicts.map((c, i) => (
        <div key={i}>
          <p className="muted">{t('variables.conflict.yours')}</p>
          <p className="variable-conflict-text" lang={language}>
            {c.current}
          </p>
        </div>
      ))}
      <p className="muted">{t('variables.conflict.new')}</p>
      <p className="variable-conflict-text" lang={language}>
        {replacement}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn" autoFocus onClick={() => onDecide(false)}>
          {t('variables.conflict.keep')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => onDecide(true)}>
          {t('variables.conflict.take')}
        </button>
      </div>
    </dialog>
  );
}
