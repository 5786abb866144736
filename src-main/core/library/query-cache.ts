import { sql, type LibraryContext } from './context.js';

/** Lists (anchors, totals) and ranked search windows remembered until the next change to the database. */
const CACHED_QUERIES = 32;

/**
 * Answers remembered for one state of the database, least recently used dropped first. Any change
 * drops them all; inside a transaction nothing is remembered or reused.
 */
export class QueryCache {
  private readonly entries = new Map<string, unknown>();
  private generationSeen: string | null = null;

  constructor(private readonly ctx: LibraryContext) {}

  /**
   * Identifies the database's contents: every row this connection changes (the Library's own writes,
   * or anyone's through `db`) moves `total_changes()`, and every commit by another connection (the
   * CLI beside the app) moves `data_version`. Null inside a transaction, whose changes may still be
   * rolled back: then nothing is cached or read from the cache.
   */
  generation(): string | null {
    if (this.ctx.db.inTransaction) return null;
    const g = sql(this.ctx, 'SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v').get() as { t: number; v: number };
    const generation = `${g.t}:${g.v}`;
    if (generation !== this.generationSeen) {
      this.entries.clear();
      this.generationSeen = generation;
    }
    return generation;
  }

  /** The remembered value for `key`, or `compute()` remembered (unless in a transaction). */
  cached<V>(generation: string | null, key: string, compute: () => V): V {
    if (generation === null) return compute();
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > CACHED_QUERIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
