import { InkstoneError } from '../../src-shared/errors/index.js';
import { nodeHash, HASH_SIZE, type CompletedNode, type NodeId, type NodeReader } from '../../src-main/core/evidence/index.js';
import { insertRows } from '../db/bulk.js';
import type { SqlDatabase, SqlExecutor, SqlValue } from '../db/sql.js';

/**
 * C2SP tlog-tiles storage. A tile at tile-level L, index N holds up to 256 consecutive hashes of tree
 * level 8·L (level 0: leaf hashes). Full tiles never change, so they are cached forever and served
 * with immutable cache headers; the right-most tile of each level is partial and grows until full.
 * Any complete subtree hash is a tile entry or folds from at most 128 of them (cached expanded).
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;

/** C2SP index encoding: 1234067 → "x001/x234/067". */
export function encodeTileIndex(n: number): string {
  const groups: string[] = [];
  let x = n;
  do {
    groups.unshift(String(x % 1000).padStart(3, '0'));
    x = Math.floor(x / 1000);
  } while (x > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

export function tilePath(level: number | 'entries', index: number, width: number): string {
  return `tile/${level}/${encodeTileIndex(index)}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

/** Parse the part after `tile/`: `<L>/<N…>[.p/<W>]` or `entries/<N…>[.p/<W>]`. */
export function parseTilePath(rest: string): { level: number | 'entries'; index: number; width: number } {
  const m = /^(entries|[0-9]{1,2})\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/u.exec(rest);
  if (!m) throw new InkstoneError('NOT_FOUND', { what: 'tile' });
  const index = Number(m[2].replace(/x|\//gu, ''));
  const width = m[3] ? Number(m[3]) : TILE_WIDTH;
  if (width > TILE_WIDTH || (m[3] && width === TILE_WIDTH) || !Number.isSafeInteger(index)) throw new InkstoneError('NOT_FOUND', { what: 'tile' });
  return { level: m[1] === 'entries' ? 'entries' : Number(m[1]), index, width };
}

/** A tile with every level inside it precomputed: levels[r][i] is node (8L + r, 256N/2^r + i). */
interface ExpandedTile {
  readonly width: number;
  readonly levels: Buffer[][];
}

function expand(hashes: Buffer, previous?: ExpandedTile): ExpandedTile {
  const width = hashes.length / HASH_SIZE;
  const levels: Buffer[][] = previous ? previous.levels.map((l) => [...l]) : Array.from({ length: TILE_HEIGHT }, () => []);
  for (let i = levels[0].length; i < width; i++) levels[0].push(hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  for (let r = 1; r < TILE_HEIGHT; r++) {
    const below = levels[r - 1];
    for (let i = levels[r].length * 2; i + 1 < below.length; i += 2) levels[r].push(Buffer.from(nodeHash(below[i], below[i + 1])));
  }
  return { width, levels };
}

function tileOf(node: NodeId): { level: number; index: number; r: number; width: number; pos: number } {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const r = node.level - level * TILE_HEIGHT;
  const first = node.index * 2 ** r; // first base-level hash under the node
  const index = Math.floor(first / TILE_WIDTH);
  const offset = first - index * TILE_WIDTH;
  return { level, index, r, width: offset + 2 ** r, pos: offset / 2 ** r };
}

export class TileReader {
  readonly #db: SqlDatabase;
  readonly #full = new Map<string, ExpandedTile>();
  readonly #partial = new Map<string, ExpandedTile>();
  readonly #inflight = new Map<string, Promise<ExpandedTile>>();
  readonly #maxFull: number;

  constructor(db: SqlDatabase, options: { cacheTiles?: number } = {}) {
    this.#db = db;
    this.#maxFull = options.cacheTiles ?? 2048;
  }

  /** Raw tile bytes for serving, or null when the tile is not (yet) that wide. */
  async tileBytes(level: number, index: number, width: number): Promise<Buffer | null> {
    const row = await this.#db.get<{ width: number; hashes: Buffer }>('SELECT width, hashes FROM tiles WHERE level = ? AND idx = ?', [level, index]);
    if (!row || row.width < width) return null;
    return row.hashes.subarray(0, width * HASH_SIZE);
  }

  async #load(level: number, index: number, width: number): Promise<ExpandedTile> {
    const key = `${level}/${index}`;
    for (;;) {
      const cached = this.#full.get(key) ?? this.#partial.get(key);
      if (cached && cached.width >= width) return cached;
      // One read per tile however many requests want it at once (a receipt burst after each checkpoint).
      const pending = this.#inflight.get(key);
      if (!pending) break;
      await pending.catch(() => undefined);
    }
    const loading = this.#read(level, index, width);
    this.#inflight.set(key, loading);
    try {
      return await loading;
    } finally {
      this.#inflight.delete(key);
    }
  }

  async #read(level: number, index: number, width: number): Promise<ExpandedTile> {
    const key = `${level}/${index}`;
    const row = await this.#db.get<{ width: number; hashes: Buffer }>('SELECT width, hashes FROM tiles WHERE level = ? AND idx = ?', [level, index]);
    if (!row || row.width < width) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `tile ${level}/${index} is missing or narrower than ${width}` });
    // A partial tile only ever grows: extend what is already expanded rather than start over.
    const tile = expand(Buffer.from(row.hashes), this.#partial.get(key));
    this.#store(key, tile);
    return tile;
  }

  /**
   * Take tiles this process has just committed (the integrator's write): proofs against the new
   * checkpoint then find them expanded in memory instead of reading and rehashing them.
   */
  prime(written: ReadonlyArray<{ level: number; index: number; hashes: Buffer }>): void {
    for (const { level, index, hashes } of written) {
      const key = `${level}/${index}`;
      if (this.#full.has(key)) continue;
      const previous = this.#partial.get(key);
      if (previous && previous.width * HASH_SIZE > hashes.length) continue;
      this.#store(key, expand(hashes, previous));
    }
  }

  #store(key: string, tile: ExpandedTile): void {
    if (tile.width === TILE_WIDTH) {
      if (this.#full.size >= this.#maxFull) this.#full.delete(this.#full.keys().next().value!);
      this.#full.set(key, tile);
      this.#partial.delete(key);
    } else {
      this.#partial.set(key, tile);
    }
  }

  /** A node's hash when its tile is already in memory (no await, no read), else undefined. */
  peek(level: number, index: number): Buffer | undefined {
    const t = tileOf({ level, index });
    const key = `${t.level}/${t.index}`;
    const tile = this.#full.get(key) ?? this.#partial.get(key);
    return tile && tile.width >= t.width ? tile.levels[t.r][t.pos] : undefined;
  }

  /** Load every tile the given nodes need and return a synchronous reader over them. */
  async reader(nodes: readonly NodeId[]): Promise<NodeReader> {
    const loaded = new Map<string, ExpandedTile>();
    for (const node of nodes) {
      const t = tileOf(node);
      const key = `${t.level}/${t.index}`;
      const have = loaded.get(key);
      if (!have || have.width < t.width) loaded.set(key, await this.#load(t.level, t.index, t.width));
    }
    return (level, index) => {
      const t = tileOf({ level, index });
      const tile = loaded.get(`${t.level}/${t.index}`);
      const hash = tile?.levels[t.r]?.[t.pos];
      if (!hash) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `node ${level}/${index} was not loaded` });
      return hash;
    };
  }
}

/**
 * Accumulates the nodes an integration completes into tile rows: only levels that are multiples of
 * 8 are stored. Writes the touched tiles inside the integration's transaction.
 */
export class TileWriter {
  readonly #pending = new Map<string, { level: number; index: number; start: number; hashes: Buffer[] }>();
  /** The tiles as written by the last write(), whole (for TileReader.prime once committed). */
  written: Array<{ level: number; index: number; hashes: Buffer }> = [];

  add(node: CompletedNode): void {
    if (node.level % TILE_HEIGHT !== 0) return;
    const level = node.level / TILE_HEIGHT;
    const index = Math.floor(node.index / TILE_WIDTH);
    const key = `${level}/${index}`;
    let tile = this.#pending.get(key);
    if (!tile) {
      tile = { level, index, start: node.index % TILE_WIDTH, hashes: [] };
      this.#pending.set(key, tile);
    }
    tile.hashes.push(Buffer.from(node.hash));
  }

  /** Two statements whatever the number of tiles (round trips count on PostgreSQL): read them, upsert them. */
  async write(tx: SqlExecutor): Promise<void> {
    this.written = [];
    const pending = [...this.#pending.values()];
    if (!pending.length) return;
    const existing = new Map<string, { width: number; hashes: Buffer }>();
    for (let at = 0; at < pending.length; at += 400) {
      const chunk = pending.slice(at, at + 400);
      const rows = await tx.all<{ level: number; idx: number; width: number; hashes: Buffer }>(
        `SELECT level, idx, width, hashes FROM tiles WHERE ${chunk.map(() => '(level = ? AND idx = ?)').join(' OR ')}`,
        chunk.flatMap((t) => [t.level, t.index]),
      );
      for (const r of rows) existing.set(`${r.level}/${r.idx}`, r);
    }
    const rows: SqlValue[][] = [];
    for (const tile of pending) {
      const have = existing.get(`${tile.level}/${tile.index}`);
      // Appending only: the first new hash must land right after what the tile already holds.
      if ((have?.width ?? 0) !== tile.start) {
        throw new InkstoneError('EVIDENCE_LOG_CORRUPT', {
          reason: `tile ${tile.level}/${tile.index} holds ${have?.width ?? 0} hashes, next is ${tile.start}`,
        });
      }
      const hashes = Buffer.concat([have ? Buffer.from(have.hashes) : Buffer.alloc(0), ...tile.hashes]);
      const width = hashes.length / HASH_SIZE;
      if (width > TILE_WIDTH) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `tile ${tile.level}/${tile.index} overflows` });
      rows.push([tile.level, tile.index, width, hashes]);
      this.written.push({ level: tile.level, index: tile.index, hashes });
    }
    await insertRows(
      tx,
      'tiles',
      ['level', 'idx', 'width', 'hashes'],
      rows,
      ' ON CONFLICT (level, idx) DO UPDATE SET width = excluded.width, hashes = excluded.hashes',
    );
  }
}
