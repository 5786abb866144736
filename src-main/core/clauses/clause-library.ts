/**
 * The clause library: articles and passages kept for reuse. A clause is a chain of revisions; an
 * edit appends one (audited) and becomes the current one, and the search row follows it. A draft
 * receives a copy of the current revision (`copyInto`), recorded as a use, so editing a clause later
 * changes no draft and no signed contract — they never point back at the library.
 */
import { randomBytes } from 'node:crypto';
import type { Clause, ClauseInput, ClauseListQuery, ClauseSummary, ClauseUse, ClauseNodeJSON } from '../../../src-shared/api/index.js';
import type { VariableSpec } from '../../../src-shared/drafting/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import { appendAudit } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';
import { buildMatchExpression, indexText, type Library } from '../library/index.js';
import { checkClauseBlocks, clauseCopy } from './clause-blocks.js';

/** The most clauses one list or search returns (the library is a shelf of hundreds, not a corpus). */
export const CLAUSE_LIST_MAX = 200;

interface RevisionRow {
  id: string;
  revision: number;
  title: string;
  tags_json: string;
  language: Language;
  position: 'standard' | 'fallback';
  blocks_json: string;
  variables_json: string;
  text: string;
  updated_at: string;
  uses: number;
}

const SUMMARY_SQL = `SELECT c.id, r.revision, r.title, r.tags_json, r.language, r.position, r.blocks_json, r.variables_json, r.text, c.updated_at,
  (SELECT count(*) FROM clause_uses u WHERE u.clause_id = c.id) AS uses
  FROM clauses c JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = c.current_revision`;

const summary = (r: RevisionRow): ClauseSummary => ({
  id: r.id,
  revision: r.revision,
  title: r.title,
  tags: JSON.parse(r.tags_json) as string[],
  language: r.language,
  position: r.position,
  text: r.text,
  updatedAt: r.updated_at,
  uses: r.uses,
});

/** Tags compared as people mean them: trimmed, NFKC, each once. */
const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.normalize('NFKC').trim()).filter(Boolean))];

export class ClauseLibrary {
  private readonly db: Db;

  constructor(
    private readonly library: Library,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = library.db;
  }

  private sql(text: string) {
    return statement(this.db, text);
  }

  /** Saves a new clause (revision 1). */
  add(input: ClauseInput): Clause {
    const id = randomBytes(16).toString('hex');
    const at = this.now().toISOString();
    const checked = checkClauseBlocks(input.blocks, input.variables);
    this.db.transaction(() => {
      this.sql('INSERT INTO clauses (id, current_revision, created_at, updated_at) VALUES (?, 1, ?, ?)').run(id, at, at);
      this.writeRevision(id, 1, input, checked, at);
      appendAudit(this.db, { actor: this.library.actor, contractId: null, action: 'clause.added', details: { clauseId: id, title: input.title }, at });
    })();
    return this.get(id);
  }

  /** An edit: a new revision, current from now on. Revisions already copied into drafts are untouched. */
  revise(id: string, input: ClauseInput): Clause {
    const at = this.now().toISOString();
    const checked = checkClauseBlocks(input.blocks, input.variables);
    let revision = 0;
    this.db.transaction(() => {
      revision = this.currentRevision(id) + 1;
      this.writeRevision(id, revision, input, checked, at);
      this.sql('UPDATE clauses SET current_revision = ?, updated_at = ? WHERE id = ?').run(revision, at, id);
      appendAudit(this.db, {
        actor: this.library.actor,
        contractId: null,
        action: 'clause.revised',
        details: { clauseId: id, revision, title: input.title },
        at,
      });
    })();
    return this.get(id);
  }

  private currentRevision(id: string): number {
    const row = this.sql('SELECT current_revision FROM clauses WHERE id = ?').get(id) as { current_revision: number } | undefined;
    if (!row) throw new InkstoneError('CLAUSE_NOT_FOUND', { id: id.slice(0, 64) });
    return row.current_revision;
  }

