import { deviceId } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';
import { newSalt, verifyReceipt, type EvidenceClient, type EvidenceReceipt, type ServiceDocument } from '../evidence/index.js';
import type { Library } from '../library/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { readState, writeState } from './sync-state.js';

/**
 * Evidence of every signed version. Once a signed version is on the service (pushed by this desktop
 * or pulled from another), its evidence entry is recorded here and its receipt kept with the version:
 *
 * - normally the entry is the one the service logged when it kept the version's bytes (the upload
 *   names the event "signed"), so nothing is sent twice;
 * - in privacy mode, for a version signed here, only SHA-256(salt ‖ hash) leaves this desktop
 *   (`/v1/commitments`); the salt is written here before the request, and the request is sent under
 *   a key of its own, so a pass retried after any failure repeats it byte for byte and the service
 *   answers with the same entry.
 *
 * Each step is recorded as it completes (row → number → receipt), so a killed pass resumes where it
 * stopped. A receipt not yet covered by a checkpoint is fetched at a later pass.
 */

/** How long one pass waits for a checkpoint to cover a new entry before leaving it for the next pass. */
const RECEIPT_WAIT_MS = 3_000;
const PRIVACY_STATE = 'evidencePrivacy';

export type EvidenceMode = 'document' | 'commitment';

export interface EvidenceRow {
  version_id: string;
  mode: EvidenceMode;
  salt: string | null;
  evidence_number: string | null;
  receipt_json: string | null;
  retain_until: string | null;
  legal_hold: number | null;
  service_checked_at: string | null;
}

interface Candidate {
  id: string;
  sha256: string;
  contract_id: string;
  created_at: string;
  service_document_id: string;
  /** Whether this desktop recorded the version (only then can it choose how it is logged). */
  local: number;
}

/** Privacy mode: new evidence sends only a salted hash. Off unless the organisation turns it on. */
export function evidencePrivacy(db: Db): boolean {
  return readState(db, PRIVACY_STATE) === 'on';
}

export function setEvidencePrivacy(db: Db, on: boolean): void {
  writeState(db, PRIVACY_STATE, on ? 'on' : null);
}

export function evidenceRow(db: Db, versionId: string): EvidenceRow | undefined {
  return statement(db, 'SELECT * FROM sync_evidence WHERE version_id = ?').get(versionId) as EvidenceRow | undefined;
}

/** Signed versions on the service whose receipt is not here yet. */
function candidates(db: Db): Candidate[] {
  return statement(
    db,
    `SELECT v.id, v.sha256, d.contract_id, v.created_at, s.service_document_id,
            EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind IN ('version.added', 'document.added')
                     AND json_extract(o.details_json, '$.versionId') = v.id) AS local
       FROM versions v
       JOIN documents d ON d.id = v.document_id
       JOIN sync_documents s ON s.sha256 = v.sha256 AND s.service_document_id IS NOT NULL
       LEFT JOIN sync_evidence e ON e.version_id = v.id
      WHERE v.origin = 'signing' AND e.receipt_json IS NULL
      ORDER BY v.created_at, v.id`,
  ).all() as Candidate[];
}

function begin(db: Db, c: Candidate, privacy: boolean): EvidenceRow {
  const mode: EvidenceMode = privacy && c.local ? 'commitment' : 'document';
  statement(db, 'INSERT INTO sync_evidence (version_id, mode, salt, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (version_id) DO NOTHING').run(
    c.id,
    mode,
    mode === 'commitment' ? newSalt() : null,
    new Date().toISOString(),
  );
  return evidenceRow(db, c.id)!;
}

function rememberService(db: Db, versionId: string, info: ServiceDocument): void {
  statement(db, 'UPDATE sync_evidence SET retain_until = ?, legal_hold = ?, service_checked_at = ? WHERE version_id = ?').run(
    info.retainUntil,
    info.legalHold ? 1 : 0,
    new Date().toISOString(),
    versionId,
  );
}

/** The entry logging this version: submitted now (privacy mode) or the one its upload made. */
async function evidenceNumberOf(library: Library, client: EvidenceClient, c: Candidate, row: EvidenceRow, info: ServiceDocument): Promise<string> {
  if (row.mode === 'commitment') {
    const { ack } = await client.submitCommitment(c.sha256, {
      event: 'signed',
      salt: row.salt!,
      claimedTime: c.created_at,
      chainKey: c.contract_id,
      idempotencyKey: `evidence:${deviceId(library.db)}:${c.id}`,
    });
    return ack.evidenceNumber;
  }
  const entry = info.evidence.find((e) => e.event === 'signed') ?? info.evidence[0];
  if (!entry) throw new InkstoneError('EVIDENCE_SERVICE_ERROR', { status: 200, message: `document ${info.id} has no evidence entry` });
  return entry.evidenceNumber;
}

async function receiptOf(client: EvidenceClient, c: Candidate, row: EvidenceRow, evidenceNumber: string): Promise<EvidenceReceipt | null> {
  let receipt: EvidenceReceipt;
  try {
    receipt = await client.fetchReceipt(evidenceNumber, {
      timeoutMs: RECEIPT_WAIT_MS,
      opening: row.mode === 'commitment' ? { documentSha256: c.sha256, salt: row.salt! } : undefined,
    });
  } catch (err) {
    if (err instanceof InkstoneError && err.code === 'EVIDENCE_RECEIPT_PENDING') return null;
    throw err;
  }
  // A receipt is kept only if it proves these very bytes.
  const check = await verifyReceipt(receipt, { document: { sha256: c.sha256 } });
  if (!check.ok) throw new InkstoneError(check.failure!.code, check.failure!.details);
  return receipt;
}

/** Record the evidence of every signed version now on the service. Returns how many receipts were stored. */
export async function collectReceipts(library: Library, client: EvidenceClient): Promise<number> {
  const db = library.db;
  const privacy = evidencePrivacy(db);
  let stored = 0;
  for (const c of candidates(db)) {
    const row = begin(db, c, privacy);
    const info = await client.documentInfo(c.service_document_id);
    rememberService(db, c.id, info);
    const evidenceNumber = row.evidence_number ?? (await evidenceNumberOf(library, client, c, row, info));
    statement(db, 'UPDATE sync_evidence SET evidence_number = ? WHERE version_id = ?').run(evidenceNumber, c.id);
    const receipt = await receiptOf(client, c, row, evidenceNumber);
    if (!receipt) continue;
    const { changes } = statement(db, 'UPDATE sync_evidence SET receipt_json = ? WHERE version_id = ? AND receipt_json IS NULL').run(
      JSON.stringify(receipt),
      c.id,
    );
    stored += changes;
  }
  return stored;
}
