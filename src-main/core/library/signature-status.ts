import { appendAudit } from '../audit/index.js';
import type { ContractStatus, SignatureStatus } from '../../../src-shared/api/index.js';
import type { SignatureResult, VerificationResult } from '../../../src-shared/api/verification.js';
import { sql, type LibraryContext } from './context.js';
import { contractRow } from './contract-row.js';

/**
 * Where a contract stands with its signatures, from facts only: the stored verification of each
 * document's latest version. A contract is "signed" when every party recorded on it (at least one
 * signer when none is) has a valid signature and no signed document fails; "partially signed" when
 * some valid signatures are there. The contract's status follows (`followSignatures`), so the list,
 * the contract and its documents never say different things.
 */

interface PartyRow {
  id: string;
  name: string;
  organisation: string;
  registration_number: string;
}

type Signer = NonNullable<SignatureResult['signer']>;

/** The signers of the valid signatures on each document's latest version, and how many documents fail. */
function latestSignatures(ctx: LibraryContext, contractId: string): { signers: Signer[]; failing: number } {
  const rows = sql(
    ctx,
    `SELECT v.signature_field_count AS fields, x.verdict AS verdict, x.result_json AS json
       FROM documents d
       JOIN versions v ON v.document_id = d.id AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)
       LEFT JOIN verifications x ON x.version_id = v.id
      WHERE d.contract_id = ?`,
  ).all(contractId) as Array<{ fields: number; verdict: string | null; json: string | null }>;
  const signers: Signer[] = [];
  let failing = 0;
  for (const row of rows) {
    if (row.fields === 0 && !row.json) continue;
    if (row.verdict !== 'valid') failing++;
    for (const s of resultSignatures(row.json))
      if (s.kind === 'signature' && s.indication === 'TOTAL_PASSED' && s.modifications !== 'disallowed' && s.signer) signers.push(s.signer);
  }
  return { signers, failing };
}

function resultSignatures(json: string | null): SignatureResult[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as Partial<VerificationResult>;
    return Array.isArray(parsed.signatures) ? parsed.signatures : [];
  } catch {
    return [];
  }
}

const normalise = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A party is signed for by a certificate naming it: its registration number (统一社会信用代码) in the
 * subject, its organisation or name as the certificate's organisation, or its name as the common name.
 */
export function signsFor(party: Pick<PartyRow, 'name' | 'organisation' | 'registration_number'>, signer: Signer): boolean {
  const reg = normalise(party.registration_number);
  if (reg && normalise(signer.subject).includes(reg)) return true;
  const o = normalise(signer.organisation);
  const cn = normalise(signer.commonName);
  const org = normalise(party.organisation);
  const name = normalise(party.name);
  return Boolean((org && o === org) || (name && (o === name || cn === name)));
}

export function signatureStatus(ctx: LibraryContext, contractId: string): SignatureStatus {
  const parties = sql(ctx, 'SELECT id, name, organisation, registration_number FROM parties WHERE contract_id = ? ORDER BY position').all(
    contractId,
  ) as PartyRow[];
  const { signers, failing } = latestSignatures(ctx, contractId);
  const signedPartyIds = parties.filter((p) => signers.some((s) => signsFor(p, s))).map((p) => p.id);
  const everyone = parties.length ? signedPartyIds.length === parties.length : signers.length > 0;
  const state = signers.length === 0 ? 'unsigned' : everyone && failing === 0 ? 'signed' : 'partially_signed';
  return { state, signedPartyIds, validSignatures: signers.length, failingDocuments: failing };
}

/**
 * Move the contract's status to what its signatures say: "signed" when they are complete,
 * "signing" while they are partial, and out of "signed" when a change took its basis away. Archived
 * and terminated contracts keep their status. Audited as `contract.status_followed_signatures`.
 */
export function followSignatures(ctx: LibraryContext, contractId: string): void {
  const from = contractRow(ctx, contractId).status;
  const { state } = signatureStatus(ctx, contractId);
  const to = statusFor(from, state);
  if (to === from) return;
  const at = new Date().toISOString();
  sql(ctx, 'UPDATE contracts SET status = ?, updated_at = ? WHERE id = ?').run(to, at, contractId);
  appendAudit(ctx.db, { actor: ctx.actor, contractId, action: 'contract.status_followed_signatures', details: { from, to, signatures: state }, at });
}

function statusFor(current: ContractStatus, state: SignatureStatus['state']): ContractStatus {
  if (current === 'archived' || current === 'terminated') return current;
  if (state === 'signed') return 'signed';
  if (state === 'partially_signed') return 'signing';
  return current === 'signed' ? 'signing' : current;
}
