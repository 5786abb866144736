import type { SqlDatabase, SqlExecutor } from './sql.js';

/**
 * Group commit for small durable writes (access records): callers wait until their row is
 * committed, but rows arriving together share one transaction — one fsync — instead of one each.
 */
export class GroupCommit<T> {
  readonly #db: SqlDatabase;
  readonly #write: (tx: SqlExecutor, items: readonly T[]) => Promise<void>;
  #queue: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  #flushing = false;

  readonly #atomic: boolean;

  /**
   * `atomic: false` when the rows need not commit together (each is a record of its own): the write
   * then runs without BEGIN/COMMIT around it, each statement committing itself — one round trip on
   * PostgreSQL instead of three when the rows fit one statement.
   */
  constructor(db: SqlDatabase, write: (tx: SqlExecutor, items: readonly T[]) => Promise<void>, options: { atomic?: boolean } = {}) {
    this.#db = db;
    this.#write = write;
    this.#atomic = options.atomic ?? true;
  }

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length) {
        // Let requests that arrived during the previous commit join this one.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.#queue.splice(0, 1000);
        try {
          const items = batch.map((b) => b.item);
          if (this.#atomic) await this.#db.transaction((tx) => this.#write(tx, items));
          else await this.#write(this.#db, items);
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}
