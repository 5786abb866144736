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

const SUMMARY_COLUMNS =
  'c.id, c.title, c.contract_type, c.status, c.tags_json, c.party_names_json, c.value_amount, c.value_currency, c.expiry_date, c.updated_at';
/** rowid, then SUMMARY_COLUMNS in order. */
type SummaryTuple = [number, string, string, string, ContractStatus, string, string, string | null, string | null, string | null, string];

/**
 * Sort keys of plain lists. None is ever NULL (a contract without a value sorts as -1e300, below
 * every amount, exactly where NULL sorted), and each has an index shaped like `ORDER BY key, rowid`,
 * so a page is an index walk that can also start from a remembered (key, rowid) position.
 */
const LIST_SORT_SQL: Record<ListSort, string> = {
  updated: 'c.updated_at',
  title: 'c.title COLLATE NOCASE',
  expiry: "coalesce(c.expiry_date, '9999-12-31')",
  value: 'coalesce(CAST(c.value_amount AS REAL), -1e300)',
};
type ListSort = 'updated' | 'title' | 'expiry' | 'value';

/** Sort keys of a text search's window, compared in JS (see `sortWindow`). */
const SEARCH_SORT_SQL: Record<ListSort, string> = {
  updated: 'c.updated_at',
  title: 'c.title COLLATE NOCASE',
  expiry: "coalesce(c.expiry_date, '9999-12-31')",
  value: 'CAST(c.value_amount AS REAL)',
};

const BM25 = '-bm25(contracts_fts, 10.0, 5.0, 5.0, 2.0, 1.0)';

/**
 * A list remembers the sort key and rowid of every LIST_ANCHOR_EVERY-th row of its order (per
 * filter, sort and direction), so a page at any offset seeks to the nearest anchor and skips fewer
 * than this many rows before its first one, instead of counting off the whole offset. Skipping is
 * cheap (an index walk inside SQLite); finding each anchor costs a statement or two, so the interval
 * is wide: 100,000 contracts need 49 anchors, and the deepest page walks at most 2,247 index entries.
 */
export const LIST_ANCHOR_EVERY = 2048;
/** Lists (anchors, totals) and ranked search windows remembered until the next change to the database. */
const CACHED_QUERIES = 32;

type Anchor = [key: string | number, rowid: number];
interface ListAnchors {
  anchors: Anchor[];
  /** True once the walk reached the end of the order. */
  complete: boolean;
}
interface ListShape {
  filters: string[];
  params: unknown[];
  sort: ListSort;
  dir: 'ASC' | 'DESC';
}

/**
 * The contract library: contracts, their parties, documents and immutable versions, search and
 * reminders, over one SQLite database and one content-addressed document store in the data folder.
 * Every change runs in a transaction together with its audit entry.
 */
export class Library {
  readonly db: Db;
  readonly store: DocumentStore;
  readonly actor: string;
  /** Rows between list anchors (LIST_ANCHOR_EVERY; tests use fewer to have many anchors). */
  private readonly anchorEvery: number;

