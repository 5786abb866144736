import type { FactSuggestion } from '../../../src-shared/api/facts.js';
import { appendAudit } from '../audit/index.js';
import { statement } from '../db/index.js';
import { extractContractFacts } from '../facts/index.js';
import type { Library } from './library.js';

/** Roles the library stores as codes (named in the reader's language by the UI); others stay as written. */
const ROLE_CODES: Readonly<Record<string, string>> = {
  甲方: 'party_a', 'Party A': 'party_a', 乙方: 'party_b', 'Party B': 'party_b', 丙方: 'party_c', 'Party C': 'party_c', 丁方: 'party_d',
  保证人: 'guarantor', 担保人: 'guarantor', Guarantor: 'guarantor',
}; // prettier-ignore

/**
 * Facts read from a contract's documents, offered to the person as suggestions: only what the
 * contract does not already say (a party of the same name, the same amount or date is not offered
 * again) and what the person did not dismiss. Accepting goes through the ordinary edits
 * (contracts.update, contracts.addParty), so the audit trail records who accepted what.
 */
export function factSuggestions(library: Library, contractId: string): FactSuggestion[] {
  const contract = library.getContract(contractId);
  const texts = statement(
    library.db,
    `SELECT v.text_content AS t FROM versions v JOIN documents d ON d.id = v.document_id
       WHERE d.contract_id = ? AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)
       ORDER BY d.created_at, d.rowid`,
  ).all(contractId) as Array<{ t: string }>;
  const dismissed = new Set(
    (statement(library.db, 'SELECT fact_key AS k FROM fact_dismissals WHERE contract_id = ?').all(contractId) as Array<{ k: string }>).map((r) => r.k),
  );
  const seen = new Set<string>();
  const out: FactSuggestion[] = [];
  for (const { t } of texts) {
    for (const fact of extractContractFacts(t, { title: contract.title })) {
      if (seen.has(fact.key) || dismissed.has(fact.key) || alreadyRecorded(fact)) continue;
      seen.add(fact.key);
      out.push(fact.kind === 'party' ? { ...fact, role: ROLE_CODES[fact.role] ?? fact.role } : fact);
    }
  }
  return out;

  function alreadyRecorded(fact: FactSuggestion): boolean {
    switch (fact.kind) {
      case 'party':
        return contract.parties.some((p) => p.name === fact.name || p.organisation === fact.name);
      case 'value':
        return contract.value !== null && Number(contract.value.amount) === Number(fact.value.amount) && contract.value.currency === fact.value.currency;
      case 'effectiveDate':
      case 'expiryDate':
        return contract[fact.kind] === fact.date;
      case 'contractType':
        return contract.contractType === fact.contractType;
    }
  }
}

/** Stop offering one suggestion on this contract; recorded in the audit trail like any decision. */
export function dismissFactSuggestion(library: Library, contractId: string, key: string): void {
  library.getContract(contractId); // CONTRACT_NOT_FOUND for an unknown id
  library.db.transaction(() => {
    const at = new Date().toISOString();
    const r = statement(library.db, 'INSERT OR IGNORE INTO fact_dismissals (contract_id, fact_key, dismissed_at) VALUES (?, ?, ?)').run(contractId, key, at);
    if (r.changes) appendAudit(library.db, { actor: library.actor, contractId, action: 'fact.dismissed', details: { key }, at });
  })();
}
