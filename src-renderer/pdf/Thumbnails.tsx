import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { PageCanvas } from './PageCanvas.js';
import { pagesNear, stackPages } from './page-layout.js';
import type { ViewerState } from './viewer-context.js';

/** The widest page's thumbnail, in CSS pixels; the others keep their proportions at the same scale. */
const THUMB_WIDTH = 84;
/** Room under each thumbnail for its page number. */
const LABEL_ROOM = 20;
const GAP = 10;

/**
 * The side strip of page thumbnails: each one a button that scrolls the document to its page, the
 * current page marked (aria-current). Only thumbnails near the strip's own viewport are drawn.
 */
export function Thumbnails({ viewer }: { viewer: ViewerState }) {
  const { t } = useI18n();
  const strip = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const scale = THUMB_WIDTH / Math.max(1, ...viewer.sizes.map((s) => s.width));
  const { slots, height } = useMemo(
    () =>
      stackPages(
        viewer.sizes.map((s) => ({ width: s.width, height: s.height + LABEL_ROOM / scale })),
        scale,
        GAP,
      ),
    [viewer.sizes, scale],
  );
  const near = pagesNear(slots, view.top, view.height, 1);

  useEffect(() => {
    const el = strip.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the current page's thumbnail in sight as the document scrolls.
  useEffect(() => {
    const el = strip.current;
    const slot = slots[viewer.current - 1];
    if (!el || !slot) return;
    if (slot.top < el.scrollTop) el.scrollTop = slot.top - GAP;
    else if (slot.top + slot.height > el.scrollTop + el.clientHeight) el.scrollTop = slot.top + slot.height - el.clientHeight + GAP;
  }, [viewer.current, slots]);

  const shown = [];
  for (let i = near.first; i <= near.last; i++) {
    const slot = slots[i];
    const page = i + 1;
    const current = page === viewer.current;
    shown.push(
      <li key={page} style={{ top: slot.top, height: slot.height }}>
        <button
          type="button"
          className={current ? 'pdf-thumb pdf-thumb-current' : 'pdf-thumb'}
          aria-current={current ? 'page' : undefined}
          aria-label={t('viewer.goToPage', { page })}
          data-page={page}
          onClick={() => viewer.go(page)}
        >
          <span className="pdf-thumb-sheet" style={{ width: Math.floor(viewer.sizes[i].width * scale), height: Math.floor(viewer.sizes[i].height * scale) }}>
            <PageCanvas doc={viewer.doc} page={page} scale={scale} className="pdf-thumb-canvas" />
          </span>
          <span className="pdf-thumb-number" aria-hidden="true">
            {page}
          </span>
        </button>
      </li>,
    );
  }

  return (
    <nav className="pdf-thumbnails" aria-label={t('viewer.thumbnails')}>
      <div ref={strip} className="pdf-thumbnails-scroll" onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        <ol className="pdf-thumbnails-list" style={{ height }}>
          {shown}
        </ol>
      </div>
    </nav>
  );
}
