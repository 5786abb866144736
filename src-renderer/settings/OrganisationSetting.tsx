import { useEffect, useState } from 'react';
import { ORGANISATION_LIMITS } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { PlainKey } from '../i18n/messages.js';
import {
  EMPTY_ORGANISATION,
  validateOrganisation,
  type OrganisationDraft,
  type OrganisationErrors,
  type OrganisationField,
} from '../seals/organisation-draft.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';
import { Notice } from '../ui/Notice.js';
import { Spinner } from '../ui/Spinner.js';

const FIELDS: ReadonlyArray<{ field: OrganisationField; label: PlainKey; hint?: PlainKey; required?: boolean }> = [
  { field: 'legalName', label: 'organisation.legalName', hint: 'organisation.legalNameHint', required: true },
  { field: 'creditCode', label: 'organisation.creditCode' },
  { field: 'legalRepresentative', label: 'organisation.legalRepresentative' },
  { field: 'address', label: 'organisation.address' },
];

/** The organisation that signs (Settings → Organisation): company seals are generated from it. */
export function OrganisationSetting() {
  const api = useApi();
  const { t, tRef } = useI18n();
  const [draft, setDraft] = useState<OrganisationDraft | null>(null);
  const [errors, setErrors] = useState<OrganisationErrors>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.organisation.get({}).then((r) => setDraft(r.profile ?? EMPTY_ORGANISATION), setError);
  }, [api]);

  const save = async () => {
    if (!draft) return;
    const problems = validateOrganisation(draft);
    setErrors(problems);
    setSaved(false);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      setDraft(await api.organisation.update(draft));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="settings-group organisation-setting" aria-labelledby="organisation-legend">
      <legend id="organisation-legend">{t('organisation.title')}</legend>
      <p className="muted settings-hint">{t('organisation.hint')}</p>
      {!draft && error === null ? (
        <Spinner label={t('common.loading')} />
      ) : draft ? (
        <form
          className="organisation-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {FIELDS.map(({ field, label, hint, required }) => (
            <Field key={field} label={t(label)} hint={hint ? t(hint) : undefined} required={required} error={errors[field] ? tRef(errors[field]) : null}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  className={field === 'address' ? 'input-wide' : undefined}
                  maxLength={ORGANISATION_LIMITS[field] + 20}
                  value={draft[field]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setDraft((d) => (d ? { ...d, [field]: value } : d));
                    setSaved(false);
                  }}
                />
              )}
            </Field>
          ))}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('organisation.save')}
            </button>
          </div>
        </form>
      ) : null}
      {saved && <Notice tone="success">{t('organisation.saved')}</Notice>}
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
