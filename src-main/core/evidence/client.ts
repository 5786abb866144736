import { createHash, randomUUID } from 'node:crypto';
import { InkstoneError, isErrorCode } from '../../../src-shared/errors/index.js';
import type { EvidenceAck } from './ack.js';
import { parseReceipt, verifyReceipt, type EvidenceReceipt } from './receipt.js';
import { commitmentFor, newSalt, type EvidenceEvent } from './statement.js';
import { CheckpointWitness } from './witness.js';

export type { EvidenceAck };

/**
 * The desktop's client of an evidence service. Every write carries an idempotency key and is retried
 * on network failures, 429 and 5xx with backoff, so a flaky link never produces a second record; big
 * files go through resumable uploads that continue from the server's offset. Every receipt is verified
 * locally and its checkpoint checked for consistency against the last one this desktop saw.
 */

export interface SubmitOptions {
  readonly event: EvidenceEvent;
  readonly claimedTime?: string;
  readonly chainKey?: string;
  readonly filename?: string;
  /** Reuse a key to make a retried submission (even after a restart) land once. */
  readonly idempotencyKey?: string;
  /** Ask the service to answer with the receipt too, waiting up to this long (one round trip). */
  readonly receiptWaitMs?: number;
}

export interface EvidenceClientOptions {
  readonly serviceUrl: string;
  readonly token?: string;
  /** Folder for the checkpoint memory; null turns the consistency check off. */
  readonly stateDir: string | null;
  readonly retries?: number;
  readonly fetch?: typeof fetch;
  /** How long one request may take before it counts as failed (default 60 s). */
  readonly timeoutMs?: number;
}

/** The caller a token belongs to (`GET /v1/me`). */
export interface ServiceCaller {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly principalId: string;
  readonly principalName: string;
  readonly role: 'admin' | 'member' | 'auditor';
}

/** A change of the team library, as sent (`POST /v1/changes`). */
export interface LibraryChange {
  readonly key: string;
  readonly kind: string;
  readonly contractId: string;
  readonly at: string;
  readonly payload: Record<string, unknown>;
}

/** A change as pulled: with the service's number and who made it. */
export interface PulledChange extends LibraryChange {
  readonly seq: number;
  readonly principalName: string;
}

/** A document the service keeps for the tenant (`GET /v1/documents/{id}`). */
export interface ServiceDocument {
  readonly id: string;
  readonly sha256: string;
  readonly legalHold: boolean;
  readonly retainUntil: string | null;
  readonly evidence: ReadonlyArray<{ readonly evidenceNumber: string; readonly event: string; readonly sequencedAt: string }>;
}

export const RESUMABLE_THRESHOLD = 16 * 1024 * 1024;
const DEFAULT_CHUNK = 4 * 1024 * 1024;

interface ServiceError {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

export class EvidenceClient {
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #retries: number;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly witness: CheckpointWitness | null;

  constructor(options: EvidenceClientOptions) {
    this.#base = options.serviceUrl.replace(/\/+$/u, '');
    this.#token = options.token;
    this.#retries = options.retries ?? 5;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.witness = options.stateDir ? new CheckpointWitness(options.stateDir) : null;
  }

