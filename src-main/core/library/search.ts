import type { z } from 'zod';
import { SearchQuery, type ContractStatus, type SearchHit, type SearchResult } from '../../../src-shared/api/index.js';
import { sql, type LibraryContext } from './context.js';
import { latestDocumentTexts } from './document-texts.js';
import type { ListPager, ListShape } from './paging.js';
import type { QueryCache } from './query-cache.js';
import { makeSnippet, type SnippetField } from './snippet.js';
import { buildMatchExpression, queryTerms, type QueryTerm } from './search-text.js';

/**
 * A text search ranks and sorts the newest SEARCH_WINDOW matching contracts: exact whenever fewer
 * match, and bounded in cost when a common word matches tens of thousands (the result then says
 * `totalIsExact: false`, and the UI asks for a narrower search or a filter).
 */
export const SEARCH_WINDOW = 1000;

const SUMMARY_COLUMNS =
  'c.id, c.title, c.contract_type, c.status, c.tags_json, c.party_names_json, c.value_amount, c.value_currency, c.expiry_date, c.updated_at';
/** rowid, then SUMMARY_COLUMNS in order. */
type SummaryTuple = [number, string, string, string, ContractStatus, string, string, string | null, string | null, string | null, string];

type SearchSort = z.output<typeof SearchQuery>['sort'];

/** Sort keys of a text search's window, compared in JS (see `sortWindow`). */
const SEARCH_SORT_SQL: Record<Exclude<SearchSort, 'relevance'>, string> = {
  updated: 'c.updated_at',
  title: 'c.title COLLATE NOCASE',
  expiry: "coalesce(c.expiry_date, '9999-12-31')",
  value: 'CAST(c.value_amount AS REAL)',
};

const BM25 = '-bm25(contracts_fts, 10.0, 5.0, 5.0, 2.0, 1.0)';

/** Search and list, for one library. */
export class ContractSearch {
  constructor(
    private readonly ctx: LibraryContext,
    private readonly cache: QueryCache,
    private readonly pager: ListPager,
  ) {}

  /**
   * Search and list. Without text it is an index walk in the chosen order with an exact total,
   * starting from the nearest cached anchor. With text, the newest SEARCH_WINDOW matches are ranked
   * by bm25 (title weighs most, then parties and tags) or sorted by the chosen key; the ranked
   * window is kept until the database changes, so further pages of the same search are slices.
   */
  search(query: z.input<typeof SearchQuery>): SearchResult {
    const started = performance.now();
    const q = SearchQuery.parse(query);
    const match = q.text ? buildMatchExpression(q.text) : null;
    if (q.text && !match) return { total: 0, totalIsExact: true, hits: [], tookMs: performance.now() - started };
    const { filters, params } = contractFilterSql(q);
    const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
    const generation = this.cache.generation();

    if (!match) {
      const shape: ListShape = { filters, params, sort: q.sort === 'relevance' ? 'updated' : q.sort, dir };
      const { total, rowids } = this.pager.page(shape, q.offset, q.limit, generation);
      return { total, totalIsExact: true, hits: this.hitsFor(rowids, null), tookMs: performance.now() - started };
    }

    const window = this.rankedWindow(match, filters, params, q.sort, dir, q.all, generation);
    const page = window.slice(q.offset, q.offset + q.limit);
    const hits = this.hitsFor(
      page.map((w) => w[0]),
      q.sort === 'relevance' ? page.map((w) => Number(w[1])) : null,
    );
    if (q.snippets) this.addSnippets(hits, queryTerms(q.text));
    return { total: window.length, totalIsExact: q.all || window.length < SEARCH_WINDOW, hits, tookMs: performance.now() - started };
  }

  /**
   * Each hit's snippet, from the short fields first; a contract's document text (up to a million
   * characters) is read only when the short fields do not hold every term.
   */
  private addSnippets(hits: SearchHit[], terms: QueryTerm[]): void {
    if (!hits.length || !terms.length) return;
    const ids = JSON.stringify(hits.map((h) => h.id));
    const short = new Map<string, Partial<Record<SnippetField, string>>>();
    for (const r of sql(
      this.ctx,
      `SELECT c.id, c.title, c.contract_type, c.tags_json, c.notes, c.owner,
         (SELECT group_concat(concat_ws(' ', p.role, p.name, p.organisation, p.registration_number), '；') FROM parties p WHERE p.contract_id = c.id) AS parties
       FROM contracts c WHERE c.id IN (SELECT value FROM json_each(?))`,
    ).all(ids) as Array<Record<string, string | null>>) {
      short.set(r.id as string, {
        title: `${r.title} ${r.contract_type}`.trim(),
        parties: r.parties ?? '',
        tags: (JSON.parse(r.tags_json as string) as string[]).join(' '),
        notes: `${r.notes} ${r.owner}`.trim(),
      });
    }
    const needText: string[] = [];
    for (const hit of hits) {
      const found = makeSnippet(short.get(hit.id) ?? {}, terms);
      hit.snippet = found?.snippet ?? null;
      if (!found || found.termsFound < terms.length) needText.push(hit.id);
    }
    if (!needText.length) return;
    const texts = latestDocumentTexts(this.ctx, needText);
    for (const hit of hits) {
      const text = texts.get(hit.id)?.join('\n');
      if (text) hit.snippet = makeSnippet({ ...short.get(hit.id), text }, terms)?.snippet ?? hit.snippet ?? null;
    }
  }

