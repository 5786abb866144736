import { statement } from '../db/index.js';
import { logKeyFingerprint, parseReceipt, renderEvidenceCertificate, verifyReceipt } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import type { ContractEvidence, VersionEvidence } from '../../../src-shared/api/evidence-receipts.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import { currentConnection } from './connection.js';
import { evidenceRow } from './evidence-receipts.js';

/**
 * A contract's evidence as this desktop holds it: each signed version with its receipt, the receipt
 * verified again on every read — offline, from the stored receipt and the version's hash alone — and
 * the retention and legal hold the service last reported. The certificate (出证报告) is rendered
 * from the same stored receipt.
 */

export type { ContractEvidence, VersionEvidence };
export type VersionEvidenceState = VersionEvidence['state'];

interface SignedVersion {
  id: string;
  name: string;
  number: number;
  sha256: string;
  created_at: string;
}

async function verificationOf(receiptJson: string, sha256: string, pinned: string | null): Promise<VersionEvidence['verification']> {
  let receipt;
  try {
    receipt = parseReceipt(JSON.parse(receiptJson));
  } catch (err) {
    const e = err instanceof InkstoneError ? err : new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', { reason: (err as Error).message });
    return {
      ok: false,
      failure: { code: e.code, check: 'format', details: e.details },
      checks: [{ check: 'format', ok: false }],
      existedNoLaterThan: null,
      tsa: null,
      checkpoint: { origin: '', treeSize: 0, root: '', leafIndex: 0 },
      logKeyMatchesConnection: null,
    };
  }
  const logKeyMatchesConnection = pinned === null ? null : logKeyFingerprint(receipt.log.verifierKey) === pinned;
  const result = await verifyReceipt(receipt, {
    document: { sha256 },
    // The key pinned at connection is the one to trust; a receipt signed by another key fails the pin.
    trustedLogKeys: logKeyMatchesConnection === false ? ['(the key pinned when this library connected)'] : undefined,
  });
  return {
    ok: result.ok,
    failure: result.failure ? { code: result.failure.code, check: result.failure.check, details: result.failure.details } : null,
    checks: result.checks.map((c) => ({ check: c.check, ok: c.ok })),
    existedNoLaterThan: result.facts?.timestamp?.genTime.toISOString() ?? null,
    tsa: result.facts?.timestamp?.tsaSubject ?? null,
    checkpoint: {
      origin: receipt.log.origin,
      treeSize: receipt.inclusionProof.treeSize,
      root: result.facts?.checkpointRoot ?? '',
      leafIndex: receipt.entry.index,
    },
    logKeyMatchesConnection,
  };
}

/** Every signed version of the contract with its evidence, verified now (no network). */
export async function contractEvidence(library: Library, contractId: string): Promise<ContractEvidence> {
  library.getContract(contractId); // CONTRACT_NOT_FOUND for an unknown contract
  const connection = currentConnection(library);
  const versions = statement(
    library.db,
    `SELECT v.id, d.name, v.number, v.sha256, v.created_at
       FROM versions v JOIN documents d ON d.id = v.document_id
      WHERE d.contract_id = ? AND v.origin = 'signing'
      ORDER BY v.created_at, v.id`,
  ).all(contractId) as SignedVersion[];
  const out: VersionEvidence[] = [];
  for (const v of versions) {
    const row = evidenceRow(library.db, v.id);
    out.push({
      versionId: v.id,
      documentName: v.name,
      versionNumber: v.number,
      sha256: v.sha256,
      signedAt: v.created_at,
      state: row?.receipt_json ? 'received' : row ? 'awaiting-receipt' : 'not-synced',
      mode: row?.mode ?? null,
      evidenceNumber: row?.evidence_number ?? null,
      verification: row?.receipt_json ? await verificationOf(row.receipt_json, v.sha256, connection?.logKeyFingerprint ?? null) : null,
      retainUntil: row?.retain_until ?? null,
      legalHold: row?.legal_hold == null ? null : row.legal_hold === 1,
      serviceCheckedAt: row?.service_checked_at ?? null,
    });
  }
  return { contractId, connected: connection !== null, versions: out };
}

/** Whether any version of the contract holds a receipt (the delete confirmation says what happens to them). */
export function contractHasReceipts(library: Library, contractId: string): boolean {
  return !!statement(
    library.db,
    `SELECT 1 FROM sync_evidence e JOIN versions v ON v.id = e.version_id JOIN documents d ON d.id = v.document_id
      WHERE d.contract_id = ? AND e.receipt_json IS NOT NULL LIMIT 1`,
  ).get(contractId);
}

/** The evidence certificate (出证报告) of a version's receipt, in the language asked for. */
export async function evidenceCertificate(library: Library, versionId: string, lang: Language): Promise<{ bytes: Uint8Array; name: string }> {
  const row = evidenceRow(library.db, versionId);
  if (!row?.receipt_json) throw new InkstoneError('SYNC_RECEIPT_NOT_HELD', { versionId });
  const v = library.version(versionId);
  const bytes = await renderEvidenceCertificate(parseReceipt(JSON.parse(row.receipt_json)), { lang });
  return { bytes, name: `${v.name.replace(/\.pdf$/iu, '')}-${row.evidence_number}.pdf` };
}
