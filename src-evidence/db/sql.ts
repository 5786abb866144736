import Database from 'better-sqlite3';
import pg from 'pg';
import { fstatSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The service's SQL surface, the same for embedded SQLite and for PostgreSQL, so every query is
 * written once. Statements use `?` placeholders (rewritten to `$n` for PostgreSQL); integers are
 * JavaScript numbers (int8 is parsed, and every value the service stores is below 2^53); byte columns
 * are Buffers.
 */
export type SqlValue = string | number | null | Buffer;
export type Row = Record<string, SqlValue>;

export interface SqlExecutor {
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Run `fn` in one serializable unit: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Run `fn` while holding a named, service-wide exclusive lock, without blocking: resolves to null
   * when another process holds it. Used so one instance at a time integrates the log.
   */
  withExclusiveLock<T>(name: string, fn: () => Promise<T>): Promise<T | null>;
  close(): Promise<void>;
}

/** A FIFO async mutex: SQLite has one writer connection, and a transaction's awaits must not interleave. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.#tail;
    this.#tail = prev.then(() => next);
    await prev;
    return release;
  }
}

export function openSqlite(file: string): SqlDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  // One writer connection (all writes and transactions, serialized) and one reader connection, which
  // under WAL sees the last committed state and never waits for the writer.
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  // Durability without blocking the event loop: SQLite appends each commit to the WAL (NORMAL still
  // syncs the WAL and database around checkpoints), and walDurable() fdatasyncs the WAL on the libuv
  // thread pool before a write is reported done — the guarantee of synchronous=FULL, while other
  // requests keep being served and the next transaction already runs.
  writer.pragma('synchronous = NORMAL');
  const wal = walSyncer(`${file}-wal`);
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 10000');
  const reader = new Database(file, { readonly: false });
  reader.pragma('busy_timeout = 10000');
  reader.pragma('query_only = ON');
  const mutex = new Mutex();
  const locks = new Set<string>();

  const executor = (conn: Database.Database): SqlExecutor => {
    const cache = new Map<string, Database.Statement>();
    const prepare = (sql: string) => {
      let stmt = cache.get(sql);
      if (!stmt) {
        // Bulk statements vary with batch size (up to 400 shapes per table): keep the cache bounded,
        // dropping the oldest rather than everything, so the common shapes stay prepared.
        if (cache.size >= 4000) cache.delete(cache.keys().next().value!);
        stmt = conn.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    };
    return {
      async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
        return prepare(sql).all(...params) as T[];
      },
      async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
        const stmt = prepare(sql);
        return (stmt.reader ? stmt.get(...params) : (stmt.run(...params), undefined)) as T | undefined;
      },
      async run(sql: string, params: readonly SqlValue[] = []) {
        return prepare(sql).run(...params).changes;
      },
    };
  };
  const write = executor(writer);
  const read = executor(reader);
  const isWrite = (sql: string) => !/^\s*(SELECT|WITH)\b/iu.test(sql) || /\bRETURNING\b/iu.test(sql);

  return {
    dialect: 'sqlite',
    async all(sql, params) {
      if (!isWrite(sql)) return read.all(sql, params);
      const release = await mutex.lock();
      try {
        return await write.all(sql, params);
      } finally {
        release();
      }
    },
    async get(sql, params) {
      if (!isWrite(sql)) return read.get(sql, params);
      const release = await mutex.lock();
      try {
        return await write.get(sql, params);
      } finally {
        release();
      }
    },
    async run(sql, params) {
      const release = await mutex.lock();
      let changes: number;
      try {
        changes = await write.run(sql, params);
      } finally {
        release();
      }
      await wal.durable();
      return changes;
    },
    async transaction(fn) {
      const release = await mutex.lock();
      let result;
      try {
        writer.exec('BEGIN IMMEDIATE');
        try {
          result = await fn(write);
          writer.exec('COMMIT');
        } catch (err) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw err;
        }
      } finally {
        release();
      }
      await wal.durable();
      return result;
    },
    async withExclusiveLock(name, fn) {
      // One SQLite file is served by one process (the data directory is locked at start), so an
      // in-process lock is the whole story.
      if (locks.has(name)) return null;
      locks.add(name);
      try {
        return await fn();
      } finally {
        locks.delete(name);
      }
    },
    async close() {
      const release = await mutex.lock();
      try {
        await wal.durable();
        await wal.close();
        reader.close();
        writer.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * fdatasync of the WAL file, coalesced: every caller waits for a sync that *started after* its
 * commit, and one sync serves every commit made before it began. fsync works on the file, not the
 * descriptor, so our own descriptor flushes what SQLite wrote through its own.
 */
function walSyncer(walFile: string): { durable(): Promise<void>; close(): Promise<void> } {
  let handle: fs.FileHandle | null = null;
  let committed = 0; // commits seen by durable()
  let synced = 0; // commits known durable
  let inflight: Promise<void> | null = null;
  const syncOnce = async () => {
    const upTo = committed;
    handle ??= await fs.open(walFile, 'r+');
    // SQLite recreates the WAL only when the last connection closes, but never trust a deleted inode.
    // (fstat of an open descriptor never touches the disk: done synchronously, it costs microseconds
    // where the promise form cost the event loop far more per commit.)
    if (fstatSync(handle.fd).nlink === 0) {
      await handle.close();
      handle = await fs.open(walFile, 'r+');
    }
    await handle.datasync();
    synced = Math.max(synced, upTo);
  };
  return {
    async durable() {
      const mine = ++committed;
      while (synced < mine) {
        if (!inflight) {
          inflight = syncOnce().finally(() => {
            inflight = null;
          });
        }
        await inflight;
      }
    },
    async close() {
      await handle?.close();
      handle = null;
    },
  };
}

// int8 (BIGINT) comes back as a string by default; every value here is < 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

const pgTexts = new Map<string, string>();
/** `?` → `$n`, remembered per statement text (bulk statements are long and repeat). */
function toPostgres(sql: string): string {
  let text = pgTexts.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/gu, () => `$${++n}`);
    if (pgTexts.size >= 2000) pgTexts.clear();
    pgTexts.set(sql, text);
  }
  return text;
}

