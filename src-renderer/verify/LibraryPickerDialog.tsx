import { useEffect, useRef, useState } from 'react';
import type { Contract, SearchHit } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { StatusBadge } from '../ui/StatusBadge.js';

/**
 * Choose a PDF from the library to verify: search contracts, open one, pick a document version
 * (the latest first). Each contract shows its status, each version its number and the verdict it
 * got when stored. Verifying a stored version reads it in place; nothing is copied.
 */
export function LibraryPickerDialog({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (versionId: string, name: string) => void }) {
  const api = useApi();
  const { t, fmt, plural } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const query = useDebouncedValue(text, 200);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [contract, setContract] = useState<Contract | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      setText('');
      setContract(null);
      setError(null);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setHits(null);
    api.contracts.search({ text: query, sort: query.trim() ? 'relevance' : 'updated', limit: 50 }).then(
      (r) => live && setHits(r.hits),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, open, query]);

  const openContract = (id: string) => {
    setError(null);
    api.contracts.get({ id }).then(setContract, setError);
  };

  return (
    <dialog ref={dialog} className="dialog library-picker" aria-labelledby="library-picker-title" onClose={onClose}>
      <header className="signed-version-header">
        <h2 id="library-picker-title">{contract ? contract.title : t('verify.library.title')}</h2>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t('common.close')} title={t('common.close')}>
          <Icon name="close" />
        </button>
      </header>
      {error !== null && <ErrorBanner error={error} />}
      {!contract ? (
        <>
          <label className="library-picker-search">
            <Icon name="search" />
            <input
              type="search"
              value={text}
              autoFocus
              placeholder={t('verify.library.search')}
              aria-label={t('verify.library.search')}
              onChange={(e) => setText(e.currentTarget.value)}
            />
          </label>
          {!hits ? (
            <Spinner label={t('common.loading')} />
          ) : hits.length === 0 ? (
            <p className="muted empty-inline">{t('verify.library.none')}</p>
          ) : (
            <ul className="library-picker-list" aria-label={t('verify.library.contracts')}>
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" className="library-picker-item" onClick={() => openContract(h.id)}>
                    <span className="library-picker-line">
                      <strong>{h.title}</strong>
                      <StatusBadge status={h.status} />
                    </span>
                    <span className="muted">{h.parties.join(' · ') || t('common.none')}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <button type="button" className="btn btn-link back-link" onClick={() => setContract(null)}>
            <Icon name="back" /> {t('verify.library.back')}
          </button>
          {contract.documents.length === 0 ? (
            <p className="muted empty-inline">{t('verify.library.noDocuments')}</p>
          ) : (
            <ul className="library-picker-list" aria-label={t('verify.library.documents')}>
              {contract.documents.flatMap((d) =>
                [...d.versions].reverse().map((v, i) => (
                  <li key={v.id}>
                    <button type="button" className="library-picker-item" onClick={() => onPick(v.id, d.name)}>
                      <span className="library-picker-line">
                        <strong>
                          <Icon name="file" /> {d.name}
                        </strong>
                        <span className="version-number">
                          {t('documents.version', { number: v.number })}
                          {i === 0 && d.versions.length > 1 && ` · ${t('verify.library.latest')}`}
                        </span>
                        {v.verdict && <span className={`version-verdict verify-tone-${v.verdict}`}>{t(`verify.verdict.${v.verdict}`)}</span>}
                      </span>
                      <span className="muted">
                        {fmt.dateTime(v.createdAt)} · {plural('documents.pages', v.pageCount)}
                        {v.signatureFieldCount > 0 && <> · {plural('documents.signatures', v.signatureFieldCount)}</>}
                      </span>
                    </button>
                  </li>
                )),
              )}
            </ul>
          )}
        </>
      )}
    </dialog>
  );
}
