import { createHash } from 'node:crypto';
import { deviceId } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';
import type { EvidenceClient } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Document bytes between this desktop and the service. Documents are content-addressed and never
 * change, so each is uploaded once per tenant: a document the tenant already keeps (uploaded by any
 * desktop) is only looked up; otherwise it goes up as a resumable upload whose session id is kept
 * in `sync_documents` from the moment the service opens it, so an upload interrupted at 60 % — by a
 * lost connection or a killed core — continues from the service's offset at the next pass. The
 * session is opened under a key derived from this desktop and the bytes, so a session opened just
 * before a crash is found again rather than opened twice.
 */

export interface TransferProgress {
  (sent: number, total: number): void;
}

interface DocumentRow {
  upload_id: string | null;
  service_document_id: string | null;
}

const row = (db: Db, sha256: string) =>
  statement(db, 'SELECT upload_id, service_document_id FROM sync_documents WHERE sha256 = ?').get(sha256) as DocumentRow | undefined;

function remember(db: Db, sha256: string, values: { uploadId?: string | null; serviceDocumentId?: string }): void {
  statement(db, 'INSERT INTO sync_documents (sha256) VALUES (?) ON CONFLICT (sha256) DO NOTHING').run(sha256);
  if (values.uploadId !== undefined) statement(db, 'UPDATE sync_documents SET upload_id = ? WHERE sha256 = ?').run(values.uploadId, sha256);
  if (values.serviceDocumentId) statement(db, 'UPDATE sync_documents SET service_document_id = ? WHERE sha256 = ?').run(values.serviceDocumentId, sha256);
}

/** The service's id of these bytes, uploading them first if the tenant does not have them yet. */
export async function ensureUploaded(
  library: Library,
  client: EvidenceClient,
  document: { sha256: string; name: string; signed: boolean },
  options: { chunkSize?: number; onProgress?: TransferProgress } = {},
): Promise<string> {
  const known = row(library.db, document.sha256);
  if (known?.service_document_id) return known.service_document_id;
  if (!known?.upload_id) {
    const existing = await client.findDocument(document.sha256);
    if (existing) {
      remember(library.db, document.sha256, { serviceDocumentId: existing });
      return existing;
    }
  }
  const bytes = await library.store.read(document.sha256);
  const upload = (uploadId: string | undefined) =>
    client.uploadResumable(
      bytes,
      {
        event: document.signed ? 'signed' : 'registered',
        filename: document.name.slice(0, 255),
        idempotencyKey: `upload:${deviceId(library.db)}:${document.sha256}`,
      },
      {
        uploadId,
        chunkSize: options.chunkSize,
        onSession: (id) => remember(library.db, document.sha256, { uploadId: id }),
        onProgress: options.onProgress,
      },
    );
  let ack;
  try {
    ack = await upload(known?.upload_id ?? undefined);
  } catch (err) {
    // The service discards unfinished uploads after some days: start again.
    if (!(err instanceof InkstoneError && err.code === 'NOT_FOUND' && known?.upload_id)) throw err;
    remember(library.db, document.sha256, { uploadId: null });
    ack = await upload(undefined);
  }
  if (!ack.documentId) throw new InkstoneError('EVIDENCE_SERVICE_ERROR', { status: 200, message: 'the upload was recorded without a document' });
  remember(library.db, document.sha256, { serviceDocumentId: ack.documentId, uploadId: null });
  return ack.documentId;
}

/** Bring a document another desktop uploaded into this desktop's store (checked against its hash). */
export async function ensureDownloaded(library: Library, client: EvidenceClient, sha256: string, serviceDocumentId: string): Promise<void> {
  if (library.store.has(sha256)) return;
  const bytes = await client.downloadDocument(serviceDocumentId, 'team library sync');
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new InkstoneError('SYNC_DOCUMENT_MISMATCH', { sha256 });
  await library.store.put(bytes);
  remember(library.db, sha256, { serviceDocumentId });
}
