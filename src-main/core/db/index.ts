import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;
export { MIGRATIONS, type Migration };

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Open (or create) the library database: WAL so readers never wait for the writer, foreign keys on,
 * a busy timeout for the odd second process (the CLI beside the app), and migrations brought up to
 * date inside one transaction each. A database from a newer Inkstone is refused rather than touched.
 */
export function openDatabase(file: string, options: { readonly?: boolean; migrations?: readonly Migration[] } = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (err) {
    throw new InkstoneError('DATA_DIR_UNAVAILABLE', { path: file, reason: (err as Error).message }, { cause: err });
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    if (!options.readonly) migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per database and SQL text (preparing dominated writes). */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}

export function schemaVersion(db: Db): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const current = schemaVersion(db);
  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > known) throw new InkstoneError('DATABASE_NEWER_THAN_APP', { found: current, known });
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}