  constructor(
    readonly dataDir: string,
    options: { actor?: string; db?: Db; listAnchorEvery?: number } = {},
  ) {
    this.db = options.db ?? openDatabase(path.join(dataDir, 'library.sqlite'));
    this.store = new DocumentStore(path.join(dataDir, 'documents'));
    this.actor = options.actor ?? 'local-user';
    this.anchorEvery = options.listAnchorEvery ?? LIST_ANCHOR_EVERY;
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
      ).run(
        id,
        f.title,
        f.contractType,
        status,
        f.value?.amount ?? null,
        f.value?.currency ?? null,
        f.effectiveDate,
        f.expiryDate,
        f.renewalDate,
        f.owner,
        f.notes,
        JSON.stringify(f.tags),
        at,
        at,
      );
      this.writeTags(id, f.tags);
      const partyIds = parties.map((p, position) => this.insertParty(id, position, p));
      this.touchParties(id, at);
      appendAudit(this.db, {
        actor: this.actor,
        contractId: id,
        action: 'contract.created',
        details: { fields: f, status, parties: parties.map((p, i) => ({ partyId: partyIds[i], ...p })) },
        at,
      });
    })();
    return this.getContract(id);
  }

  getContract(id: string): Contract {
    const row = this.row(id);
    const parties = this.sql('SELECT * FROM parties WHERE contract_id = ? ORDER BY position').all(id) as Array<Record<string, string | number>>;
    const docs = this.sql('SELECT * FROM documents WHERE contract_id = ? ORDER BY created_at, rowid').all(id) as Array<{
      id: string;
      name: string;
      created_at: string;
    }>;
    const versionsStmt = this.sql(
      'SELECT v.*, x.verdict FROM versions v LEFT JOIN verifications x ON x.version_id = v.id WHERE v.document_id = ? ORDER BY v.number',
    );
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
      this.sql(
        `UPDATE contracts SET title = ?, contract_type = ?, value_amount = ?, value_currency = ?, effective_date = ?, expiry_date = ?,
             renewal_date = ?, owner = ?, notes = ?, tags_json = ?, updated_at = ? WHERE id = ?`,
      ).run(
        next.title,
        next.contractType,
        next.value?.amount ?? null,
        next.value?.currency ?? null,
        next.effectiveDate,
        next.expiryDate,
        next.renewalDate,
        next.owner,
        next.notes,
        JSON.stringify(next.tags),
        at,
        id,
      );
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
      const res = this.sql(
        'UPDATE parties SET role = ?, name = ?, organisation = ?, registration_number = ?, contact = ? WHERE id = ? AND contract_id = ?',
      ).run(party.role, party.name, party.organisation, party.registrationNumber, party.contact, partyId, contractId);
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
      appendAudit(this.db, {
        actor: this.actor,
        contractId: doc.contract_id,
        action: 'version.added',
        details: { documentId, versionId, number: n, sha256: version.sha256, origin: version.origin },
        at,
      });
    })();
    return versionId;
  }

  /** Keep the latest verification of a version (replacing an older one) and audit the verdict. */
  recordVerification(versionId: string, result: { verdict: 'valid' | 'invalid' | 'indeterminate'; verifiedAt: string }, resultJson: string): void {
    this.db.transaction(() => {
      const v = this.version(versionId);
      this.sql('INSERT OR REPLACE INTO verifications (version_id, verified_at, verdict, result_json) VALUES (?, ?, ?, ?)').run(
        versionId,
        result.verifiedAt,
        result.verdict,
        resultJson,
      );
      appendAudit(this.db, {
        actor: this.actor,
        contractId: v.contractId,
        action: 'version.verified',
        details: { versionId, sha256: v.sha256, verdict: result.verdict },
      });
    })();
  }

  /** The contract holding a version with these bytes, if the library already has them. */
  findBySha256(sha256: string): { contractId: string; versionId: string } | null {
    const row = this.sql(
      'SELECT d.contract_id AS contractId, v.id AS versionId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = ? LIMIT 1',
    ).get(sha256) as { contractId: string; versionId: string } | undefined;
    return row ?? null;
  }

  version(versionId: string): { name: string; sha256: string; contractId: string } {
    const row = this.sql(
      'SELECT d.name AS name, v.sha256 AS sha256, d.contract_id AS contractId FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?',
    ).get(versionId) as { name: string; sha256: string; contractId: string } | undefined;
    if (!row) throw new InkstoneError('VERSION_NOT_FOUND', { id: versionId });
    return row;
  }

  // ---- search ----------------------------------------------------------------------------------

  /**
   * Search and list. Without text it is an index walk in the chosen order with an exact total,
   * starting from the nearest cached anchor. With text, the newest SEARCH_WINDOW matches are ranked
   * by bm25 (title weighs most, then parties and tags) or sorted by the chosen key; the ranked
   * window is kept until the database changes, so further pages of the same search are slices.
   */
  search(query: z.input<typeof SearchQuery>): SearchResult {
    const started = performance.now();
    const q = SearchQuery.parse(query);
    const match = q.text ? buildMatchExpression(q.text) : null;
    if (q.text && !match) return { total: 0, totalIsExact: true, hits: [], tookMs: performance.now() - started };
    const { filters, params } = contractFilterSql(q);
    const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
    const generation = this.generation();

    if (!match) {
      const shape: ListShape = { filters, params, sort: q.sort === 'relevance' ? 'updated' : q.sort, dir };
      const { total, rowids } = this.listPage(shape, q.offset, q.limit, generation);
      return { total, totalIsExact: true, hits: this.hitsFor(rowids, null), tookMs: performance.now() - started };
    }

    const window = this.rankedWindow(match, filters, params, q.sort, dir, generation);
    const page = window.slice(q.offset, q.offset + q.limit);
    const hits = this.hitsFor(
      page.map((w) => w[0]),
      q.sort === 'relevance' ? page.map((w) => Number(w[1])) : null,
    );
    return { total: window.length, totalIsExact: window.length < SEARCH_WINDOW, hits, tookMs: performance.now() - started };
  }

  tags(): Array<{ tag: string; count: number }> {
    return this.sql('SELECT tag, count(*) AS count FROM contract_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 500').all() as Array<{
      tag: string;
      count: number;
    }>;
  }

  audit(contractId: string): { events: AuditEvent[]; chainIntact: boolean } {
    this.row(contractId);
    return { events: auditEventsFor(this.db, contractId), chainIntact: verifyAuditChain(this.db).intact };
  }

  // ---- reminders -------------------------------------------------------------------------------

  /** Expiry and renewal dates from `today` up to `horizonDays` ahead, soonest first; past-due live contracts too. */
  reminders(today: string, horizonDays: number): Reminder[] {
    const until = addDays(today, horizonDays);
    const rows = this.sql(
      `SELECT id, title, 'expiry' AS kind, expiry_date AS date FROM contracts
           WHERE expiry_date IS NOT NULL AND expiry_date <= ? AND status NOT IN ('archived','terminated')
         UNION ALL
         SELECT id, title, 'renewal' AS kind, renewal_date AS date FROM contracts
           WHERE renewal_date IS NOT NULL AND renewal_date <= ? AND renewal_date >= ? AND status NOT IN ('archived','terminated')
         ORDER BY date, title`,
    ).all(until, until, addDays(today, -horizonDays)) as Array<{ id: string; title: string; kind: 'expiry' | 'renewal'; date: string }>;
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

  private readonly cache = new Map<string, unknown>();
  private cacheGeneration: string | null = null;

  /**
   * Identifies the database's contents: every row this connection changes (the Library's own writes,
   * or anyone's through `db`) moves `total_changes()`, and every commit by another connection (the
   * CLI beside the app) moves `data_version`. Null inside a transaction, whose changes may still be
   * rolled back: then nothing is cached or read from the cache.
   */
  private generation(): string | null {
    if (this.db.inTransaction) return null;
    const g = this.sql('SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v').get() as { t: number; v: number };
    const generation = `${g.t}:${g.v}`;
    if (generation !== this.cacheGeneration) {
      this.cache.clear();
      this.cacheGeneration = generation;
    }
    return generation;
  }

  private cached<V>(generation: string | null, key: string, compute: () => V): V {
    if (generation === null) return compute();
    if (this.cache.has(key)) {
      const value = this.cache.get(key) as V;
      this.cache.delete(key);
      this.cache.set(key, value);
      return value;
    }
    const value = compute();
    this.cache.set(key, value);
    if (this.cache.size > CACHED_QUERIES) this.cache.delete(this.cache.keys().next().value as string);
    return value;
  }

  /** The rowids of one list page in `ORDER BY key dir, rowid dir` order, and the list's total. */
  private listPage(shape: ListShape, offset: number, limit: number, generation: string | null): { total: number; rowids: number[] } {
    const { filters, params, sort, dir } = shape;
    const key = LIST_SORT_SQL[sort];
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const filterKey = JSON.stringify([filters, params]);
    const total = this.cached(generation, `count ${filterKey}`, () =>
      filters.length
        ? (this.sql(`SELECT count(*) AS n FROM contracts c ${where}`).get(...params) as { n: number }).n
        : (this.sql('SELECT n FROM contract_count WHERE id = 1').get() as { n: number }).n,
    );
    if (offset >= total) return { total, rowids: [] };
    const order = `ORDER BY ${key} ${dir}, c.rowid ${dir}`;
    const nth = Math.floor(offset / this.anchorEvery);
    if (nth === 0 || generation === null) {
      const rowids = this.sql(`SELECT c.rowid FROM contracts c ${where} ${order} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...params, limit, offset) as number[];
      return { total, rowids };
    }
    const state = this.cached<ListAnchors>(generation, `anchors ${sort} ${dir} ${filterKey}`, () => ({ anchors: [], complete: false }));
    if (!this.anchorAt(shape, state, nth)) return { total, rowids: [] };
    return { total, rowids: this.seek(shape, state, nth, offset - nth * this.anchorEvery, limit).map((a) => a[1]) };
  }

  /**
   * The nth anchor (the row at position nth × anchorEvery). The first time any is needed, one walk
   * finds them all — one pause per list and database state, however the pages are then visited.
   */
  private anchorAt(shape: ListShape, state: ListAnchors, nth: number): Anchor | undefined {
    const { filters, params, sort, dir } = shape;
    if (!state.anchors.length && !state.complete) {
      const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
      const first = this.sql(
        `SELECT ${LIST_SORT_SQL[sort]} AS k, c.rowid AS rid FROM contracts c ${where} ORDER BY ${LIST_SORT_SQL[sort]} ${dir}, c.rowid ${dir} LIMIT 1`,
      )
        .raw(true)
        .get(...params) as Anchor | undefined;
      if (first) state.anchors.push(first);
      else state.complete = true;
    }
    while (!state.complete) {
      const [next] = this.seek(shape, state, state.anchors.length - 1, this.anchorEvery, 1);
      if (next) state.anchors.push(next);
      else state.complete = true;
    }
    return state.anchors[nth];
  }

  /**
   * Rows [skip, skip + take) of the order counted from anchor `nth` (inclusive), as (key, rowid). Two
   * index range walks: the anchor's own key from its rowid on, then the keys beyond it — so a long
   * run of equal keys (contracts without an expiry date) is entered at the anchor, not at its start.
   * (One walk from the key with the earlier rowids filtered out costs more: the filter runs on every
   * entry skipped.)
   */
  private seek(shape: ListShape, state: ListAnchors, nth: number, skip: number, take: number): Anchor[] {
    const { filters, params, sort, dir } = shape;
    const key = LIST_SORT_SQL[sort];
    const anchor = state.anchors[nth];
    const and = filters.map((f) => ` AND ${f}`).join('');
    const beyond = dir === 'ASC' ? '>' : '<';
    const wanted = skip + take;
    const sameKey = this.sql(
      `SELECT ${key} AS k, c.rowid AS rid FROM contracts c WHERE ${key} = ? AND c.rowid ${beyond}= ?${and} ORDER BY c.rowid ${dir} LIMIT ?`,
    )
      .raw(true)
      .all(anchor[0], anchor[1], ...params, wanted) as Anchor[];
    const fromSame = sameKey.slice(skip);
    if (sameKey.length >= wanted) return fromSame;
    const rest = this.sql(
      `SELECT ${key} AS k, c.rowid AS rid FROM contracts c WHERE ${key} ${beyond} ?${and} ORDER BY ${key} ${dir}, c.rowid ${dir} LIMIT ? OFFSET ?`,
    )
      .raw(true)
      .all(anchor[0], ...params, take - fromSame.length, Math.max(0, skip - sameKey.length)) as Anchor[];
    return fromSame.concat(rest);
  }

  /**
   * The newest SEARCH_WINDOW matches (FTS5 walks rowids newest first and stops), filtered as they
   * stream, in result order, as (rowid, key). CROSS JOIN keeps SQLite from driving the join from the
   * contracts table instead. Relevance is ordered in SQL (best first, ties newest first); the other
   * keys by `sortWindow`.
   */
  private rankedWindow(
    match: string,
    filters: string[],
    params: unknown[],
    sort: z.output<typeof SearchQuery>['sort'],
    dir: 'ASC' | 'DESC',
    generation: string | null,
  ): Array<[number, number | string | null]> {
    const filterSql = filters.map((f) => ` AND ${f}`).join('');
    const needsJoin = filters.length > 0 || sort !== 'relevance';
    return this.cached(generation, `text ${JSON.stringify([match, filters, params, sort, dir])}`, () => {
      const key = sort === 'relevance' ? BM25 : SEARCH_SORT_SQL[sort];
      const window = `SELECT f.rowid AS rid, ${key} AS k FROM contracts_fts f ${needsJoin ? 'CROSS JOIN contracts c ON c.rowid = f.rowid' : ''}
         WHERE contracts_fts MATCH ?${filterSql} ORDER BY f.rowid DESC LIMIT ${SEARCH_WINDOW}`;
      if (sort === 'relevance') {
        return this.sql(`SELECT rid, k FROM (${window}) ORDER BY k ${dir}, rid DESC`)
          .raw(true)
          .all(match, ...params) as Array<[number, number]>;
      }
      return sortWindow(
        this.sql(window)
          .raw(true)
          .all(match, ...params) as Array<[number, number | string | null]>,
        dir,
      );
    });
  }

  /**
   * The list rows of these contracts, in this order (a rowid without a contract, such as a search
   * row left behind by a deleted contract, is skipped), with their scores or 0.
   */
  private hitsFor(rowids: number[], scores: number[] | null): SearchHit[] {
    if (!rowids.length) return [];
    const rows = this.sql(`SELECT c.rowid, ${SUMMARY_COLUMNS} FROM contracts c WHERE c.rowid IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(JSON.stringify(rowids)) as SummaryTuple[];
    const byRowid = new Map<number, SummaryTuple>();
    for (const r of rows) byRowid.set(r[0], r);
    const hits: SearchHit[] = [];
    for (let i = 0; i < rowids.length; i++) {
      const r = byRowid.get(rowids[i]);
      if (!r) continue;
      hits.push({
        score: scores ? scores[i] : 0,
        id: r[1],
        title: r[2],
        contractType: r[3],
        status: r[4],
        tags: JSON.parse(r[5]) as string[],
        parties: JSON.parse(r[6]) as string[],
        value: r[7] !== null && r[8] !== null ? { amount: r[7], currency: r[8] } : null,
        expiryDate: r[9],
        updatedAt: r[10],
      });
    }
    return hits;
  }

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
    const names = (
      this.sql('SELECT name, organisation FROM parties WHERE contract_id = ? ORDER BY position').all(contractId) as Array<{
        name: string;
        organisation: string;
      }>
    ).map((p) => p.organisation || p.name);
    this.sql('UPDATE contracts SET party_names_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(names), at, contractId);
    this.reindex(contractId);
  }

  private insertVersion(documentId: string, versionId: string, n: number, v: NewVersion, at: string): void {
    this.sql(
      `INSERT INTO versions (id, document_id, number, sha256, size, page_count, signature_field_count, origin, text_content, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(versionId, documentId, n, v.sha256, v.size, v.pageCount, v.signatureFieldCount, v.origin, v.text, at);
  }

  /** Rebuild the contract's search row from its current fields, parties and latest document texts. */
  private reindex(id: string): void {
    const r = this.row(id);
    const parties = this.sql('SELECT role, name, organisation, registration_number FROM parties WHERE contract_id = ? ORDER BY position').all(id) as Array<
      Record<string, string>
    >;
    const texts = this.sql(
      `SELECT v.text_content AS t FROM versions v JOIN documents d ON d.id = v.document_id
         WHERE d.contract_id = ? AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`,
    ).all(id) as Array<{ t: string }>;
    this.sql('DELETE FROM contracts_fts WHERE rowid = ?').run(r.rowid);
    this.sql('INSERT INTO contracts_fts (rowid, title, parties, tags, notes, body) VALUES (?, ?, ?, ?, ?, ?)').run(
      r.rowid,
      indexText(`${r.title} ${r.contract_type}`),
      indexText(parties.map((p) => `${p.role} ${p.name} ${p.organisation} ${p.registration_number}`).join(' ')),
      indexText((JSON.parse(r.tags_json) as string[]).join(' ')),
      indexText(`${r.notes} ${r.owner}`),
      indexText(texts.map((t) => t.t).join('\n')),
    );
  }
}

/** `a.localeCompare(b)` without locales or options is this collator's compare, minus a lookup per call. */
const collator = new Intl.Collator();

/**
 * A text search's window sorted by a contract field: numbers by value, anything else (text, or a
 * missing value as '') as localeCompare orders it; ties newest first whatever the direction.
 */
function sortWindow(window: Array<[number, number | string | null]>, dir: 'ASC' | 'DESC'): Array<[number, number | string | null]> {
  const sign = dir === 'ASC' ? 1 : -1;
  return window.sort(([ra, a], [rb, b]) => {
    const ka = a ?? '';
    const kb = b ?? '';
    const byKey = typeof ka === 'string' || typeof kb === 'string' ? collator.compare(String(ka), String(kb)) : ka - kb;
    return byKey !== 0 ? sign * byKey : rb - ra;
  });
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

/** The WHERE conditions (over `contracts c`) and parameters of a query's filters. Exported for the paging tests' reference queries. */
export function contractFilterSql(q: SearchQuery): { filters: string[]; params: unknown[] } {
  const filters: string[] = [];
  const params: unknown[] = [];
  if (q.status?.length) {
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
  return { filters, params };
}
