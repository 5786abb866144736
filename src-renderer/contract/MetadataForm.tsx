import { useEffect, useRef, useState } from 'react';
import type { Contract } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useUnsavedEditor } from '../app/UnsavedChanges.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';
import { Notice } from '../ui/Notice.js';
import {
  CURRENCIES,
  draftOf,
  isDirty,
  patchFrom,
  rebaseDraft,
  validateDraft,
  type DraftErrors,
  type DraftField,
  type MetadataDraft,
} from './metadata-draft.js';
import { parseDateInput } from '../library/date-input.js';
import { TagsInput } from './TagsInput.js';

type Outcome = { kind: 'saved' } | { kind: 'unchanged' } | { kind: 'invalid' } | { kind: 'failed'; error: unknown } | null;

/**
 * A contract's metadata. Fields are checked on save, with the reason beside each field in the
 * current language (and kept current while the person corrects them); only changed fields are sent.
 * Nothing is checked on blur: a message appearing under a field would move the Save button away
 * from the pointer between mouse-down and mouse-up. Unsaved edits survive a fresh copy of the
 * contract arriving, and leaving the screen with them asks first (UnsavedChanges).
 */
export function MetadataForm({ contract, onSaved }: { contract: Contract; onSaved: (c: Contract) => void }) {
  const api = useApi();
  const { t, tRef } = useI18n();
  const [draft, setDraft] = useState<MetadataDraft>(() => draftOf(contract));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  /** The stored values the draft was started from. */
  const base = useRef<MetadataDraft>(draft);

  // A change elsewhere (status, an import adding a document) gives a fresh contract: take it in
  // without dropping what the person has typed.
  useEffect(() => {
    const previous = base.current;
    const next = draftOf(contract);
    base.current = next;
    setDraft((d) => rebaseDraft(previous, next, d));
  }, [contract]);

  const set = <K extends DraftField>(key: K, value: MetadataDraft[K]) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    setOutcome(null);
    // Once a field was found wrong, its message follows the typing (and goes away when fixed).
    if (Object.keys(errors).length) setErrors(validateDraft(next));
  };
  const message = (key: DraftField) => {
    const problem = errors[key];
    return problem ? tRef(problem) : null;
  };

  /** Check and store the draft; true when nothing is left unsaved. */
  const save = async (): Promise<boolean> => {
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length) {
      setOutcome({ kind: 'invalid' });
      const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return false;
    }
    const patch = patchFrom(contract, draft);
    if (!patch) {
      setOutcome({ kind: 'unchanged' });
      return true;
    }
    setBusy(true);
    try {
      const saved = await api.contracts.update({ id: contract.id, patch });
      // Everything typed is stored now (normalised: 1,250 → 1250): the form shows the stored values.
      base.current = draftOf(saved);
      setDraft(base.current);
      onSaved(saved);
      setOutcome({ kind: 'saved' });
      return true;
    } catch (err) {
      setOutcome({ kind: 'failed', error: err });
      return false;
    } finally {
      setBusy(false);
    }
  };
  useUnsavedEditor({ dirty: isDirty(contract, draft), save });

  const text = (key: 'title' | 'contractType' | 'owner', label: string, extra: { required?: boolean; placeholder?: string } = {}) => (
    <Field label={label} error={message(key)} required={extra.required}>
      {(p) => <input {...p} type="text" value={draft[key]} placeholder={extra.placeholder} onChange={(e) => set(key, e.currentTarget.value)} />}
    </Field>
  );
  // Typed (2026-12-01, 2026/12/01, 2026年12月1日) or picked from the browser's calendar beside it.
  const date = (key: 'effectiveDate' | 'expiryDate' | 'renewalDate', label: string) => (
    <Field label={label} error={message(key)}>
      {(p) => (
        <span className="date-input">
          <input
            {...p}
            type="text"
            className="input-date"
            value={draft[key]}
            placeholder={t('field.datePlaceholder')}
            onChange={(e) => set(key, e.currentTarget.value)}
          />
          <input
            type="date"
            className="date-picker"
            aria-label={t('field.pickDate', { field: label })}
            title={t('field.pickDate', { field: label })}
            value={parseDateInput(draft[key]) ?? ''}
            onChange={(e) => set(key, e.currentTarget.value)}
          />
        </span>
      )}
    </Field>
  );

  return (
    <form
      ref={form}
      className="metadata-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {outcome?.kind === 'invalid' && <ErrorBanner message={t('validation.fixErrors')} />}
      {outcome?.kind === 'failed' && <ErrorBanner error={outcome.error} />}
      {outcome?.kind === 'saved' && <Notice tone="success">{t('form.saved')}</Notice>}
      {outcome?.kind === 'unchanged' && <Notice>{t('form.noChanges')}</Notice>}

      <div className="form-grid">
        <div className="span-2">{text('title', t('field.title'), { required: true })}</div>
        {text('contractType', t('field.contractType'), { placeholder: t('field.contractTypePlaceholder') })}
        {text('owner', t('field.owner'))}
        <div className="span-2">
          <Field label={t('field.tags')} hint={t('field.tagsHint')} error={message('tags')}>
            {(p) => <TagsInput value={draft.tags} onChange={(tags) => set('tags', tags)} control={p} />}
          </Field>
        </div>
        <fieldset className="span-2 fieldset-inline">
          <legend>{t('field.value')}</legend>
          <Field label={t('field.amount')} error={message('amount')} className="grow">
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode="decimal"
                className="input-number"
                value={draft.amount}
                placeholder="0.00"
                onChange={(e) => set('amount', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('field.currency')} error={message('currency')}>
            {(p) => (
              <select {...p} value={draft.currency} onChange={(e) => set('currency', e.currentTarget.value)}>
                {[...new Set([...CURRENCIES, draft.currency])].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <div className="span-2 date-row">
          {date('effectiveDate', t('field.effectiveDate'))}
          {date('expiryDate', t('field.expiryDate'))}
          {date('renewalDate', t('field.renewalDate'))}
        </div>
        <div className="span-2">
          <Field label={t('field.notes')} error={message('notes')}>
            {(p) => <textarea {...p} rows={5} value={draft.notes} onChange={(e) => set('notes', e.currentTarget.value)} />}
          </Field>
        </div>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(draftOf(contract));
            setErrors({});
            setOutcome(null);
          }}
          disabled={busy}
        >
          {t('form.discard')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.working') : t('form.save')}
        </button>
      </div>
    </form>
  );
}
