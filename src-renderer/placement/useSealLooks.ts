import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext.js';
import type { SealLook } from './placement-context.js';

const POINTS_PER_MM = 72 / 25.4;

/** The company seals that can be stamped (seals.list, disabled ones left out), as boxes draw them. */
export function useSealLooks(): readonly SealLook[] {
  const api = useApi();
  const [looks, setLooks] = useState<readonly SealLook[]>([]);
  useEffect(() => {
    let live = true;
    api.seals
      .list({})
      .then(({ seals }) => {
        if (!live) return;
        setLooks(
          seals
            .filter((s) => s.category === 'seal' && !s.disabledAt)
            .map((s) => ({ id: s.id, name: s.name, image: s.preview, width: s.widthMm * POINTS_PER_MM, height: s.heightMm * POINTS_PER_MM })),
        );
      })
      // Without the seal library the boxes are labelled outlines, as before any seal exists.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  return looks;
}
