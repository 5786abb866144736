import { useCallback, useEffect, useId, useState } from 'react';
import type { DocxLoss, DraftPoint, DraftVersion, Redline } from '../../src-shared/api/index.js';
import { DOCX_LOSS_TEXT } from '../../src-shared/docx-losses.js';
import { say } from '../../src-shared/i18n/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { saveFile } from '../pdf/save-file.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { RedlineView } from './RedlineView.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Busy = null | 'pdf' | 'docx' | { importing: string } | 'compare' | 'redlinePdf';

/**
 * The draft's files beside the editor: export the PDF that becomes the contract's document (ready
 * for the signing ceremony's seals), export and import Word, and compare two versions as a redline.
 * `onDraftReplaced` reopens the editor after an import changed the draft.
 */
export function DraftFilesPanel({ contractId, onDraftReplaced }: { contractId: string; onDraftReplaced: () => void }) {
  const api = useApi();
  const files = useFiles();
  const { t, lang } = useI18n();
  const fromId = useId();
  const toId = useId();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ text: string; versionId?: string; lost?: DocxLoss[]; compare?: [DraftPoint, DraftPoint] } | null>(null);
  const [versions, setVersions] = useState<DraftVersion[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [redline, setRedline] = useState<{ redline: Redline; from: DraftPoint; to: DraftPoint } | null>(null);

  const loadVersions = useCallback(() => {
    api.drafts.versions({ contractId }).then((r) => {
      setVersions(r.versions);
      setFrom((f) => f || r.versions.at(-1)?.id || '');
    }, setError);
  }, [api, contractId]);
  useEffect(loadVersions, [loadVersions]);

  const run = async (what: Busy, body: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await body();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const point = (value: string): DraftPoint => (value === 'current' ? 'current' : { versionId: value });
  const nameOf = (p: DraftPoint) =>
    p === 'current'
      ? t('draftFiles.compare.current')
      : (() => {
          const v = versions.find((x) => x.id === p.versionId);
          return v ? t('draftFiles.compare.version', { number: v.number, name: v.name }) : '';
        })();
  const compare = (a: DraftPoint, b: DraftPoint) =>
    run('compare', async () => {
      setRedline({ redline: await api.drafts.redline({ contractId, from: a, to: b }), from: a, to: b });
    });
  const busyText =
    busy === 'pdf'
      ? t('draftFiles.exportPdf.busy')
      : busy === 'docx'
        ? t('draftFiles.exportDocx.busy')
        : busy === 'compare'
          ? t('draftFiles.compare.busy')
          : busy && typeof busy === 'object'
            ? t('draftFiles.importDocx.busy', { name: busy.importing })
            : '';

  return (
    <section className="draft-panel draft-files" aria-labelledby="draft-files-title" aria-busy={busy !== null}>
      <h2 id="draft-files-title">{t('draftFiles.title')}</h2>
      <div className="draft-files-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== null}
          onClick={() =>
            run('pdf', async () => {
              const out = await api.drafts.exportPdf({ contractId });
              setNotice({ text: t('draftFiles.exportPdf.done', { number: out.number }), versionId: out.versionId });
            })
          }
        >
          {t('draftFiles.exportPdf')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null}
          onClick={() =>
            run('docx', async () => {
              const out = await api.drafts.exportDocx({ contractId });
              saveFile(await files.download(out), out.name, DOCX_TYPE);
            })
          }
        >
          {t('draftFiles.exportDocx')}
        </button>
        <FilePickerButton
          accept={`${DOCX_TYPE},.docx`}
          multiple={false}
          disabled={busy !== null}
          onFiles={([file]) =>
            file &&
            run({ importing: file.name }, async () => {
              const out = await api.drafts.importDocx({ contractId, file: { uploadId: await files.upload(file, file.name) } });
              loadVersions();
              onDraftReplaced();
              setNotice({
                text: t('draftFiles.importDocx.done', { name: file.name }),
                lost: out.lost,
                compare: out.previousVersionId ? [{ versionId: out.previousVersionId }, { versionId: out.versionId }] : undefined,
              });
            })
          }
        >
          {t('draftFiles.importDocx')}
        </FilePickerButton>
      </div>
      {busyText && (
        <p role="status" className="muted">
          {busyText}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} />}
      {notice && (
        <div className="draft-files-notice" role="status">
          <p>{notice.text}</p>
          {notice.lost &&
            (notice.lost.length ? (
              <>
                <p>{t('draftFiles.importDocx.lost')}</p>
                <ul>
                  {notice.lost.map((l) => (
                    <li key={l.kind}>{say(DOCX_LOSS_TEXT[l.kind], lang, { count: l.count })}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t('draftFiles.importDocx.nothingLost')}</p>
            ))}
          {notice.versionId && (
            <button
              type="button"
              className="btn"
              onClick={() =>
                run(null, async () => {
                  const doc = await api.documents.read({ versionId: notice.versionId! });
                  saveFile(await files.download(doc), doc.name);
                })
              }
            >
              {t('draftFiles.saveCopy')}
            </button>
          )}
          {notice.compare && (
            <button type="button" className="btn" onClick={() => compare(...notice.compare!)}>
              {t('draftFiles.importDocx.compare')}
            </button>
          )}
        </div>
      )}
      <form
        className="draft-files-compare"
        onSubmit={(e) => {
          e.preventDefault();
          if (from) void compare(point(from), point(to));
        }}
      >
        <label htmlFor={fromId}>{t('draftFiles.compare.from')}</label>
        <select id={fromId} className="input" value={from} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {t('draftFiles.compare.version', { number: v.number, name: v.name })}
            </option>
          ))}
        </select>
        <label htmlFor={toId}>{t('draftFiles.compare.to')}</label>
        <select id={toId} className="input" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="current">{t('draftFiles.compare.current')}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {t('draftFiles.compare.version', { number: v.number, name: v.name })}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={busy !== null || !from}>
          {t('draftFiles.compare.run')}
        </button>
      </form>
      {redline && (
        <section className="redline-panel" aria-labelledby="redline-title">
          <div className="redline-head">
            <h2 id="redline-title">{t('redline.title')}</h2>
            <button type="button" className="btn" onClick={() => setRedline(null)}>
              {t('redline.close')}
            </button>
          </div>
          <RedlineView
            redline={redline.redline}
            busy={busy !== null}
            onExportPdf={() =>
              run('redlinePdf', async () => {
                const out = await api.drafts.redlinePdf({
                  contractId,
                  from: redline.from,
                  to: redline.to,
                  names: { from: nameOf(redline.from), to: nameOf(redline.to) },
                });
                saveFile(await files.download(out), out.name);
              })
            }
          />
        </section>
      )}
    </section>
  );
}
