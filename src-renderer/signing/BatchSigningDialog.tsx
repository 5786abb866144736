import { useEffect, useRef, useState } from 'react';
import type { DeviceInventory, PinState, SigningBatchOutcome, SigningBatchPreview, SigningBatchResult, SigningLevel } from '../../src-shared/api/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { toApiError } from '../api/api-error.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { saveFile } from '../pdf/save-file.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import { CeremonyDialog, CertificateChoice, type CeremonyStep, PinEntry, pinStateAfter, signingCertificates } from './KeyAndPin.js';

/**
 * Batch signing (签署所选): the contracts chosen in the library signed in one ceremony — choose the
 * certificate → one screen listing every document with its hash and any warning of the check
 * before signing, and one consent to tick → one PIN → a progress bar with a row per document as
 * each is signed and stored → the results, with "retry the failed ones" (the PIN is asked again)
 * and the summary report to save. Esc does nothing while signing.
 */

type Step = CeremonyStep;

export function BatchSigningDialog({ open, contractIds, onClose }: { open: boolean; contractIds: string[]; onClose: () => void }) {
  const api = useApi();
  const files = useFiles();
  const { t, lang, plural, errorText } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<Step>('key');
  const [inventory, setInventory] = useState<DeviceInventory | null>(null);
  const [chosen, setChosen] = useState('');
  const [level, setLevel] = useState<SigningLevel>('B-B');
  const [tsa, setTsa] = useState('');
  const [author, setAuthor] = useState(false);
  const [preview, setPreview] = useState<SigningBatchPreview | null>(null);
  const [consented, setConsented] = useState(false);
  const [pin, setPin] = useState('');
  const [pinState, setPinState] = useState<PinState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rows, setRows] = useState<SigningBatchResult[]>([]);
  const [outcome, setOutcome] = useState<SigningBatchOutcome | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const job = useRef<string | null>(null);

  useCoreEvents((event) => {
    if (event.type === 'signing.batchDocument' && event.jobId === job.current) {
      const result = event.result;
      setRows((rs) => rs.map((r) => (r.position === result.position ? result : r)));
    }
    if (event.type === 'devices.changed' && open && step === 'key') void api.devices.list({}).then(setInventory, setError);
  });

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      setStep('key');
      setPreview(null);
      setConsented(false);
      setPin('');
      setError(null);
      setOutcome(null);
      setRows([]);
      setSaved(null);
      d.showModal();
      void api.devices.list({}).then((inv) => {
        setInventory(inv);
        setChosen((c) => c || (signingCertificates(inv)[0]?.cert.sha256 ?? ''));
      }, setError);
    } else if (!open && d.open) d.close();
  }, [open, api]);

  const choice = inventory ? signingCertificates(inventory).find((c) => c.cert.sha256 === chosen) : undefined;
  const request = () => ({
    key: choice!.cert.ref!,
    level,
    ...(level !== 'B-B' && tsa.trim() ? { tsaUrl: tsa.trim() } : {}),
    commitment: author ? ('proof-of-origin' as const) : ('proof-of-approval' as const),
    lang,
  });

  const prepare = async () => {
    setError(null);
    setStep('preparing');
    try {
      const p = await api.signing.batchPrepare({ ...request(), contractIds });
      setPreview(p);
      setPinState(p.pin);
      setStep('review');
    } catch (err) {
      setError(err);
      setStep('key');
    }
  };

  /** The first signing, or a retry of the failed ones: the PIN typed just now, used once. */
  const sign = async () => {
    if (!preview) return;
    const entered = pin;
    setPin('');
    setError(null);
    setSaved(null);
    const retry = outcome;
    if (!retry)
      setRows(
        preview.documents.map((d, i) => ({
          position: i + 1,
          contractId: d.contractId,
          contractTitle: d.contractTitle,
          documentName: d.documentName,
          versionId: d.versionId,
          sha256: d.sha256,
          status: 'pending',
          signed: null,
          error: null,
        })),
      );
    else setRows(retry.documents.map((r) => (r.status === 'signed' ? r : { ...r, status: 'pending', error: null })));
    setStep('signing');
    job.current = crypto.randomUUID();
    const withPin = entered ? { pin: entered } : {};
    try {
      const result = retry
        ? await api.signing.batchRetry({ batchId: retry.batchId, key: request().key, ...withPin }, { jobId: job.current })
        : await api.signing.batchSign(
            { ...request(), versionIds: preview.documents.map((d) => d.versionId), ...withPin, consent: { accepted: true, text: preview.consentText } },
            { jobId: job.current },
          );
      setOutcome(result);
      setRows(result.documents);
      setStep('done');
    } catch (err) {
      const e = toApiError(err);
      setPinState(pinStateAfter(pinState, e));
      setError(err);
      if (retry) setRows(retry.documents);
      setStep(e.code === 'CANCELLED' ? (retry ? 'done' : 'review') : 'pin');
    } finally {
      job.current = null;
    }
  };

  const saveReport = async () => {
    if (!outcome) return;
    setError(null);
    try {
      const file = await api.signing.batchReport({ batchId: outcome.batchId, lang });
      saveFile(await files.download(file), file.name);
      setSaved(file.name);
    } catch (err) {
      setError(err);
    }
  };

  const finished = rows.filter((r) => r.status !== 'pending').length;
  const canSign = preview && preview.documents.length > 0 && !pinState?.locked && (pinState?.pinPad || pin.length > 0);
  const retryable = outcome ? outcome.failed + outcome.cancelled : 0;

  return (
    <CeremonyDialog
      dialogRef={dialog}
      className="dialog signing-dialog batch-signing-dialog"
      titleId="batch-signing-title"
      title={plural('batch.title', contractIds.length)}
      step={step}
      onClose={onClose}
      onNext={() => {
        if (step === 'key' && choice) void prepare();
        else if (step === 'review' && consented) setStep('pin');
        else if (step === 'pin' && canSign) void sign();
      }}
    >
      {error !== null && <ErrorBanner error={error} />}

      {step === 'key' && (
        <CertificateChoice
          inventory={inventory}
          chosen={chosen}
          onChoose={setChosen}
          level={level}
          onLevel={setLevel}
          tsa={tsa}
          onTsa={setTsa}
          author={author}
          onAuthor={setAuthor}
        />
      )}

      {step === 'preparing' && <p aria-live="polite">{plural('batch.preparing', contractIds.length)}</p>}

      {preview && (step === 'review' || (step === 'pin' && !outcome)) && (
        <>
          <p>
            {t('signing.signer')}: <strong>{preview.certificate.commonName ?? preview.certificate.subject}</strong>
            {preview.certificate.organisation && <> · {preview.certificate.organisation}</>} ·{' '}
            {t(preview.assurance === 'hardware-token' ? 'signing.hardware' : 'signing.software')} · PAdES {preview.level}
          </p>
          {preview.certificate.problems.length > 0 && (
            <div className="notice notice-error" role="alert">
              {t('signing.certificateProblem')} {preview.certificate.problems.join(' ')}
            </div>
          )}
          {preview.skipped.map((s) => (
            <p key={s.contractId} className="notice notice-warning">
              {errorText(s.error)}
            </p>
          ))}
          {preview.documents.length === 0 && <p className="notice">{t('batch.nothing')}</p>}
          <ol className="batch-documents" aria-label={t('batch.documents')}>
            {preview.documents.map((d) => (
              <li key={d.versionId}>
                <span>
                  《{d.contractTitle}》{d.documentName} · {t('signing.newVersion', { current: d.versionNumber, next: d.nextVersionNumber })}
                </span>
                <span className="mono signing-hash">{d.sha256}</span>
                {!d.check.clean && (
                  <span className="notice notice-warning">
                    {t('signing.checkWarning')} {d.check.findings.map((f) => f.text).join(' ')}
                  </span>
                )}
              </li>
            ))}
          </ol>
          <fieldset className="signing-consent">
            <legend>{t('signing.consentLegend')}</legend>
            <p id="batch-consent-text" className="batch-consent-text">
              {preview.consentText}
            </p>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={consented}
                disabled={step !== 'review' || preview.certificate.problems.length > 0 || preview.documents.length === 0}
                aria-describedby="batch-consent-text"
                onChange={(e) => setConsented(e.currentTarget.checked)}
              />{' '}
              {t('signing.consentTick')}
            </label>
          </fieldset>
        </>
      )}

      {step === 'pin' && preview && (
        <>
          {outcome && <p>{plural('batch.retrying', retryable)}</p>}
          <PinEntry pinState={pinState} pin={pin} onPin={setPin} />
        </>
      )}

      {(step === 'signing' || step === 'done') && (
        <div aria-live="polite">
          <ProgressBar done={finished} total={rows.length} label={t('batch.progress', { done: finished, total: rows.length })} />
          {outcome && step === 'done' && (
            <p className={outcome.failed + outcome.cancelled ? 'notice notice-warning' : 'notice notice-success'} role="status">
              {t('batch.summary', { signed: outcome.signed, failed: outcome.failed, cancelled: outcome.cancelled })}
            </p>
          )}
          {saved && <p className="notice notice-success">{t('batch.reportSaved', { name: saved })}</p>}
          <ol className="batch-documents batch-results">
            {rows.map((r) => (
              <li key={r.position} className={`batch-row batch-row-${r.status}`} data-status={r.status}>
                <span>
                  {r.position}. 《{r.contractTitle}》{r.documentName}
                </span>
                <span className="batch-row-status">
                  {r.status === 'signed' && r.signed
                    ? t('batch.rowSigned', { version: r.signed.version, verdict: t(`verify.verdict.${r.signed.verdict}`) })
                    : t(`batch.status.${r.status}`)}
                </span>
                {r.error && r.status !== 'cancelled' && <span className="batch-row-error">{errorText(r.error)}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}

      <div className="dialog-actions">
        {step === 'signing' ? (
          <button type="button" className="btn" onClick={() => job.current && void api.jobs.cancel({ jobId: job.current })}>
            {t('common.cancel')}
          </button>
        ) : (
          <button type="button" className="btn" onClick={onClose}>
            {step === 'done' ? t('common.close') : t('common.cancel')}
          </button>
        )}
        {(step === 'review' || (step === 'pin' && !outcome)) && (
          <button type="button" className="btn" onClick={() => (setError(null), setStep(step === 'pin' ? 'review' : 'key'))}>
            {t('signing.back')}
          </button>
        )}
        {step === 'done' && outcome && (
          <button type="button" className="btn" onClick={() => void saveReport()}>
            <Icon name="download" /> {t('batch.saveReport')}
          </button>
        )}
        {step === 'done' && retryable > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => (setError(null), setStep('pin'))}>
            {plural('batch.retry', retryable)}
          </button>
        )}
        {(step === 'key' || step === 'review') && (
          <button type="submit" className="btn btn-primary" disabled={step === 'key' ? !choice : !consented}>
            {t('signing.next')}
          </button>
        )}
        {step === 'pin' && (
          <button type="submit" className="btn btn-primary" disabled={!canSign}>
            <Icon name="edit" /> {t('signing.sign')}
          </button>
        )}
      </div>
    </CeremonyDialog>
  );
}
