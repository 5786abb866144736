import { indexText } from './search-text.js';
import { sql, type LibraryContext } from './context.js';
import { contractRow } from './contract-row.js';
import { latestDocumentTexts } from './document-texts.js';

/**
 * Rebuild a contract's search row from its current fields, parties and the latest version of each
 * document. Called inside the transaction of every change that touches what is searched.
 */
export function reindex(ctx: LibraryContext, id: string): void {
  const r = contractRow(ctx, id);
  const parties = sql(ctx, 'SELECT role, name, organisation, registration_number FROM parties WHERE contract_id = ? ORDER BY position').all(id) as Array<
    Record<string, string>
  >;
  const texts = latestDocumentTexts(ctx, [id]).get(id) ?? [];
  sql(ctx, 'DELETE FROM contracts_fts WHERE rowid = ?').run(r.rowid);
  sql(ctx, 'INSERT INTO contracts_fts (rowid, title, parties, tags, notes, body) VALUES (?, ?, ?, ?, ?, ?)').run(
    r.rowid,
    indexText(`${r.title} ${r.contract_type}`),
    indexText(parties.map((p) => `${p.role} ${p.name} ${p.organisation} ${p.registration_number}`).join(' ')),
    indexText((JSON.parse(r.tags_json) as string[]).join(' ')),
    indexText(`${r.notes} ${r.owner}`),
    indexText(texts.join('\n')),
  );
}
