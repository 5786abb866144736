import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VerificationResult } from '../../src-shared/api/verification.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { uploadCache } from '../api/file-transport.js';
import { useAppSettings } from '../app/AppSettings.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { saveFile } from '../pdf/save-file.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { DropOverlay, useWindowFileDrop } from '../ui/FileDrop.js';
import { Icon, type IconName } from '../ui/Icon.js';
import { Notice } from '../ui/Notice.js';
import { Spinner } from '../ui/Spinner.js';
import { LibraryPickerDialog } from './LibraryPickerDialog.js';
import { SignatureCard } from './SignatureCard.js';
import { SignedVersionDialog, type SignedVersionView } from './SignedVersionDialog.js';
import { targetName, type VerifyTarget } from './target.js';

/** What the core is asked about: the picked file (uploaded once, by id), or a stored version by id. */
type Subject = { file: File } | { versionId: string };

type State =
  | { phase: 'empty' }
  | { phase: 'loading'; name: string }
  | { phase: 'error'; name: string; error: unknown }
  | { phase: 'done'; result: VerificationResult; subject: Subject };

type ReportState = { phase: 'idle' } | { phase: 'busy' } | { phase: 'saved'; name: string } | { phase: 'error'; error: unknown };

/** The banner's verdict; `unsigned` for a PDF without any signature, which nothing can confirm or refute. */
type Heading = VerificationResult['verdict'] | 'unsigned';
const VERDICT_ICON: Record<Heading, IconName> = { valid: 'shield', invalid: 'alert', indeterminate: 'info', unsigned: 'file' };
const headingOf = (r: VerificationResult): Heading => (r.signatures.length === 0 ? 'unsigned' : r.verdict);

const subjectOf = (target: VerifyTarget): Subject => (target.kind === 'file' ? { file: target.file } : { versionId: target.versionId });

/**
 * Verify a signed PDF: drop it on the window, pick it, or choose it from the library, and see the
 * document's verdict and every signature in document order. From there: save the PDF report, view
 * the version each signature covers, and go to the certificates the person trusts. A picked file is
 * only checked, never imported. Revocation is checked from the data the document carries, and also
 * online (OCSP/CRL, which contacts the certificate authority) when the switch is on; it starts from
 * the Settings default and the banner says which was done.
 */
