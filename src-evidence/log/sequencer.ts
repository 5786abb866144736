import { leafHash, encodeStatement, type EvidenceEvent } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { insertRows, selectPairs } from '../db/bulk.js';
import type { SqlDatabase, SqlExecutor, SqlValue } from '../db/sql.js';
import { shownIdempotencyKey } from '../idempotency.js';

/**
 * The sequencer gives each new statement its leaf index and makes it durable *before* anyone is told
 * the index: a request is acknowledged only after the transaction that holds its entry has committed
 * (fsynced). Requests that arrive while one commit is in flight ride the next one together (group
 * commit), which is what makes thousands of durable appends per second possible on one disk.
 *
 * Within that transaction it also resolves idempotency keys (a retried request gets the first answer,
 * never a second entry) and the contract chain (each statement names the leaf hash of the same
 * contract's previous statement). The index counter row is locked first, so on PostgreSQL batches from
 * several instances serialize and chain heads stay consistent.
 */

export interface DocumentInsert {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
  readonly blobKey: string | null;
  readonly filename: string | null;
  readonly signed: boolean;
  readonly retainUntil: string | null;
}

export interface AppendRequest {
  readonly tenantId: string;
  readonly principalId: string;
  readonly scope: string;
  readonly event: EvidenceEvent;
  readonly claimedTime: string;
  readonly commitment: string;
  readonly salt: string | null;
  readonly documentHash: string | null;
  readonly chainKey: string | null;
  readonly document?: DocumentInsert;
  readonly idempotency?: {
    readonly key: string;
    readonly requestHash: string;
    /** The response to remember for replays, built once the index is known. */
    readonly response: (entry: SequencedEntry) => unknown;
  };
  /** Extra writes that must commit with the entry (an upload marked completed with its answer). */
  readonly alsoInTransaction?: (tx: SqlExecutor, entry: SequencedEntry, response: unknown) => Promise<void>;
}

export interface SequencedEntry {
  readonly index: number;
  readonly leafHash: string;
  readonly statement: Buffer;
  readonly previous: string | null;
  readonly sequencedAt: string;
}

export type AppendResult =
  { readonly kind: 'new'; readonly entry: SequencedEntry; readonly response: unknown } | { readonly kind: 'replay'; readonly response: unknown };

interface Pending {
  readonly req: AppendRequest;
  resolve(r: AppendResult): void;
  reject(e: unknown): void;
}

export class Sequencer {
  readonly #db: SqlDatabase;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #flushing = false;
  #closed = false;
  #idle: Array<() => void> = [];
  /** Called after each committed batch, with the new next index (wakes the integrator). */
  onSequenced: ((nextIndex: number) => void) | null = null;
  /**
   * Leaf hashes this process committed and the integrator has not yet folded in, so it need not read
   * them back (bounded: past the bound the integrator reads the database, as another instance would).
   */
  readonly #recentLeaves = new Map<number, Buffer>();
  static readonly RECENT_LEAVES = 262_144;

  constructor(db: SqlDatabase, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 2000;
  }

