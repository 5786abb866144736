import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { PLACEMENT_KINDS, type PlacementKind } from '../../src-shared/api/placements.js';
import { besideText, keepOnPage } from '../../src-shared/placement/geometry.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { findText, type TextMatch } from '../../src-shared/placement/text-find.js';
import { useViewer } from '../pdf/viewer-context.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { centredAt } from './box-edit.js';
import { usePlacementState } from './placement-context.js';

/** Pointer travel (CSS pixels) that turns a press on a tool into a drag. */
const DRAG_AFTER_PX = 4;

/**
 * The placement tools above the pages: seal, signature and date boxes (drag one onto a page, or
 * press it to add one to the current page), the cross-page seal switch, and "place at text".
 */
export function PlacementTools({ onOffers }: { onOffers: (offers: TextMatch[]) => void }) {
  const { t, plural } = useI18n();
  const state = usePlacementState();
  const viewer = useViewer();
  const [drag, setDrag] = useState<{ kind: PlacementKind; startX: number; startY: number; x: number; y: number; moved: boolean } | null>(null);
  const dragged = useRef(false);
  const [keyword, setKeyword] = useState('');
  const [found, setFound] = useState<TextMatch[] | null>(null);
  const [searching, setSearching] = useState(false);
  const value = state.model.value;
  const pages = viewer.sizes.length;

  /** A box of this kind on the current page, low and centred, where signatures usually go. */
  const addToCurrentPage = (kind: PlacementKind) => {
    const page = viewer.sizes[viewer.current - 1];
    const size = state.sizeFor(kind);
    const box = keepOnPage({ x: (page.width - size.width) / 2, y: page.height * 0.15, ...size }, page);
    state.add({ kind, page: viewer.current, ...box, ...(kind === 'seal' && state.sealId ? { sealId: state.sealId } : {}) });
  };

  // While a tool is dragged the whole window follows the pointer; the drop lands on the page under it.
  useEffect(() => {
    if (!drag) return;
    const move = (e: PointerEvent) => {
      const moved = drag.moved || Math.hypot(e.clientX - drag.startX, e.clientY - drag.startY) > DRAG_AFTER_PX;
      setDrag({ ...drag, x: e.clientX, y: e.clientY, moved });
    };
    const up = (e: PointerEvent) => {
      setDrag(null);
      if (!drag.moved) return;
      // The click that may follow this release is the end of the drag, not a press of the tool.
      dragged.current = true;
      setTimeout(() => (dragged.current = false), 0);
      const sheet = document.elementsFromPoint(e.clientX, e.clientY).find((el) => el.classList.contains('pdf-sheet')) as HTMLElement | undefined;
      const page = Number(sheet?.dataset.page);
      if (!sheet || !page) return;
      const at = sheet.getBoundingClientRect();
      const box = centredAt(e.clientX - at.left, e.clientY - at.top, state.sizeFor(drag.kind), viewer.sizes[page - 1], viewer.scale);
      state.add({ kind: drag.kind, page, ...box, ...(drag.kind === 'seal' && state.sealId ? { sealId: state.sealId } : {}) });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [drag, state, viewer]);

  const startDrag = (e: ReactPointerEvent, kind: PlacementKind) => {
    if (e.button !== 0) return;
    dragged.current = false;
    setDrag({ kind, startX: e.clientX, startY: e.clientY, x: e.clientX, y: e.clientY, moved: false });
  };

  const search = async () => {
    const needle = keyword.trim();
    if (!needle) return;
    setSearching(true);
    try {
      const matches = await findText(viewer.doc, needle);
      setFound(matches);
      onOffers(matches);
      if (matches[0]) viewer.go(matches[0].page);
    } finally {
      setSearching(false);
    }
  };
  const placeAt = (m: TextMatch) => {
    const size = state.sizeFor('seal');
    state.add({ kind: 'seal', page: m.page, ...besideText(m.box, size, viewer.sizes[m.page - 1]), ...(state.sealId ? { sealId: state.sealId } : {}) });
    viewer.go(m.page);
  };

  const cross = value?.crossPageSeal ?? null;
  const toggleCross = (on: boolean) => {
    if (!value) return;
    const size = state.sizeFor('seal').height;
    state.model.change({ ...value, crossPageSeal: on ? { firstPage: 1, lastPage: pages, size, ...(state.sealId ? { sealId: state.sealId } : {}) } : null });
  };

  return (
    <div className="placement-tools" role="group" aria-label={t('placement.tools')}>
      <div className="placement-tools-row">
        <span className="placement-tools-hint muted">{t('placement.dragHint')}</span>
        {PLACEMENT_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`btn placement-tool placement-tool-${kind}`}
            onPointerDown={(e) => startDrag(e, kind)}
            onClick={() => {
              if (!dragged.current) addToCurrentPage(kind);
            }}
          >
            <span className={`placement-swatch placement-${kind}`} aria-hidden="true" />
            {t(`placement.kind.${kind}`)}
          </button>
        ))}
        <label className="placement-cross">
          <input type="checkbox" checked={cross !== null} disabled={pages < 2 || !value} onChange={(e) => toggleCross(e.currentTarget.checked)} />
          {t('placement.crossPage')}
        </label>
        <span className="toolbar-grow" />
        <span className="placement-status muted" role="status">
          {state.model.state === 'saving'
            ? t('placement.saving')
            : state.model.state === 'saved'
              ? plural('placement.saved', value?.placements.length ?? 0)
              : ''}
        </span>
      </div>
      <form
        className="placement-tools-row"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label className="placement-keyword">
          <span>{t('placement.atText')}</span>
          <input type="search" value={keyword} placeholder={t('placement.atTextExample')} onChange={(e) => setKeyword(e.currentTarget.value)} maxLength={100} />
        </label>
        <button type="submit" className="btn" disabled={searching || !keyword.trim()}>
          {t('placement.find')}
        </button>
        {found && (
          <span className="muted" role="status">
            {plural('placement.foundCount', found.length)}
          </span>
        )}
      </form>
      {found && found.length > 0 && (
        <ul className="placement-matches" aria-label={t('placement.matches')}>
          {found.map((m, i) => (
            <li key={i}>
              <span>{t('placement.matchAt', { page: m.page, text: m.text })}</span>
              <button type="button" className="btn placement-place" onClick={() => placeAt(m)}>
                {t('placement.placeSealHere')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p id={state.keysHintId} className="placement-keys muted">
        {t('placement.keys')}
      </p>
      {state.model.state === 'error' && <ErrorBanner error={state.model.error} title={t('placement.saveFailed')} />}
      {drag?.moved && (
        <div className={`placement-ghost placement-${drag.kind}`} aria-hidden="true" style={{ left: drag.x, top: drag.y }}>
          {t(`placement.kind.${drag.kind}`)}
        </div>
      )}
    </div>
  );
}