  /** The service this client talks to, and how long it waits for an answer (sync's fault reports name both). */
  get serviceUrl(): string {
    return this.#base;
  }
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  async #request(
    method: string,
    path: string,
    init: { body?: Uint8Array | string; contentType?: string; headers?: Record<string, string>; auth?: boolean; binary?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.contentType) headers['content-type'] = init.contentType;
    if (init.auth !== false) {
      if (!this.#token) throw new InkstoneError('EVIDENCE_UNAUTHENTICATED', {});
      headers.authorization = `Bearer ${this.#token}`;
    }
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(4000, 100 * 2 ** attempt) * (0.5 + Math.random())));
      let res: Response;
      try {
        res = await this.#fetch(`${this.#base}${path}`, {
          method,
          headers,
          body: init.body as RequestInit['body'],
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
      } catch (err) {
        lastError = new InkstoneError('EVIDENCE_SERVICE_UNAVAILABLE', { url: this.#base, reason: (err as Error).message }, { cause: err });
        continue;
      }
      if (res.ok && init.binary) {
        try {
          return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
        } catch (err) {
          lastError = new InkstoneError('EVIDENCE_SERVICE_UNAVAILABLE', { url: this.#base, reason: (err as Error).message }, { cause: err });
          continue;
        }
      }
      const text = await res.text();
      let body: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) body = text ? JSON.parse(text) : null;
      if (res.ok) return { status: res.status, body };
      const e = (body as ServiceError)?.error;
      const error =
        // The service's own INTERNAL is its failure, not this desktop's: reported as a service error.
        e?.code && isErrorCode(e.code) && e.code !== 'INTERNAL'
          ? new InkstoneError(e.code, e.details ?? {})
          : new InkstoneError('EVIDENCE_SERVICE_ERROR', { status: res.status, message: e?.message ?? text.slice(0, 200) });
      if (res.status === 429 || res.status >= 500) {
        lastError = error;
        continue;
      }
      throw error;
    }
    throw lastError;
  }

  /** Upload a PDF; the service keeps it and logs a salted commitment. Large files resume after interruptions. */
  async submitDocument(bytes: Uint8Array, options: SubmitOptions, progress?: (sent: number, total: number) => void): Promise<EvidenceAck> {
    if (bytes.length > RESUMABLE_THRESHOLD) return this.uploadResumable(bytes, options, { onProgress: progress });
    const q = new URLSearchParams({ event: options.event });
    if (options.receiptWaitMs) q.set('receiptWaitMs', String(options.receiptWaitMs));
    if (options.claimedTime) q.set('claimedTime', options.claimedTime);
    if (options.chainKey) q.set('chainKey', options.chainKey);
    if (options.filename) q.set('filename', options.filename);
    const { body } = await this.#request('POST', `/v1/documents?${q}`, {
      body: bytes,
      contentType: 'application/pdf',
      headers: { 'idempotency-key': options.idempotencyKey ?? randomUUID() },
    });
    progress?.(bytes.length, bytes.length);
    return body as EvidenceAck;
  }

  /** Privacy mode: the service receives only SHA-256(salt ‖ hash); the salt stays here. */
  async submitCommitment(documentSha256: string, options: SubmitOptions & { salt?: string }): Promise<{ ack: EvidenceAck; salt: string }> {
    const salt = options.salt ?? newSalt();
    const { body } = await this.#request('POST', `/v1/commitments${options.receiptWaitMs ? `?receiptWaitMs=${options.receiptWaitMs}` : ''}`, {
      body: JSON.stringify({
        commitment: commitmentFor(documentSha256, salt),
        event: options.event,
        claimedTime: options.claimedTime,
        chainKey: options.chainKey,
      }),
      contentType: 'application/json',
      headers: { 'idempotency-key': options.idempotencyKey ?? randomUUID() },
    });
    return { ack: body as EvidenceAck, salt };
  }

  /**
   * Chunked upload that can be resumed: pass the `uploadId` of an interrupted upload (persisted by the
   * caller via `onSession`) and it continues from the server's offset.
   */
  async uploadResumable(
    bytes: Uint8Array,
    options: SubmitOptions,
    control: { uploadId?: string; chunkSize?: number; onSession?: (uploadId: string) => void; onProgress?: (sent: number, total: number) => void } = {},
  ): Promise<EvidenceAck> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let session: { uploadId: string; received: number; status: string; result: EvidenceAck | null; maxChunkBytes: number };
    if (control.uploadId) session = (await this.#request('GET', `/v1/uploads/${encodeURIComponent(control.uploadId)}`)).body as typeof session;
    else {
      session = (
        await this.#request('POST', '/v1/uploads', {
          body: JSON.stringify({
            size: bytes.length,
            sha256,
            filename: options.filename,
            event: options.event,
            claimedTime: options.claimedTime,
            chainKey: options.chainKey,
          }),
          contentType: 'application/json',
          headers: { 'idempotency-key': options.idempotencyKey ?? randomUUID() },
        })
      ).body as typeof session;
    }
    control.onSession?.(session.uploadId);
    const chunk = Math.min(control.chunkSize ?? DEFAULT_CHUNK, session.maxChunkBytes);
    let offset = session.received;
    while (session.status === 'open' && offset < bytes.length) {
      try {
        session = (
          await this.#request('PUT', `/v1/uploads/${session.uploadId}/chunks?offset=${offset}`, {
            body: bytes.subarray(offset, Math.min(bytes.length, offset + chunk)),
            contentType: 'application/octet-stream',
          })
        ).body as typeof session;
      } catch (err) {
        // The server knows best where we are (a lost response after a stored chunk): ask and go on.
        if (!(err instanceof InkstoneError) || err.code !== 'EVIDENCE_UPLOAD_OFFSET_MISMATCH') throw err;
        session = (await this.#request('GET', `/v1/uploads/${session.uploadId}`)).body as typeof session;
      }
      offset = session.received;
      control.onProgress?.(offset, bytes.length);
    }
    if (session.status !== 'completed') session = (await this.#request('POST', `/v1/uploads/${session.uploadId}/complete`)).body as typeof session;
    if (!session.result) throw new InkstoneError('EVIDENCE_SERVICE_ERROR', { status: 200, message: 'the upload completed without an entry' });
    return session.result;
  }

  /**
   * The receipt of an entry, waiting until a checkpoint covers it (up to `timeoutMs`). The receipt is
   * verified here, and its checkpoint checked against the last one seen of this log.
   */
  async fetchReceipt(
    evidenceNumber: string,
    options: { timeoutMs?: number; opening?: { documentSha256: string; salt: string } } = {},
  ): Promise<EvidenceReceipt> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const waitMs = Math.max(0, Math.min(10_000, deadline - Date.now()));
      const res = await this.#request('GET', `/v1/receipts/${encodeURIComponent(evidenceNumber)}?waitMs=${waitMs}`);
      if (res.status === 200) {
        let receipt = parseReceipt(res.body);
        if (options.opening) receipt = { ...receipt, document: { hashAlgorithm: 'SHA-256', hash: options.opening.documentSha256, salt: options.opening.salt } };
        return this.#accept(receipt);
      }
      if (Date.now() >= deadline) throw new InkstoneError('EVIDENCE_RECEIPT_PENDING', { evidenceNumber });
    }
  }

  /**
   * The verified receipt of a submission: the one that came with it when the service had it in
   * time, otherwise fetched (waiting up to `timeoutMs`).
   */
  async receiptFor(ack: EvidenceAck, options: { timeoutMs?: number; opening?: { documentSha256: string; salt: string } } = {}): Promise<EvidenceReceipt> {
    if (!ack.receipt) return this.fetchReceipt(ack.evidenceNumber, options);
    let receipt = parseReceipt(ack.receipt);
    if (options.opening) receipt = { ...receipt, document: { hashAlgorithm: 'SHA-256', hash: options.opening.documentSha256, salt: options.opening.salt } };
    return this.#accept(receipt);
  }

  async #accept(receipt: EvidenceReceipt): Promise<EvidenceReceipt> {
    const remembered = await this.witness?.remembered(receipt.log.origin);
    const result = await verifyReceipt(receipt, { trustedLogKeys: remembered ? [remembered.verifierKey] : undefined });
    if (result.failure) throw new InkstoneError(result.failure.code, result.failure.details);
    if (this.witness) {
      await this.witness.observe(receipt.log.origin, receipt.log.verifierKey, receipt.checkpoint, (a, b) => this.consistencyProof(a, b));
      if (result.facts?.timestamp) await this.witness.rememberTsaRoot(receipt.log.origin, result.facts.timestamp.rootSha256);
    }
    return receipt;
  }

  async consistencyProof(first: number, second: number): Promise<string[]> {
    const { body } = await this.#request('GET', `/v1/log/consistency?first=${first}&second=${second}`, { auth: false });
    return (body as { hashes: string[] }).hashes;
  }

  /** Public lookup by evidence number (no token needed): the entry, its proof and checkpoint. */
  async lookup(evidenceNumber: string): Promise<EvidenceReceipt> {
    const { body } = await this.#request('GET', `/v1/evidence/${encodeURIComponent(evidenceNumber)}`, { auth: false });
    return parseReceipt(body);
  }

  /** Who this token belongs to: tenant, person, role. */
  async me(): Promise<ServiceCaller> {
    return (await this.#request('GET', '/v1/me')).body as ServiceCaller;
  }

  /** The log's identity (origin and verifier key), as the service states it. */
  /** The log's origin and key; `timestampUrl` is the service's RFC 3161 endpoint when it runs a TSA (it lists the TSA's chain). */
  async logIdentity(): Promise<{ origin: string; verifierKey: string; timestampUrl: string | null }> {
    const { body } = await this.#request('GET', '/v1/log', { auth: false });
    const info = body as { origin: string; verifierKey: string; tsaCertificates?: unknown[] };
    const timestampUrl = info.tsaCertificates?.length ? `${this.#base}/v1/timestamp` : null;
    return { origin: info.origin, verifierKey: info.verifierKey, timestampUrl };
  }

  /** Send library changes; each is recorded once per key. Answers the service's number of each. */
  async pushChanges(changes: readonly LibraryChange[]): Promise<Array<{ key: string; seq: number }>> {
    const { body } = await this.#request('POST', '/v1/changes', { body: JSON.stringify({ changes }), contentType: 'application/json' });
    return (body as { acks: Array<{ key: string; seq: number }> }).acks;
  }

  /** The team's library changes after `after`, in the service's order. */
  async pullChanges(after: number, limit = 200): Promise<{ changes: PulledChange[]; cursor: number; more: boolean }> {
    const { body } = await this.#request('GET', `/v1/changes?after=${after}&limit=${limit}`);
    return body as { changes: PulledChange[]; cursor: number; more: boolean };
  }

  /** The id of a document with these bytes the tenant already keeps, if any. */
  async findDocument(sha256: string): Promise<string | null> {
    const { body } = await this.#request('GET', `/v1/documents?sha256=${sha256}&limit=1`);
    return (body as { documents: Array<{ id: string }> }).documents[0]?.id ?? null;
  }

  /** A kept document's particulars: retention, legal hold and the evidence entries that log it. */
  async documentInfo(documentId: string): Promise<ServiceDocument> {
    return (await this.#request('GET', `/v1/documents/${encodeURIComponent(documentId)}`)).body as ServiceDocument;
  }

  /** A document's bytes; the purpose is recorded in the tenant's access log. */
  async downloadDocument(documentId: string, purpose: string): Promise<Buffer> {
    const { body } = await this.#request('GET', `/v1/documents/${encodeURIComponent(documentId)}/content`, {
      headers: { 'x-inkstone-purpose': encodeURIComponent(purpose), accept: 'application/pdf' },
      binary: true,
    });
    return body as Buffer;
  }

  /** Check the log's newest checkpoint against this desktop's memory (a periodic audit). */
  async auditLog(): Promise<{ origin: string; size: number }> {
    const { body } = await this.#request('GET', '/v1/log', { auth: false });
    const info = body as { origin: string; verifierKey: string; checkpoint: string | null; treeSize: number };
    if (this.witness && info.checkpoint) await this.witness.observe(info.origin, info.verifierKey, info.checkpoint, (a, b) => this.consistencyProof(a, b));
    return { origin: info.origin, size: info.treeSize };
  }
}
