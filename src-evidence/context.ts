import type { BlobStore } from './blobs/index.js';
import type { SqlDatabase } from './db/sql.js';
import type { LogIdentity } from './log/identity.js';
import type { Integrator } from './log/integrator.js';
import type { Sequencer } from './log/sequencer.js';
import type { TileReader } from './log/tiles.js';
import type { Spool } from './spool.js';

/** What every part of the service works with: storage, the log's machinery, policy and a clock. */
export interface ServiceContext {
  readonly db: SqlDatabase;
  readonly blobs: BlobStore;
  readonly identity: LogIdentity;
  readonly sequencer: Sequencer;
  readonly integrator: Integrator;
  readonly tiles: TileReader;
  /** Temp files for request bodies and assembled uploads on their way to the blob store. */
  readonly spool: Spool;
  readonly policy: RetentionPolicy;
  /** The service's clock; tests move it to check retention deadlines. */
  now(): Date;
}

export interface RetentionPolicy {
  /** Signed documents and their evidence are kept at least this long (PRC Electronic Signature Law art. 24: five years). */
  readonly signedYears: number;
  /** After a tenant's service ends, its unsigned documents are kept this many days, then deleted. */
  readonly unsignedDaysAfterEnd: number;
  /** Unfinished uploads are discarded after this many hours. */
  readonly openUploadHours: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { signedYears: 5, unsignedDaysAfterEnd: 90, openUploadHours: 72 };

/** The authenticated caller of a tenant route. */
export interface Caller {
  readonly tenantId: string;
  readonly principalId: string;
  /** The person's (or device's) name, as the tenant's administrator entered it: what audit trails show. */
  readonly principalName: string;
  readonly tenantName: string;
  readonly tokenId: string;
  readonly role: Role;
  /** The tenant's public scope tag, as written into its statements. */
  readonly scope: string;
  readonly serviceEndedAt: string | null;
}

export const ROLES = ['admin', 'member', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function addYears(d: Date, years: number): Date {
  const r = new Date(d);
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86400_000);
}