export function openPostgres(url: string, options: { max?: number } = {}): SqlDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Named (server-side prepared) statements: PostgreSQL parses and plans each text once per
  // connection instead of on every call. Names are never reused for another text; past a bound,
  // new texts run unnamed so the servers' statement caches stay small.
  const names = new Map<string, string>();
  const query = (q: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[]) => {
    const text = toPostgres(sql);
    let name = names.get(text);
    // Statements with parameters only (never DDL, which migrations run once).
    if (name === undefined && params.length && names.size < 1000) names.set(text, (name = `inkstone_${names.size}`));
    return q.query({ name, text, values: params as SqlValue[] });
  };
  const executor = (q: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(q, sql, params)).rows as T[];
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(q, sql, params)).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await query(q, sql, params)).rowCount ?? 0;
    },
  });
  const direct = executor(pool);
  const lockKey = (name: string) => {
    let h = 0;
    for (const c of `inkstone-evidence:${name}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
    return h;
  };
  return {
    dialect: 'postgres',
    ...direct,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        // BEGIN rides with the first statement when that one has no parameters (a simple query may
        // hold several statements): one round trip fewer per transaction, e.g. per sequenced batch.
        let begun = false;
        const inner = executor(client);
        const begin = async <R>(sql: string, params: readonly SqlValue[] | undefined, rest: () => Promise<R>, first: (r: pg.QueryResult) => R) => {
          if (begun) return rest();
          begun = true;
          if (params?.length) {
            await client.query('BEGIN');
            return rest();
          }
          const results = (await client.query(`BEGIN; ${sql}`)) as unknown as pg.QueryResult[];
          return first(results[results.length - 1]);
        };
        const tx: SqlExecutor = {
          all: (sql, params) =>
            begin(
              sql,
              params,
              () => inner.all(sql, params),
              (r) => r.rows,
            ),
          get: (sql, params) =>
            begin(
              sql,
              params,
              () => inner.get(sql, params),
              (r) => r.rows[0],
            ),
          run: (sql, params) =>
            begin(
              sql,
              params,
              () => inner.run(sql, params),
              (r) => r.rowCount ?? 0,
            ),
        };
        try {
          const result = await fn(tx);
          if (begun) await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      } finally {
        client.release();
      }
    },
    async withExclusiveLock(name, fn) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS ok', [lockKey(name)]);
        if (!rows[0]?.ok) return null;
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [lockKey(name)]).catch(() => undefined);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
