/**
 * Drafts in the library database. A draft's state is a Yjs document kept as the latest snapshot
 * plus the updates appended since (one row per autosave, never the whole draft rewritten per
 * keystroke). Every COMPACT_AFTER updates, or once they weigh COMPACT_AFTER_BYTES, they are merged
 * into a new snapshot inside the same transaction as the update that crossed the line. Versions
 * hold the whole state at one moment: named ones the person saves, automatic ones while editing.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { Contract, DraftSession, DraftVersion, Language } from '../../../src-shared/api/index.js';
import {
  blankDraft,
  draftJSON,
  draftLanguage,
  newDraftYDoc,
  recordDraftVariables,
  toPlainDraft,
  type DraftNodeJSON,
  type DraftVariables,
  type PlainDraft,
  type PlainParty,
} from '../../../src-shared/drafting/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { appendAudit } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';
import type { Library } from '../library/index.js';
import { queueDraftEdit, type DraftEditPayload } from './draft-outbox.js';

/** Updates merged into a snapshot once this many are waiting… */
export const COMPACT_AFTER = 200;
/** …or once they weigh this much. */
export const COMPACT_AFTER_BYTES = 256 * 1024;
/** An automatic version is kept when an edit arrives this long after the latest version. */
export const AUTOMATIC_VERSION_EVERY_MS = 10 * 60 * 1000;

interface DraftRow {
  id: string;
  contract_id: string;
  language: string;
  cursor_unit: string;
}
interface VersionRow {
  id: string;
  number: number;
  name: string;
  kind: 'named' | 'automatic';
  created_at: string;
}

/** A contract's parties as the draft's party atoms and signature blocks carry them. */
export const draftParties = (contract: Contract): PlainParty[] =>
  contract.parties.map((p) => ({ partyId: p.id, role: p.role, name: p.name, organisation: p.organisation, registrationNumber: p.registrationNumber }));

/** Refuses bytes that do not parse as a Yjs update, before anything is written. */
function checkUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch (err) {
    throw new InkstoneError('DRAFT_UPDATE_INVALID', { reason: (err as Error).message?.slice(0, 200) ?? 'unreadable' });
  }
}

const newId = () => randomBytes(16).toString('hex');

export interface DraftsOptions {
  /** The clock (tests move it to see automatic versions). */
  now?: () => Date;
  compactAfter?: number;
}

export class Drafts {
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly compactAfter: number;

  constructor(
    private readonly library: Library,
    options: DraftsOptions = {},
  ) {
    this.db = library.db;
    this.now = options.now ?? (() => new Date());
    this.compactAfter = options.compactAfter ?? COMPACT_AFTER;
  }

  private sql(text: string) {
    return statement(this.db, text);
  }

  private row(contractId: string): DraftRow {
    const row = this.sql('SELECT id, contract_id, language, cursor_unit FROM drafts WHERE contract_id = ?').get(contractId) as DraftRow | undefined;
    if (!row) {
      this.library.getContract(contractId); // CONTRACT_NOT_FOUND first, if that is the reason
      throw new InkstoneError('DRAFT_NOT_FOUND', { contractId });
    }
    return row;
  }

  private rowById(draftId: string): DraftRow {
    const row = this.sql('SELECT id, contract_id, language, cursor_unit FROM drafts WHERE id = ?').get(draftId) as DraftRow | undefined;
    if (!row) throw new InkstoneError('DRAFT_NOT_FOUND', { contractId: draftId });
    return row;
  }

  /** The draft's whole state: its snapshot and every update after it, merged into one update. */
  private state(draftId: string): { state: Uint8Array; seq: number } {
    const snap = this.sql('SELECT upto_seq, state FROM draft_snapshots WHERE draft_id = ?').get(draftId) as { upto_seq: number; state: Buffer };
    const updates = this.sql('SELECT seq, data FROM draft_updates WHERE draft_id = ? AND seq > ? ORDER BY seq').all(draftId, snap.upto_seq) as {
      seq: number;
      data: Buffer;
    }[];
    const state = updates.length ? Y.mergeUpdates([snap.state, ...updates.map((u) => u.data)]) : new Uint8Array(snap.state);
    return { state, seq: updates.length ? updates[updates.length - 1].seq : snap.upto_seq };
  }

