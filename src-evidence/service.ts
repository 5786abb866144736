import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../src-shared/errors/index.js';
import { openBlobStore } from './blobs/index.js';
import { DEFAULT_RETENTION, type RetentionPolicy, type ServiceContext } from './context.js';
import { migrate } from './db/schema.js';
import { openPostgres, openSqlite, type SqlDatabase } from './db/sql.js';
import { purgeExpired } from './documents/library.js';
import { loadLogIdentity } from './log/identity.js';
import { Integrator } from './log/integrator.js';
import { Sequencer } from './log/sequencer.js';
import { TileReader } from './log/tiles.js';
import { ReceiptDesk } from './receipts.js';
import { Spool } from './spool.js';
import { createCheckpointTimestamper, loadBuiltinTsa, type BuiltinTsa, type ExternalTsa } from './tsa/index.js';

/**
 * One running evidence service: storage opened, schema migrated, log identity loaded, sequencer and
 * integrator running. The HTTP layer (http/) and the operator CLI (cli.ts) both sit on this.
 */
export interface ServiceOptions {
  /** Keys always live here; with no `database`/`blobs`, so do the SQLite file and the blobs. */
  readonly dataDir: string;
  /** `postgres://…` to run on PostgreSQL (several instances may share it). */
  readonly database?: string;
  /** A folder or `s3://bucket/prefix?endpoint=…`. */
  readonly blobs?: string;
  /** First part of the log origin; the log id is appended (`<origin>/<LOGID>`). */
  readonly originBase?: string;
  /** How often waiting entries are integrated into a new checkpoint (≤ 1000). */
  readonly integrateIntervalMs?: number;
  readonly externalTsas?: readonly ExternalTsa[];
  /** Use the built-in TSA (alone, or as the fallback after external TSAs). Default: true. */
  readonly builtinTsa?: boolean;
  readonly retention?: Partial<RetentionPolicy>;
  readonly clock?: () => Date;
  /** Don't start the integrator's timer (tests that drive integration by hand). */
  readonly manualIntegration?: boolean;
  readonly onBackgroundError?: (err: unknown) => void;
}

export interface EvidenceService {
  readonly ctx: ServiceContext;
  readonly receipts: ReceiptDesk;
  readonly builtinTsa: BuiltinTsa | null;
  /** Integrate now and wait for it (tests, shutdown). */
  integrateNow(): Promise<void>;
  purge(): ReturnType<typeof purgeExpired>;
  close(): Promise<void>;
}

/** One process per SQLite data folder: a second would not corrupt SQLite, but two integrators would race. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'service.lock');
  await fs.mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await fs.open(file, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o600);
      await h.write(String(process.pid));
      await h.close();
      return () => fs.rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await fs.readFile(file, 'utf8').catch(() => '0'));
      let alive = false;
      try {
        if (pid > 0 && pid !== process.pid) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (alive) throw new InkstoneError('EVIDENCE_DATA_DIR_LOCKED', { dataDir, pid });
      // Left behind by a crashed process (kill -9): take it over.
      await fs.rm(file, { force: true });
    }
  }
  throw new InkstoneError('EVIDENCE_DATA_DIR_LOCKED', { dataDir, pid: 'unknown' });
}

export async function openDatabase(options: Pick<ServiceOptions, 'dataDir' | 'database'>): Promise<SqlDatabase> {
  const db = options.database ? openPostgres(options.database) : openSqlite(path.join(options.dataDir, 'evidence.sqlite'));
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export async function openEvidenceService(options: ServiceOptions): Promise<EvidenceService> {
  const interval = options.integrateIntervalMs ?? 500;
  if (interval <= 0 || interval > 1000)
    throw new InkstoneError('EVIDENCE_CONFIG_INVALID', { reason: 'the integration interval must be between 1 and 1000 ms' });
  const unlock = options.database ? async () => undefined : await lockDataDir(options.dataDir);
  const db = await openDatabase(options).catch(async (err) => {
    await unlock();
    throw err;
  });
  const keyDir = path.join(options.dataDir, 'keys');
  const blobs = openBlobStore(options.blobs ?? path.join(options.dataDir, 'blobs'));
  let spool: Spool | null = null;
  try {
    spool = await Spool.open(path.join(options.dataDir, 'spool'));
    const identity = await loadLogIdentity(db, keyDir, options.originBase);
    const builtin = options.builtinTsa === false ? null : await loadBuiltinTsa(keyDir);
    const timestamper = createCheckpointTimestamper({ external: options.externalTsas ?? [], builtin, onFailure: options.onBackgroundError });
    const tiles = new TileReader(db);
    const sequencer = new Sequencer(db);
    const integrator = new Integrator(db, identity, timestamper, tiles, { recentLeaves: sequencer });
    integrator.on('error', (err) => options.onBackgroundError?.(err));
    const ctx: ServiceContext = {
      db,
      blobs,
      identity,
      sequencer,
      integrator,
      tiles,
      spool,
      policy: { ...DEFAULT_RETENTION, ...options.retention },
      now: options.clock ?? (() => new Date()),
    };
    const receipts = new ReceiptDesk(ctx);
    if (!options.manualIntegration) integrator.start(interval);
    let closed = false;
    return {
      ctx,
      receipts,
      builtinTsa: builtin,
      integrateNow: () => integrator.integrateOnce(),
      purge: () => purgeExpired(ctx),
      async close() {
        if (closed) return;
        closed = true;
        receipts.close();
        await sequencer.close();
        await integrator.stop();
        await blobs.close();
        await ctx.spool.close();
        await db.close();
        await unlock();
      },
    };
  } catch (err) {
    await blobs.close();
    await spool?.close();
    await db.close();
    await unlock();
    throw err;
  }
}