  /**
   * The newest SEARCH_WINDOW matches (FTS5 walks rowids newest first and stops), or every match
   * when `all` is asked for, filtered as they stream, in result order, as (rowid, key). CROSS JOIN keeps SQLite from driving the join from the
   * contracts table instead. Relevance is ordered in SQL (best first, ties newest first); the other
   * keys by `sortWindow`.
   */
  private rankedWindow(
    match: string,
    filters: string[],
    params: unknown[],
    sort: SearchSort,
    dir: 'ASC' | 'DESC',
    all: boolean,
    generation: string | null,
  ): Array<[number, number | string | null]> {
    const filterSql = filters.map((f) => ` AND ${f}`).join('');
    const limit = all ? '' : ` LIMIT ${SEARCH_WINDOW}`;
    return this.cache.cached(generation, `text ${JSON.stringify([match, filters, params, sort, dir, all])}`, () => {
      let window: string;
      if (sort === 'relevance') {
        // bm25() needs the FTS cursor of the outer query.
        window = `SELECT f.rowid AS rid, ${BM25} AS k FROM contracts_fts f ${filters.length ? 'CROSS JOIN contracts c ON c.rowid = f.rowid' : ''}
           WHERE contracts_fts MATCH ?${filterSql} ORDER BY f.rowid DESC${limit}`;
      } else if (filters.length) {
        // Filtered and sorted by a field: the match set is built inside SQLite (cheap per row) and
        // the filter's index checked against it, instead of one contracts lookup per match walked.
        window = `SELECT c.rowid AS rid, ${SEARCH_SORT_SQL[sort]} AS k FROM contracts c
           WHERE c.rowid IN (SELECT rowid FROM contracts_fts WHERE contracts_fts MATCH ?)${filterSql} ORDER BY c.rowid DESC${limit}`;
      } else {
        window = `SELECT f.rowid AS rid, ${SEARCH_SORT_SQL[sort]} AS k FROM contracts_fts f CROSS JOIN contracts c ON c.rowid = f.rowid
           WHERE contracts_fts MATCH ? ORDER BY f.rowid DESC${limit}`;
      }
      // Titles are ordered as localeCompare orders them (JS). Dates and timestamps are fixed-format
      // ISO strings and values numbers (missing ones NULL, first), where SQLite's order is the same.
      if (sort !== 'title') {
        return sql(this.ctx, `SELECT rid, k FROM (${window}) ORDER BY k ${dir}, rid DESC`)
          .raw(true)
          .all(match, ...params) as Array<[number, number | string | null]>;
      }
      return sortWindow(
        sql(this.ctx, window)
          .raw(true)
          .all(match, ...params) as Array<[number, string]>,
        dir,
      );
    });
  }

  /**
   * The list rows of these contracts, in this order (a rowid without a contract, such as a search
   * row left behind by a deleted contract, is skipped), with their scores or 0.
   */
  private hitsFor(rowids: number[], scores: number[] | null): SearchHit[] {
    if (!rowids.length) return [];
    const rows = sql(this.ctx, `SELECT c.rowid, ${SUMMARY_COLUMNS} FROM contracts c WHERE c.rowid IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(JSON.stringify(rowids)) as SummaryTuple[];
    const byRowid = new Map<number, SummaryTuple>();
    for (const r of rows) byRowid.set(r[0], r);
    const hits: SearchHit[] = [];
    for (let i = 0; i < rowids.length; i++) {
      const r = byRowid.get(rowids[i]);
      if (!r) continue;
      hits.push({
        score: scores ? scores[i] : 0,
        id: r[1],
        title: r[2],
        contractType: r[3],
        status: r[4],
        tags: JSON.parse(r[5]) as string[],
        parties: JSON.parse(r[6]) as string[],
        value: r[7] !== null && r[8] !== null ? { amount: r[7], currency: r[8] } : null,
        expiryDate: r[9],
        updatedAt: r[10],
      });
    }
    return hits;
  }
}

/**
 * `a.localeCompare(b)` without locales or options is this collator's compare, minus a lookup per
 * call. Made on the first title sort: making it loads ICU's collation data (~12 ms), which the
 * core's first search need not wait for.
 */
let collator: Intl.Collator | undefined;

/** A text search's window sorted by title as localeCompare orders it; ties newest first whatever the direction. */
function sortWindow(window: Array<[number, string]>, dir: 'ASC' | 'DESC'): Array<[number, string]> {
  const sign = dir === 'ASC' ? 1 : -1;
  const compare = (collator ??= new Intl.Collator()).compare;
  return window.sort(([ra, a], [rb, b]) => {
    const byKey = compare(a, b);
    return byKey !== 0 ? sign * byKey : rb - ra;
  });
}

/** The WHERE conditions (over `contracts c`) and parameters of a query's filters. Exported for the paging tests' reference queries. */
export function contractFilterSql(q: SearchQuery): { filters: string[]; params: unknown[] } {
  const filters: string[] = [];
  const params: unknown[] = [];
  if (q.status?.length) {
    filters.push(`c.status IN (${q.status.map(() => '?').join(',')})`);
    params.push(...q.status);
  }
  if (q.tag) {
    filters.push('EXISTS (SELECT 1 FROM contract_tags t WHERE t.contract_id = c.id AND t.tag = ?)');
    params.push(q.tag);
  }
  if (q.party) {
    filters.push("EXISTS (SELECT 1 FROM parties p WHERE p.contract_id = c.id AND (p.name LIKE ? ESCAPE '\\' OR p.organisation LIKE ? ESCAPE '\\'))");
    const like = `%${q.party.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.push(like, like);
  }
  if (q.expiryFrom) {
    filters.push('c.expiry_date >= ?');
    params.push(q.expiryFrom);
  }
  if (q.expiryTo) {
    filters.push('c.expiry_date <= ?');
    params.push(q.expiryTo);
  }
  return { filters, params };
}
