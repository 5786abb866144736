import { randomUUID } from 'node:crypto';
import { commitmentFor, documentHash, evidenceAck, newSalt, SIGNED_EVENTS, type EvidenceAck, type EvidenceEvent } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { addYears, type Caller, type ServiceContext } from '../context.js';
import type { AppendRequest, DocumentInsert, SequencedEntry } from '../log/sequencer.js';
import { HEAD_BYTES, type SpooledFile } from '../spool.js';
import { releaseReservation, reserveDocumentBlob } from './blob-references.js';
import { clientIdempotencyKey, requestHash } from '../idempotency.js';

/**
 * Submitting evidence: a whole PDF (the service keeps it and commits to its hash with a salt of its
 * own), or — in privacy mode — only a salted commitment the client computed, so the service never
 * learns even the document hash. Both return the same acknowledgement once the entry is durable.
 */

export type { EvidenceAck };

export interface EvidenceOptions {
  readonly event: EvidenceEvent;
  /** The client's claimed time; the service's clock when absent. */
  readonly claimedTime?: string;
  /** The client's key for one contract's chain of statements (kept private to the tenant). */
  readonly chainKey?: string;
  readonly idempotencyKey?: string;
}

const MAX_FUTURE_MS = 24 * 3600_000;

/** A document however it is sent (one request or a resumable upload). */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

function checkCanSubmit(caller: Caller): void {
  if (caller.serviceEndedAt) throw new InkstoneError('EVIDENCE_TENANT_ENDED', { endedAt: caller.serviceEndedAt });
}

function claimedTimeOf(ctx: ServiceContext, opts: EvidenceOptions): string {
  const claimed = opts.claimedTime ?? ctx.now().toISOString();
  // A claim far in the future is a clock error on the client, not evidence worth keeping.
  if (new Date(claimed).getTime() - ctx.now().getTime() > MAX_FUTURE_MS) {
    throw new InkstoneError('INVALID_INPUT', { issues: `claimed time ${claimed} is more than a day ahead of the service clock` });
  }
  return claimed;
}

function ack(ctx: ServiceContext, entry: SequencedEntry, req: AppendRequest): EvidenceAck {
  return evidenceAck(ctx.identity.logId, entry, { ...req, documentId: req.document?.id ?? null });
}

/** What only the kind of submission decides; the caller and options give the rest. */
type Logged = Pick<AppendRequest, 'commitment' | 'salt' | 'documentHash' | 'document' | 'alsoInTransaction'>;

async function append(
  ctx: ServiceContext,
  caller: Caller,
  opts: EvidenceOptions,
  claimedTime: string,
  logged: Logged,
  idem: { key: string; requestHash: string } | null,
): Promise<{ ack: EvidenceAck; created: boolean }> {
  const req: Omit<AppendRequest, 'idempotency'> = {
    tenantId: caller.tenantId,
    principalId: caller.principalId,
    scope: caller.scope,
    event: opts.event,
    claimedTime,
    chainKey: opts.chainKey ?? null,
    ...logged,
  };
  const full: AppendRequest = idem ? { ...req, idempotency: { ...idem, response: (entry) => ack(ctx, entry, full) } } : req;
  const result = await ctx.sequencer.append(full);
  if (result.kind === 'replay') return { ack: result.response as EvidenceAck, created: false };
  return { ack: idem ? (result.response as EvidenceAck) : ack(ctx, result.entry, full), created: true };
}

/** A document's bytes: in memory (small, internal callers) or spooled to disk as they arrived. */
export type DocumentBytes = Uint8Array | SpooledFile;

function isSpooled(bytes: DocumentBytes): bytes is SpooledFile {
  return !(bytes instanceof Uint8Array);
}

export function looksLikePdf(head: Uint8Array): boolean {
  // %PDF- within the first 1024 bytes (ISO 32000 allows leading junk there).
  return Buffer.from(head.subarray(0, HEAD_BYTES)).includes('%PDF-');
}

