import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { statement, type Db } from '../db/index.js';

/** What every part of the library works on: the database, and who its changes are audited as. */
export interface LibraryContext {
  readonly db: Db;
  readonly actor: string;
}

export const newId = (): string => randomBytes(16).toString('hex');

/** A prepared statement, cached per database. */
export function sql(ctx: LibraryContext, text: string): Database.Statement {
  return statement(ctx.db, text);
}
