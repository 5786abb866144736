import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import type { Placement, PlacementKind, SavedPlacements } from '../../src-shared/api/placements.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PdfViewer } from '../pdf/PdfViewer.js';
import type { TextMatch } from '../../src-shared/placement/text-find.js';
import { Icon } from '../ui/Icon.js';
import { newPlacementId, startingSize } from './box-edit.js';
import { PlacementContext, type PlacementState, type SealLook } from './placement-context.js';
import { PlacementLayer } from './PlacementLayer.js';
import { PlacementTools } from './PlacementTools.js';
import { usePlacements } from './usePlacements.js';

export interface PlacementEditorProps {
  /** The stored version the boxes belong to (its pages are shown). */
  versionId: string;
  /** Open with the tools shown (the signing dialog); otherwise a toolbar button opens them. */
  editing?: boolean;
  /** Seals the person may stamp, shown in their boxes as they will be stamped. */
  seals?: readonly SealLook[];
  /** Every state saved with the version (after load and after each change). */
  onChange?: (saved: SavedPlacements) => void;
  /** Extra toolbar buttons for the viewer. */
  actions?: ReactNode;
}

/**
 * The contract's PDF viewer with the placement layer: where the version will be stamped (seal,
 * signature and date boxes, the cross-page seal), edited on the pages and saved with the version
 * through placements.save. The signing ceremony embeds it and reads the boxes back from `onChange`
 * (or placements.get).
 */
export function PlacementEditor({ versionId, editing: startEditing = false, seals = [], onChange, actions }: PlacementEditorProps) {
  const { t } = useI18n();
  const model = usePlacements(versionId, onChange);
  const [editing, setEditing] = useState(startEditing);
  const [offers, setOffers] = useState<TextMatch[]>([]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const keysHintId = useId();
  const seal = seals[0];

  const { value, change } = model;
  const add = useCallback(
    (p: Omit<Placement, 'id'>) => {
      if (!value) return;
      const id = newPlacementId();
      change({ ...value, placements: [...value.placements, { ...p, id }] });
      setFocusId(id);
    },
    [value, change],
  );
  const update = useCallback(
    (id: string, next: Placement | null) => {
      if (!value) return;
      change({ ...value, placements: next ? value.placements.map((p) => (p.id === id ? next : p)) : value.placements.filter((p) => p.id !== id) });
      if (!next) setFocusId(null);
    },
    [value, change],
  );
  const sizeFor = useCallback((kind: PlacementKind) => startingSize(kind, kind === 'seal' && seal ? seal : undefined), [seal]);

  const focused = useCallback(() => setFocusId(null), []);
  const state: PlacementState = useMemo(
    () => ({ model, editing, seals, sealId: seal?.id, offers, focusId, focused, add, update, sizeFor, keysHintId }),
    [model, editing, seals, seal, offers, focusId, focused, add, update, sizeFor, keysHintId],
  );

  return (
    <PlacementContext.Provider value={state}>
      <PdfViewer
        versionId={versionId}
        actions={
          <>
            {actions}
            <button type="button" className="btn" aria-pressed={editing} onClick={() => setEditing(!editing)}>
              <Icon name="stamp" /> <span className="pdf-toolbar-text">{t('placement.open')}</span>
            </button>
          </>
        }
        panel={editing ? <PlacementTools onOffers={setOffers} /> : null}
        pageOverlay={(view) => <PlacementLayer view={view} />}
      />
    </PlacementContext.Provider>
  );
}
