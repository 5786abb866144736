import { markAcknowledged, outboxSummary, pendingChanges, type OutgoingChange } from '../audit/index.js';
import { statement } from '../db/index.js';
import type { EvidenceClient, LibraryChange } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import { ensureUploaded, type TransferProgress } from './document-transfer.js';
import { advanceClock, fieldWrites } from './merge.js';

/**
 * Sending the outbox: oldest first, in batches; a document or version goes with the service's id of
 * its bytes (uploaded first, once per tenant) and what another desktop needs to list it (pages,
 * signature fields, text for search). An entry is marked done, and the fields it wrote take the
 * service's number, in one transaction after the acknowledgement — a crash before that only means
 * the entry is sent again under the same key, and the service answers with the same number.
 * Everything a payload holds is derived from the entry and the stored version, so a resend is
 * byte-identical (the service refuses a key sent with different content).
 */

/** Text sent for search with each version; the body of a push stays under the service's 1 MiB. */
const MAX_TEXT = 200_000;
const BATCH = 50;
const MAX_BATCH_BYTES = 700_000;

export interface PushProgress {
  readonly done: number;
  readonly total: number;
  /** Bytes of the document going up now, if any. */
  readonly upload?: { readonly sent: number; readonly total: number };
}

interface VersionRow {
  sha256: string;
  size: number;
  page_count: number;
  signature_field_count: number;
  origin: string;
  text_content: string;
  name: string;
}

async function payloadOf(
  library: Library,
  client: EvidenceClient,
  change: OutgoingChange,
  options: PushOptions,
  onUpload: TransferProgress,
): Promise<Record<string, unknown>> {
  if (change.kind !== 'document.added' && change.kind !== 'version.added') return change.details;
  const v = statement(
    library.db,
    `SELECT v.sha256, v.size, v.page_count, v.signature_field_count, v.origin, v.text_content, d.name
       FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?`,
  ).get(String(change.details.versionId)) as VersionRow | undefined;
  // A version removed here since (its contract deleted) is sent as recorded; other desktops skip it.
  if (!v) return change.details;
  const serviceDocumentId = await ensureUploaded(
    library,
    client,
    { sha256: v.sha256, name: v.name, signed: v.signature_field_count > 0 },
    { chunkSize: options.chunkSize, onProgress: onUpload },
  );
  return {
    ...change.details,
    name: v.name,
    serviceDocumentId,
    version: {
      sha256: v.sha256,
      size: v.size,
      pageCount: v.page_count,
      signatureFieldCount: v.signature_field_count,
      origin: v.origin,
      text: v.text_content.slice(0, MAX_TEXT),
    },
  };
}

export interface PushOptions {
  readonly chunkSize?: number;
  readonly onProgress?: (p: PushProgress) => void;
}

/** Send every waiting change. Returns how many were acknowledged. */
export async function pushOutbox(library: Library, client: EvidenceClient, options: PushOptions = {}): Promise<number> {
  const total = outboxSummary(library.db).pending;
  let done = 0;
  options.onProgress?.({ done, total });
  for (;;) {
    const batch = pendingChanges(library.db, BATCH);
    if (!batch.length) return done;
    const wire: Array<{ change: OutgoingChange; sent: LibraryChange }> = [];
    let bytes = 0;
    for (const change of batch) {
      const payload = await payloadOf(library, client, change, options, (sent, size) => options.onProgress?.({ done, total, upload: { sent, total: size } }));
      const sent = { key: change.key, kind: change.kind, contractId: change.contractId, at: change.at, payload };
      bytes += Buffer.byteLength(JSON.stringify(sent));
      if (wire.length && bytes > MAX_BATCH_BYTES) break;
      wire.push({ change, sent });
    }
    const acks = await client.pushChanges(wire.map((w) => w.sent));
    const now = new Date().toISOString();
    library.db.transaction(() => {
      acks.forEach((ack, i) => {
        const { change } = wire[i];
        markAcknowledged(library.db, ack.key, ack.seq, now);
        for (const field of Object.keys(fieldWrites(change.kind, change.details))) advanceClock(library.db, change.contractId, field, ack.seq);
      });
    })();
    done += acks.length;
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
}
