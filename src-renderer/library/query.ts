import { SORT_KEYS, type ContractStatus, type SearchQuery } from '../../src-shared/api/index.js';

export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** What the library screen asks for, minus paging (the list pages by itself). */
export interface LibraryQuery {
  text: string;
  status: ContractStatus[];
  tag: string;
  party: string;
  expiryFrom: string;
  expiryTo: string;
  sort: SortKey;
  direction: SortDirection;
}

export const EMPTY_QUERY: LibraryQuery = { text: '', status: [], tag: '', party: '', expiryFrom: '', expiryTo: '', sort: 'relevance', direction: 'desc' };

/** The direction people expect when they pick a sort: A→Z, soonest expiry first, newest and largest first. */
export const DEFAULT_DIRECTION: Readonly<Record<SortKey, SortDirection>> = { relevance: 'desc', updated: 'desc', title: 'asc', expiry: 'asc', value: 'desc' };

export function hasFilters(q: LibraryQuery): boolean {
  return q.status.length > 0 || Boolean(q.tag || q.party || q.expiryFrom || q.expiryTo);
}

export function isNarrowed(q: LibraryQuery): boolean {
  return Boolean(q.text.trim()) || hasFilters(q);
}

export function toSearchQuery(q: LibraryQuery, offset: number, limit: number): SearchQuery {
  return {
    text: q.text.trim(),
    status: q.status,
    ...(q.tag ? { tag: q.tag } : {}),
    ...(q.party.trim() ? { party: q.party.trim() } : {}),
    ...(q.expiryFrom ? { expiryFrom: q.expiryFrom } : {}),
    ...(q.expiryTo ? { expiryTo: q.expiryTo } : {}),
    sort: q.sort,
    direction: q.direction,
    offset,
    limit,
  };
}
