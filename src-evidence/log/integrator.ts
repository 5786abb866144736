import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MerkleFrontier, rangeNodes, signCheckpoint } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { SqlDatabase } from '../db/sql.js';
import type { LogIdentity } from './identity.js';
import { TileReader, TileWriter } from './tiles.js';

/**
 * Integration turns sequenced entries into tree: it folds their leaf hashes into the Merkle frontier,
 * stores the completed tile hashes, signs a checkpoint for the new size and obtains one RFC 3161
 * timestamp over it — one token per batch, not per document. Everything lands in one transaction
 * guarded by the tree size it started from, so a crash or a competing instance can only cause a
 * batch to be redone, never the log to be rewritten.
 */

export interface TimestampResult {
  readonly token: Buffer;
  /** The TSA's certificate chain (DER), leaf first, for offline verification. */
  readonly chain: readonly Buffer[];
  readonly tsa: string;
}

export interface CheckpointTimestamper {
  stamp(imprint: Buffer): Promise<TimestampResult>;
}

export interface IssuedCheckpoint {
  readonly size: number;
  readonly root: string;
  readonly note: string;
  readonly timestampToken: Buffer;
  readonly timestampChain: readonly Buffer[];
  readonly tsa: string;
  readonly createdAt: string;
}

export interface CheckpointRow {
  tree_size: number;
  root: string;
  note: string;
  timestamp_token: Buffer;
  timestamp_chain: string;
  tsa: string;
  created_at: string;
  [k: string]: string | number | Buffer | null;
}

export function checkpointFromRow(r: CheckpointRow): IssuedCheckpoint {
  return {
    size: r.tree_size,
    root: r.root,
    note: r.note,
    timestampToken: Buffer.from(r.timestamp_token),
    timestampChain: (JSON.parse(r.timestamp_chain) as string[]).map((c) => Buffer.from(c, 'base64')),
    tsa: r.tsa,
    createdAt: r.created_at,
  };
}

/** The bytes a checkpoint's timestamp covers: SHA-256 of the whole signed note. */
export function checkpointImprint(note: string): Buffer {
  return createHash('sha256').update(note, 'utf8').digest();
}

/** Leaf hashes of committed entries still in memory (the sequencer of the same process). */
export interface RecentLeaves {
  recentLeaves(from: number, to: number): Buffer[] | null;
  forgetLeavesBelow(size: number): void;
}

export class Integrator extends EventEmitter<{ checkpoint: [IssuedCheckpoint]; error: [unknown] }> {
  readonly #db: SqlDatabase;
  readonly #identity: LogIdentity;
  readonly #timestamper: CheckpointTimestamper;
  readonly #tiles: TileReader;
  readonly #maxBatch: number;
  readonly #leaves: RecentLeaves | null;
  #frontier: MerkleFrontier | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(
    db: SqlDatabase,
    identity: LogIdentity,
    timestamper: CheckpointTimestamper,
    tiles: TileReader,
    options: { maxBatch?: number; recentLeaves?: RecentLeaves } = {},
  ) {
    super();
    this.#db = db;
    this.#identity = identity;
    this.#timestamper = timestamper;
    this.#tiles = tiles;
    this.#maxBatch = options.maxBatch ?? 65536;
    this.#leaves = options.recentLeaves ?? null;
  }

  /** Integrate on a fixed beat (at least once per interval while entries wait). */
  start(intervalMs: number): void {
    const tick = () => {
      if (this.#stopped) return;
      void this.integrateOnce()
        .catch((err) => this.emit('error', err))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, intervalMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** Integrate whatever is sequenced now (a no-op when nothing waits or another instance holds the integration lock). */
  integrateOnce(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#db
        .withExclusiveLock('integrate', () => this.#integrate())
        .then(() => undefined)
        .finally(() => {
          this.#running = null;
        });
    }
    return this.#running;
  }

  async #frontierAt(size: number): Promise<MerkleFrontier> {
    if (this.#frontier && this.#frontier.size === size) return this.#frontier;
    // Another instance integrated, or this is the first run: rebuild from stored tiles.
    const read = await this.#tiles.reader(size ? rangeNodes(0, size) : []);
    return MerkleFrontier.at(size, read);
  }

  async #integrate(): Promise<IssuedCheckpoint | null> {
    const state = await this.#db.get<{ next_index: number; tree_size: number }>(
      'SELECT s.next_index, t.tree_size FROM log_state s, log_tree t WHERE s.id = 1 AND t.id = 1',
    );
    if (!state) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: 'log state row missing' });
    const from = state.tree_size;
    const to = Math.min(state.next_index, from + this.#maxBatch);
    if (to === from) return null;
    const frontier = (await this.#frontierAt(from)).clone();
    // Entries this process sequenced are still in memory (committed: the sequencer keeps only those);
    // others — another instance's, or from before a restart — are read back.
    let leaves = this.#leaves?.recentLeaves(from, to) ?? null;
    if (!leaves) {
      const rows = await this.#db.all<{ idx: number; leaf_hash: Buffer }>('SELECT idx, leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx', [
        from,
        to,
      ]);
      rows.forEach((row, i) => {
        if (row.idx !== from + i) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `entry ${from + i} is missing` });
      });
      leaves = rows.map((r) => r.leaf_hash);
    }
    const tiles = new TileWriter();
    for (const leaf of leaves) for (const node of frontier.append(leaf)) tiles.add(node);
    if (frontier.size !== to) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `expected ${to - from} entries, found ${leaves.length}` });
    const root = Buffer.from(frontier.root());
    const note = signCheckpoint({ origin: this.#identity.origin, size: to, root }, this.#identity.signer);
    const ts = await this.#timestamper.stamp(checkpointImprint(note));
    const issued: IssuedCheckpoint = {
      size: to,
      root: root.toString('hex'),
      note,
      timestampToken: ts.token,
      timestampChain: ts.chain,
      tsa: ts.tsa,
      createdAt: new Date().toISOString(),
    };
    const committed = await this.#db.transaction(async (tx) => {
      // Guard: only the instance that read size `from` may move it, exactly once. (Its own row: the
      // sequencer's counter row stays free, so appends go on while this commits.)
      const moved = await tx.run('UPDATE log_tree SET tree_size = ? WHERE id = 1 AND tree_size = ?', [to, from]);
      if (moved !== 1) return false;
      await tiles.write(tx);
      await tx.run('INSERT INTO checkpoints (tree_size, root, note, timestamp_token, timestamp_chain, tsa, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        to,
        issued.root,
        note,
        ts.token,
        JSON.stringify(ts.chain.map((c) => c.toString('base64'))),
        ts.tsa,
        issued.createdAt,
      ]);
      return true;
    });
    if (!committed) {
      this.#frontier = null;
      return null;
    }
    this.#frontier = frontier;
    this.#leaves?.forgetLeavesBelow(to);
    this.#tiles.prime(tiles.written);
    this.emit('checkpoint', issued);
    return issued;
  }
}
