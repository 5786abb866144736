import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { PdfViewer } from '../pdf/PdfViewer.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';

export type SignedVersionView =
  | { phase: 'loading'; index: number; kind: 'signature' | 'document-timestamp' }
  | { phase: 'error'; index: number; kind: 'signature' | 'document-timestamp'; error: unknown }
  | {
      phase: 'ready';
      index: number;
      kind: 'signature' | 'document-timestamp';
      fieldName: string;
      revision: number;
      revisions: number;
      file: { name: string; bytes: Uint8Array<ArrayBuffer> };
    };

/**
 * "View signed version": the document exactly as it was when a signature was made, in the pdf.js
 * viewer, with a plain-words note that whatever was added afterwards is not part of it.
 */
export function SignedVersionDialog({ view, onClose }: { view: SignedVersionView | null; onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (view && !d.open) d.showModal();
    else if (!view && d.open) d.close();
  }, [view]);

  const title = view ? t(view.kind === 'document-timestamp' ? 'verify.signedVersion.titleTimestamp' : 'verify.signedVersion.title', { index: view.index }) : '';
  return (
    <dialog ref={dialog} className="dialog signed-version-dialog" aria-labelledby="signed-version-title" onClose={onClose}>
      <header className="signed-version-header">
        <div>
          <h2 id="signed-version-title">{title}</h2>
          {view?.phase === 'ready' && (
            <p className="muted">{t('verify.signedVersion.note', { field: view.fieldName, revision: view.revision + 1, revisions: view.revisions })}</p>
          )}
        </div>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t('common.close')} title={t('common.close')}>
          <Icon name="close" />
        </button>
      </header>
      {view?.phase === 'loading' && <Spinner label={t('verify.signedVersion.loading')} />}
      {view?.phase === 'error' && <ErrorBanner error={view.error} title={t('verify.signedVersion.error')} />}
      {view?.phase === 'ready' && (
        <div className="signed-version-viewer">
          <PdfViewer file={view.file} />
        </div>
      )}
    </dialog>
  );
}
