import {
  consistencyRanges,
  formatEvidenceNumber,
  inclusionRanges,
  nodesForRanges,
  parseEvidenceNumber,
  rangeHash,
  RECEIPT_FORMAT,
  RECEIPT_VERSION,
  type EvidenceAck,
  type EvidenceReceipt,
} from '../src-main/core/evidence/index.js';
import { InkstoneError } from '../src-shared/errors/index.js';
import type { Caller, ServiceContext } from './context.js';
import { checkpointFromRow, type CheckpointRow, type IssuedCheckpoint } from './log/integrator.js';

/**
 * Receipts and proofs. A receipt is built against the newest checkpoint that covers its entry; the
 * tenant's version carries the commitment's opening (document hash and salt), the public lookup by
 * evidence number does not — the number alone proves that *something* was logged at that time, the
 * receipt holder can prove *what*.
 */

const POLL_MS = 100;
const EMPTY = Buffer.alloc(32);

export class ReceiptDesk {
  readonly #ctx: ServiceContext;
  #latest: IssuedCheckpoint | null = null;
  #latestReadAt = 0;
  #latestRead: Promise<void> | null = null;
  readonly #waiters = new Set<{ index: number; deadline: number; resolve: (cp: IssuedCheckpoint | null) => void }>();
  #pollTimer: NodeJS.Timeout | null = null;
  #ranges: { size: number; hashes: Map<string, string> } = { size: -1, hashes: new Map() };
  readonly #encoded = new WeakMap<IssuedCheckpoint, EvidenceReceipt['timestamp']>();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
    ctx.integrator.on('checkpoint', (cp) => {
      if (!this.#latest || cp.size > this.#latest.size) this.#latest = cp;
      this.#latestReadAt = Date.now();
      this.#wake(this.#latest);
    });
  }

