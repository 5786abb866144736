import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { openPdf, type PDFDocumentProxy } from './pdfjs.js';
import { saveFile } from './save-file.js';

const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
type Zoom = number | 'fit';

interface Loaded {
  doc: PDFDocumentProxy;
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
}

/** What to show: a stored version (read through documents.read), or bytes the caller already has. */
export type PdfViewerSource = { versionId: string } | { file: { name: string; bytes: Uint8Array<ArrayBuffer> } };

/**
 * A PDF drawn page by page onto a canvas with pdf.js: page navigation, zoom, save a copy, and any
 * `actions` the caller adds to the toolbar.
 */
export function PdfViewer(props: PdfViewerSource & { actions?: ReactNode }) {
  const versionId = 'versionId' in props ? props.versionId : null;
  const given = 'file' in props ? props.file : null;
  const api = useApi();
  const files = useFiles();
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [scale, setScale] = useState(1);
  const [width, setWidth] = useState(0);
  const [rendering, setRendering] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const viewport = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setLoaded(null);
    setError(null);
    setPage(1);
    (async () => {
      const file: { name: string; bytes: Uint8Array<ArrayBuffer> } =
        given ?? (await api.documents.read({ versionId: versionId ?? '' }).then(async (f) => ({ name: f.name, bytes: await files.download(f) })));
      opened = await openPdf(file.bytes);
      if (live) setLoaded({ doc: opened, bytes: file.bytes, name: file.name });
      else void opened.destroy();
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
      if (opened) void opened.destroy();
    };
  }, [api, files, versionId, given]);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [loaded]);

  useEffect(() => {
    const target = canvas.current;
    if (!loaded || !target || (zoom === 'fit' && width === 0)) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    setRendering(true);
    (async () => {
      const p = await loaded.doc.getPage(page);
      if (cancelled) return;
      const natural = p.getViewport({ scale: 1 });
      const cssScale = zoom === 'fit' ? Math.max(0.25, (width - 48) / natural.width) : zoom;
      const ratio = window.devicePixelRatio || 1;
      const vp = p.getViewport({ scale: cssScale * ratio });
      target.width = Math.floor(vp.width);
      target.height = Math.floor(vp.height);
      target.style.width = `${Math.floor(vp.width / ratio)}px`;
      target.style.height = `${Math.floor(vp.height / ratio)}px`;
      setScale(cssScale);
      task = p.render({ canvas: target, viewport: vp });
      await task.promise;
    })()
      .catch((err: unknown) => {
        if (!cancelled && (err as { name?: string })?.name !== 'RenderingCancelledException') setError(err);
      })
      .finally(() => !cancelled && setRendering(false));
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [loaded, page, zoom, width]);

  const pages = loaded?.doc.numPages ?? 0;
  const go = useCallback((n: number) => setPage(Math.max(1, Math.min(pages || 1, n))), [pages]);
  const zoomBy = (direction: 1 | -1) => {
    const next = direction > 0 ? ZOOM_STEPS.find((s) => s > scale + 0.01) : [...ZOOM_STEPS].reverse().find((s) => s < scale - 0.01);
    setZoom(next ?? (direction > 0 ? ZOOM_STEPS[ZOOM_STEPS.length - 1] : ZOOM_STEPS[0]));
  };
  const download = () => {
    if (loaded) saveFile(loaded.bytes, loaded.name);
  };

  if (error) return <ErrorBanner error={error} title={t('viewer.error')} />;
  if (!loaded) return <Spinner label={t('viewer.loading')} />;

  return (
    <section
      className="pdf-viewer"
      aria-label={t('viewer.label')}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const action: Record<string, () => void> = {
          PageDown: () => go(page + 1),
          ArrowRight: () => go(page + 1),
          PageUp: () => go(page - 1),
          ArrowLeft: () => go(page - 1),
          '+': () => zoomBy(1),
          '=': () => zoomBy(1),
          '-': () => zoomBy(-1),
        };
        if (!action[e.key]) return;
        e.preventDefault();
        action[e.key]();
      }}
    >
      <div className="pdf-toolbar" role="toolbar" aria-label={t('viewer.label')}>
        <button type="button" className="btn btn-icon" onClick={() => go(page - 1)} disabled={page <= 1} aria-label={t('viewer.prev')} title={t('viewer.prev')}>
          <Icon name="back" />
        </button>
        <label className="pdf-page">
          <span className="visually-hidden">{t('viewer.page')}</span>
          <input
            type="number"
            min={1}
            max={pages}
            value={page}
            onChange={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n <= pages) setPage(n);
            }}
          />
          <span>{t('viewer.pageOf', { count: pages })}</span>
        </label>
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => go(page + 1)}
          disabled={page >= pages}
          aria-label={t('viewer.next')}
          title={t('viewer.next')}
        >
          <Icon name="next" />
        </button>
        <span className="toolbar-sep" />
        <button type="button" className="btn btn-icon" onClick={() => zoomBy(-1)} aria-label={t('viewer.zoomOut')} title={t('viewer.zoomOut')}>
          <Icon name="zoomOut" />
        </button>
        <span className="pdf-zoom" aria-live="polite">
          {t('viewer.zoom', { percent: Math.round(scale * 100) })}
        </span>
        <button type="button" className="btn btn-icon" onClick={() => zoomBy(1)} aria-label={t('viewer.zoomIn')} title={t('viewer.zoomIn')}>
          <Icon name="zoomIn" />
        </button>
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => setZoom('fit')}
          aria-pressed={zoom === 'fit'}
          aria-label={t('viewer.fitWidth')}
          title={t('viewer.fitWidth')}
        >
          <Icon name="fitWidth" />
        </button>
        <span className="toolbar-grow" />
        {props.actions}
        <button type="button" className="btn" onClick={download}>
          <Icon name="download" /> {t('viewer.download')}
        </button>
      </div>
      <div ref={viewport} className={rendering ? 'pdf-canvas-area pdf-rendering' : 'pdf-canvas-area'}>
        <canvas ref={canvas} className="pdf-canvas" aria-label={`${loaded.name} — ${t('viewer.page')} ${page}`} role="img" />
      </div>
    </section>
  );
}
