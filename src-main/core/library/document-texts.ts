import { sql, type LibraryContext } from './context.js';

/**
 * The text of the latest version of each document of these contracts, documents in the order they
 * were added: what is searched, shown in snippets and read for fact suggestions.
 */
export function latestDocumentTexts(ctx: LibraryContext, contractIds: readonly string[]): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const r of sql(
    ctx,
    `SELECT d.contract_id AS id, v.text_content AS t FROM documents d JOIN versions v ON v.document_id = d.id
       AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)
     WHERE d.contract_id IN (SELECT value FROM json_each(?)) ORDER BY d.created_at, d.rowid`,
  ).all(JSON.stringify(contractIds)) as Array<{ id: string; t: string }>) {
    const list = texts.get(r.id);
    if (list) list.push(r.t);
    else texts.set(r.id, [r.t]);
  }
  return texts;
}
