import { useCallback, useRef, useState } from 'react';
import type { PagedSearch } from './usePagedSearch.js';

/**
 * Contracts ticked in the library for batch signing: a click ticks one, shift-click ticks the
 * range from the last one ticked, "select all shown" ticks every row the list has loaded. Kept by
 * contract id, so a tick survives scrolling, sorting and filtering.
 */
export interface BatchSelection {
  checked: ReadonlySet<string>;
  /** Tick or untick the row at `index`; with `range`, tick every row from the last one ticked to it. */
  toggle(index: number, range: boolean): void;
  selectAllShown(): void;
  clear(): void;
}

export function useBatchSelection(results: PagedSearch, total: number): BatchSelection {
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);
  const toggle = useCallback(
    (index: number, range: boolean) => {
      const hit = results.rowAt(index);
      if (!hit) return;
      // Read now: the updater below may run at the next render, after the anchor has moved.
      const from0 = range ? anchor.current : null;
      setChecked((current) => {
        const next = new Set(current);
        if (from0 !== null) {
          const [from, to] = from0 < index ? [from0, index] : [index, from0];
          for (let i = from; i <= to; i++) {
            const row = results.rowAt(i);
            if (row) next.add(row.id);
          }
        } else if (next.has(hit.id)) next.delete(hit.id);
        else next.add(hit.id);
        return next;
      });
      anchor.current = index;
    },
    [results],
  );
  const selectAllShown = useCallback(() => {
    setChecked((current) => {
      const next = new Set(current);
      for (let i = 0; i < total; i++) {
        const row = results.rowAt(i);
        if (row) next.add(row.id);
      }
      return next;
    });
  }, [results, total]);
  const clear = useCallback(() => {
    anchor.current = null;
    setChecked(new Set());
  }, []);
  return { checked, toggle, selectAllShown, clear };
}
