import { useCallback, useEffect, useId, useState } from 'react';
import type { DraftVersion } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

/** The draft's versions, newest first, and a form to keep the draft as it is now under a name. */
export function VersionsPanel({ contractId, draftId }: { contractId: string; draftId: string }) {
  const api = useApi();
  const { t, fmt } = useI18n();
  const nameId = useId();
  const [versions, setVersions] = useState<DraftVersion[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api.drafts.versions({ contractId }).then((r) => setVersions(r.versions), setError);
  }, [api, contractId]);
  useEffect(load, [load]);
  return (
    <section className="draft-panel draft-versions" aria-labelledby="draft-versions-title">
      <h2 id="draft-versions-title">{t('draft.versions.title')}</h2>
      <form
        className="draft-version-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          setBusy(true);
          api.drafts
            .saveVersion({ draftId, name })
            .then(() => {
              setName('');
              setError(null);
              load();
            }, setError)
            .finally(() => setBusy(false));
        }}
      >
        <label htmlFor={nameId}>{t('draft.versions.name')}</label>
        <input
          id={nameId}
          className="input"
          value={name}
          maxLength={120}
          placeholder={t('draft.versions.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn" disabled={busy || !name.trim()}>
          {t('draft.versions.save')}
        </button>
      </form>
      {error !== null && <ErrorBanner error={error} />}
      <ol className="draft-version-list" reversed>
        {[...versions].reverse().map((v) => (
          <li key={v.id} data-kind={v.kind}>
            <span className="draft-version-name">{v.kind === 'named' ? v.name : t('draft.versions.automatic')}</span>{' '}
            <span className="muted">{t('draft.versions.entry', { number: v.number, when: fmt.dateTime(v.createdAt) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
