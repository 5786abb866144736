import { useEffect, useRef, useState } from 'react';
import type { DeviceInventory, PinState, SigningLevel, SigningOutcome, SigningPreview } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { toApiError } from '../api/api-error.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import { BoxThumbnails } from './BoxThumbnails.js';
import { placedStamp, type PlacedStamp } from './placed-stamp.js';
import { CeremonyDialog, CertificateChoice, type CeremonyStep, PinEntry, pinStateAfter, signingCertificates } from './KeyAndPin.js';

/**
 * The signing ceremony (意愿确认) for one document version: choose a certificate → one screen with
 * everything that will be signed and how, and the consent sentence to tick → the PIN, with the
 * token's state said in words → progress with a cancel button → the new version, verified. The
 * native modal <dialog> keeps focus inside; Esc closes it except while signing. A wrong PIN returns
 * to the PIN step with the error and the token's state: nothing is ever retried by itself.
 */

type Step = CeremonyStep;

export function SigningDialog({
  open,
  versionId,
  documentName,
  onClose,
  onSigned,
}: {
  open: boolean;
  versionId: string;
  documentName: string;
  onClose: () => void;
  onSigned: (outcome: SigningOutcome) => void;
}) {
  const api = useApi();
  const { t, lang, fmt, plural } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<Step>('key');
  const [inventory, setInventory] = useState<DeviceInventory | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [level, setLevel] = useState<SigningLevel>('B-B');
  const [tsa, setTsa] = useState('');
  const [author, setAuthor] = useState(false);
  const [preview, setPreview] = useState<SigningPreview | null>(null);
  const [consented, setConsented] = useState(false);
  const [pin, setPin] = useState('');
  const [pinState, setPinState] = useState<PinState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ done: number; label: string }>({ done: 0, label: 'checking' });
  const [outcome, setOutcome] = useState<SigningOutcome | null>(null);
  /** The boxes placed in the viewer for this version (read when the dialog opens). */
  const [stamp, setStamp] = useState<PlacedStamp>(() => placedStamp(null));
  const job = useRef<string | null>(null);

  useCoreEvents((event) => {
    if (event.type === 'progress' && event.jobId === job.current) setProgress({ done: event.done, label: event.label ?? '' });
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
      d.showModal();
      setStamp(placedStamp(null));
      void api.placements.get({ versionId }).then((saved) => setStamp(placedStamp(saved)), setError);
      void api.devices.list({}).then((inv) => {
        setInventory(inv);
        setChosen((c) => c || (signingCertificates(inv)[0]?.cert.sha256 ?? ''));
      }, setError);
    } else if (!open && d.open) d.close();
  }, [open, api, versionId]);

  const certificates = inventory ? signingCertificates(inventory) : [];
  const choice = certificates.find((c) => c.cert.sha256 === chosen);
  const request = () => ({
    versionId,
    key: choice!.cert.ref!,
    level,
    ...(level !== 'B-B' && tsa.trim() ? { tsaUrl: tsa.trim() } : {}),
    commitment: author ? ('proof-of-origin' as const) : ('proof-of-approval' as const),
    placements: stamp.placements,
    ...(stamp.sealId ? { sealId: stamp.sealId } : {}),
    crossPageSeal: stamp.crossPageSeal,
    lang,
  });

  const prepare = async () => {
    setError(null);
    setStep('preparing');
    try {
      const p = await api.signing.prepare(request());
      setPreview(p);
      setPinState(p.pin);
      setStep('review');
    } catch (err) {
      setError(err);
      setStep('key');
    }
  };

  const sign = async () => {
    if (!preview) return;
    const entered = pin;
    setPin('');
    setError(null);
    setStep('signing');
    setProgress({ done: 0, label: 'checking' });
    job.current = crypto.randomUUID();
    try {
      const result = await api.signing.sign(
        { ...request(), ...(entered ? { pin: entered } : {}), consent: { accepted: true, text: preview.consentText } },
        { jobId: job.current },
      );
      setOutcome(result);
      setStep('done');
      onSigned(result);
    } catch (err) {
      const e = toApiError(err);
      // The token's state after a wrong PIN comes with the error: say it before the next try.
      setPinState(pinStateAfter(pinState, e));
      setError(err);
      setStep(e.code === 'CANCELLED' ? 'review' : 'pin');
    } finally {
      job.current = null;
    }
  };

  const cancel = () => {
    if (job.current) void api.jobs.cancel({ jobId: job.current });
  };

  const canSign = preview && !pinState?.locked && (pinState?.pinPad || pin.length > 0);

  return (
    <CeremonyDialog
      dialogRef={dialog}
      className="dialog signing-dialog"
      titleId="signing-title"
      title={t('signing.title', { name: documentName })}
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
        <>
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
        </>
      )}

      {step === 'preparing' && <p aria-live="polite">{t('signing.preparing')}</p>}

      {preview && (step === 'review' || step === 'pin') && (
        <>
          <dl className="signing-summary">
            <dt>{t('signing.contract')}</dt>
            <dd>{preview.contractTitle}</dd>
            <dt>{t('signing.document')}</dt>
            <dd>
              {preview.documentName} · {t('signing.newVersion', { current: preview.versionNumber, next: preview.nextVersionNumber })} ·{' '}
              {t('documents.pages.other', { count: preview.pageCount })}
            </dd>
            <dt>{t('signing.sha256')}</dt>
            <dd className="mono signing-hash">{preview.sha256}</dd>
            <dt>{t('signing.boxes')}</dt>
            <dd>
              {preview.boxes.length ? plural('signing.boxCount', preview.boxes.length) : t('signing.invisible')}
              {stamp.crossPageSeal && <> · {t('signing.crossPage')}</>}
              {preview.boxes.length > 0 && <BoxThumbnails versionId={versionId} boxes={preview.boxes} />}
            </dd>
            <dt>{t('signing.signer')}</dt>
            <dd>
              {preview.certificate.commonName ?? preview.certificate.subject}
              {preview.certificate.organisation && <> · {preview.certificate.organisation}</>}
            </dd>
            <dt>{t('signing.issuer')}</dt>
            <dd>{preview.certificate.issuer}</dd>
            <dt>{t('signing.validity')}</dt>
            <dd>{t('signing.validityRange', { from: fmt.date(preview.certificate.notBefore), to: fmt.date(preview.certificate.notAfter) })}</dd>
            <dt>PAdES</dt>
            <dd>{t('signing.levelAndTsa', { level: preview.level, tsa: preview.tsaUrl ?? t('signing.noTsa') })}</dd>
            <dt>{t('signing.key')}</dt>
            <dd className={preview.assurance === 'hardware-token' ? '' : 'signing-weak'}>
              <Icon name={preview.assurance === 'hardware-token' ? 'shield' : 'alert'} />{' '}
              {t(preview.assurance === 'hardware-token' ? 'signing.hardware' : 'signing.software')} · {preview.keyDescription}
            </dd>
          </dl>
          {preview.certificate.problems.length > 0 && (
            <div className="notice notice-error" role="alert">
              {t('signing.certificateProblem')} {preview.certificate.problems.join(' ')}
            </div>
          )}
          {!preview.check.clean && (
            <div className="notice notice-warning" role="alert">
              <p>{t('signing.checkWarning')}</p>
              <ul>
                {preview.check.findings.map((f, i) => (
                  <li key={i}>{f.text}</li>
                ))}
              </ul>
            </div>
          )}
          <fieldset className="signing-consent">
            <legend>{t('signing.consentLegend')}</legend>
            <p id="signing-consent-text">{preview.consentText}</p>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={consented}
                disabled={step !== 'review' || preview.certificate.problems.length > 0}
                aria-describedby="signing-consent-text"
                onChange={(e) => setConsented(e.currentTarget.checked)}
              />{' '}
              {t('signing.consentTick')}
            </label>
          </fieldset>
        </>
      )}

      {step === 'pin' && preview && <PinEntry pinState={pinState} pin={pin} onPin={setPin} />}

      {step === 'signing' && (
        <div aria-live="polite">
          <ProgressBar done={progress.done} total={4} label={t('signing.progress')} />
          <p>{isStep(progress.label) ? t(`signing.step.${progress.label}`) : t('common.working')}</p>
        </div>
      )}

      {step === 'done' && outcome && (
        <p className="notice notice-success" role="status">
          <Icon name="check" /> {t('signing.done', { number: outcome.version, verdict: t(`verify.verdict.${outcome.verdict}`) })}
        </p>
      )}

      <div className="dialog-actions">
        {step === 'signing' ? (
          <button type="button" className="btn" onClick={cancel}>
            {t('common.cancel')}
          </button>
        ) : (
          <button type="button" className="btn" onClick={onClose}>
            {step === 'done' ? t('common.close') : t('common.cancel')}
          </button>
        )}
        {(step === 'review' || step === 'pin') && (
          <button type="button" className="btn" onClick={() => (setError(null), setStep(step === 'pin' ? 'review' : 'key'))}>
            {t('signing.back')}
          </button>
        )}
        {step === 'key' && (
          <button type="submit" className="btn btn-primary" disabled={!choice}>
            {t('signing.next')}
          </button>
        )}
        {step === 'review' && (
          <button type="submit" className="btn btn-primary" disabled={!consented}>
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

const STEPS = ['checking', 'opening-key', 'signing', 'verifying', 'stored'] as const;
function isStep(label: string): label is (typeof STEPS)[number] {
  return (STEPS as readonly string[]).includes(label);
}
