import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { PageSize } from '../../src-shared/placement/geometry.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { PageCanvas } from './PageCanvas.js';
import { currentPage, fitWidthScale, nextZoom, pagesNear, stackPages } from './page-layout.js';
import { openPdf, type PDFDocumentProxy } from './pdfjs.js';
import { saveFile } from './save-file.js';
import { Thumbnails } from './Thumbnails.js';
import { ViewerContext, type PageView, type ViewerState } from './viewer-context.js';

type Zoom = number | 'fit';

interface Loaded {
  doc: PDFDocumentProxy;
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
  /** Every page's size as shown (its /Rotate applied), in points. */
  sizes: PageSize[];
}

/** Space between pages and around them, in CSS pixels. */
const GAP = 16;
/** The narrowest page area that opens with the thumbnail strip beside it. */
const THUMBNAILS_FROM = 640;

/** What to show: a stored version (read through documents.read), or bytes the caller already has. */
export type PdfViewerSource = { versionId: string } | { file: { name: string; bytes: Uint8Array<ArrayBuffer> } };

export interface PdfViewerProps {
  /** Extra toolbar buttons (e.g. "Verify signatures"). */
  actions?: ReactNode;
  /** Drawn between the toolbar and the pages, inside the viewer (it may call useViewer). */
  panel?: ReactNode;
  /** Drawn over each page while it is drawn (it may call useViewer), e.g. the placement boxes. */
  pageOverlay?: (view: PageView) => ReactNode;
}

/** Every page's shown size; pdf.js reads page dictionaries only, so even 300 pages take a moment. */
async function pageSizes(doc: PDFDocumentProxy): Promise<PageSize[]> {
  const pages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
  return pages.map((p) => {
    const vp = p.getViewport({ scale: 1 });
    return { width: vp.width, height: vp.height };
  });
}

/**
 * A PDF as one continuous scroll of pages, opened fit-to-width: zoom, page thumbnails in a side
 * strip, keyboard (PageUp/PageDown, Home/End, + and −), save a copy. Only pages near the viewport
 * are drawn (page-layout.ts), so a 300-page contract scrolls as smoothly as a 3-page one.
 */
export function PdfViewer(props: PdfViewerSource & PdfViewerProps) {
  const versionId = 'versionId' in props ? props.versionId : null;
  const given = 'file' in props ? props.file : null;
  const api = useApi();
  const files = useFiles();
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setLoaded(null);
    setError(null);
    (async () => {
      const file: { name: string; bytes: Uint8Array<ArrayBuffer> } =
        given ?? (await api.documents.read({ versionId: versionId ?? '' }).then(async (f) => ({ name: f.name, bytes: await files.download(f) })));
      opened = await openPdf(file.bytes);
      const sizes = await pageSizes(opened);
      if (live) setLoaded({ doc: opened, bytes: file.bytes, name: file.name, sizes });
      else void opened.destroy();
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
      if (opened) void opened.destroy();
    };
  }, [api, files, versionId, given]);

  if (error) return <ErrorBanner error={error} title={t('viewer.error')} />;
  if (!loaded) return <Spinner label={t('viewer.loading')} />;
  return <LoadedViewer loaded={loaded} {...props} />;
}