  private writeRevision(id: string, revision: number, input: ClauseInput, checked: ReturnType<typeof checkClauseBlocks>, at: string): void {
    const tags = cleanTags(input.tags);
    this.sql(
      `INSERT INTO clause_revisions (clause_id, revision, title, tags_json, language, position, blocks_json, variables_json, text, actor, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      revision,
      input.title.trim(),
      JSON.stringify(tags),
      input.language,
      input.position,
      JSON.stringify(checked.blocks),
      JSON.stringify(checked.variables),
      checked.text,
      this.library.actor,
      at,
    );
    const { rowid } = this.sql('SELECT rowid FROM clauses WHERE id = ?').get(id) as { rowid: number };
    this.sql('DELETE FROM clauses_fts WHERE rowid = ?').run(rowid);
    this.sql('INSERT INTO clauses_fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)').run(
      rowid,
      indexText(input.title),
      indexText(tags.join(' ')),
      indexText(checked.text),
    );
  }

  /** A clause at its current revision (or an older one), with its revision history. */
  get(id: string, revision?: number): Clause {
    const current = this.currentRevision(id);
    const row = this.sql(
      `SELECT c.id, r.revision, r.title, r.tags_json, r.language, r.position, r.blocks_json, r.variables_json, r.text, c.updated_at,
        (SELECT count(*) FROM clause_uses u WHERE u.clause_id = c.id) AS uses
       FROM clauses c JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = ? WHERE c.id = ?`,
    ).get(revision ?? current, id) as RevisionRow | undefined;
    if (!row) throw new InkstoneError('CLAUSE_REVISION_NOT_FOUND', { id: id.slice(0, 64), revision: revision ?? current });
    const revisions = this.sql('SELECT revision, title, created_at AS createdAt, actor FROM clause_revisions WHERE clause_id = ? ORDER BY revision DESC').all(
      id,
    ) as Clause['revisions'];
    return {
      ...summary(row),
      blocks: JSON.parse(row.blocks_json) as ClauseNodeJSON[],
      variables: JSON.parse(row.variables_json) as VariableSpec[],
      revisions,
    };
  }

  /**
   * Clauses matching the query (the library's CJK-aware full-text rules: 保密 finds 保密条款, Latin words
   * prefix-matched; ranked title > tags > text) and the filters; without a query, newest first.
   */
  list(q: Partial<ClauseListQuery> = {}): ClauseSummary[] {
    const match = q.query?.trim() ? buildMatchExpression(q.query) : null;
    if (q.query?.trim() && !match) return [];
    const filters: [string, unknown][] = [];
    if (q.language) filters.push(['r.language = ?', q.language]);
    if (q.position) filters.push(['r.position = ?', q.position]);
    if (q.tag) filters.push(['EXISTS (SELECT 1 FROM json_each(r.tags_json) t WHERE t.value = ?)', q.tag.normalize('NFKC').trim()]);
    const where = filters.map(([sql]) => sql);
    const args = filters.map(([, arg]) => arg);
    const filter = where.length ? ` AND ${where.join(' AND ')}` : '';
    const rows = match
      ? (this.db
          .prepare(
            `${SUMMARY_SQL} JOIN clauses_fts f ON f.rowid = c.rowid WHERE clauses_fts MATCH ?${filter}
             ORDER BY bm25(clauses_fts, 10.0, 5.0, 1.0), c.updated_at DESC LIMIT ${CLAUSE_LIST_MAX}`,
          )
          .all(match, ...args) as RevisionRow[])
      : (this.db.prepare(`${SUMMARY_SQL} WHERE 1${filter} ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ${CLAUSE_LIST_MAX}`).all(...args) as RevisionRow[]);
    return rows.map(summary);
  }

  /**
   * The copy of the current revision for a contract's draft, its variables filled with `values` in
   * the draft's language; the insertion is recorded (where used) and audited on the contract.
   */
  copyInto(id: string, contractId: string, values: Readonly<Record<string, string>>, lang: Language): { revision: number; blocks: ClauseNodeJSON[] } {
    const clause = this.get(id);
    this.library.getContract(contractId); // CONTRACT_NOT_FOUND before anything is recorded
    const blocks = clauseCopy(clause.blocks, clause.variables, values, lang);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.sql('INSERT INTO clause_uses (clause_id, revision, contract_id, inserted_at) VALUES (?, ?, ?, ?)').run(id, clause.revision, contractId, at);
      appendAudit(this.db, {
        actor: this.library.actor,
        contractId,
        action: 'clause.inserted',
        details: { clauseId: id, revision: clause.revision, title: clause.title },
        at,
      });
    })();
    return { revision: clause.revision, blocks };
  }

  /** Where the clause is used: each insertion, newest first, with its contract. */
  uses(id: string): ClauseUse[] {
    this.currentRevision(id);
    return this.sql(
      `SELECT u.contract_id AS contractId, c.title AS contractTitle, c.status AS contractStatus, u.revision, u.inserted_at AS insertedAt
       FROM clause_uses u JOIN contracts c ON c.id = u.contract_id WHERE u.clause_id = ? ORDER BY u.inserted_at DESC, u.id DESC LIMIT ${CLAUSE_LIST_MAX}`,
    ).all(id) as ClauseUse[];
  }
}
