import { useCallback, useEffect, useRef, useState } from 'react';
import type { VerificationResult } from '../../src-shared/api/verification.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { readAsBase64 } from '../import/read-files.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon, type IconName } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { SignatureCard } from './SignatureCard.js';
import { useVerifyDrop } from './useVerifyDrop.js';

type State =
  | { phase: 'empty' }
  | { phase: 'loading'; name: string }
  | { phase: 'error'; name: string; error: unknown }
  | { phase: 'done'; result: VerificationResult };

const VERDICT_ICON: Record<VerificationResult['verdict'], IconName> = { valid: 'shield', invalid: 'alert', indeterminate: 'info' };

/**
 * Verify a signed PDF: drop it on the window or pick it, and see the document's verdict and every
 * signature in document order. The file is only checked, never imported.
 */
export function VerifyScreen() {
  const api = useApi();
  const { t, lang, plural, fmt } = useI18n();
  const [state, setState] = useState<State>({ phase: 'empty' });
  const [file, setFile] = useState<File | null>(null);
  const run = useRef(0);

  useEffect(() => {
    if (!file) return;
    const mine = ++run.current;
    setState({ phase: 'loading', name: file.name });
    readAsBase64(file)
      .then((dataBase64) => api.verify.document({ dataBase64, name: file.name, lang }))
      .then(
        (result) => {
          if (run.current === mine) setState({ phase: 'done', result });
        },
        (error: unknown) => {
          if (run.current === mine) setState({ phase: 'error', name: file.name, error });
        },
      );
  }, [api, file, lang]);

  const onFiles = useCallback((files: File[]) => {
    if (files[0]) setFile(files[0]);
  }, []);
  const over = useVerifyDrop(onFiles);

  const picker = (label: string, primary: boolean) => (
    <FilePickerButton onFiles={onFiles} className={primary ? 'btn btn-primary btn-large' : 'btn'} disabled={state.phase === 'loading'}>
      <Icon name="upload" />
      <span>{label}</span>
    </FilePickerButton>
  );

  return (
    <section className="screen verify-screen" aria-labelledby="verify-heading">
      <header className="screen-header">
        <div className="screen-heading">
          <h1 id="verify-heading">{t('verify.title')}</h1>
        </div>
        {state.phase !== 'empty' && <div className="screen-actions">{picker(t('verify.another'), false)}</div>}
      </header>

      {state.phase === 'empty' && (
        <div className="verify-drop">
          <Icon name="shield" size={44} />
          <h2>{t('verify.empty.title')}</h2>
          <p>{t('verify.empty.body')}</p>
          {picker(t('verify.pick'), true)}
          <span className="muted">{t('verify.empty.dropHint')}</span>
        </div>
      )}

      {state.phase === 'loading' && (
        <div className="verify-loading">
          <Spinner label={t('verify.loading', { name: state.name })} />
        </div>
      )}

      {state.phase === 'error' && (
        <ErrorBanner title={t('verify.errorTitle', { name: state.name })} error={state.error} onRetry={() => setFile(file ? new File([file], file.name, { type: file.type }) : null)} />
      )}

      {state.phase === 'done' && (
        <>
          <div className={`verify-banner verify-banner-${state.result.verdict}`} role="status" data-verdict={state.result.verdict}>
            <Icon name={VERDICT_ICON[state.result.verdict]} size={30} />
            <div>
              <h2>{t(`verify.verdict.${state.result.verdict}`)}</h2>
              <p>{state.result.summary.text}</p>
              <p className="verify-banner-meta">
                {t('verify.docMeta', {
                  name: state.result.document.name,
                  pages: plural('verify.pages', state.result.document.pages),
                  revisions: plural('verify.revisions', state.result.document.revisions),
                  time: fmt.dateTime(state.result.verifiedAt),
                })}
              </p>
            </div>
          </div>
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
          {state.result.signatures.length === 0 ? (
            <p className="empty-inline">{t('verify.noSignatures')}</p>
          ) : (
            <div className="verify-cards" role="list" aria-label={t('verify.signaturesLabel')}>
              {state.result.signatures.map((sig) => (
                <div role="listitem" key={sig.index}>
                  <SignatureCard sig={sig} />
                </div>
              ))}
            </div>
          )}
        </>
      )}

      {over && (
        <div className="drop-overlay" aria-live="assertive">
          <div className="drop-card">
            <Icon name="shield" size={40} />
            <strong>{t('verify.dropTitle')}</strong>
            <span>{t('verify.dropHint')}</span>
          </div>
        </div>
      )}
    </section>
  );
}
