import { useState } from 'react';
import { useUnsavedEditor } from '../app/UnsavedChanges.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';
import { OTHER_ROLE, validateParty, type PartyDraft, type PartyErrors, type PartyField } from './party-draft.js';
import { PARTY_ROLES } from './roles.js';

/**
 * Add or edit one party; the save button checks the fields and hands a valid draft back. Typed
 * text is registered as unsaved, so leaving the screen asks first.
 */
export function PartyForm({
  title,
  initial,
  busy,
  failure,
  onSave,
  onCancel,
}: {
  title: string;
  initial: PartyDraft;
  busy: boolean;
  failure: unknown;
  /** Store a valid draft; resolves false when the core refused it (the failure is shown). */
  onSave: (d: PartyDraft) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t, tRef } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<PartyErrors>({});
  const set = (key: PartyField, value: string) => {
    const next = { ...draft, [key]: value } as PartyDraft;
    setDraft(next);
    if (errors[key]) setErrors(validateParty(next));
  };
  const message = (key: PartyField) => {
    const e = errors[key];
    return e ? tRef(e) : null;
  };
  const submit = async (): Promise<boolean> => {
    const found = validateParty(draft);
    setErrors(found);
    if (Object.keys(found).length) return false;
    return onSave(draft);
  };
  useUnsavedEditor({ dirty: JSON.stringify(draft) !== JSON.stringify(initial), save: submit });
  const input = (key: Exclude<PartyField, 'role'>, label: string, required = false) => (
    <Field label={label} error={message(key)} required={required}>
      {(p) => <input {...p} type="text" value={draft[key]} onChange={(e) => set(key, e.currentTarget.value)} />}
    </Field>
  );

  return (
    <form
      className="party-form card"
      noValidate
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{title}</h3>
      {failure !== null && failure !== undefined && <ErrorBanner error={failure} />}
      <div className="form-grid">
        <Field label={t('party.role')} required>
          {(p) => (
            <select {...p} value={draft.role} onChange={(e) => set('role', e.currentTarget.value)}>
              {PARTY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
              <option value={OTHER_ROLE}>{t('role.other')}</option>
            </select>
          )}
        </Field>
        {draft.role === OTHER_ROLE ? input('customRole', t('party.customRole'), true) : <div aria-hidden="true" />}
        {input('name', t('party.name'), true)}
        {input('organisation', t('party.organisation'))}
        {input('registrationNumber', t('party.registrationNumber'))}
        {input('contact', t('party.contact'))}
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.working') : t('party.save')}
        </button>
      </div>
    </form>
  );
}
