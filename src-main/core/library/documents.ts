import { appendAudit } from '../audit/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { Version } from '../../../src-shared/api/index.js';
import { newId, sql, type LibraryContext } from './context.js';
import { contractRow } from './contract-row.js';
import { reindex } from './search-index.js';
import { followSignatures } from './signature-status.js';

// Documents of a contract and their immutable versions (a signed PDF is a new version, never an
// edit), with the latest verification of each version. The bytes live in the DocumentStore.

export interface NewVersion {
  sha256: string;
  size: number;
  pageCount: number;
  signatureFieldCount: number;
  origin: Version['origin'];
  text: string;
  /** The PDF's original document identifier (first /ID entry, hex): the same across its revisions. */
  originalId?: string | null;
}

/** Record a new document with its first version. Bytes must already be in the store. */
export function addDocument(ctx: LibraryContext, contractId: string, name: string, version: NewVersion): { documentId: string; versionId: string } {
  const documentId = newId();
  const versionId = newId();
  ctx.db.transaction(() => {
    contractRow(ctx, contractId);
    const at = new Date().toISOString();
    sql(ctx, 'INSERT INTO documents (id, contract_id, name, created_at) VALUES (?, ?, ?, ?)').run(documentId, contractId, name, at);
    insertVersion(ctx, documentId, versionId, 1, version, at);
    sql(ctx, 'UPDATE contracts SET updated_at = ? WHERE id = ?').run(at, contractId);
    reindex(ctx, contractId);
    appendAudit(ctx.db, {
      actor: ctx.actor,
      contractId,
      action: 'document.added',
      details: { documentId, versionId, name, sha256: version.sha256, size: version.size, origin: version.origin },
      at,
    });
    followSignatures(ctx, contractId);
  })();
  return { documentId, versionId };
}

/** Add an immutable new version (e.g. the signed PDF) to an existing document: 第 n+1 版, never a new contract. */
export function addVersion(ctx: LibraryContext, documentId: string, version: NewVersion): { versionId: string; number: number; contractId: string } {
  const versionId = newId();
  return ctx.db.transaction(() => {
    const doc = sql(ctx, 'SELECT contract_id FROM documents WHERE id = ?').get(documentId) as { contract_id: string } | undefined;
    if (!doc) throw new InkstoneError('NOT_FOUND', { what: `document ${documentId}` });
    const { n } = sql(ctx, 'SELECT max(number) + 1 AS n FROM versions WHERE document_id = ?').get(documentId) as { n: number };
    const at = new Date().toISOString();
    insertVersion(ctx, documentId, versionId, n, version, at);
    sql(ctx, 'UPDATE contracts SET updated_at = ? WHERE id = ?').run(at, doc.contract_id);
    reindex(ctx, doc.contract_id);
    appendAudit(ctx.db, {
      actor: ctx.actor,
      contractId: doc.contract_id,
      action: 'version.added',
      details: { documentId, versionId, number: n, sha256: version.sha256, origin: version.origin },
      at,
    });
    followSignatures(ctx, doc.contract_id);
    return { versionId, number: n, contractId: doc.contract_id };
  })();
}

/** Keep the latest verification of a version (replacing an older one) and audit the verdict. */
export function recordVerification(
  ctx: LibraryContext,
  versionId: string,
  result: { verdict: 'valid' | 'invalid' | 'indeterminate'; verifiedAt: string },
  resultJson: string,
): void {
  ctx.db.transaction(() => {
    const v = versionOf(ctx, versionId);
    sql(ctx, 'INSERT OR REPLACE INTO verifications (version_id, verified_at, verdict, result_json) VALUES (?, ?, ?, ?)').run(
      versionId,
      result.verifiedAt,
      result.verdict,
      resultJson,
    );
    appendAudit(ctx.db, {
      actor: ctx.actor,
      contractId: v.contractId,
      action: 'version.verified',
      details: { versionId, sha256: v.sha256, verdict: result.verdict },
    });
    followSignatures(ctx, v.contractId);
  })();
}

/** The contract holding a version with these bytes, if the library already has them. */
export function findBySha256(ctx: LibraryContext, sha256: string): { contractId: string; versionId: string } | null {
  const row = sql(
    ctx,
    'SELECT d.contract_id AS contractId, v.id AS versionId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = ? LIMIT 1',
  ).get(sha256) as { contractId: string; versionId: string } | undefined;
  return row ?? null;
}

/** A version's document name, bytes and contract, or VERSION_NOT_FOUND. */
export function versionOf(ctx: LibraryContext, versionId: string): { name: string; sha256: string; contractId: string } {
  const row = sql(
    ctx,
    'SELECT d.name AS name, v.sha256 AS sha256, d.contract_id AS contractId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?',
  ).get(versionId) as { name: string; sha256: string; contractId: string } | undefined;
  if (!row) throw new InkstoneError('VERSION_NOT_FOUND', { id: versionId });
  return row;
}

/** What signing a version needs to know: its document, contract, number, the document's latest number, and what the next version inherits. */
export interface VersionDetails {
  readonly versionId: string;
  readonly documentId: string;
  readonly documentName: string;
  readonly contractId: string;
  readonly contractTitle: string;
  readonly number: number;
  readonly latestNumber: number;
  readonly sha256: string;
  readonly pageCount: number;
  readonly text: string;
}

export function versionDetails(ctx: LibraryContext, versionId: string): VersionDetails {
  const row = sql(
    ctx,
    `SELECT v.id AS versionId, v.document_id AS documentId, d.name AS documentName, d.contract_id AS contractId, c.title AS contractTitle,
            v.number AS number, (SELECT max(number) FROM versions WHERE document_id = v.document_id) AS latestNumber,
            v.sha256 AS sha256, v.page_count AS pageCount, v.text_content AS text
       FROM versions v JOIN documents d ON d.id = v.document_id JOIN contracts c ON c.id = d.contract_id WHERE v.id = ?`,
  ).get(versionId) as VersionDetails | undefined;
  if (!row) throw new InkstoneError('VERSION_NOT_FOUND', { id: versionId });
  return row;
}

export function insertVersion(ctx: LibraryContext, documentId: string, versionId: string, n: number, v: NewVersion, at: string): void {
  sql(
    ctx,
    `INSERT INTO versions (id, document_id, number, sha256, size, page_count, signature_field_count, origin, text_content, created_at, original_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(versionId, documentId, n, v.sha256, v.size, v.pageCount, v.signatureFieldCount, v.origin, v.text, at, v.originalId ?? null);
}
