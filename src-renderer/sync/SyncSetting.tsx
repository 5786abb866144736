import { useState } from 'react';
import type { SyncConnection } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';
import { Notice } from '../ui/Notice.js';
import { useSyncStatus } from './useSyncStatus.js';
import { EvidencePrivacySetting } from './EvidencePrivacySetting.js';

/**
 * Settings → Evidence service: the address and the person's own token. "Test connection" shows
 * who the token belongs to and the log's key fingerprint before anything is stored; "Connect"
 * stores the token (on this computer only, never in settings) and pins the key.
 */
export function SyncSetting() {
  const api = useApi();
  const { t } = useI18n();
  const { status } = useSyncStatus();
  const [serviceUrl, setServiceUrl] = useState('');
  const [token, setToken] = useState('');
  const [tested, setTested] = useState<SyncConnection | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const connection = status?.connection ?? null;
  const shown = tested ?? connection;

  const call = (which: 'test' | 'connect') => {
    setBusy(true);
    setError(null);
    api.sync[which]({ serviceUrl: serviceUrl || connection?.serviceUrl || '', token }).then(
      (c) => {
        setTested(which === 'test' ? c : null);
        if (which === 'connect') setToken('');
        setBusy(false);
      },
      (err: unknown) => {
        setTested(null);
        setError(err);
        setBusy(false);
      },
    );
  };

  return (
    <fieldset className="settings-group sync-setting">
      <legend>{t('sync.settings')}</legend>
      <p className="field-hint">{t('sync.settingsHint')}</p>
      <form
        className="sync-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          call('connect');
        }}
      >
        <Field label={t('sync.url')}>
          {(p) => (
            <input
              {...p}
              type="url"
              placeholder="https://evidence.example.com"
              value={serviceUrl || connection?.serviceUrl || ''}
              onChange={(e) => (setServiceUrl(e.currentTarget.value), setTested(null))}
            />
          )}
        </Field>
        <Field label={t('sync.token')} hint={t('sync.tokenHint')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => (setToken(e.currentTarget.value), setTested(null))}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="button" className="btn" disabled={busy || !token} onClick={() => call('test')}>
            {t('sync.test')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !token}>
            {t('sync.connect')}
          </button>
        </div>
      </form>
      {tested && <Notice tone="info">{t('sync.testOk')}</Notice>}
      {!tested && connection && <Notice tone="success">{t('sync.connected')}</Notice>}
      {shown && (
        <dl className="facts" data-testid="sync-connection">
          <dt>{t('sync.url')}</dt>
          <dd>{shown.serviceUrl}</dd>
          <dt>{t('sync.tenant')}</dt>
          <dd>{shown.tenantName}</dd>
          <dt>{t('sync.person')}</dt>
          <dd>{shown.principalName}</dd>
          <dt>{t('sync.role')}</dt>
          <dd>{t(`sync.role.${shown.role}`)}</dd>
          <dt>{t('sync.fingerprint')}</dt>
          <dd>
            <code>{shown.logKeyFingerprint}</code>
            <div className="field-hint">{t('sync.fingerprintHint')}</div>
          </dd>
        </dl>
      )}
      <p className="field-hint">{t('sync.sent')}</p>
      <EvidencePrivacySetting />
      {error !== null && <ErrorBanner error={error} />}
    </fieldset>
  );
}
