import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { toSearchQuery, type LibraryQuery } from './query.js';

export const PAGE_SIZE = 200;
/** Pages kept in memory (×200 rows); the farthest from where the person is looking go first. */
const MAX_CACHED_PAGES = 40;

export interface PagedSearch {
  /** Null until the first page of the current query arrived. */
  total: number | null;
  /** False when a text search matched more than the core ranks: `total` is the newest matches only. */
  totalIsExact: boolean;
  /** Rank every match of this text search instead of the newest ones (until the query changes). */
  showAll(): void;
  tookMs: number | null;
  error: unknown;
  rowAt(index: number): SearchHit | undefined;
  /** Make sure the rows in [start, end] are loaded or loading. */
  ensure(start: number, end: number): void;
  /** Reload what is on screen (after the library changed), keeping the old rows until the new arrive. */
  refresh(): void;
  retry(): void;
}

/**
 * Search results for a virtualised list of any length: pages of 200 fetched by offset as the list
 * scrolls, answers from an outdated query ignored, a bounded number of pages kept.
 */
export function usePagedSearch(query: LibraryQuery): PagedSearch {
  const api = useApi();
  const [, setTick] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [totalIsExact, setTotalIsExact] = useState(true);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pages = useRef(new Map<number, SearchHit[]>());
  const stale = useRef(new Map<number, SearchHit[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef<[number, number]>([0, 0]);
  const queryRef = useRef(query);
  const allRef = useRef(false);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inflight.current.has(page)) return;
      const gen = generation.current;
      inflight.current.add(page);
      const q = toSearchQuery(queryRef.current, page * PAGE_SIZE, PAGE_SIZE);
      // A text search says why each row matched; "show all" ranks every match.
      api.contracts.search(q.text ? { ...q, snippets: true, all: allRef.current } : q).then(
        (result) => {
          if (gen !== generation.current) return;
          inflight.current.delete(page);
          pages.current.set(page, result.hits);
          stale.current.delete(page);
          evict(pages.current, page);
          setTotal(result.total);
          setTotalIsExact(result.totalIsExact);
          setTookMs(result.tookMs);
          setError(null);
          setTick((n) => n + 1);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          inflight.current.delete(page);
          setError(err);
        },
      );
    },
    [api],
  );

  const ensure = useCallback(
    (start: number, end: number) => {
      lastRange.current = [start, end];
      for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= Math.floor(Math.max(0, end) / PAGE_SIZE); p++) fetchPage(p);
    },
    [fetchPage],
  );

  const restart = useCallback(
    (keepRows: boolean) => {
      generation.current++;
      stale.current = keepRows ? new Map([...stale.current, ...pages.current]) : new Map();
      pages.current = new Map();
      inflight.current = new Set();
      if (!keepRows) {
        setTotal(null);
        setTookMs(null);
      }
      setError(null);
      const [start, end] = keepRows ? lastRange.current : [0, 0];
      ensure(start, end);
    },
    [ensure],
  );

  useEffect(() => {
    queryRef.current = query;
    allRef.current = false;
    restart(false);
  }, [query, restart]);

  const rowAt = useCallback((index: number) => {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = pages.current.get(page) ?? stale.current.get(page);
    return rows?.[index - page * PAGE_SIZE];
  }, []);

  const refresh = useCallback(() => restart(true), [restart]);
  const retry = useCallback(() => restart(false), [restart]);
  const showAll = useCallback(() => {
    allRef.current = true;
    restart(true);
  }, [restart]);
  return { total, totalIsExact, showAll, tookMs, error, rowAt, ensure, refresh, retry };
}

function evict(pages: Map<number, SearchHit[]>, around: number): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const farthest = [...pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const p of farthest.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
}
