import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CertificateSummary } from '../../src-shared/api/verification.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { uploadCache } from '../api/file-transport.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Notice } from '../ui/Notice.js';
import { Spinner } from '../ui/Spinner.js';

/** SHA-256 fingerprint as people compare it: upper-case byte pairs in groups. */
export function groupedFingerprint(sha256: string): string {
  return (sha256.toUpperCase().match(/.{2}/g) ?? []).join(':');
}

type Outcome = { kind: 'imported'; names: string[] } | { kind: 'removed'; name: string } | null;
/** Files picked and what they hold, waiting for the person to confirm. */
type Pending = { files: File[]; certificates: CertificateSummary[] };

/**
 * The CA certificates the person trusts for verification. Nothing is trusted until imported here:
 * not the operating system's store, not a certificate a document carries. Each entry shows whose it
 * is, its SHA-256 fingerprint (to compare with what the CA publishes) and its validity.
 */
export function TrustSetting() {
  const api = useApi();
  const transport = useFiles();
  const withUpload = useMemo(() => uploadCache(transport), [transport]);
  const { t } = useI18n();
  const [certificates, setCertificates] = useState<CertificateSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [failed, setFailed] = useState<'load' | 'import' | 'remove'>('load');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const feedback = useRef<HTMLDivElement>(null);
  // What just happened (imported, removed, refused) may be below the fold: bring it into view.
  useEffect(() => {
    if (outcome || error !== null || pending) feedback.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome, error, pending]);

  const load = useCallback(() => {
    api.verify['trust.list']({}).then(
      (r) => setCertificates(r.certificates),
      (err: unknown) => {
        setFailed('load');
        setError(err);
      },
    );
  }, [api]);
  useEffect(load, [load]);

  /** Read the picked files and show what they hold; nothing is trusted until the person confirms. */
  const previewFiles = async (files: File[]) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const shown: CertificateSummary[] = [];
      for (const file of files) shown.push(...(await withUpload(file, (uploadId) => api.verify['trust.preview']({ uploadId }))).certificates);
      setPending({ files, certificates: shown });
    } catch (err) {
      setFailed('import');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const confirmImport = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    const names: string[] = [];
    try {
      for (const file of pending.files) {
        const r = await withUpload(file, (uploadId) => api.verify['trust.import']({ uploadId }));
        names.push(...r.imported.map((c) => c.commonName ?? c.subject));
        setCertificates(r.certificates);
      }
      setPending(null);
      setOutcome({ kind: 'imported', names });
    } catch (err) {
      setFailed('import');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: CertificateSummary) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const r = await api.verify['trust.remove']({ sha256: c.sha256 });
      setCertificates(r.certificates);
      setOutcome({ kind: 'removed', name: c.commonName ?? c.subject });
    } catch (err) {
      setFailed('remove');
      setError(err);
      load();
    } finally {
      setConfirming(null);
      setBusy(false);
    }
  };

  const now = new Date().toISOString();
  return (
    <fieldset className="settings-group trust-setting" aria-labelledby="trust-legend">
      <legend id="trust-legend">{t('trust.title')}</legend>
      <p className="muted settings-hint">{t('trust.hint')}</p>
      {certificates === null && error === null ? (
        <Spinner label={t('common.loading')} />
      ) : certificates && certificates.length === 0 ? (
        <p className="trust-empty">{t('trust.empty')}</p>
      ) : certificates ? (
        <ul className="trust-list" aria-label={t('trust.listLabel')}>
          {[...certificates]
            .sort((a, b) => (a.commonName ?? a.subject).localeCompare(b.commonName ?? b.subject))
            .map((c) => {
              return (
                <li key={c.sha256} className="trust-item" aria-label={c.commonName ?? c.subject}>
                  <div className="trust-main">
                    <strong>{c.commonName ?? c.subject}</strong>
                    {c.organisation && <span className="muted"> · {c.organisation}</span>}
                    <CertificateFacts certificate={c} now={now} />
                  </div>
                  <div className="trust-actions">
                    {confirming === c.sha256 ? (
                      <>
                        <button type="button" className="btn btn-danger" onClick={() => void remove(c)} disabled={busy}>
                          {t('trust.confirmRemove')}
                        </button>
                        <button type="button" className="btn" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className="btn"
                        onClick={() => setConfirming(c.sha256)}
                        disabled={busy}
                        aria-label={t('trust.removeNamed', { name: c.commonName ?? c.subject })}
                      >
                        <Icon name="trash" /> {t('common.remove')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
        </ul>
      ) : null}
      {!pending && (
        <div>
          <FilePickerButton
            className="btn"
            accept=".pem,.crt,.cer,.der,application/x-x509-ca-cert,application/pkix-cert"
            onFiles={(files) => void previewFiles(files)}
            disabled={busy}
          >
            <Icon name="plus" /> {t('trust.import')}
          </FilePickerButton>
        </div>
      )}
      <div ref={feedback}>
        {pending && (
          <section className="trust-confirm card" role="region" aria-labelledby="trust-confirm-title">
            <h3 id="trust-confirm-title">{t('trust.confirm.title')}</h3>
            <p>{t('trust.confirm.body')}</p>
            <ul className="trust-list">
              {pending.certificates.map((c) => (
                <li key={c.sha256} className="trust-item">
                  <div className="trust-main">
                    <strong>{c.commonName ?? c.subject}</strong>
                    <CertificateFacts certificate={c} now={now} withIssuer />
                  </div>
                </li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setPending(null)} disabled={busy}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void confirmImport()} disabled={busy}>
                {t('trust.confirm.action')}
              </button>
            </div>
          </section>
        )}
        {outcome?.kind === 'imported' && <Notice tone="success">{t('trust.imported', { names: outcome.names.join(t('common.listSeparator')) })}</Notice>}
        {outcome?.kind === 'removed' && <Notice tone="success">{t('trust.removed', { name: outcome.name })}</Notice>}
        {error !== null && <ErrorBanner title={t(`trust.error.${failed}`)} error={error} />}
      </div>
    </fieldset>
  );
}

/** Whose certificate it is, who issued it, its fingerprint and validity: what a person compares before trusting. */
function CertificateFacts({ certificate: c, now, withIssuer = false }: { certificate: CertificateSummary; now: string; withIssuer?: boolean }) {
  const { t, fmt } = useI18n();
  const expired = c.notAfter < now;
  const notYet = c.notBefore > now;
  return (
    <dl className="trust-facts">
      <dt>{t('trust.subject')}</dt>
      <dd>{c.subject}</dd>
      {withIssuer && (
        <>
          <dt>{t('trust.issuer')}</dt>
          <dd>{c.issuer === c.subject ? t('trust.selfIssued') : c.issuer}</dd>
        </>
      )}
      <dt>{t('trust.fingerprint')}</dt>
      <dd className="mono trust-fingerprint">{groupedFingerprint(c.sha256)}</dd>
      <dt>{t('trust.validity')}</dt>
      <dd className={expired || notYet ? 'verify-value-bad' : undefined}>
        {t('trust.validRange', { from: fmt.date(c.notBefore.slice(0, 10)), to: fmt.date(c.notAfter.slice(0, 10)) })}
        {expired && ` · ${t('trust.expired')}`}
        {notYet && ` · ${t('trust.notYetValid')}`}
      </dd>
    </dl>
  );
}
