import { createContext, useContext } from 'react';
import type { Placement, PlacementKind } from '../../src-shared/api/placements.js';
import type { TextMatch } from '../../src-shared/placement/text-find.js';
import type { PlacementsModel } from './usePlacements.js';

/** How a seal from the seal library looks in a box: its image, as it will be stamped, and its size in points. */
export interface SealLook {
  readonly id: string;
  readonly name: string;
  /** A data: URL an <img> shows. */
  readonly image: string;
  readonly width: number;
  readonly height: number;
}

/** What the placement tools and every page's layer share. */
export interface PlacementState {
  readonly model: PlacementsModel;
  /** Boxes can be added, moved, resized and removed (otherwise they are only shown). */
  readonly editing: boolean;
  /** Seals the person may stamp; the first is used for new seal boxes unless another is chosen. */
  readonly seals: readonly SealLook[];
  readonly sealId: string | undefined;
  /** Text found by keyword, each offering a box beside it. */
  readonly offers: readonly TextMatch[];
  /** The box to focus once it is drawn (a new one). */
  readonly focusId: string | null;
  /** The new box has taken the focus; later drawings leave the focus where the person puts it. */
  focused(): void;
  /** Add a box and focus it. */
  add(placement: Omit<Placement, 'id'>): void;
  /** Replace or (null) remove one box. */
  update(id: string, next: Placement | null): void;
  sizeFor(kind: PlacementKind): { width: number; height: number };
  /** The id for the element describing the keys a box answers to. */
  readonly keysHintId: string;
}

export const PlacementContext = createContext<PlacementState | null>(null);

export function usePlacementState(): PlacementState {
  const state = useContext(PlacementContext);
  if (!state) throw new Error('usePlacementState is used outside a PlacementEditor');
  return state;
}
