import { useCallback, useEffect, useState } from 'react';
import type { Contract, VersionEvidence } from '../../src-shared/api/index.js';
import { LANGUAGES, type Language } from '../../src-shared/i18n/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useLoader } from '../hooks/useLoader.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { saveFile } from '../pdf/save-file.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Spinner } from '../ui/Spinner.js';
import { useSyncStatus } from './useSyncStatus.js';

/**
 * The contract's 存证 / Evidence tab: each signed version with its evidence number, the time the
 * receipt proves, the log checkpoint, the receipt's verification (recomputed by the core from the
 * stored receipt each time this opens — no network), retention and legal hold as the service last
 * reported them, and the certificate (出证报告) in the language chosen.
 */
export function EvidenceTab({ contract }: { contract: Contract }) {
  const api = useApi();
  const { t } = useI18n();
  const loaded = useLoader(() => api.evidence.contract({ contractId: contract.id }), [api, contract.id]);
  const { reload } = loaded;
  // A pass that finished may have brought receipts: read again (locally) when one completes.
  const lastSync = useSyncStatus().status?.lastSuccessAt;
  useEffect(() => {
    if (lastSync) reload();
  }, [lastSync, reload]);
  useCoreEvents(
    useCallback(
      (e) => {
        if (e.type === 'library.changed' && e.contractIds.includes(contract.id)) reload();
      },
      [contract.id, reload],
    ),
  );

  if (loaded.error) return <ErrorBanner error={loaded.error} title={t('evidence.loadError')} onRetry={reload} />;
  const evidence = loaded.data;
  if (!evidence) return <Spinner label={t('common.loading')} />;
  const held = evidence.versions.some((v) => v.state === 'received');
  return (
    <section className="evidence-tab" aria-label={t('contract.tab.evidence')}>
      <p className="muted evidence-intro">{t('evidence.intro')}</p>
      {!evidence.connected && (
        <p className="banner banner-info" role="status" data-testid="evidence-not-connected">
          {t('evidence.notConnected')}
        </p>
      )}
      {evidence.versions.length === 0 ? (
        <p className="empty-state" data-testid="evidence-none">
          {t('evidence.none')}
        </p>
      ) : (
        <ul className="evidence-list">
          {evidence.versions.map((v) => (
            <EvidenceCard key={v.versionId} version={v} />
          ))}
        </ul>
      )}
      {held && <p className="muted evidence-delete-note">{t('evidence.deleteNote')}</p>}
    </section>
  );
}

function EvidenceCard({ version: v }: { version: VersionEvidence }) {
  const { t, fmt } = useI18n();
  const check = v.verification;
  return (
    <li className="evidence-card" data-testid="evidence-card" data-state={v.state}>
      <header className="evidence-card-header">
        <strong>{t('evidence.version', { name: v.documentName, number: String(v.versionNumber) })}</strong>
        {check ? (
          <span className={check.ok ? 'evidence-verdict evidence-ok' : 'evidence-verdict evidence-bad'} data-testid="evidence-verdict">
            {check.ok ? `✓ ${t('evidence.verified')}` : `✗ ${t('evidence.notVerified', { check: check.failure?.check ?? '' })}`}
          </span>
        ) : (
          <span className="evidence-verdict evidence-waiting">{t(`evidence.state.${v.state === 'received' ? 'awaiting-receipt' : v.state}`)}</span>
        )}
      </header>
      {check && !check.ok && check.failure && <ErrorBanner error={check.failure} />}
      {check?.logKeyMatchesConnection === false && <p className="banner banner-error">{t('evidence.logKeyChanged')}</p>}
      <dl className="evidence-facts">
        {v.evidenceNumber && (
          <>
            <dt>{t('evidence.number')}</dt>
            <dd className="mono" data-testid="evidence-number">
              {v.evidenceNumber}
            </dd>
          </>
        )}
        {check?.existedNoLaterThan && (
          <>
            <dt>{t('evidence.time')}</dt>
            <dd>{fmt.dateTime(check.existedNoLaterThan)}</dd>
          </>
        )}
        {check?.tsa && (
          <>
            <dt>{t('evidence.tsa')}</dt>
            <dd>{check.tsa}</dd>
          </>
        )}
        {check && (
          <>
            <dt>{t('evidence.checkpoint')}</dt>
            <dd className="mono">
              {t('evidence.checkpointValue', {
                origin: check.checkpoint.origin,
                index: String(check.checkpoint.leafIndex),
                size: String(check.checkpoint.treeSize),
                root: check.checkpoint.root.slice(0, 16),
              })}
            </dd>
          </>
        )}
        {v.mode && (
          <>
            <dt>{t('evidence.sent')}</dt>
            <dd>{t(`evidence.sent.${v.mode}`)}</dd>
          </>
        )}
        {v.serviceCheckedAt && (
          <>
            <dt>{t('evidence.retention')}</dt>
            <dd>
              {v.retainUntil ? fmt.date(v.retainUntil) : t('evidence.retentionNone')}{' '}
              <span className="muted">({t('evidence.reportedAt', { date: fmt.dateTime(v.serviceCheckedAt) })})</span>
            </dd>
            <dt>{t('evidence.legalHold')}</dt>
            <dd>{t(v.legalHold ? 'evidence.legalHold.on' : 'evidence.legalHold.off')}</dd>
          </>
        )}
      </dl>
      {v.state === 'received' && <CertificateButton versionId={v.versionId} />}
    </li>
  );
}

type Saving = { phase: 'idle' } | { phase: 'busy' } | { phase: 'saved'; name: string } | { phase: 'error'; error: unknown };

function CertificateButton({ versionId }: { versionId: string }) {
  const api = useApi();
  const files = useFiles();
  const { t, lang: uiLang } = useI18n();
  const [lang, setLang] = useState<Language>(uiLang);
  const [saving, setSaving] = useState<Saving>({ phase: 'idle' });
  const save = async () => {
    setSaving({ phase: 'busy' });
    try {
      const file = await api.evidence.certificate({ versionId, lang });
      saveFile(await files.download(file), file.name);
      setSaving({ phase: 'saved', name: file.name });
    } catch (error) {
      setSaving({ phase: 'error', error });
    }
  };
  return (
    <div className="evidence-certificate">
      <label className="evidence-certificate-lang">
        <span>{t('evidence.certificateLanguage')}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value as Language)} data-testid="certificate-language">
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving.phase === 'busy'} data-testid="save-certificate">
        {t('evidence.saveCertificate')}
      </button>
      {saving.phase === 'busy' && <Spinner label={t('evidence.saving')} />}
      {saving.phase === 'saved' && (
        <span className="muted" role="status">
          {t('evidence.saved', { name: saving.name })}
        </span>
      )}
      {saving.phase === 'error' && <ErrorBanner error={saving.error} />}
    </div>
  );
}
