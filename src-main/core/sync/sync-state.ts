import { statement, type Db } from '../db/index.js';

/**
 * What sync remembers between passes, in the library database (so it moves with the data folder and
 * changes in the same transactions as what it describes): the pull cursor, the last success, the
 * last failure, and the connection's public particulars (never the token).
 */
export type SyncStateKey = 'cursor' | 'lastSuccessAt' | 'lastError' | 'connection' | 'evidencePrivacy';

export function readState(db: Db, key: SyncStateKey): string | null {
  const row = statement(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeState(db: Db, key: SyncStateKey, value: string | null): void {
  if (value === null) statement(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else statement(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The service number of the last change pulled and applied here. */
export const pullCursor = (db: Db): number => Number(readState(db, 'cursor') ?? 0);
