import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type Database from 'better-sqlite3';
import type { Db } from '../db/index.js';
import { openDatabase, statement } from '../db/index.js';
import { appendAudit, auditEventsFor, verifyAuditChain } from '../audit/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import {
  Contract,
  ContractFields,
  ContractPatch,
  ContractStatus,
  DocumentRecord,
  Party,
  PartyInput,
  Reminder,
  SearchQuery,
  SearchResult,
  STATUS_TRANSITIONS,
  type AuditEvent,
  type SearchHit,
  type Version,
} from '../../../src-shared/api/index.js';
import { DocumentStore } from './document-store.js';
import { buildMatchExpression, indexText } from './search-text.js';

export const newId = (): string => randomBytes(16).toString('hex');

interface ContractRow {
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

export interface NewVersion {
  sha256: string;
  size: number;
  pageCount: number;
  signatureFieldCount: number;
  origin: Version['origin'];
  text: string;
}

/**
 * A text search ranks and sorts the newest SEARCH_WINDOW matching contracts: exact whenever fewer
 * match, and bounded in cost when a common word matches tens of thousands (the result then says
 * `totalIsExact: false`, and the UI asks for a narrower search or a filter).
 */
export const SEARCH_WINDOW = 1000;

const SUMMARY_COLUMNS = 'c.id, c.title, c.contract_type, c.status, c.tags_json, c.party_names_json, c.value_amount, c.value_currency, c.expiry_date, c.updated_at';
type SummaryRow = Pick<ContractRow, 'id' | 'title' | 'contract_type' | 'status' | 'tags_json' | 'party_names_json' | 'value_amount' | 'value_currency' | 'expiry_date' | 'updated_at'> & { score: number };

const SORT_SQL: Record<string, string> = {
  updated: 'c.updated_at',
  title: 'c.title COLLATE NOCASE',
  expiry: "coalesce(c.expiry_date, '9999-12-31')",
  value: 'CAST(c.value_amount AS REAL)',
};

/**
 * The contract library: contracts, their parties, documents and immutable versions, search and
 * reminders, over one SQLite database and one content-addressed document store in the data folder.
 * Every change runs in a transaction together with its audit entry.
 */
export class Library {
  readonly db: Db;
  readonly store: DocumentStore;
  readonly actor: string;

  constructor(
    readonly dataDir: string,
    options: { actor?: string; db?: Db } = {},
  ) {
    this.db = options.db ?? openDatabase(path.join(dataDir, 'library.sqlite'));
    this.store = new DocumentStore(path.join(dataDir, 'documents'));
    this.actor = options.actor ?? 'local-user';
  }

  close(): void {
    this.db.close();
  }

  private sql(text: string): Database.Statement {
    return statement(this.db, text);
  }

  // ---- contracts -------------------------------------------------------------------------------