  /**
   * A new draft for a contract without one, written with its snapshot and a first automatic
   * version: blank (title, parties, one article, signature blocks) unless `initial` gives the
   * document (a template filled in, an imported file). `initial` is checked against the schema.
   * `variables` (a template's, with their values) are kept in the draft for the variables panel.
   */
  create(contractId: string, language: Language, initial?: DraftNodeJSON, variables?: DraftVariables): DraftSession {
    const contract = this.library.getContract(contractId);
    if (this.sql('SELECT 1 FROM drafts WHERE contract_id = ?').get(contractId)) throw new InkstoneError('DRAFT_EXISTS', { contractId });
    const parties = draftParties(contract);
    const ydoc = newDraftYDoc(initial ?? blankDraft({ title: contract.title, parties }), language);
    if (variables?.specs.length) recordDraftVariables(ydoc, variables.specs, variables.values);
    const state = Y.encodeStateAsUpdate(ydoc);
    const id = newId();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.sql('INSERT INTO drafts (id, contract_id, language, cursor_unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        id,
        contractId,
        language,
        '',
        at,
        at,
      );
      this.sql('INSERT INTO draft_snapshots (draft_id, upto_seq, state, created_at) VALUES (?, 0, ?, ?)').run(id, state, at);
      this.insertVersion(id, '', 'automatic', 0, state, at);
      appendAudit(this.db, { actor: this.library.actor, contractId, action: 'draft.created', details: { draftId: id, language }, at });
      queueDraftEdit(this.db, { contractId, draftId: id, language, seq: 0, update: state, at });
    })();
    return { draftId: id, contractId, language, stateBase64: Buffer.from(state).toString('base64'), cursorUnitId: '' };
  }

  open(contractId: string): DraftSession {
    const row = this.row(contractId);
    const { state } = this.state(row.id);
    return {
      draftId: row.id,
      contractId,
      language: row.language as Language,
      stateBase64: Buffer.from(state).toString('base64'),
      cursorUnitId: row.cursor_unit,
    };
  }

  /**
   * Appends one autosaved update (and where the cursor is). The update must parse as a Yjs update;
   * nothing is written otherwise. Compacts and keeps an automatic version when due.
   */
  applyUpdate(draftId: string, update: Uint8Array, cursorUnitId?: string): void {
    const row = this.rowById(draftId);
    checkUpdate(update);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const seq = this.append(row, update, at, cursorUnitId);
      queueDraftEdit(this.db, { contractId: row.contract_id, draftId, language: row.language as Language, seq, update, at });
    })();
  }

  /** Stores one update after the others; returns its number. Call inside a transaction. */
  private append(row: DraftRow, update: Uint8Array, at: string, cursorUnitId?: string): number {
    const last = this.sql(
      'SELECT coalesce(max(seq), (SELECT upto_seq FROM draft_snapshots WHERE draft_id = ?)) AS seq FROM draft_updates WHERE draft_id = ?',
    ).get(row.id, row.id) as { seq: number };
    const seq = last.seq + 1;
    this.sql('INSERT INTO draft_updates (draft_id, seq, data, created_at) VALUES (?, ?, ?, ?)').run(row.id, seq, update, at);
    this.sql('UPDATE drafts SET updated_at = ?, cursor_unit = coalesce(?, cursor_unit) WHERE id = ?').run(at, cursorUnitId ?? null, row.id);
    this.compactIfDue(row.id, at);
    this.automaticVersionIfDue(row, at);
    return seq;
  }

  /**
   * Another desktop's edits of this contract's draft, applied by sync (inside the pull's
   * transaction): merged through the CRDT, so both sides' text survives in any order. Only what
   * this copy lacks is stored — an entry received again stores nothing. A contract without a draft
   * here gets the sender's (its id and language). Never queued back. Returns whether anything changed.
   */
  mergeTeamEdit(contractId: string, edit: DraftEditPayload, at: string, person: string): boolean {
    const update = new Uint8Array(Buffer.from(edit.updateBase64, 'base64'));
    checkUpdate(update);
    const existing = this.sql('SELECT id, contract_id, language, cursor_unit FROM drafts WHERE contract_id = ?').get(contractId) as DraftRow | undefined;
    if (!existing) {
      this.sql('INSERT INTO drafts (id, contract_id, language, cursor_unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        edit.draftId,
        contractId,
        edit.language,
        '',
        at,
        at,
      );
      this.sql('INSERT INTO draft_snapshots (draft_id, upto_seq, state, created_at) VALUES (?, 0, ?, ?)').run(edit.draftId, update, at);
      this.insertVersion(edit.draftId, '', 'automatic', 0, update, at);
      appendAudit(this.db, {
        actor: person,
        contractId,
        action: 'draft.created',
        details: { draftId: edit.draftId, language: edit.language },
        at,
        replicated: true,
      });
      return true;
    }
    const ydoc = new Y.Doc();
    try {
      Y.applyUpdate(ydoc, this.state(existing.id).state);
      // What the arriving update adds here, exactly: Yjs reports a transaction's new content only.
      let added: Uint8Array | null = null;
      ydoc.on('update', (u: Uint8Array) => (added = added ? Y.mergeUpdates([added, u]) : u));
      Y.applyUpdate(ydoc, update);
      // Parts waiting for edits not seen yet are kept whole, to be completed by a later entry.
      const waiting = ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null;
      const store = waiting ? (added ? Y.mergeUpdates([added, update]) : update) : added;
      if (!store) return false;
      this.append(existing, store, at);
      return true;
    } finally {
      ydoc.destroy();
    }
  }

  private compactIfDue(draftId: string, at: string): void {
    const waiting = this.sql(
      'SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM draft_updates WHERE draft_id = ? AND seq > (SELECT upto_seq FROM draft_snapshots WHERE draft_id = ?)',
    ).get(draftId, draftId) as { n: number; bytes: number };
    if (waiting.n < this.compactAfter && waiting.bytes < COMPACT_AFTER_BYTES) return;
    this.compact(draftId, at);
  }

  /** Merges the snapshot and the updates after it into a new snapshot (deleted text collected). */
  compact(draftId: string, at = this.now().toISOString()): void {
    const { state, seq } = this.state(draftId);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, state);
    this.sql('UPDATE draft_snapshots SET upto_seq = ?, state = ?, created_at = ? WHERE draft_id = ?').run(seq, Y.encodeStateAsUpdate(ydoc), at, draftId);
    this.sql('DELETE FROM draft_updates WHERE draft_id = ? AND seq <= ?').run(draftId, seq);
    ydoc.destroy();
  }

  private automaticVersionIfDue(row: DraftRow, at: string): void {
    const latest = this.sql('SELECT created_at FROM draft_versions WHERE draft_id = ? ORDER BY number DESC LIMIT 1').get(row.id) as
      { created_at: string } | undefined;
    if (latest && Date.parse(at) - Date.parse(latest.created_at) < AUTOMATIC_VERSION_EVERY_MS) return;
    const { state, seq } = this.state(row.id);
    this.insertVersion(row.id, '', 'automatic', seq, state, at);
  }

  private insertVersion(draftId: string, name: string, kind: 'named' | 'automatic', seq: number, state: Uint8Array, at: string): VersionRow {
    const { n } = this.sql('SELECT coalesce(max(number), 0) + 1 AS n FROM draft_versions WHERE draft_id = ?').get(draftId) as { n: number };
    const id = newId();
    this.sql('INSERT INTO draft_versions (id, draft_id, number, name, kind, upto_seq, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      draftId,
      n,
      name,
      kind,
      seq,
      state,
      at,
    );
    return { id, number: n, name, kind, created_at: at };
  }

  /** Keeps the draft as it is now under the person's name for it ("发给对方 v2"). */
  saveVersion(draftId: string, name: string): DraftVersion {
    const row = this.rowById(draftId);
    const at = this.now().toISOString();
    const version = this.db.transaction(() => {
      const { state, seq } = this.state(draftId);
      const v = this.insertVersion(draftId, name, 'named', seq, state, at);
      appendAudit(this.db, {
        actor: this.library.actor,
        contractId: row.contract_id,
        action: 'draft.version_saved',
        details: { draftId, number: v.number, name },
        at,
      });
      return v;
    })();
    return toVersion(version);
  }

  versions(contractId: string): DraftVersion[] {
    const row = this.row(contractId);
    const rows = this.sql('SELECT id, number, name, kind, created_at FROM draft_versions WHERE draft_id = ? ORDER BY number').all(row.id) as VersionRow[];
    return rows.map(toVersion);
  }

  /** The draft (now, or as a version kept it) as a Yjs document. */
  ydoc(contractId: string, versionId?: string): Y.Doc {
    const row = this.row(contractId);
    let state: Uint8Array;
    if (versionId) {
      const v = this.sql('SELECT state FROM draft_versions WHERE id = ? AND draft_id = ?').get(versionId, row.id) as { state: Buffer } | undefined;
      if (!v) throw new InkstoneError('DRAFT_VERSION_NOT_FOUND', { id: versionId });
      state = v.state;
    } else state = this.state(row.id).state;
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, state);
    return ydoc;
  }

  /** The plain form export reads: numbers, references and terms worked out. */
  plain(contractId: string, versionId?: string): PlainDraft {
    const ydoc = this.ydoc(contractId, versionId);
    try {
      return toPlainDraft(draftJSON(ydoc), draftLanguage(ydoc));
    } finally {
      ydoc.destroy();
    }
  }

  /** How the draft is stored now (tests and the bench look at compaction). */
  storage(contractId: string): { snapshotSeq: number; pendingUpdates: number } {
    const row = this.row(contractId);
    const snap = this.sql('SELECT upto_seq FROM draft_snapshots WHERE draft_id = ?').get(row.id) as { upto_seq: number };
    const { n } = this.sql('SELECT count(*) AS n FROM draft_updates WHERE draft_id = ?').get(row.id) as { n: number };
    return { snapshotSeq: snap.upto_seq, pendingUpdates: n };
  }
}

const toVersion = (r: VersionRow): DraftVersion => ({ id: r.id, number: r.number, name: r.name, kind: r.kind, createdAt: r.created_at });
