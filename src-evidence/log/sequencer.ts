import { leafHash, encodeStatement, type EvidenceEvent } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { SqlDatabase, SqlExecutor } from '../db/sql.js';

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

export type AppendResult = { readonly kind: 'new'; readonly entry: SequencedEntry; readonly response: unknown } | { readonly kind: 'replay'; readonly response: unknown };

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

  /** Stop taking requests and wait for the queued ones to commit. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#flushing || this.#queue.length) await new Promise<void>((r) => this.#idle.push(r));
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          const results = await this.#db.transaction((tx) => this.#commit(tx, batch));
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

  async #commit(tx: SqlExecutor, batch: readonly Pending[]): Promise<Array<AppendResult | Refused>> {
    const results: Array<AppendResult | Refused | undefined> = new Array(batch.length);
    const fresh: number[] = [];
    const seenKeys = new Map<string, number>();
    const stored = new Map<string, { request_hash: string; response: string }>();
    // Idempotency first: replays take no index.
    for (let i = 0; i < batch.length; i++) {
      const idem = batch[i].req.idempotency;
      if (!idem) {
        fresh.push(i);
        continue;
      }
      const mapKey = `${batch[i].req.tenantId}\u0000${idem.key}`;
      const earlier = seenKeys.get(mapKey);
      if (earlier !== undefined) continue; // resolved below from the earlier request's result
      seenKeys.set(mapKey, i);
      const row = await tx.get<{ request_hash: string; response: string }>('SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = ? AND key = ?', [batch[i].req.tenantId, idem.key]);
      if (row) stored.set(mapKey, row);
      if (!row) fresh.push(i);
      else if (row.request_hash !== idem.requestHash) results[i] = mismatch(idem.key);
      else results[i] = { kind: 'replay', response: JSON.parse(row.response) };
    }
    if (fresh.length) {
      const counter = await tx.get<{ next_index: number }>('UPDATE log_state SET next_index = next_index + ? WHERE id = 1 RETURNING next_index', [fresh.length]);
      if (!counter) throw new InkstoneError('EVIDENCE_LOG_CORRUPT', { reason: 'log state row missing' });
      let index = counter.next_index - fresh.length;
      const heads = new Map<string, string>();
      const now = new Date().toISOString();
      for (const i of fresh) {
        const req = batch[i].req;
        let previous: string | null = null;
        if (req.chainKey) {
          const chainId = `${req.tenantId}\u0000${req.chainKey}`;
          previous = heads.get(chainId) ?? (await tx.get<{ head_leaf_hash: string }>('SELECT head_leaf_hash FROM chains WHERE tenant_id = ? AND chain_key = ?', [req.tenantId, req.chainKey]))?.head_leaf_hash ?? null;
        }
        const statement = encodeStatement({ scope: req.scope, event: req.event, claimedTime: req.claimedTime, commitment: req.commitment, previous });
        const leaf = Buffer.from(leafHash(statement));
        const entry: SequencedEntry = { index, leafHash: leaf.toString('hex'), statement, previous, sequencedAt: now };
        if (req.document) {
          const d = req.document;
          await tx.run(
            'INSERT INTO documents (id, tenant_id, sha256, size, blob_key, filename, signed, legal_hold, retain_until, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)',
            [d.id, req.tenantId, d.sha256, d.size, d.blobKey, d.filename, d.signed ? 1 : 0, d.retainUntil, req.principalId, now],
          );
        }
        await tx.run(
          'INSERT INTO entries (idx, tenant_id, statement, leaf_hash, event, claimed_time, commitment, salt, document_hash, document_id, chain_key, principal_id, sequenced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [index, req.tenantId, statement, leaf, req.event, req.claimedTime, req.commitment, req.salt, req.documentHash, req.document?.id ?? null, req.chainKey, req.principalId, now],
        );
        if (req.chainKey) {
          heads.set(`${req.tenantId}\u0000${req.chainKey}`, entry.leafHash);
          await tx.run(
            'INSERT INTO chains (tenant_id, chain_key, head_idx, head_leaf_hash) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, chain_key) DO UPDATE SET head_idx = excluded.head_idx, head_leaf_hash = excluded.head_leaf_hash',
            [req.tenantId, req.chainKey, index, entry.leafHash],
          );
        }
        const response = req.idempotency ? req.idempotency.response(entry) : null;
        await req.alsoInTransaction?.(tx, entry, response);
        if (req.idempotency) {
          await tx.run('INSERT INTO idempotency_keys (tenant_id, key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)', [
            req.tenantId,
            req.idempotency.key,
            req.idempotency.requestHash,
            JSON.stringify(response),
            now,
          ]);
        }
        results[i] = { kind: 'new', entry, response };
        index++;
      }
    }
    // Duplicates inside this batch answer like replays of the first one.
    for (let i = 0; i < batch.length; i++) {
      if (results[i]) continue;
      const idem = batch[i].req.idempotency!;
      const mapKey = `${batch[i].req.tenantId}\u0000${idem.key}`;
      const row = stored.get(mapKey);
      if (row) {
        results[i] = row.request_hash === idem.requestHash ? { kind: 'replay', response: JSON.parse(row.response) } : mismatch(idem.key);
        continue;
      }
      const firstAt = seenKeys.get(mapKey)!;
      const first = results[firstAt] as AppendResult;
      results[i] = batch[firstAt].req.idempotency!.requestHash === idem.requestHash ? { kind: 'replay', response: first.response } : mismatch(idem.key);
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
  return { kind: 'refused', error: new InkstoneError('EVIDENCE_IDEMPOTENCY_MISMATCH', { key }) };
}