  append(req: AppendRequest): Promise<AppendResult> {
    if (this.#closed) return Promise.reject(new InkstoneError('EVIDENCE_SERVICE_STOPPING', {}));
    return new Promise((resolve, reject) => {
      this.#queue.push({ req, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  /** Leaf hashes of entries [from, to) when this process sequenced all of them and still holds them. */
  recentLeaves(from: number, to: number): Buffer[] | null {
    const out: Buffer[] = [];
    for (let i = from; i < to; i++) {
      const leaf = this.#recentLeaves.get(i);
      if (!leaf) return null;
      out.push(leaf);
    }
    return out;
  }

  /** The integrator has folded in every entry below `size`. */
  forgetLeavesBelow(size: number): void {
    // Keys were inserted in index order (this process commits its batches one after another).
    for (const index of this.#recentLeaves.keys()) {
      if (index >= size) break;
      this.#recentLeaves.delete(index);
    }
  }

  /** Stop taking requests and wait for the queued ones to commit. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#flushing || this.#queue.length) await new Promise<void>((r) => this.#idle.push(r));
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length) {
        // Let the event loop read the requests that arrived during the last commit (a synchronous
        // fsync on SQLite) so they join this batch: this is what makes the commit a group commit.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          const leaves: Array<[number, Buffer]> = [];
          const results = await this.#db.transaction((tx) => this.#commit(tx, batch, leaves));
          if (this.#recentLeaves.size + leaves.length <= Sequencer.RECENT_LEAVES) for (const [index, leaf] of leaves) this.#recentLeaves.set(index, leaf);
          let nextIndex = -1;
          batch.forEach((p, i) => {
            const r = results[i];
            if (r.kind === 'refused') return p.reject(r.error);
            if (r.kind === 'new') nextIndex = r.entry.index + 1;
            p.resolve(r);
          });
          if (nextIndex >= 0) this.onSequenced?.(nextIndex);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.#flushing = false;
      for (const done of this.#idle.splice(0)) done();
    }
  }

  /**
   * One batch, in a constant number of statements whatever its size (each round trip counts on
   * PostgreSQL): lock the counter, look up idempotency keys and chain heads, reserve the indexes,
   * then insert documents, entries, chain heads and remembered answers in bulk.
   */
  async #commit(tx: SqlExecutor, batch: readonly Pending[], leaves: Array<[number, Buffer]>): Promise<Array<AppendResult | Refused>> {
    // The counter row is the batch lock: from here on no other instance sequences.
    await tx.run('UPDATE log_state SET next_index = next_index WHERE id = 1');
    const results: Array<AppendResult | Refused | undefined> = new Array(batch.length);
    const idemKey = (i: number) => `${batch[i].req.tenantId}\u0000${batch[i].req.idempotency!.key}`;
    const withKeys = batch.map((_, i) => i).filter((i) => batch[i].req.idempotency);
    const stored = new Map<string, { request_hash: string; response: string }>();
    for (const row of await selectPairs<{ tenant_id: string; key: string; request_hash: string; response: string }>(
      tx,
      'SELECT tenant_id, key, request_hash, response FROM idempotency_keys WHERE (tenant_id, key) IN',
      withKeys.map((i) => [batch[i].req.tenantId, batch[i].req.idempotency!.key]),
    )) {
      stored.set(`${row.tenant_id}\u0000${row.key}`, row);
    }
    // Replays take no index; the first request of a key new to the log is sequenced, later ones
    // in the same batch answer like replays of it.
    const firstOfKey = new Map<string, number>();
    const fresh: number[] = [];
    for (let i = 0; i < batch.length; i++) {
      const idem = batch[i].req.idempotency;
      if (!idem) {
        fresh.push(i);
        continue;
      }
      const row = stored.get(idemKey(i));
      if (row) results[i] = row.request_hash === idem.requestHash ? { kind: 'replay', response: JSON.parse(row.response) } : mismatch(idem.key);
      else if (!firstOfKey.has(idemKey(i))) {
        firstOfKey.set(idemKey(i), i);
        fresh.push(i);
      }
    }
    if (fresh.length) {
      const counter = await tx.get<{ next_index: number }>('UPDATE log_state SET next_index = next_index + ? WHERE id = 1 RETURNING next_index', [
        fresh.length,
      ]);
      if (!counter) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: 'log state row missing' });
      const first = counter.next_index - fresh.length;
      const chained = fresh.filter((i) => batch[i].req.chainKey);
      const heads = new Map<string, { idx: number; hash: string }>();
      for (const row of await selectPairs<{ tenant_id: string; chain_key: string; head_idx: number; head_leaf_hash: string }>(
        tx,
        'SELECT tenant_id, chain_key, head_idx, head_leaf_hash FROM chains WHERE (tenant_id, chain_key) IN',
        chained.map((i) => [batch[i].req.tenantId, batch[i].req.chainKey!]),
      )) {
        heads.set(`${row.tenant_id}\u0000${row.chain_key}`, { idx: row.head_idx, hash: row.head_leaf_hash });
      }
      const now = new Date().toISOString();
      const documents: SqlValue[][] = [];
      const entries: SqlValue[][] = [];
      const remembered: SqlValue[][] = [];
      const extra: Array<() => Promise<void>> = [];
      fresh.forEach((i, n) => {
        const req = batch[i].req;
        const index = first + n;
        const chainId = req.chainKey ? `${req.tenantId}\u0000${req.chainKey}` : null;
        const previous = chainId ? (heads.get(chainId)?.hash ?? null) : null;
        const statement = encodeStatement({ scope: req.scope, event: req.event, claimedTime: req.claimedTime, commitment: req.commitment, previous });
        const leaf = Buffer.from(leafHash(statement));
        const entry: SequencedEntry = { index, leafHash: leaf.toString('hex'), statement, previous, sequencedAt: now };
        if (chainId) heads.set(chainId, { idx: index, hash: entry.leafHash });
        leaves.push([index, leaf]);
        const d = req.document;
        if (d) documents.push([d.id, req.tenantId, d.sha256, d.size, d.blobKey, d.filename, d.signed ? 1 : 0, 0, d.retainUntil, req.principalId, now]);
        entries.push([
          index,
          req.tenantId,
          statement,
          leaf,
          req.event,
          req.claimedTime,
          req.commitment,
          req.salt,
          req.documentHash,
          d?.id ?? null,
          req.chainKey,
          req.principalId,
          now,
        ]);
        const response = req.idempotency ? req.idempotency.response(entry) : null;
        if (req.idempotency) remembered.push([req.tenantId, req.idempotency.key, req.idempotency.requestHash, JSON.stringify(response), now]);
        if (req.alsoInTransaction) extra.push(() => req.alsoInTransaction!(tx, entry, response));
        results[i] = { kind: 'new', entry, response };
      });
      await insertRows(
        tx,
        'documents',
        ['id', 'tenant_id', 'sha256', 'size', 'blob_key', 'filename', 'signed', 'legal_hold', 'retain_until', 'created_by', 'created_at'],
        documents,
      );
      await insertRows(
        tx,
        'entries',
        [
          'idx',
          'tenant_id',
          'statement',
          'leaf_hash',
          'event',
          'claimed_time',
          'commitment',
          'salt',
          'document_hash',
          'document_id',
          'chain_key',
          'principal_id',
          'sequenced_at',
        ],
        entries,
      );
      const touched = new Map(
        chained.map((i) => [`${batch[i].req.tenantId}\u0000${batch[i].req.chainKey}`, [batch[i].req.tenantId, batch[i].req.chainKey!] as const]),
      );
      await insertRows(
        tx,
        'chains',
        ['tenant_id', 'chain_key', 'head_idx', 'head_leaf_hash'],
        [...touched].map(([id, [tenantId, chainKey]]) => [tenantId, chainKey, heads.get(id)!.idx, heads.get(id)!.hash]),
        ' ON CONFLICT (tenant_id, chain_key) DO UPDATE SET head_idx = excluded.head_idx, head_leaf_hash = excluded.head_leaf_hash',
      );
      await insertRows(tx, 'idempotency_keys', ['tenant_id', 'key', 'request_hash', 'response', 'created_at'], remembered);
      for (const run of extra) await run();
    }
    // Later requests of a key first seen in this batch.
    for (let i = 0; i < batch.length; i++) {
      if (results[i]) continue;
      const at = firstOfKey.get(idemKey(i))!;
      const first = results[at] as AppendResult;
      results[i] =
        batch[at].req.idempotency!.requestHash === batch[i].req.idempotency!.requestHash
          ? { kind: 'replay', response: first.response }
          : mismatch(batch[i].req.idempotency!.key);
    }
    return results as Array<AppendResult | Refused>;
  }
}

/** A per-request failure that must not fail the rest of its batch. */
interface Refused {
  readonly kind: 'refused';
  readonly error: InkstoneError;
}

function mismatch(key: string): Refused {
  return { kind: 'refused', error: new InkstoneError('EVIDENCE_IDEMPOTENCY_MISMATCH', { key: shownIdempotencyKey(key) }) };
}