function LoadedViewer({ loaded, actions, panel, pageOverlay }: { loaded: Loaded } & PdfViewerProps) {
  const { t } = useI18n();
  const { doc, sizes, name } = loaded;
  const pages = sizes.length;
  const area = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [box, setBox] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  /** The strip starts open where the pages keep a readable width beside it (closed in a 1024 px window). */
  const [thumbnails, setThumbnails] = useState<boolean | null>(null);
  const [pageDraft, setPageDraft] = useState<string | null>(null);
  /** A page asked for by number stays the current page while the scroll rests where it put it. */
  const asked = useRef<{ page: number; top: number } | null>(null);

  const scale = zoom === 'fit' ? fitWidthScale(sizes, box.width - 2 * GAP) : zoom;
  const { slots, height } = useMemo(() => stackPages(sizes, scale, GAP), [sizes, scale]);
  const contentWidth = Math.max(box.width, ...slots.map((s) => s.width + 2 * GAP));
  const near = box.height > 0 ? pagesNear(slots, scrollTop, box.height) : { first: 0, last: Math.min(1, pages - 1) };
  const pinned = asked.current && Math.abs(asked.current.top - scrollTop) < 2 ? asked.current.page : null;
  const current = pinned ?? currentPage(slots, scrollTop, box.height) + 1;

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setBox({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    setThumbnails((shown) => shown ?? el.clientWidth >= THUMBNAILS_FROM);
    return () => observer.disconnect();
  }, []);

  // A new scale keeps the reader on the same spot of the same page.
  const previous = useRef({ slots, current });
  useLayoutEffect(() => {
    const el = area.current;
    const before = previous.current;
    previous.current = { slots, current };
    if (!el || before.slots === slots || before.slots.length !== slots.length) return;
    const was = before.slots[before.current - 1];
    const now = slots[before.current - 1];
    if (!was || !now || was.height === now.height) return;
    el.scrollTop = now.top + ((el.scrollTop - was.top) * now.height) / was.height;
    setScrollTop(el.scrollTop);
  }, [slots, current]);

  const go = useCallback(
    (page: number) => {
      const el = area.current;
      const n = Math.max(1, Math.min(pages, Math.round(page)));
      if (!el || !slots[n - 1]) return;
      el.scrollTop = slots[n - 1].top - GAP;
      asked.current = { page: n, top: el.scrollTop };
      setPageDraft(null);
      setScrollTop(el.scrollTop);
    },
    [pages, slots],
  );
  const zoomBy = (direction: 1 | -1) => setZoom(nextZoom(scale, direction));
  const viewer: ViewerState = useMemo(() => ({ doc, sizes, current, scale, go }), [doc, sizes, current, scale, go]);

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || target.closest('input, textarea, select')) return;
    const action: Record<string, () => void> = {
      PageDown: () => go(current + 1),
      PageUp: () => go(current - 1),
      Home: () => go(1),
      End: () => go(pages),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
    };
    if (!action[e.key]) return;
    e.preventDefault();
    action[e.key]();
  };

  const drawn = [];
  // Nothing is drawn before the area is measured: fit-to-width would draw every page twice.
  for (let i = near.first; box.width > 0 && i <= near.last; i++) {
    const slot = slots[i];
    const page = i + 1;
    drawn.push(
      <div
        key={page}
        className="pdf-sheet"
        data-page={page}
        style={{ top: slot.top, left: (contentWidth - slot.width) / 2, width: slot.width, height: slot.height }}
      >
        <PageCanvas doc={doc} page={page} scale={scale} className="pdf-canvas" label={t('viewer.pageLabel', { name, page, count: pages })} />
        {pageOverlay && <div className="pdf-sheet-overlay">{pageOverlay({ page, size: sizes[i], scale })}</div>}
      </div>,
    );
  }

  return (
    <ViewerContext.Provider value={viewer}>
      <section className="pdf-viewer" aria-label={t('viewer.label')} onKeyDown={onKeyDown} data-current-page={current} data-scale={scale.toFixed(3)}>
        <div className="pdf-toolbar" role="toolbar" aria-label={t('viewer.label')}>
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => setThumbnails(!thumbnails)}
            aria-pressed={thumbnails === true}
            aria-label={t('viewer.thumbnails')}
            title={t('viewer.thumbnails')}
          >
            <Icon name="pages" />
          </button>
          <span className="toolbar-sep" />
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => go(current - 1)}
            disabled={current <= 1}
            aria-label={t('viewer.prev')}
            title={t('viewer.prev')}
          >
            <Icon name="back" />
          </button>
          <label className="pdf-page">
            <span className="visually-hidden">{t('viewer.page')}</span>
            <input
              type="number"
              min={1}
              max={pages}
              value={pageDraft ?? current}
              onChange={(e) => {
                const n = Number(e.currentTarget.value);
                setPageDraft(e.currentTarget.value);
                if (Number.isInteger(n) && n >= 1 && n <= pages) go(n);
              }}
              onBlur={() => setPageDraft(null)}
            />
            <span>{t('viewer.pageOf', { count: pages })}</span>
          </label>
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => go(current + 1)}
            disabled={current >= pages}
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
            <span className="pdf-toolbar-text">{t('viewer.zoomLabel')} </span>
            {Math.round(scale * 100)}%
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
          {actions}
          <button type="button" className="btn" onClick={() => saveFile(loaded.bytes, name)} title={t('viewer.download')}>
            <Icon name="download" /> <span className="pdf-toolbar-text">{t('viewer.download')}</span>
          </button>
        </div>
        {panel}
        <div className="pdf-body">
          {thumbnails && <Thumbnails viewer={viewer} />}
          <div
            ref={area}
            className="pdf-canvas-area"
            tabIndex={0}
            role="region"
            aria-label={t('viewer.pages', { name })}
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          >
            <div className="pdf-pages" style={{ height, width: contentWidth }}>
              {drawn}
            </div>
          </div>
        </div>
      </section>
    </ViewerContext.Provider>
  );
}
