import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Placement } from '../../src-shared/api/placements.js';
import { besideText, crossPageSlices, type Box } from '../../src-shared/placement/geometry.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { PageView } from '../pdf/viewer-context.js';
import { useViewer } from '../pdf/viewer-context.js';
import { moved, onScreen, resized } from './box-edit.js';
import { usePlacementState, type SealLook } from './placement-context.js';

/** Edges this close on screen (CSS pixels) jump onto the page's edge. */
const SNAP_PX = 8;
/** Points an arrow key moves or resizes a box by. */
const KEY_STEP = 2;

interface Gesture {
  id: string;
  mode: 'move' | 'resize';
  startX: number;
  startY: number;
  start: Box;
}

/**
 * The boxes on one page, drawn over it as they will be stamped: moved by dragging, resized from the
 * lower-right handle, and by keyboard (arrows move, Shift+arrows resize, Delete removes); the
 * cross-page seal's slice for this page and keyword offers are shown too.
 */
export function PlacementLayer({ view }: { view: PageView }) {
  const { t } = useI18n();
  const state = usePlacementState();
  const { sizes } = useViewer();
  const { page, size, scale } = view;
  const value = state.model.value;
  const [draft, setDraft] = useState<{ id: string; box: Box } | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const snap = SNAP_PX / scale;

  const cross = value?.crossPageSeal ?? null;
  const look = lookOf(state.seals, cross?.sealId);
  const slice = useMemo(() => {
    if (!cross) return null;
    const height = cross.size;
    const width = look ? (height * look.width) / look.height : height;
    const cut = crossPageSlices({ pages: sizes, firstPage: cross.firstPage, lastPage: cross.lastPage, width, height, y: cross.y });
    if ('problem' in cut) return null;
    const mine = cut.slices.find((s) => s.page === page);
    return mine ? { ...mine, whole: { width, height } } : null;
  }, [cross, look, sizes, page]);

  if (!value) return null;
  const boxes = value.placements.filter((p) => p.page === page);

  const begin = (e: PointerEvent<HTMLElement>, p: Placement, mode: Gesture['mode']) => {
    if (!state.editing || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    gesture.current = { id: p.id, mode, startX: e.clientX, startY: e.clientY, start: { x: p.x, y: p.y, width: p.width, height: p.height } };
    (document.querySelector(`[data-placement-id="${p.id}"]`) as HTMLElement | null)?.focus();
  };
  const follow = (e: PointerEvent<HTMLElement>, p: Placement) => {
    const g = gesture.current;
    if (!g || g.id !== p.id) return;
    const dx = (e.clientX - g.startX) / scale;
    const dy = (e.clientY - g.startY) / scale;
    const box = g.mode === 'move' ? moved(g.start, dx, -dy, size, snap) : resized(g.start, dx, dy, size, snap, p.kind === 'seal');
    setDraft({ id: p.id, box });
  };
  const end = (p: Placement) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g || g.id !== p.id || !draft || draft.id !== p.id) return;
    setDraft(null);
    state.update(p.id, { ...p, ...draft.box });
  };
  const onKey = (e: KeyboardEvent<HTMLElement>, p: Placement) => {
    if (!state.editing) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      state.update(p.id, null);
      return;
    }
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const arrow = arrows[e.key];
    if (!arrow) return;
    e.preventDefault();
    e.stopPropagation();
    const [dx, dy] = arrow;
    // Shift resizes from the lower-right corner: right/down grow, left/up shrink.
    const box = e.shiftKey ? resized(p, dx * KEY_STEP, -dy * KEY_STEP, size, 0, p.kind === 'seal') : moved(p, dx * KEY_STEP, dy * KEY_STEP, size, 0);
    state.update(p.id, { ...p, ...box });
  };

  return (
    <div className={state.editing ? 'placement-layer placement-editing' : 'placement-layer'} data-placement-page={page}>
      {slice && (
        <div className="placement-slice" aria-hidden="true" style={onScreen(slice.box, size, scale)}>
          <div className="placement-slice-seal" style={{ left: -slice.offset * scale, width: slice.whole.width * scale, height: slice.whole.height * scale }}>
            {look ? <img src={look.image} alt="" draggable={false} /> : <span className="placement-seal-ring" />}
          </div>
        </div>
      )}
      {state.editing &&
        state.offers
          .filter((o) => o.page === page)
          .map((o, i) => (
            // The found text, and the box "Place a seal here" would add beside it.
            <div key={i} aria-hidden="true">
              <div className="placement-found" style={onScreen(o.box, size, scale)} />
              <div className="placement-offer" style={onScreen(besideText(o.box, state.sizeFor('seal'), size), size, scale)} />
            </div>
          ))}
      {boxes.map((p) => {
        const box = draft?.id === p.id ? draft.box : p;
        const sealLook = p.kind === 'seal' ? lookOf(state.seals, p.sealId) : undefined;
        const label = t(`placement.kind.${p.kind}`);
        return (
          <div
            key={p.id}
            ref={(el) => {
              // A new box takes the focus once, when first drawn, so the keyboard can move it at once.
              if (el && state.focusId === p.id) {
                el.focus();
                state.focused();
              }
            }}
            className={`placement-box placement-${p.kind}`}
            data-placement-id={p.id}
            role={state.editing ? 'button' : 'img'}
            tabIndex={state.editing ? 0 : undefined}
            aria-label={t('placement.boxLabel', { kind: label, page })}
            aria-describedby={state.editing ? state.keysHintId : undefined}
            style={onScreen(box, size, scale)}
            onPointerDown={(e) => begin(e, p, 'move')}
            onPointerMove={(e) => follow(e, p)}
            onPointerUp={() => end(p)}
            onPointerCancel={() => end(p)}
            onKeyDown={(e) => onKey(e, p)}
          >
            {sealLook ? <img src={sealLook.image} alt="" draggable={false} /> : <span className="placement-label">{label}</span>}
            {state.editing && (
              <span
                className="placement-handle"
                aria-hidden="true"
                onPointerDown={(e) => begin(e, p, 'resize')}
                onPointerMove={(e) => follow(e, p)}
                onPointerUp={() => end(p)}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}

function lookOf(seals: readonly SealLook[], id: string | undefined): SealLook | undefined {
  return id ? seals.find((s) => s.id === id) : undefined;
}