  /** The newest checkpoint (another instance may have issued it, so the cache is short-lived). */
  async latestCheckpoint(): Promise<IssuedCheckpoint | null> {
    if (Date.now() - this.#latestReadAt > POLL_MS) {
      // One read however many requests find the cache stale at once: on PostgreSQL a read per
      // request would queue hundreds on the pool, ahead of the sequencer's and integrator's work.
      this.#latestRead ??= this.#readLatest().finally(() => {
        this.#latestRead = null;
      });
      await this.#latestRead;
    }
    return this.#latest;
  }

  async #readLatest(): Promise<void> {
    const size = await this.#ctx.db.get<{ tree_size: number }>('SELECT tree_size FROM checkpoints ORDER BY tree_size DESC LIMIT 1');
    // The whole row (token, chain) only when it is news.
    if (size && (!this.#latest || size.tree_size > this.#latest.size)) {
      const row = await this.#ctx.db.get<CheckpointRow>('SELECT * FROM checkpoints WHERE tree_size = ?', [size.tree_size]);
      if (row && (!this.#latest || row.tree_size > this.#latest.size)) this.#latest = checkpointFromRow(row);
    }
    this.#latestReadAt = Date.now();
  }

  async checkpointAt(size: number): Promise<IssuedCheckpoint | null> {
    const row = await this.#ctx.db.get<CheckpointRow>('SELECT * FROM checkpoints WHERE tree_size = ?', [size]);
    return row ? checkpointFromRow(row) : null;
  }

  /** Wait (up to `waitMs`) until a checkpoint covers leaf `index`. */
  async #covering(index: number, waitMs: number): Promise<IssuedCheckpoint | null> {
    const cp = await this.latestCheckpoint();
    if (cp && cp.size > index) return cp;
    if (waitMs <= 0) return null;
    return new Promise((resolve) => {
      this.#waiters.add({ index, deadline: Date.now() + waitMs, resolve });
      this.#schedulePoll();
    });
  }

  /**
   * One timer serves every waiting request: it wakes them when a checkpoint covers their entry —
   * at once for this instance's own checkpoints, within POLL_MS for another instance's — or when
   * their wait is over.
   */
  #schedulePoll(): void {
    if (this.#pollTimer || !this.#waiters.size) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      void this.latestCheckpoint().then((cp) => {
        this.#wake(cp);
        this.#schedulePoll();
      });
    }, POLL_MS);
  }

  #wake(cp: IssuedCheckpoint | null): void {
    const now = Date.now();
    for (const w of this.#waiters) {
      if (cp && cp.size > w.index) w.resolve(cp);
      else if (w.deadline <= now) w.resolve(null);
      else continue;
      this.#waiters.delete(w);
    }
  }

  /** Stop waiting requests (shutdown): they answer "pending" and the client asks again. */
  close(): void {
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    for (const w of this.#waiters) w.resolve(null);
    this.#waiters.clear();
  }

  /** RFC 9162 inclusion proof of leaf `index` in the tree of `size` (hex hashes, leaf first). */
  async inclusionProof(index: number, size: number): Promise<string[]> {
    const ranges = inclusionRanges(index, size);
    // The receipts of one checkpoint share most of their paths (every range above the entries that
    // checkpoint added, and every range ending at the tree's right edge): remember each range hash
    // computed against this size until the size changes.
    if (this.#ranges.size !== size || this.#ranges.hashes.size > 500_000) this.#ranges = { size, hashes: new Map() };
    const known = this.#ranges.hashes;
    const key = (a: number, b: number) => `${a}:${b}`;
    const out: Array<string | undefined> = ranges.map(([a, b]) => known.get(key(a, b)) ?? this.#fromCachedTiles(a, b));
    const uncached = ranges.filter((_, i) => out[i] === undefined);
    if (uncached.length) {
      const read = await this.#ctx.tiles.reader(nodesForRanges(uncached));
      ranges.forEach(([a, b], i) => {
        out[i] ??= Buffer.from(rangeHash(a, b, read)).toString('hex');
      });
    }
    ranges.forEach(([a, b], i) => known.set(key(a, b), out[i]!));
    return out as string[];
  }

  /** A range's hash from tiles already in memory, synchronously; undefined when one must be read. */
  #fromCachedTiles(a: number, b: number): string | undefined {
    let missing = false;
    const hash = rangeHash(a, b, (level, index) => {
      const h = this.#ctx.tiles.peek(level, index);
      if (h) return h;
      missing = true;
      return EMPTY;
    });
    return missing ? undefined : Buffer.from(hash).toString('hex');
  }

  /** The timestamp as receipts carry it, encoded once per checkpoint (every receipt of a burst shares it). */
  #timestampOf(cp: IssuedCheckpoint): EvidenceReceipt['timestamp'] {
    let ts = this.#encoded.get(cp);
    if (!ts) {
      ts = { token: cp.timestampToken.toString('base64'), certificates: cp.timestampChain.map((c) => c.toString('base64')) };
      this.#encoded.set(cp, ts);
    }
    return ts;
  }

  async #build(index: number, statement: string, leafHash: string, cp: IssuedCheckpoint, document: EvidenceReceipt['document']): Promise<EvidenceReceipt> {
    return {
      format: RECEIPT_FORMAT,
      version: RECEIPT_VERSION,
      evidenceNumber: formatEvidenceNumber(this.#ctx.identity.logId, index),
      log: { origin: this.#ctx.identity.origin, verifierKey: this.#ctx.identity.verifierKey },
      entry: { index, statement, leafHash },
      document,
      inclusionProof: { treeSize: cp.size, hashes: await this.inclusionProof(index, cp.size) },
      checkpoint: cp.note,
      timestamp: this.#timestampOf(cp),
    };
  }

  /**
   * The receipt of an entry this service has just acknowledged: the acknowledgement already holds
   * the statement, leaf and opening, so only the checkpoint is awaited (no read of the entry).
   */
  async receiptOfAck(ack: EvidenceAck, waitMs: number): Promise<EvidenceReceipt> {
    const cp = await this.#covering(ack.index, waitMs);
    if (!cp) throw new InkstoneError('EVIDENCE_RECEIPT_PENDING', { evidenceNumber: ack.evidenceNumber });
    const document = ack.salt && ack.documentHash ? ({ hashAlgorithm: 'SHA-256', hash: ack.documentHash, salt: ack.salt } as const) : null;
    return this.#build(ack.index, ack.statement, ack.leafHash, cp, document);
  }

  #indexOf(evidenceNumber: string): number {
    const num = parseEvidenceNumber(evidenceNumber);
    if (num.logId !== this.#ctx.identity.logId) throw new InkstoneError('NOT_FOUND', { what: `evidence ${num.text}` });
    return num.index;
  }

  /** The tenant's full receipt. A pending entry waits up to `waitMs`, then EVIDENCE_RECEIPT_PENDING. */
  async receipt(caller: Caller, evidenceNumber: string, waitMs: number): Promise<EvidenceReceipt> {
    const index = this.#indexOf(evidenceNumber);
    const row = await this.#ctx.db.get<{ statement: Buffer; leaf_hash: Buffer; salt: string | null; document_hash: string | null }>(
      'SELECT statement, leaf_hash, salt, document_hash FROM entries WHERE idx = ? AND tenant_id = ?',
      [index, caller.tenantId],
    );
    if (!row) throw new InkstoneError('NOT_FOUND', { what: `evidence ${evidenceNumber}` });
    const cp = await this.#covering(index, waitMs);
    if (!cp) throw new InkstoneError('EVIDENCE_RECEIPT_PENDING', { evidenceNumber: formatEvidenceNumber(this.#ctx.identity.logId, index) });
    const document = row.salt && row.document_hash ? ({ hashAlgorithm: 'SHA-256', hash: row.document_hash, salt: row.salt } as const) : null;
    return this.#build(index, Buffer.from(row.statement).toString('utf8'), Buffer.from(row.leaf_hash).toString('hex'), cp, document);
  }

  /** Anyone's lookup by evidence number: the public log entry with its proof, no opening. */
  async lookup(evidenceNumber: string): Promise<EvidenceReceipt> {
    const index = this.#indexOf(evidenceNumber);
    const cp = await this.latestCheckpoint();
    if (!cp || cp.size <= index) throw new InkstoneError('NOT_FOUND', { what: `evidence ${evidenceNumber}` });
    const row = await this.#ctx.db.get<{ statement: Buffer; leaf_hash: Buffer }>('SELECT statement, leaf_hash FROM entries WHERE idx = ?', [index]);
    if (!row) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: `integrated entry ${index} is missing` });
    return this.#build(index, Buffer.from(row.statement).toString('utf8'), Buffer.from(row.leaf_hash).toString('hex'), cp, null);
  }

  /** RFC 9162 consistency proof between two tree sizes the log has reached. */
  async consistency(first: number, second: number): Promise<string[]> {
    const cp = await this.latestCheckpoint();
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second || !cp || second > cp.size) {
      throw new InkstoneError('INVALID_INPUT', { issues: `sizes must satisfy 0 ≤ first ≤ second ≤ ${cp?.size ?? 0}` });
    }
    const ranges = consistencyRanges(first, second);
    const read = await this.#ctx.tiles.reader(nodesForRanges(ranges));
    return ranges.map(([a, b]) => Buffer.from(rangeHash(a, b, read)).toString('hex'));
  }

  /** Entry bundle for tlog-tiles `tile/entries/N`: each leaf as a 2-byte big-endian length and its bytes. */
  async entryBundle(index: number, width: number): Promise<Buffer | null> {
    const cp = await this.latestCheckpoint();
    if (!cp || index * 256 + width > cp.size) return null;
    const rows = await this.#ctx.db.all<{ statement: Buffer }>('SELECT statement FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx', [
      index * 256,
      index * 256 + width,
    ]);
    if (rows.length !== width) return null;
    return Buffer.concat(
      rows.flatMap((r) => {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(r.statement.length);
        return [len, Buffer.from(r.statement)];
      }),
    );
  }
}
