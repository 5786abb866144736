import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

/**
 * A file path typed by hand, for the browser host (a web page cannot learn a picked file's path).
 * The core checks it (a full path to an existing file) and says what is wrong in words.
 */
export function AddPathForm({ id, label, submit, onSubmit }: { id: string; label: string; submit: string; onSubmit: (path: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setError(null);
    onSubmit(path.trim())
      .then(
        () => setPath(''),
        (err: unknown) => setError(err),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form className="device-add device-add-path" onSubmit={send}>
      <label htmlFor={id}>{label}</label>
      <div className="device-add-row">
        <input id={id} type="text" className="mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" />
        <button type="submit" className="btn" disabled={busy || !path.trim()}>
          {busy ? t('common.working') : submit}
        </button>
      </div>
      {error !== null && <ErrorBanner error={error} />}
    </form>
  );
}