/** Keep a PDF and log a salted commitment to its hash. */
export async function submitDocument(
  ctx: ServiceContext,
  caller: Caller,
  bytes: DocumentBytes,
  opts: EvidenceOptions & { filename?: string },
  internal: { alsoInTransaction?: AppendRequest['alsoInTransaction']; idempotency?: { key: string; requestHash: string } } = {},
): Promise<EvidenceAck> {
  checkCanSubmit(caller);
  const spooled = isSpooled(bytes);
  const size = spooled ? bytes.size : bytes.length;
  if (size > MAX_DOCUMENT_BYTES) throw new InkstoneError('EVIDENCE_DOCUMENT_TOO_LARGE', { size, limit: MAX_DOCUMENT_BYTES });
  if (!looksLikePdf(spooled ? bytes.head : bytes)) throw new InkstoneError('EVIDENCE_NOT_A_PDF', {});
  const sha256 = spooled ? bytes.sha256 : documentHash(bytes);
  const idem =
    internal.idempotency ??
    (opts.idempotencyKey
      ? {
          key: clientIdempotencyKey(opts.idempotencyKey),
          requestHash: requestHash({
            op: 'document',
            sha256,
            event: opts.event,
            claimedTime: opts.claimedTime,
            chainKey: opts.chainKey,
            filename: opts.filename,
          }),
        }
      : null);
  const claimedTime = claimedTimeOf(ctx, opts);
  // The reference is taken before the bytes are written, so a concurrent deletion of another
  // document with the same bytes cannot remove them; the bytes are durable before the entry that
  // refers to them. The new document row inherits the reference; nothing else may keep it.
  const blobKey = await reserveDocumentBlob(ctx, caller.tenantId, sha256);
  let kept = false;
  try {
    await (spooled ? ctx.blobs.putFile(blobKey, bytes.path, bytes.size) : ctx.blobs.put(blobKey, bytes));
    const logged = await logDocument(ctx, caller, opts, claimedTime, sha256, size, blobKey, idem, internal.alsoInTransaction);
    kept = logged.created;
    return logged.ack;
  } finally {
    if (!kept) await releaseReservation(ctx, blobKey);
  }
}

function logDocument(
  ctx: ServiceContext,
  caller: Caller,
  opts: EvidenceOptions & { filename?: string },
  claimedTime: string,
  sha256: string,
  size: number,
  blobKey: string,
  idem: { key: string; requestHash: string } | null,
  alsoInTransaction: AppendRequest['alsoInTransaction'],
): Promise<{ ack: EvidenceAck; created: boolean }> {
  const signed = SIGNED_EVENTS.has(opts.event);
  const document: DocumentInsert = {
    id: `doc_${randomUUID().replace(/-/gu, '')}`,
    sha256,
    size,
    blobKey,
    filename: opts.filename?.slice(0, 255) ?? null,
    signed,
    retainUntil: signed ? addYears(ctx.now(), ctx.policy.signedYears).toISOString() : null,
  };
  const salt = newSalt();
  return append(ctx, caller, opts, claimedTime, { commitment: commitmentFor(sha256, salt), salt, documentHash: sha256, document, alsoInTransaction }, idem);
}

/** Privacy mode: log a commitment the client made; the service sees neither document nor hash. */
export async function submitCommitment(ctx: ServiceContext, caller: Caller, commitment: string, opts: EvidenceOptions): Promise<EvidenceAck> {
  checkCanSubmit(caller);
  const idem = opts.idempotencyKey
    ? {
        key: clientIdempotencyKey(opts.idempotencyKey),
        requestHash: requestHash({ op: 'commitment', commitment, event: opts.event, claimedTime: opts.claimedTime, chainKey: opts.chainKey }),
      }
    : null;
  return (await append(ctx, caller, opts, claimedTimeOf(ctx, opts), { commitment, salt: null, documentHash: null }, idem)).ack;
}
