import { InkstoneError } from '../../../src-shared/errors/index.js';
import { ContractFields, type ContractStatus } from '../../../src-shared/api/index.js';
import { sql, type LibraryContext } from './context.js';

/** A `contracts` row as stored. */
export interface ContractRow {
  rowid: number;
  id: string;
  title: string;
  contract_type: string;
  status: ContractStatus;
  value_amount: string | null;
  value_currency: string | null;
  effective_date: string | null;
  expiry_date: string | null;
  renewal_date: string | null;
  owner: string;
  notes: string;
  tags_json: string;
  party_names_json: string;
  created_at: string;
  updated_at: string;
}

/** The contract's row, or CONTRACT_NOT_FOUND. */
export function contractRow(ctx: LibraryContext, id: string): ContractRow {
  const row = sql(ctx, 'SELECT rowid, * FROM contracts WHERE id = ?').get(id) as ContractRow | undefined;
  if (!row) throw new InkstoneError('CONTRACT_NOT_FOUND', { id });
  return row;
}

/** The editable fields of a row, in their API shape. */
export function fieldsOf(r: ContractRow) {
  return ContractFields.parse({
    title: r.title,
    contractType: r.contract_type,
    tags: JSON.parse(r.tags_json) as string[],
    value: r.value_amount !== null && r.value_currency !== null ? { amount: r.value_amount, currency: r.value_currency } : null,
    effectiveDate: r.effective_date,
    expiryDate: r.expiry_date,
    renewalDate: r.renewal_date,
    owner: r.owner,
    notes: r.notes,
  });
}
