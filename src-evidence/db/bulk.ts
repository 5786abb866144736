import type { Row, SqlExecutor, SqlValue } from './sql.js';

/**
 * Bulk statements: many rows in one round trip (each counts on PostgreSQL), chunked to stay under
 * both databases' bound-parameter limits. The SQL text of a chunk depends only on its shape, so it is
 * built once per shape (the database layer then reuses its prepared statement).
 */

const ROWS_PER_STATEMENT = 400;
const texts = new Map<string, string>();

function text(key: string, build: () => string): string {
  let sql = texts.get(key);
  if (sql === undefined) {
    // Shapes vary with batch sizes: keep the memo bounded.
    if (texts.size >= 2000) texts.clear();
    texts.set(key, (sql = build()));
  }
  return sql;
}

/** Multi-row INSERT (`suffix`: an ON CONFLICT clause). */
export async function insertRows(tx: SqlExecutor, table: string, columns: readonly string[], rows: readonly SqlValue[][], suffix = ''): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
    const chunk = rows.length <= ROWS_PER_STATEMENT ? rows : rows.slice(at, at + ROWS_PER_STATEMENT);
    const sql = text(`i\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}\u0000${suffix}`, () => {
      const one = `(${columns.map(() => '?').join(', ')})`;
      return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(chunk.length).fill(one).join(', ')}${suffix}`;
    });
    await tx.run(sql, chunk.flat());
  }
}

/** `… WHERE (a, b) IN (VALUES (?, ?), …)` over pairs. */
export async function selectPairs<T extends Row>(tx: SqlExecutor, prefix: string, pairs: ReadonlyArray<readonly [string, string]>): Promise<T[]> {
  const out: T[] = [];
  for (let at = 0; at < pairs.length; at += ROWS_PER_STATEMENT) {
    const chunk = pairs.slice(at, at + ROWS_PER_STATEMENT);
    const sql = text(`s\u0000${prefix}\u0000${chunk.length}`, () => `${prefix} (VALUES ${Array(chunk.length).fill('(?, ?)').join(', ')})`);
    out.push(...(await tx.all<T>(sql, chunk.flat())));
  }
  return out;
}