  /** Create a contract (draft unless told otherwise), optionally with its parties, in one step. */
  createContract(fields: z.input<typeof ContractFields>, options: { status?: ContractStatus; parties?: PartyInput[] } = {}): Contract {
    const f = ContractFields.parse(fields);
    const status = options.status ?? 'draft';
    const parties = (options.parties ?? []).map((p) => PartyInput.parse(p));
    const id = newId();
    const at = new Date().toISOString();
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO contracts (id, title, contract_type, status, value_amount, value_currency, effective_date, expiry_date,
           renewal_date, owner, notes, tags_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, f.title, f.contractType, status, f.value?.amount ?? null, f.value?.currency ?? null, f.effectiveDate, f.expiryDate, f.renewalDate, f.owner, f.notes, JSON.stringify(f.tags), at, at);
      this.writeTags(id, f.tags);
      const partyIds = parties.map((p, position) => this.insertParty(id, position, p));
      this.touchParties(id, at);
      appendAudit(this.db, { actor: this.actor, contractId: id, action: 'contract.created', details: { fields: f, status, parties: parties.map((p, i) => ({ partyId: partyIds[i], ...p })) }, at });
    })();
    return this.getContract(id);
  }

  getContract(id: string): Contract {
    const row = this.row(id);
    const parties = this.sql('SELECT * FROM parties WHERE contract_id = ? ORDER BY position').all(id) as Array<Record<string, string | number>>;
    const docs = this.sql('SELECT * FROM documents WHERE contract_id = ? ORDER BY created_at, rowid').all(id) as Array<{ id: string; name: string; created_at: string }>;
    const versionsStmt = this.sql('SELECT v.*, x.verdict FROM versions v LEFT JOIN verifications x ON x.version_id = v.id WHERE v.document_id = ? ORDER BY v.number');
    return Contract.parse({
      ...this.fieldsOf(row),
      id: row.id,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      parties: parties.map((p) => ({
        id: p.id,
        position: p.position,
        role: p.role,
        name: p.name,
        organisation: p.organisation,
        registrationNumber: p.registration_number,
        contact: p.contact,
      })),
      documents: docs.map((d) =>
        DocumentRecord.parse({
          id: d.id,
          name: d.name,
          createdAt: d.created_at,
          versions: (versionsStmt.all(d.id) as Array<Record<string, string | number>>).map((v) => ({
            id: v.id,
            number: v.number,
            sha256: v.sha256,
            size: v.size,
            pageCount: v.page_count,
            signatureFieldCount: v.signature_field_count,
            origin: v.origin,
            createdAt: v.created_at,
            verdict: v.verdict ?? null,
          })),
        }),
      ),
    });
  }

  updateContract(id: string, patch: ContractPatch): Contract {
    const p = ContractPatch.parse(patch);
    this.db.transaction(() => {
      const current = this.fieldsOf(this.row(id));
      const next = ContractFields.parse({ ...current, ...p });
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(p) as Array<keyof typeof next>) {
        if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changed[key] = { from: current[key], to: next[key] };
      }
      if (!Object.keys(changed).length) return;
      const at = new Date().toISOString();
      this
        .sql(
          `UPDATE contracts SET title = ?, contract_type = ?, value_amount = ?, value_currency = ?, effective_date = ?, expiry_date = ?,
             renewal_date = ?, owner = ?, notes = ?, tags_json = ?, updated_at = ? WHERE id = ?`,
        )
        .run(next.title, next.contractType, next.value?.amount ?? null, next.value?.currency ?? null, next.effectiveDate, next.expiryDate, next.renewalDate, next.owner, next.notes, JSON.stringify(next.tags), at, id);
      if (changed.tags) this.writeTags(id, next.tags);
      this.reindex(id);
      appendAudit(this.db, { actor: this.actor, contractId: id, action: 'contract.updated', details: { changed }, at });
    })();
    return this.getContract(id);
  }

  setStatus(id: string, status: ContractStatus): Contract {
    this.db.transaction(() => {
      const from = this.row(id).status;
      if (from === status) return;
      if (!STATUS_TRANSITIONS[from].includes(status)) throw new InkstoneError('CONTRACT_STATUS_TRANSITION', { from, to: status });
      const at = new Date().toISOString();
      this.sql('UPDATE contracts SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
      appendAudit(this.db, { actor: this.actor, contractId: id, action: 'contract.status_changed', details: { from, to: status }, at });
    })();
    return this.getContract(id);
  }

  // ---- parties ---------------------------------------------------------------------------------

  addParty(contractId: string, input: PartyInput): Contract {
    const party = PartyInput.parse(input);
    this.db.transaction(() => {
      this.row(contractId);
      const { n } = this.sql('SELECT coalesce(max(position), -1) + 1 AS n FROM parties WHERE contract_id = ?').get(contractId) as { n: number };
      const id = this.insertParty(contractId, n, party);
      this.touchParties(contractId);
      appendAudit(this.db, { actor: this.actor, contractId, action: 'party.added', details: { partyId: id, party } });
    })();
    return this.getContract(contractId);
  }

  updateParty(contractId: string, partyId: string, input: PartyInput): Contract {
    const party = PartyInput.parse(input);
    this.db.transaction(() => {
      const res = this
        .sql('UPDATE parties SET role = ?, name = ?, organisation = ?, registration_number = ?, contact = ? WHERE id = ? AND contract_id = ?')
        .run(party.role, party.name, party.organisation, party.registrationNumber, party.contact, partyId, contractId);
      if (res.changes === 0) throw new InkstoneError('PARTY_NOT_FOUND', { id: partyId });
      this.touchParties(contractId);
      appendAudit(this.db, { actor: this.actor, contractId, action: 'party.updated', details: { partyId, party } });
    })();
    return this.getContract(contractId);
  }

  removeParty(contractId: string, partyId: string): Contract {
    this.db.transaction(() => {
      const res = this.sql('DELETE FROM parties WHERE id = ? AND contract_id = ?').run(partyId, contractId);
      if (res.changes === 0) throw new InkstoneError('PARTY_NOT_FOUND', { id: partyId });
      this.touchParties(contractId);
      appendAudit(this.db, { actor: this.actor, contractId, action: 'party.removed', details: { partyId } });
    })();
    return this.getContract(contractId);
  }

  // ---- documents -------------------------------------------------------------------------------

  /** Record a new document with its first version. Bytes must already be in the store. */
  addDocument(contractId: string, name: string, version: NewVersion): { documentId: string; versionId: string } {
    const documentId = newId();
    const versionId = newId();
    this.db.transaction(() => {
      this.row(contractId);
      const at = new Date().toISOString();
      this.sql('INSERT INTO documents (id, contract_id, name, created_at) VALUES (?, ?, ?, ?)').run(documentId, contractId, name, at);
      this.insertVersion(documentId, versionId, 1, version, at);
      this.sql('UPDATE contracts SET updated_at = ? WHERE id = ?').run(at, contractId);
      this.reindex(contractId);
      appendAudit(this.db, {
        actor: this.actor,
        contractId,
        action: 'document.added',
        details: { documentId, versionId, name, sha256: version.sha256, size: version.size, origin: version.origin },
        at,
      });
    })();
    return { documentId, versionId };
  }

  /** Add an immutable new version (e.g. the signed PDF) to an existing document. */
  addVersion(documentId: string, version: NewVersion): string {
    const versionId = newId();
    this.db.transaction(() => {
      const doc = this.sql('SELECT contract_id FROM documents WHERE id = ?').get(documentId) as { contract_id: string } | undefined;
      if (!doc) throw new InkstoneError('NOT_FOUND', { what: `document ${documentId}` });
      const { n } = this.sql('SELECT max(number) + 1 AS n FROM versions WHERE document_id = ?').get(documentId) as { n: number };
      const at = new Date().toISOString();
      this.insertVersion(documentId, versionId, n, version, at);
      this.sql('UPDATE contracts SET updated_at = ? WHERE id = ?').run(at, doc.contract_id);
      this.reindex(doc.contract_id);
      appendAudit(this.db, { actor: this.actor, contractId: doc.contract_id, action: 'version.added', details: { documentId, versionId, number: n, sha256: version.sha256, origin: version.origin }, at });
    })();
    return versionId;
  }

  /** Keep the latest verification of a version (replacing an older one) and audit the verdict. */
  recordVerification(versionId: string, result: { verdict: 'valid' | 'invalid' | 'indeterminate'; verifiedAt: string }, resultJson: string): void {
    this.db.transaction(() => {
      const v = this.version(versionId);
      this.sql('INSERT OR REPLACE INTO verifications (version_id, verified_at, verdict, result_json) VALUES (?, ?, ?, ?)').run(versionId, result.verifiedAt, result.verdict, resultJson);
      appendAudit(this.db, { actor: this.actor, contractId: v.contractId, action: 'version.verified', details: { versionId, sha256: v.sha256, verdict: result.verdict } });
    })();
  }

  /** The contract holding a version with these bytes, if the library already has them. */
  findBySha256(sha256: string): { contractId: string; versionId: string } | null {
    const row = this
      .sql('SELECT d.contract_id AS contractId, v.id AS versionId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = ? LIMIT 1')
      .get(sha256) as { contractId: string; versionId: string } | undefined;
    return row ?? null;
  }

  version(versionId: string): { name: string; sha256: string; contractId: string } {
    const row = this
      .sql('SELECT d.name AS name, v.sha256 AS sha256, d.contract_id AS contractId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?')
      .get(versionId) as { name: string; sha256: string; contractId: string } | undefined;
    if (!row) throw new InkstoneError('VERSION_NOT_FOUND', { id: versionId });
    return row;
  }

  // ---- search ----------------------------------------------------------------------------------

  /**
   * Search and list. Without text it is an index walk in the chosen order with an exact total. With
   * text, the newest SEARCH_WINDOW matches are ranked by bm25 (title weighs most, then parties and
   * tags) or sorted by the chosen key.
   */
  search(query: z.input<typeof SearchQuery>): SearchResult {
    const started = performance.now();
    const q = SearchQuery.parse(query);
    const match = q.text ? buildMatchExpression(q.text) : null;
    if (q.text && !match) return { total: 0, totalIsExact: true, hits: [], tookMs: performance.now() - started };
    const filters: string[] = [];
    const params: unknown[] = [];
    if (q.status.length) {
      filters.push(`c.status IN (${q.status.map(() => '?').join(',')})`);
      params.push(...q.status);
    }
    if (q.tag) {
      filters.push('EXISTS (SELECT 1 FROM contract_tags t WHERE t.contract_id = c.id AND t.tag = ?)');
      params.push(q.tag);
    }
    if (q.party) {
      filters.push("EXISTS (SELECT 1 FROM parties p WHERE p.contract_id = c.id AND (p.name LIKE ? ESCAPE '\\' OR p.organisation LIKE ? ESCAPE '\\'))");
      const like = `%${q.party.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      params.push(like, like);
    }
    if (q.expiryFrom) {
      filters.push('c.expiry_date >= ?');
      params.push(q.expiryFrom);
    }
    if (q.expiryTo) {
      filters.push('c.expiry_date <= ?');
      params.push(q.expiryTo);
    }
    const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
    const filterSql = filters.map((f) => ` AND ${f}`).join('');

    if (!match) {
      const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
      const sortKey = q.sort === 'relevance' ? 'updated' : q.sort;
      const total = (this.sql(`SELECT count(*) AS n FROM contracts c ${where}`).get(...params) as { n: number }).n;
      const rows = this.sql(`SELECT ${SUMMARY_COLUMNS}, 0 AS score FROM contracts c ${where} ORDER BY ${SORT_SQL[sortKey]} ${dir}, c.rowid ${dir} LIMIT ? OFFSET ?`).all(
        ...params,
        q.limit,
        q.offset,
      ) as SummaryRow[];
      return { total, totalIsExact: true, hits: rows.map((r) => this.summaryOf(r)), tookMs: performance.now() - started };
    }

    // The newest SEARCH_WINDOW matches (FTS5 walks rowids newest first and stops), filtered as they
    // stream; CROSS JOIN keeps SQLite from driving the join from the contracts table instead.
    const needsJoin = filters.length > 0 || q.sort !== 'relevance';
    const key = q.sort === 'relevance' ? '-bm25(contracts_fts, 10.0, 5.0, 5.0, 2.0, 1.0)' : SORT_SQL[q.sort];
    const window = this.sql(
      `SELECT f.rowid AS rid, ${key} AS k FROM contracts_fts f ${needsJoin ? 'CROSS JOIN contracts c ON c.rowid = f.rowid' : ''}
       WHERE contracts_fts MATCH ?${filterSql} ORDER BY f.rowid DESC LIMIT ${SEARCH_WINDOW}`,
    ).all(match, ...params) as Array<{ rid: number; k: number | string | null }>;
    const sign = dir === 'ASC' ? 1 : -1;
    window.sort((a, b) => {
      const ka = a.k ?? '';
      const kb = b.k ?? '';
      const byKey = typeof ka === 'string' || typeof kb === 'string' ? String(ka).localeCompare(String(kb)) : ka - kb;
      return byKey !== 0 ? sign * byKey : b.rid - a.rid;
    });
    const page = window.slice(q.offset, q.offset + q.limit);
    const rows = page.length
      ? (this.sql(`SELECT c.rowid AS rid, ${SUMMARY_COLUMNS} FROM contracts c WHERE c.rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(page.map((w) => w.rid))) as Array<
          SummaryRow & { rid: number }
        >)
      : [];
    const byRowid = new Map(rows.map((r) => [r.rid, r]));
    const hits = page.flatMap((w) => {
      const r = byRowid.get(w.rid);
      return r ? [this.summaryOf({ ...r, score: q.sort === 'relevance' ? Number(w.k) : 0 })] : [];
    });
    return { total: window.length, totalIsExact: window.length < SEARCH_WINDOW, hits, tookMs: performance.now() - started };
  }

  tags(): Array<{ tag: string; count: number }> {
    return this.sql('SELECT tag, count(*) AS count FROM contract_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 500').all() as Array<{ tag: string; count: number }>;
  }

  audit(contractId: string): { events: AuditEvent[]; chainIntact: boolean } {
    this.row(contractId);
    return { events: auditEventsFor(this.db, contractId), chainIntact: verifyAuditChain(this.db).intact };
  }

  // ---- reminders -------------------------------------------------------------------------------

  /** Expiry and renewal dates from `today` up to `horizonDays` ahead, soonest first; past-due live contracts too. */
  reminders(today: string, horizonDays: number): Reminder[] {
    const until = addDays(today, horizonDays);
    const rows = this
      .sql(
        `SELECT id, title, 'expiry' AS kind, expiry_date AS date FROM contracts
           WHERE expiry_date IS NOT NULL AND expiry_date <= ? AND status NOT IN ('archived','terminated')
         UNION ALL
         SELECT id, title, 'renewal' AS kind, renewal_date AS date FROM contracts
           WHERE renewal_date IS NOT NULL AND renewal_date <= ? AND renewal_date >= ? AND status NOT IN ('archived','terminated')
         ORDER BY date, title`,
      )
      .all(until, until, addDays(today, -horizonDays)) as Array<{ id: string; title: string; kind: 'expiry' | 'renewal'; date: string }>;
    return rows
      .map((r) => Reminder.parse({ contractId: r.id, title: r.title, kind: r.kind, date: r.date, daysLeft: daysBetween(today, r.date) }))
      .filter((r) => r.kind === 'renewal' || r.daysLeft >= -horizonDays);
  }

  /** Reminders that have come due (within `leadDays`) and were not yet notified; marks them notified. */
  takeDueNotifications(today: string, leadDays: number): Reminder[] {
    return this.db.transaction(() => {
      const due = this.reminders(today, leadDays).filter(
        (r) => !this.sql('SELECT 1 FROM reminder_notices WHERE contract_id = ? AND kind = ? AND date = ?').get(r.contractId, r.kind, r.date),
      );
      const mark = this.sql('INSERT INTO reminder_notices (contract_id, kind, date, notified_at) VALUES (?, ?, ?, ?)');
      for (const r of due) mark.run(r.contractId, r.kind, r.date, new Date().toISOString());
      return due;
    })();
  }

  // ---- internals -------------------------------------------------------------------------------

  private row(id: string): ContractRow {
    const row = this.sql('SELECT rowid, * FROM contracts WHERE id = ?').get(id) as ContractRow | undefined;
    if (!row) throw new InkstoneError('CONTRACT_NOT_FOUND', { id });
    return row;
  }

  private fieldsOf(r: ContractRow) {
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

  private summaryOf(r: SummaryRow): SearchHit {
    return {
      score: r.score,
      id: r.id,
      title: r.title,
      contractType: r.contract_type,
      status: r.status,
      tags: JSON.parse(r.tags_json) as string[],
      parties: JSON.parse(r.party_names_json) as string[],
      value: r.value_amount !== null && r.value_currency !== null ? { amount: r.value_amount, currency: r.value_currency } : null,
      expiryDate: r.expiry_date,
      updatedAt: r.updated_at,
    };
  }

  private writeTags(id: string, tags: readonly string[]): void {
    this.sql('DELETE FROM contract_tags WHERE contract_id = ?').run(id);
    const ins = this.sql('INSERT OR IGNORE INTO contract_tags (contract_id, tag) VALUES (?, ?)');
    for (const t of tags) ins.run(id, t);
  }

  private insertParty(contractId: string, position: number, party: z.output<typeof PartyInput>): string {
    const id = newId();
    this.sql('INSERT INTO parties (id, contract_id, position, role, name, organisation, registration_number, contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      contractId,
      position,
      party.role,
      party.name,
      party.organisation,
      party.registrationNumber,
      party.contact,
    );
    return id;
  }

  /** Refresh the denormalised party names shown in lists, and the search row. */
  private touchParties(contractId: string, at = new Date().toISOString()): void {
    const names = (this.sql('SELECT name, organisation FROM parties WHERE contract_id = ? ORDER BY position').all(contractId) as Array<{ name: string; organisation: string }>).map(
      (p) => p.organisation || p.name,
    );
    this.sql('UPDATE contracts SET party_names_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(names), at, contractId);
    this.reindex(contractId);
  }

  private insertVersion(documentId: string, versionId: string, n: number, v: NewVersion, at: string): void {
    this
      .sql(
        `INSERT INTO versions (id, document_id, number, sha256, size, page_count, signature_field_count, origin, text_content, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(versionId, documentId, n, v.sha256, v.size, v.pageCount, v.signatureFieldCount, v.origin, v.text, at);
  }

  /** Rebuild the contract's search row from its current fields, parties and latest document texts. */
  private reindex(id: string): void {
    const r = this.row(id);
    const parties = this.sql('SELECT role, name, organisation, registration_number FROM parties WHERE contract_id = ? ORDER BY position').all(id) as Array<Record<string, string>>;
    const texts = this
      .sql(
        `SELECT v.text_content AS t FROM versions v JOIN documents d ON d.id = v.document_id
         WHERE d.contract_id = ? AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`,
      )
      .all(id) as Array<{ t: string }>;
    this.sql('DELETE FROM contracts_fts WHERE rowid = ?').run(r.rowid);
    this
      .sql('INSERT INTO contracts_fts (rowid, title, parties, tags, notes, body) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        r.rowid,
        indexText(`${r.title} ${r.contract_type}`),
        indexText(parties.map((p) => `${p.role} ${p.name} ${p.organisation} ${p.registration_number}`).join(' ')),
        indexText((JSON.parse(r.tags_json) as string[]).join(' ')),
        indexText(`${r.notes} ${r.owner}`),
        indexText(texts.map((t) => t.t).join('\n')),
      );
  }
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export { Party };
