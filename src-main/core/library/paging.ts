import { sql, type LibraryContext } from './context.js';
import type { QueryCache } from './query-cache.js';

// Pages of a list without text: index walks in the chosen order that start from a remembered
// (key, rowid) anchor instead of counting off the whole offset.

export type ListSort = 'updated' | 'title' | 'expiry' | 'value';

/**
 * Sort keys of plain lists. None is ever NULL (a contract without a value sorts as -1e300, below
 * every amount, exactly where NULL sorted), and each has an index shaped like `ORDER BY key, rowid`,
 * so a page is an index walk that can also start from a remembered (key, rowid) position.
 */
const LIST_SORT_SQL: Record<ListSort, string> = {
  updated: 'c.updated_at',
  title: 'c.title COLLATE NOCASE',
  expiry: "coalesce(c.expiry_date, '9999-12-31')",
  value: 'coalesce(CAST(c.value_amount AS REAL), -1e300)',
};

/**
 * A list remembers the sort key and rowid of every LIST_ANCHOR_EVERY-th row of its order (per
 * filter, sort and direction), so a page at any offset seeks to the nearest anchor and skips fewer
 * than this many rows before its first one, instead of counting off the whole offset. Skipping is
 * cheap (an index walk inside SQLite); finding each anchor costs a statement or two, so the interval
 * is wide: 100,000 contracts need 49 anchors, and the deepest page walks at most 2,247 index entries.
 */
export const LIST_ANCHOR_EVERY = 2048;

type Anchor = [key: string | number, rowid: number];
interface ListAnchors {
  anchors: Anchor[];
  /** True once the walk reached the end of the order. */
  complete: boolean;
}
export interface ListShape {
  filters: string[];
  params: unknown[];
  sort: ListSort;
  dir: 'ASC' | 'DESC';
}

/** Pages of plain lists, for one library. */
export class ListPager {
  constructor(
    private readonly ctx: LibraryContext,
    private readonly cache: QueryCache,
    /** Rows between anchors (LIST_ANCHOR_EVERY; tests use fewer to have many anchors). */
    private readonly anchorEvery: number,
  ) {}

  /** The rowids of one list page in `ORDER BY key dir, rowid dir` order, and the list's total. */
  page(shape: ListShape, offset: number, limit: number, generation: string | null): { total: number; rowids: number[] } {
    const { filters, params, sort, dir } = shape;
    const key = LIST_SORT_SQL[sort];
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const filterKey = JSON.stringify([filters, params]);
    const total = this.cache.cached(generation, `count ${filterKey}`, () =>
      filters.length
        ? (sql(this.ctx, `SELECT count(*) AS n FROM contracts c ${where}`).get(...params) as { n: number }).n
        : (sql(this.ctx, 'SELECT n FROM contract_count WHERE id = 1').get() as { n: number }).n,
    );
    if (offset >= total) return { total, rowids: [] };
    const order = `ORDER BY ${key} ${dir}, c.rowid ${dir}`;
    const nth = Math.floor(offset / this.anchorEvery);
    if (nth === 0 || generation === null) {
      const rowids = sql(this.ctx, `SELECT c.rowid FROM contracts c ${where} ${order} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...params, limit, offset) as number[];
      return { total, rowids };
    }
    const state = this.cache.cached<ListAnchors>(generation, `anchors ${sort} ${dir} ${filterKey}`, () => ({ anchors: [], complete: false }));
    if (!this.anchorAt(shape, state, nth)) return { total, rowids: [] };
    return { total, rowids: this.seek(shape, state, nth, offset - nth * this.anchorEvery, limit).map((a) => a[1]) };
  }

  /**
   * The nth anchor (the row at position nth × anchorEvery). The first time any is needed, one walk
   * finds them all — one pause per list and database state, however the pages are then visited.
   */
  private anchorAt(shape: ListShape, state: ListAnchors, nth: number): Anchor | undefined {
    const { filters, params, sort, dir } = shape;
    if (!state.anchors.length && !state.complete) {
      const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
      const first = sql(
        this.ctx,
        `SELECT ${LIST_SORT_SQL[sort]} AS k, c.rowid AS rid FROM contracts c ${where} ORDER BY ${LIST_SORT_SQL[sort]} ${dir}, c.rowid ${dir} LIMIT 1`,
      )
        .raw(true)
        .get(...params) as Anchor | undefined;
      if (first) state.anchors.push(first);
      else state.complete = true;
    }
    while (!state.complete) {
      const [next] = this.seek(shape, state, state.anchors.length - 1, this.anchorEvery, 1);
      if (next) state.anchors.push(next);
      else state.complete = true;
    }
    return state.anchors[nth];
  }

  /**
   * Rows [skip, skip + take) of the order counted from anchor `nth` (inclusive), as (key, rowid). Two
   * index range walks: the anchor's own key from its rowid on, then the keys beyond it — so a long
   * run of equal keys (contracts without an expiry date) is entered at the anchor, not at its start.
   * (One walk from the key with the earlier rowids filtered out costs more: the filter runs on every
   * entry skipped.)
   */
  private seek(shape: ListShape, state: ListAnchors, nth: number, skip: number, take: number): Anchor[] {
    const { filters, params, sort, dir } = shape;
    const key = LIST_SORT_SQL[sort];
    const anchor = state.anchors[nth];
    const and = filters.map((f) => ` AND ${f}`).join('');
    const beyond = dir === 'ASC' ? '>' : '<';
    const wanted = skip + take;
    const sameKey = sql(
      this.ctx,
      `SELECT ${key} AS k, c.rowid AS rid FROM contracts c WHERE ${key} = ? AND c.rowid ${beyond}= ?${and} ORDER BY c.rowid ${dir} LIMIT ?`,
    )
      .raw(true)
      .all(anchor[0], anchor[1], ...params, wanted) as Anchor[];
    const fromSame = sameKey.slice(skip);
    if (sameKey.length >= wanted) return fromSame;
    const rest = sql(
      this.ctx,
      `SELECT ${key} AS k, c.rowid AS rid FROM contracts c WHERE ${key} ${beyond} ?${and} ORDER BY ${key} ${dir}, c.rowid ${dir} LIMIT ? OFFSET ?`,
    )
      .raw(true)
      .all(anchor[0], ...params, take - fromSame.length, Math.max(0, skip - sameKey.length)) as Anchor[];
    return fromSame.concat(rest);
  }
}
