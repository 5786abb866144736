import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';

/** A modal asking for the one thing a new contract needs: its title. */
export function NewContractDialog({
  open,
  onClose,
  onCreated,
  onFromTemplate,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  /** Drafting (issue 10): start from a template instead. */
  onFromTemplate?: () => void;
}) {
  const api = useApi();
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      setTitle('');
      setError(null);
      setFailure(null);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const submit = async () => {
    const trimmed = title.trim();
    if (!trimmed) return setError(t('validation.required'));
    if (trimmed.length > 300) return setError(t('validation.tooLong', { max: 300 }));
    setBusy(true);
    try {
      const contract = await api.contracts.create({ title: trimmed });
      // 新建合同 starts a draft too (issue 10); the contract is made even if the draft is not.
      await api.drafts.create({ contractId: contract.id }).catch(() => undefined);
      onCreated(contract.id);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="new-contract-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="new-contract-title">{t('newContract.title')}</h2>
        {failure !== null && <ErrorBanner error={failure} />}
        <Field label={t('newContract.field')} error={error} required>
          {(p) => <input {...p} type="text" value={title} autoFocus onChange={(e) => (setTitle(e.currentTarget.value), setError(null))} />}
        </Field>
        <div className="dialog-actions">
          {onFromTemplate && (
            <button type="button" className="btn dialog-action-aside" onClick={onFromTemplate}>
              {t('newContract.fromTemplate')}
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('newContract.create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
