import type { SqlDatabase } from './sql.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

/**
 * The service schema, written once for both SQLite and PostgreSQL: `{bytes}`, `{int}` and
 * `{strict}` are filled per dialect. Migrations are numbered, run in order inside one transaction
 * each, and never edited after they ship.
 *
 * The log itself is `entries` (sequenced leaves, the write-ahead record an acknowledgement rests on),
 * `tiles` (C2SP tlog-tiles of complete subtree hashes) and `checkpoints`. Everything else is tenant
 * data and carries `tenant_id`, which every query filters on.
 */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'log, tenants, documents',
    sql: `
CREATE TABLE log_state (
  id {int} PRIMARY KEY CHECK (id = 1),
  next_index {int} NOT NULL,
  tree_size {int} NOT NULL
){strict};
INSERT INTO log_state (id, next_index, tree_size) VALUES (1, 0, 0);

CREATE TABLE log_identity (
  id {int} PRIMARY KEY CHECK (id = 1),
  origin TEXT NOT NULL,
  verifier_key TEXT NOT NULL,
  created_at TEXT NOT NULL
){strict};

CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scope_salt {bytes} NOT NULL,
  created_at TEXT NOT NULL,
  service_ended_at TEXT
){strict};

CREATE TABLE principals (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('user', 'device')),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'auditor')),
  created_at TEXT NOT NULL
){strict};
CREATE INDEX principals_tenant ON principals (tenant_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  principal_id TEXT NOT NULL REFERENCES principals(id),
  secret_hash {bytes} NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
){strict};
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id);

CREATE TABLE entries (
  idx {int} PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  statement {bytes} NOT NULL,
  leaf_hash {bytes} NOT NULL,
  event TEXT NOT NULL,
  claimed_time TEXT NOT NULL,
  commitment TEXT NOT NULL,
  salt TEXT,
  document_hash TEXT,
  document_id TEXT,
  chain_key TEXT,
  principal_id TEXT NOT NULL,
  sequenced_at TEXT NOT NULL
){strict};
CREATE INDEX entries_tenant ON entries (tenant_id, idx);
CREATE INDEX entries_document ON entries (tenant_id, document_id);

CREATE TABLE chains (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  chain_key TEXT NOT NULL,
  head_idx {int} NOT NULL,
  head_leaf_hash TEXT NOT NULL,
  PRIMARY KEY (tenant_id, chain_key)
){strict};

CREATE TABLE tiles (
  level {int} NOT NULL,
  idx {int} NOT NULL,
  width {int} NOT NULL,
  hashes {bytes} NOT NULL,
  PRIMARY KEY (level, idx)
){strict};

CREATE TABLE checkpoints (
  tree_size {int} PRIMARY KEY,
  root TEXT NOT NULL,
  note TEXT NOT NULL,
  timestamp_token {bytes} NOT NULL,
  timestamp_chain TEXT NOT NULL,
  tsa TEXT NOT NULL,
  created_at TEXT NOT NULL
){strict};

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  sha256 TEXT NOT NULL,
  size {int} NOT NULL,
  blob_key TEXT,
  filename TEXT,
  signed {int} NOT NULL,
  legal_hold {int} NOT NULL DEFAULT 0,
  retain_until TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
){strict};
CREATE INDEX documents_tenant ON documents (tenant_id, created_at);

CREATE TABLE idempotency_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, key)
){strict};

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  principal_id TEXT NOT NULL,
  size {int} NOT NULL,
  sha256 TEXT,
  received {int} NOT NULL,
  params TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
  result TEXT,
  created_at TEXT NOT NULL
){strict};
CREATE INDEX uploads_tenant ON uploads (tenant_id);

CREATE TABLE upload_chunks (
  upload_id TEXT NOT NULL REFERENCES uploads(id),
  offset_bytes {int} NOT NULL,
  length {int} NOT NULL,
  blob_key TEXT NOT NULL,
  PRIMARY KEY (upload_id, offset_bytes)
){strict};

CREATE TABLE access_log (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  principal_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  purpose TEXT NOT NULL,
  client_ip TEXT,
  at TEXT NOT NULL
){strict};
CREATE INDEX access_log_tenant ON access_log (tenant_id, at);
`,
  },
  {
    version: 2,
    // The integrated size gets a row of its own: in log_state it shared a row lock with the
    // sequencer's counter, so every integration (tiles, checkpoint) held up every append on
    // PostgreSQL until it committed. log_state.tree_size is no longer read or written.
    name: 'log tree size apart from the sequencer counter',
    sql: `
CREATE TABLE log_tree (
  id {int} PRIMARY KEY CHECK (id = 1),
  tree_size {int} NOT NULL
){strict};
INSERT INTO log_tree (id, tree_size) SELECT 1, tree_size FROM log_state WHERE id = 1;
`,
  },
  {
    version: 3,
    // A document's bytes are shared by every live document of the tenant with the same SHA-256.
    // Each blob counts its references (live documents plus submissions in flight); the last release
    // marks it 'deleting', and a doomed blob is never referenced again: new submissions of the same
    // bytes get a blob of their own (documents/blob-references.ts). Existing blobs keep their keys.
    name: 'reference-counted document blobs',
    sql: `
CREATE TABLE document_blobs (
  blob_key TEXT PRIMARY KEY,
  content TEXT NOT NULL,
  refs {int} NOT NULL CHECK (refs >= 0),
  state TEXT NOT NULL CHECK (state IN ('live', 'deleting')),
  created_at TEXT NOT NULL
){strict};
CREATE UNIQUE INDEX document_blobs_live ON document_blobs (content) WHERE state = 'live';
INSERT INTO document_blobs (blob_key, content, refs, state, created_at)
  SELECT blob_key, blob_key, count(*), 'live', min(created_at) FROM documents WHERE blob_key IS NOT NULL AND deleted_at IS NULL GROUP BY blob_key;
`,
  },
  {
    version: 4,
    // Client and service idempotency keys in separate namespaces (src-evidence/idempotency.ts). The
    // service's own keys so far were `upload:<id>` of completed uploads; every other key was a client's.
    name: 'idempotency key namespaces',
    sql: `
UPDATE idempotency_keys SET key = CASE
  WHEN EXISTS (SELECT 1 FROM uploads u WHERE u.tenant_id = idempotency_keys.tenant_id AND 'upload:' || u.id = idempotency_keys.key AND u.status = 'completed')
  THEN 'internal:' || key ELSE 'client:' || key END;
`,
  },
  {
    version: 5,
    // The team library's change feed (src-evidence/changes): what each desktop of a tenant changed,
    // in the order the service received it. `seq` counts per tenant (the pull cursor); the counter
    // row is locked by every writer, so PostgreSQL instances hand out the same gap-free order.
    name: 'library change feed',
    sql: `
CREATE TABLE library_changes (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  seq {int} NOT NULL,
  change_key TEXT NOT NULL,
  principal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  at TEXT NOT NULL,
  payload TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq)
){strict};
CREATE UNIQUE INDEX library_changes_key ON library_changes (tenant_id, change_key);
CREATE INDEX documents_sha256 ON documents (tenant_id, sha256);

CREATE TABLE library_change_counters (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  last_seq {int} NOT NULL
){strict};
`,
  },
];

function render(sql: string, dialect: SqlDatabase['dialect']): string {
  const t = dialect === 'sqlite' ? { bytes: 'BLOB', int: 'INTEGER', strict: ' STRICT' } : { bytes: 'BYTEA', int: 'BIGINT', strict: '' };
  return sql.replace(/\{(bytes|int|strict)\}/gu, (_, k: keyof typeof t) => t[k]);
}

function statements(sql: string): string[] {
  return sql
    .split(/;\s*\n/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Bring the schema up to date; several instances starting at once take turns (PostgreSQL advisory lock). */
export async function migrate(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.run("SELECT pg_advisory_xact_lock(hashtext('inkstone-evidence:migrate'))");
    await tx.run(
      `CREATE TABLE IF NOT EXISTS schema_version (version ${db.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT'} PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const row = await tx.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    const current = row?.v ?? 0;
    if (current > SCHEMA_VERSION) throw new InkstoneError('EVIDENCE_SCHEMA_NEWER', { found: current, known: SCHEMA_VERSION });
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      for (const stmt of statements(render(m.sql, db.dialect))) await tx.run(stmt);
      await tx.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
    }
  });
}
