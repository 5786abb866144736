/**
 * The library database's schema, as numbered migrations. Each runs once, inside a transaction,
 * in order; a shipped migration is never edited — a change is a new migration. STRICT tables keep
 * SQLite from storing a string where a number belongs.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'contract library',
    sql: `
      CREATE TABLE contracts (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        contract_type TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('draft','in_review','signing','signed','archived','terminated')),
        value_amount TEXT,
        value_currency TEXT,
        effective_date TEXT,
        expiry_date TEXT,
        renewal_date TEXT,
        owner TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags_json TEXT NOT NULL DEFAULT '[]',
        party_names_json TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- One index per list order, shaped exactly like the ORDER BY (ties broken by rowid) so a page
      -- of the list is an index walk, never a sort of the whole table.
      CREATE INDEX contracts_updated ON contracts(updated_at);
      CREATE INDEX contracts_status_updated ON contracts(status, updated_at);
      CREATE INDEX contracts_title ON contracts(title COLLATE NOCASE);
      CREATE INDEX contracts_expiry_order ON contracts(coalesce(expiry_date, '9999-12-31'));
      CREATE INDEX contracts_value_order ON contracts(CAST(value_amount AS REAL));
      CREATE INDEX contracts_expiry ON contracts(expiry_date) WHERE expiry_date IS NOT NULL;
      CREATE INDEX contracts_renewal ON contracts(renewal_date) WHERE renewal_date IS NOT NULL;

      CREATE TABLE contract_tags (
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (contract_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contract_tags_tag ON contract_tags(tag);

      CREATE TABLE parties (
        id TEXT PRIMARY KEY,
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        organisation TEXT NOT NULL DEFAULT '',
        registration_number TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX parties_contract ON parties(contract_id, position);

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_contract ON documents(contract_id);

      -- A version is immutable: its bytes live in the content-addressed store under sha256.
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        signature_field_count INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('import','signing','drafting')),
        text_content TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (document_id, number)
      ) STRICT;
      CREATE INDEX versions_sha256 ON versions(sha256);

      -- Search index: one row per contract (rowid = contracts.rowid), CJK pre-split into bigrams.
      CREATE VIRTUAL TABLE contracts_fts USING fts5(
        title, parties, tags, notes, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Hash-chained audit trail of every change that matters legally.
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        contract_id TEXT,
        action TEXT NOT NULL,
        details_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_contract ON audit_events(contract_id, seq);

      -- Reminders already shown, so a desktop notification fires once per contract, kind and date.
      CREATE TABLE reminder_notices (
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        notified_at TEXT NOT NULL,
        PRIMARY KEY (contract_id, kind, date)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'verification results of signed versions',
    sql: `
      -- The latest verification of a stored version (import verifies signed PDFs automatically).
      CREATE TABLE verifications (
        version_id TEXT PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
        verified_at TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('valid','invalid','indeterminate')),
        result_json TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'value list order without NULL keys',
    sql: `
      -- The list seeks from cached (sort key, rowid) anchors, which needs a sort key that is never
      -- NULL. Contracts without a value sort first ascending and last descending, as NULL did:
      -- amounts are at most 15 integer digits, so -1e300 is below every real one.
      CREATE INDEX contracts_value_sort ON contracts(coalesce(CAST(value_amount AS REAL), -1e300));
      DROP INDEX contracts_value_order;
    `,
  },
  {
    version: 4,
    name: 'number of contracts kept by triggers',
    sql: `
      -- The total of an unfiltered list, without counting 100,000 index entries (the first list after
      -- opening would read every page of an index for it).
      CREATE TABLE contract_count (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT;
      INSERT INTO contract_count (id, n) SELECT 1, count(*) FROM contracts;
      CREATE TRIGGER contract_count_insert AFTER INSERT ON contracts BEGIN
        UPDATE contract_count SET n = n + 1 WHERE id = 1;
      END;
      CREATE TRIGGER contract_count_delete AFTER DELETE ON contracts BEGIN
        UPDATE contract_count SET n = n - 1 WHERE id = 1;
      END;
    `,
  },
  {
    version: 5,
    name: 'contract facts the person dismissed',
    sql: `
      -- Facts read from a contract's documents are offered until accepted or dismissed; a dismissal
      -- is kept so the same suggestion is not offered again (the key names the fact and its value).
      CREATE TABLE fact_dismissals (
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        fact_key TEXT NOT NULL,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (contract_id, fact_key)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  // The organisation and its seals (issue 9).
  {
    version: 6,
    name: 'organisation profile and seal library',
    sql: `
      -- The one organisation that signs with this library; company seals are generated from it.
      CREATE TABLE organisation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        legal_name TEXT NOT NULL,
        credit_code TEXT NOT NULL DEFAULT '',
        legal_representative TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Company seals and personal signatures; the file is seals/<sha256>.<svg|png> in the data
      -- folder. Never deleted: a disabled seal keeps its row so signatures made with it stay traceable.
      CREATE TABLE seals (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('seal','signature')),
        origin TEXT NOT NULL CHECK (origin IN ('generated','imported','drawn','typed')),
        format TEXT NOT NULL CHECK (format IN ('round','svg','png')),
        seal_type TEXT,
        seal_text TEXT,
        width_mm REAL NOT NULL,
        height_mm REAL NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT
      ) STRICT;
      CREATE INDEX seals_created ON seals(created_at);
    `,
  },
  // Signing in the app (issue 9)
  {
    version: 7,
    name: 'original document identifier of a version',
    sql: `
      -- A PDF keeps the first entry of its /ID across incremental updates and re-saves: an imported
      -- copy with the same identifier is a later version of the stored document, not a new contract.
      ALTER TABLE versions ADD COLUMN original_id TEXT;
      CREATE INDEX versions_original_id ON versions(original_id) WHERE original_id IS NOT NULL;
      CREATE INDEX versions_size ON versions(size);
    `,
  },
  // placements (viewer, issue 9)
  {
    version: 8,
    name: 'where versions will be stamped',
    sql: `
      -- The boxes a person placed on a version before signing it, as one validated JSON value.
      CREATE TABLE version_placements (
        version_id TEXT PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
        placements_json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  // --- drafting (issue 10) ---
  {
    version: 9,
    name: 'drafts as Yjs updates, snapshots and versions',
    sql: `
      -- A contract's draft. Its state is a Yjs document: the latest snapshot (every update up to
      -- upto_seq merged) plus the updates appended after it, so a keystroke is one small insert and
      -- a compaction rewrites the snapshot only every few hundred updates.
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        contract_id TEXT NOT NULL UNIQUE REFERENCES contracts(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        cursor_unit TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE draft_snapshots (
        draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        upto_seq INTEGER NOT NULL,
        state BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE draft_updates (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (draft_id, seq)
      ) STRICT;
      -- Named versions ("发给对方 v2") and automatic ones: the whole state at that moment.
      CREATE TABLE draft_versions (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('named', 'automatic')),
        upto_seq INTEGER NOT NULL,
        state BLOB NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (draft_id, number)
      ) STRICT;
    `,
  },
  // ── sync (issue 11) ──
  {
    version: 10,
    name: 'sync with the evidence service: outbox, cursor, uploads, field clocks, conflicts',
    sql: `
      -- This desktop's id: the prefix of every change key it sends, so a change pulled back is known as its own.
      CREATE TABLE sync_device (id INTEGER PRIMARY KEY CHECK (id = 1), device_id TEXT NOT NULL) STRICT;
      INSERT INTO sync_device (id, device_id) VALUES (1, lower(hex(randomblob(12))));

      -- Every change the library records, queued in the same transaction as the change and its audit
      -- entry; done only once the service has acknowledged it with its number (acked_seq).
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,
        change_key TEXT NOT NULL UNIQUE,
        audit_seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        contract_id TEXT NOT NULL,
        at TEXT NOT NULL,
        details_json TEXT NOT NULL,
        acked_seq INTEGER,
        acked_at TEXT
      ) STRICT;
      CREATE INDEX sync_outbox_pending ON sync_outbox(seq) WHERE acked_seq IS NULL;
      CREATE INDEX sync_outbox_contract ON sync_outbox(contract_id) WHERE acked_seq IS NULL;

      -- The pull cursor, the last success and the last error.
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;

      -- Documents on their way to (or already in) the service, by content: an interrupted upload resumes.
      CREATE TABLE sync_documents (
        sha256 TEXT PRIMARY KEY,
        upload_id TEXT,
        service_document_id TEXT
      ) STRICT, WITHOUT ROWID;

      -- The service's number of the write each contract field holds: later numbers win, per field.
      CREATE TABLE sync_field_clocks (
        contract_id TEXT NOT NULL,
        field TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (contract_id, field)
      ) STRICT, WITHOUT ROWID;

      -- Concurrent edits of one field: the value kept, the value that lost, and whose it was.
      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        kept_json TEXT NOT NULL,
        lost_json TEXT NOT NULL,
        lost_by TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_conflicts_contract ON sync_conflicts(contract_id);
    `,
  },
  // ── evidence receipts per version (issue 11) ──
  {
    version: 11,
    name: 'evidence receipts of synced versions',
    sql: `
      -- One evidence entry per version: how it was logged ('document': the entry the service made when
      -- it kept the bytes; 'commitment': privacy mode, only SHA-256(salt ‖ hash) left this desktop and
      -- the salt is kept here), its number once known, the receipt once a checkpoint covers it, and
      -- the retention and legal hold the service last reported for the document.
      CREATE TABLE sync_evidence (
        version_id TEXT PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
        mode TEXT NOT NULL CHECK (mode IN ('document', 'commitment')),
        salt TEXT,
        evidence_number TEXT,
        receipt_json TEXT,
        retain_until TEXT,
        legal_hold INTEGER,
        service_checked_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  // ── clause library (issue 10) ──
  {
    version: 12,
    name: 'clause library: clauses, their revisions, search and where they are used',
    sql: `
      -- A clause is its revisions: an edit adds one and moves current_revision, never rewriting an old
      -- one. Drafts hold a copy of the revision they inserted, so an edit here changes none of them.
      CREATE TABLE clauses (
        id TEXT PRIMARY KEY,
        current_revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE clause_revisions (
        clause_id TEXT NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        title TEXT NOT NULL,
        tags_json TEXT NOT NULL,
        language TEXT NOT NULL,
        position TEXT NOT NULL CHECK (position IN ('standard', 'fallback')),
        blocks_json TEXT NOT NULL,
        variables_json TEXT NOT NULL,
        text TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (clause_id, revision)
      ) STRICT;
      -- The current revision's words (CJK as bigrams, like contracts_fts), rowid = clauses.rowid.
      CREATE VIRTUAL TABLE clauses_fts USING fts5(title, tags, body, tokenize = 'unicode61 remove_diacritics 2');
      -- Each insertion into a contract's draft, with the revision copied.
      CREATE TABLE clause_uses (
        id INTEGER PRIMARY KEY,
        clause_id TEXT NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        contract_id TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        inserted_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clause_uses_clause ON clause_uses(clause_id, inserted_at);
    `,
  },
  // Offline signatures upgraded on sync (issue 11).
  {
    version: 13,
    name: 'offline signatures upgraded on sync',
    sql: `
      -- Per version signed here at B-B: waiting (with the last failure) or done (with the version that proves its time).
      -- The primary key is what makes an upgrade happen once, however often a pass is retried or killed.
      CREATE TABLE signature_upgrades (
        from_version_id TEXT PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'done')),
        to_version_id TEXT REFERENCES versions(id) ON DELETE CASCADE,
        level TEXT CHECK (level IN ('B-T', 'B-LT', 'B-LTA')),
        proven_time TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error_json TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((state = 'done') = (to_version_id IS NOT NULL))
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX signature_upgrades_to ON signature_upgrades(to_version_id) WHERE to_version_id IS NOT NULL;

      -- The organisation's chosen level and its own TSA (one row; absent: B-LTA through the service's TSA).
      CREATE TABLE signature_upgrade_policy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        level TEXT NOT NULL CHECK (level IN ('off', 'B-T', 'B-LT', 'B-LTA')),
        timestamp_url TEXT
      ) STRICT;
    `,
  },
];
