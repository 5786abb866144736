import { createHash } from 'node:crypto';
import { PdfDocument, bufferSource, documentId } from '../pdf/index.js';
import { sql, type LibraryContext } from './context.js';

/**
 * Is an incoming PDF a later version of a document the library already holds? Two facts say so:
 * one of its earlier revisions is, byte for byte, a stored version (an incremental update — a
 * signature, a form fill — keeps the earlier bytes as a prefix), or it carries the same original
 * document identifier (the first /ID entry, kept by every revision and by most re-saves).
 */

export interface Lineage {
  /** The PDF's original document identifier, hex, or null. */
  readonly originalId: string | null;
  /** Ends of the revisions before the last one (where an earlier version's bytes would end). */
  readonly earlierEnds: readonly number[];
}

/** Read a PDF's identifier and revision ends; a file our reader cannot read has neither. */
export function lineageOf(bytes: Uint8Array): Lineage {
  try {
    const doc = PdfDocument.open(bufferSource(bytes));
    const id = documentId(doc);
    const ends = new Set<number>();
    for (const r of doc.revisions.slice(0, -1)) {
      ends.add(r.endOffset);
      if (r.eofOffset > 0) ends.add(r.eofOffset);
    }
    return { originalId: id && id[0].length ? Buffer.from(id[0]).toString('hex') : null, earlierEnds: [...ends].sort((a, b) => a - b) };
  } catch {
    return { originalId: null, earlierEnds: [] };
  }
}

export interface EarlierVersion {
  readonly contractId: string;
  readonly documentId: string;
  readonly versionId: string;
  /** How it was recognised. */
  readonly by: 'prefix' | 'original-id';
}

/**
 * The stored version the incoming bytes continue: the longest earlier revision that is a stored
 * version, else the newest version with the same original identifier. Only sizes that match a
 * stored version are hashed, in one pass over the bytes.
 */
export function earlierVersionOf(ctx: LibraryContext, bytes: Uint8Array, lineage: Lineage): EarlierVersion | null {
  const bySize = sql(
    ctx,
    'SELECT v.id AS versionId, v.sha256 AS sha256, v.document_id AS documentId, d.contract_id AS contractId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.size = ?',
  );
  const candidates = lineage.earlierEnds
    .filter((end) => end > 0 && end < bytes.length)
    .map((end) => ({ end, rows: bySize.all(end) as Array<{ versionId: string; sha256: string; documentId: string; contractId: string }> }))
    .filter((c) => c.rows.length > 0);
  let found: EarlierVersion | null = null;
  const hash = createHash('sha256');
  let hashed = 0;
  for (const { end, rows } of candidates) {
    hash.update(bytes.subarray(hashed, end));
    hashed = end;
    const digest = hash.copy().digest('hex');
    const match = rows.find((r) => r.sha256 === digest);
    if (match) found = { contractId: match.contractId, documentId: match.documentId, versionId: match.versionId, by: 'prefix' };
  }
  if (found || !lineage.originalId) return found;
  const same = sql(
    ctx,
    `SELECT v.id AS versionId, v.document_id AS documentId, d.contract_id AS contractId FROM versions v JOIN documents d ON d.id = v.document_id
      WHERE v.original_id = ? ORDER BY v.created_at DESC, v.rowid DESC LIMIT 1`,
  ).get(lineage.originalId) as { versionId: string; documentId: string; contractId: string } | undefined;
  return same ? { ...same, by: 'original-id' } : null;
}