export function VerifyScreen({
  target,
  onTarget,
  onManageTrust,
}: {
  target: VerifyTarget | null;
  onTarget: (t: VerifyTarget) => void;
  onManageTrust: () => void;
}) {
  const api = useApi();
  const files = useFiles();
  const withUpload = useMemo(() => uploadCache(files), [files]);
  /** Ask the core about the subject: a stored version by id, a picked file by its upload's id. */
  const about = useCallback(
    <T,>(subject: Subject, ask: (target: { uploadId: string } | { versionId: string }) => Promise<T>) =>
      'file' in subject ? withUpload(subject.file, (uploadId) => ask({ uploadId })) : ask(subject),
    [withUpload],
  );
  const { t, lang, plural, fmt } = useI18n();
  const [state, setState] = useState<State>({ phase: 'empty' });
  const [report, setReport] = useState<ReportState>({ phase: 'idle' });
  const [signed, setSigned] = useState<SignedVersionView | null>(null);
  const [picking, setPicking] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const run = useRef(0);
  const { settings } = useAppSettings();
  const [onlineChoice, setOnlineChoice] = useState<boolean | null>(null);
  const online = onlineChoice ?? settings?.verifyOnline ?? false;

  useEffect(() => {
    if (!target) return;
    const mine = ++run.current;
    const name = targetName(target);
    setState({ phase: 'loading', name });
    setReport({ phase: 'idle' });
    (async () => {
      const subject = subjectOf(target);
      const result = await about(subject, (t) => api.verify.document({ ...t, lang, online }));
      if (run.current === mine) setState({ phase: 'done', result, subject });
    })().catch((error: unknown) => {
      if (run.current === mine) setState({ phase: 'error', name, error });
    });
  }, [api, about, target, lang, online, attempt]);

  const onFiles = useCallback(
    (files: File[]) => {
      if (files[0]) onTarget({ kind: 'file', file: files[0] });
    },
    [onTarget],
  );
  const over = useWindowFileDrop(onFiles);

  const saveReport = async () => {
    if (state.phase !== 'done') return;
    setReport({ phase: 'busy' });
    try {
      const file = await about(state.subject, (t) => api.verify.report({ ...t, lang, online }));
      saveFile(await files.download(file), file.name);
      setReport({ phase: 'saved', name: file.name });
    } catch (error) {
      setReport({ phase: 'error', error });
    }
  };

  const viewSigned = async (index: number, kind: 'signature' | 'document-timestamp') => {
    if (state.phase !== 'done') return;
    setSigned({ phase: 'loading', index, kind });
    try {
      const v = await about(state.subject, (t) => api.verify.signedVersion({ ...t, index }));
      setSigned({
        phase: 'ready',
        index,
        kind,
        fieldName: v.fieldName,
        revision: v.revision,
        revisions: state.result.document.revisions,
        file: { name: v.name, bytes: await files.download(v) },
      });
    } catch (error) {
      setSigned({ phase: 'error', index, kind, error });
    }
  };

  const busy = state.phase === 'loading';
  const picker = (label: string, primary: boolean) => (
    <FilePickerButton onFiles={onFiles} multiple={false} className={primary ? 'btn btn-primary btn-large' : 'btn'} disabled={busy}>
      <Icon name="upload" />
      <span>{label}</span>
    </FilePickerButton>
  );
  const fromLibrary = (large: boolean) => (
    <button type="button" className={large ? 'btn btn-large' : 'btn'} onClick={() => setPicking(true)} disabled={busy}>
      <Icon name="library" />
      <span>{t('verify.fromLibrary')}</span>
    </button>
  );
  const untrusted = state.phase === 'done' && state.result.signatures.some((s) => s.chain.status === 'untrusted');
  const onlineSwitch = (
    <label className="verify-online">
      <input type="checkbox" checked={online} disabled={busy} onChange={(e) => setOnlineChoice(e.currentTarget.checked)} />
      <span>
        <strong>{t('verify.online.label')}</strong>
        <span className="verify-online-hint">{t('verify.online.hint')}</span>
      </span>
    </label>
  );
  const signatureCount = state.phase === 'done' ? state.result.signatures.filter((s) => s.kind === 'signature').length : 0;

  return (
    <section className="screen verify-screen" aria-labelledby="verify-heading">
      <header className="screen-header">
        <div className="screen-heading">
          <h1 id="verify-heading">{t('verify.title')}</h1>
        </div>
        {target && (
          <div className="screen-actions">
            {fromLibrary(false)}
            {picker(t('verify.another'), false)}
          </div>
        )}
      </header>

      {onlineSwitch}

      {!target && (
        <div className="verify-drop">
          <Icon name="shield" size={44} />
          <h2>{t('verify.empty.title')}</h2>
          <p>{t('verify.empty.body')}</p>
          <div className="verify-drop-actions">
            {picker(t('verify.pick'), true)}
            {fromLibrary(true)}
          </div>
          <span className="muted">{t('verify.empty.dropHint')}</span>
        </div>
      )}

      {state.phase === 'loading' && (
        <div className="verify-loading">
          <Spinner label={t('verify.loading', { name: state.name })} />
        </div>
      )}

      {state.phase === 'error' && (
        <ErrorBanner title={t('verify.errorTitle', { name: state.name })} error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      )}

      {state.phase === 'done' && (
        <>
          <div className={`verify-banner verify-banner-${headingOf(state.result)}`} role="status" data-verdict={headingOf(state.result)}>
            <Icon name={VERDICT_ICON[headingOf(state.result)]} size={30} />
            <div className="verify-banner-text">
              <h2>{t(`verify.verdict.${headingOf(state.result)}`)}</h2>
              <p>{state.result.signatures.length === 0 ? t('verify.noSignatures') : state.result.summary.text}</p>
              <p className="verify-banner-meta">
                {t('verify.docMeta', {
                  name: state.result.document.name,
                  pages: plural('verify.pages', state.result.document.pages),
                  revisions: plural('verify.revisions', state.result.document.revisions),
                  time: fmt.dateTime(state.result.verifiedAt),
                })}
              </p>
              {state.result.signatures.length > 0 && (
                <p className="verify-banner-meta verify-checked">
                  {plural('verify.signatureCount', signatureCount)} ·{' '}
                  {t(state.result.signatures.some((s) => s.revocation.online) ? 'verify.checked.online' : 'verify.checked.offline')}
                </p>
              )}
              <p className="verify-banner-meta mono" title={state.result.document.sha256}>
                SHA-256 {state.result.document.sha256}
              </p>
            </div>
            <div className="verify-banner-actions">
              <button type="button" className="btn" onClick={() => void saveReport()} disabled={report.phase === 'busy'}>
                <Icon name="download" /> {report.phase === 'busy' ? t('verify.report.busy') : t('verify.report.save')}
              </button>
            </div>
          </div>
          {report.phase === 'saved' && <Notice tone="success">{t('verify.report.saved', { name: report.name })}</Notice>}
          {report.phase === 'error' && <ErrorBanner title={t('verify.report.error')} error={report.error} />}
          {untrusted && (
            <div className="banner banner-info verify-trust-hint">
              <Icon name="info" />
              <div className="banner-body">
                <strong>{t('verify.trustHint.title')}</strong>
                <span>{t('verify.trustHint.body')}</span>
              </div>
              <button type="button" className="btn" onClick={onManageTrust}>
                {t('verify.trustHint.action')}
              </button>
            </div>
          )}
          {state.result.warnings.length > 0 && (
            <div className="banner banner-info verify-warnings">
              <Icon name="info" />
              <div className="banner-body">
                <strong>{t('verify.warnings')}</strong>
                {state.result.warnings.map((w, i) => (
                  <span key={i}>{w.text}</span>
                ))}
              </div>
            </div>
          )}
          {state.result.signatures.length > 0 && (
            <div className="verify-cards" role="list" aria-label={t('verify.signaturesLabel')}>
              {state.result.signatures.map((sig) => (
                <div role="listitem" key={sig.index}>
                  <SignatureCard sig={sig} onViewSigned={() => void viewSigned(sig.index, sig.kind)} />
                </div>
              ))}
            </div>
          )}
        </>
      )}

      <SignedVersionDialog view={signed} onClose={() => setSigned(null)} />
      <LibraryPickerDialog
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(versionId, name) => {
          setPicking(false);
          onTarget({ kind: 'version', versionId, name });
        }}
      />
      {over && <DropOverlay icon="shield" title={t('verify.dropTitle')} hint={t('verify.dropHint')} />}
    </section>
  );
}
