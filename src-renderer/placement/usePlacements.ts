import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedPlacements, VersionPlacements } from '../../src-shared/api/placements.js';
import { useApi } from '../api/ApiContext.js';

/** How long edits rest before they are saved: one save per gesture, not one per arrow key. */
const SAVE_AFTER_MS = 300;

export type SaveState = 'loading' | 'saved' | 'saving' | 'error';

export interface PlacementsModel {
  /** The boxes as the person sees them now (saved or about to be). */
  readonly value: VersionPlacements | null;
  readonly state: SaveState;
  readonly error: unknown;
  /** Replace the boxes; saved shortly after (placements.save). */
  change(next: VersionPlacements): void;
}

/**
 * The boxes of one version, loaded with placements.get and saved with placements.save a moment after
 * each change, so a half-prepared signing survives a restart. `onSaved` hears every saved state.
 */
export function usePlacements(versionId: string, onSaved?: (saved: SavedPlacements) => void): PlacementsModel {
  const api = useApi();
  const [value, setValue] = useState<VersionPlacements | null>(null);
  const [state, setState] = useState<SaveState>('loading');
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const heard = useRef(onSaved);
  heard.current = onSaved;

  useEffect(() => {
    let live = true;
    setValue(null);
    setState('loading');
    api.placements
      .get({ versionId })
      .then((saved) => {
        if (!live) return;
        setValue({ placements: saved.placements, crossPageSeal: saved.crossPageSeal });
        setState('saved');
        heard.current?.(saved);
      })
      .catch((err: unknown) => {
        if (!live) return;
        setError(err);
        setState('error');
      });
    return () => {
      live = false;
    };
  }, [api, versionId]);

  const save = useCallback(
    (next: VersionPlacements) => {
      setState('saving');
      api.placements
        .save({ versionId, ...next })
        .then((saved) => {
          setError(null);
          setState('saved');
          heard.current?.(saved);
        })
        .catch((err: unknown) => {
          setError(err);
          setState('error');
        });
    },
    [api, versionId],
  );

  const change = useCallback(
    (next: VersionPlacements) => {
      setValue(next);
      setState('saving');
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => save(next), SAVE_AFTER_MS);
    },
    [save],
  );

  // Leaving with an edit still waiting: save it now rather than drop it.
  const latest = useRef(value);
  latest.current = value;
  useEffect(
    () => () => {
      if (pending.current && latest.current) {
        clearTimeout(pending.current);
        void api.placements.save({ versionId, ...latest.current }).catch(() => {});
      }
    },
    [api, versionId],
  );

  return { value, state, error, change };
}
