import { randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../db/sql.js';
import type { ServiceContext } from '../context.js';

/**
 * Who still needs a document's bytes. Documents of one tenant with the same SHA-256 share one blob,
 * and the blob store cannot take part in a database transaction, so its lifetime is decided in the
 * database and only carried out on the store:
 *
 * - a submission first takes a reference (`reserveDocumentBlob`, committed before any byte is
 *   written); the document row it then inserts inherits that reference;
 * - deleting a document releases its reference in the same transaction as the row (`releaseInside`);
 *   the last release marks the blob 'deleting', and from then on it is never handed out again — a
 *   submission of the same bytes gets a new blob key of its own;
 * - only then, after the commit, is the doomed blob removed from the store (`collectBlob`); a crash in
 *   between leaves a 'deleting' row that the retention sweep finishes.
 *
 * So a blob is removed only when nothing references it and nothing can start to. A crash between a
 * reservation and its document row leaves a reference too many: the blob is kept, never lost.
 */

interface Released {
  readonly state: string;
  [k: string]: string | number | null;
}

/** The key under which documents with these bytes were first stored (the content's name). */
export function documentContentKey(tenantId: string, sha256: string): string {
  return `documents/${tenantId.toLowerCase()}/${sha256}`;
}

/** Take a reference on the live blob of these bytes (a new one when none is live); returns its key. */
export async function reserveDocumentBlob(ctx: ServiceContext, tenantId: string, sha256: string): Promise<string> {
  const content = documentContentKey(tenantId, sha256);
  for (;;) {
    const key = await ctx.db.transaction(async (tx) => {
      const live = await tx.get<{ blob_key: string }>("UPDATE document_blobs SET refs = refs + 1 WHERE content = ? AND state = 'live' RETURNING blob_key", [
        content,
      ]);
      if (live) return live.blob_key;
      const fresh = `${content}-${randomBytes(8).toString('hex')}`;
      const inserted = await tx.run(
        "INSERT INTO document_blobs (blob_key, content, refs, state, created_at) VALUES (?, ?, 1, 'live', ?) ON CONFLICT DO NOTHING",
        [fresh, content, ctx.now().toISOString()],
      );
      // Lost a race with another first submission of the same bytes: take a reference on theirs.
      return inserted ? fresh : null;
    });
    if (key) return key;
  }
}

/** Drop one reference inside the caller's transaction; true when that was the last (collect it after the commit). */
export async function releaseInside(tx: SqlExecutor, blobKey: string): Promise<boolean> {
  const r = await tx.get<Released>(
    "UPDATE document_blobs SET refs = refs - 1, state = CASE WHEN refs <= 1 THEN 'deleting' ELSE state END WHERE blob_key = ? AND state = 'live' RETURNING state",
    [blobKey],
  );
  return r?.state === 'deleting';
}

/** Remove a doomed blob from the store, then its row. */
export async function collectBlob(ctx: ServiceContext, blobKey: string): Promise<void> {
  await ctx.blobs.delete(blobKey);
  await ctx.db.run("DELETE FROM document_blobs WHERE blob_key = ? AND state = 'deleting'", [blobKey]);
}

/** Give back a reservation no document took (a replayed, refused or failed submission). */
export async function releaseReservation(ctx: ServiceContext, blobKey: string): Promise<void> {
  if (await ctx.db.transaction((tx) => releaseInside(tx, blobKey))) await collectBlob(ctx, blobKey);
}

/** Finish deletions a crash interrupted (run by the retention sweep). */
export async function collectDoomedBlobs(ctx: ServiceContext): Promise<number> {
  const doomed = await ctx.db.all<{ blob_key: string }>("SELECT blob_key FROM document_blobs WHERE state = 'deleting'");
  for (const d of doomed) await collectBlob(ctx, d.blob_key);
  return doomed.length;
}
