import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Library, importFiles } from '../../src-main/core/library/index.js';
import { openDatabase, SCHEMA_VERSION } from '../../src-main/core/db/index.js';
import { verifyAuditChain } from '../../src-main/core/audit/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { makeTextPdf } from '../support/text-pdf.js';

let dir: string;
let lib: Library;
let chinesePdf: Uint8Array;
let englishPdf: Uint8Array;

function filesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-lib-'));
  lib = new Library(dir);
  chinesePdf = await makeTextPdf({ title: '软件开发合同', lines: ['第十二条 保密条款', '甲方应对乙方提供的资料承担保密义务。', '甲方：北京某某律师事务所'] });
  englishPdf = await makeTextPdf({
    title: 'Master Services Agreement',
    lines: ['Section 9. Confidentiality and indemnity', 'Governing law: England and Wales'],
  });
});
after(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the database is WAL, enforces foreign keys, is at the latest schema and uses STRICT tables', () => {
  assert.equal(lib.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(lib.db.pragma('foreign_keys', { simple: true }), 1);
  const v = lib.db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number };
  assert.equal(v.v, SCHEMA_VERSION);
  assert.throws(
    () =>
      lib.db
        .prepare(
          "INSERT INTO versions (id, document_id, number, sha256, size, page_count, signature_field_count, origin, created_at) VALUES ('x','no-such-doc',1,'s',1,1,0,'import','t')",
        )
        .run(),
    /FOREIGN KEY/,
  );
  const c = lib.createContract({ title: 'strictness probe' });
  assert.throws(
    () => lib.db.prepare("INSERT INTO parties (id, contract_id, position, role, name) VALUES ('p', ?, 'not-a-number', 'r', 'n')").run(c.id),
    /cannot store TEXT value in INTEGER column/,
  );
});

test('a database from a newer Inkstone is refused, untouched', () => {
  const file = path.join(dir, 'newer.sqlite');
  const raw = new Database(file);
  raw.exec(
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT; INSERT INTO schema_version VALUES (999, 'future', 'x')",
  );
  raw.close();
  assert.throws(
    () => openDatabase(file),
    (e: unknown) => e instanceof InkstoneError && e.code === 'DATABASE_NEWER_THAN_APP',
  );
  const again = new Database(file);
  assert.equal((again.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'contracts'").get() as { n: number }).n, 0);
  again.close();
});

test('importing PDFs stores content-addressed bytes, extracts text and makes searchable contracts', async () => {
  const outcomes = await importFiles(lib, [
    { name: '软件开发合同.pdf', bytes: chinesePdf },
    { name: 'msa.pdf', bytes: englishPdf },
  ]);
  assert.equal(outcomes.length, 2);
  assert.ok(outcomes.every((o) => o.ok));
  const zh = lib.search({ text: '保密' });
  assert.equal(zh.total, 1);
  assert.equal(zh.hits[0].title, '软件开发合同');
  assert.equal(lib.search({ text: '保密条款' }).total, 1, 'a longer Chinese phrase finds it too');
  assert.equal(lib.search({ text: '律师事务所' }).total, 1);
  assert.equal(lib.search({ text: '条保' }).total, 0, 'characters that are not adjacent in the text do not match');
  const en = lib.search({ text: 'confidential' });
  assert.equal(en.total, 1);
  assert.equal(en.hits[0].title, 'Master Services Agreement');
  const c = lib.getContract(zh.hits[0].id);
  const v = c.documents[0].versions[0];
  assert.equal(v.pageCount, 1);
  assert.equal(v.origin, 'import');
  assert.deepEqual(Buffer.from(readFileSync(lib.store.pathFor(v.sha256))), Buffer.from(chinesePdf));
});

test('importing the same bytes again points at the existing contract instead of duplicating it', async () => {
  const before = lib.search({}).total;
  const [o] = await importFiles(lib, [{ name: 'copy.pdf', bytes: englishPdf }]);
  assert.ok(o.ok && o.duplicateOf);
  assert.equal(lib.search({}).total, before);
});

test('bad files get typed errors and leave no rows and no stored bytes behind', async () => {
  const encrypted = path.join(dir, 'enc.pdf');
  const plain = path.join(dir, 'plain.pdf');
  writeFileSync(plain, await makeTextPdf({ title: 'secret', lines: ['locked'] }));
  execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, encrypted]);
  const truncated = englishPdf.slice(0, 200);
  const contractsBefore = lib.search({}).total;
  const filesBefore = filesUnder(path.join(dir, 'documents')).length;
  const outcomes = await importFiles(lib, [
    { name: 'empty.pdf', bytes: new Uint8Array() },
    { name: 'notes.txt', bytes: Buffer.from('just some text') },
    { name: 'enc.pdf', bytes: readFileSync(encrypted) },
    { name: 'broken.pdf', bytes: truncated },
  ]);
  const codes = outcomes.map((o) => (o.ok ? 'ok' : o.error.code));
  assert.deepEqual(codes, ['IMPORT_EMPTY_FILE', 'IMPORT_NOT_PDF', 'IMPORT_ENCRYPTED_PDF', 'IMPORT_CORRUPT_PDF']);
  assert.equal(lib.search({}).total, contractsBefore);
  assert.equal(filesUnder(path.join(dir, 'documents')).length, filesBefore);
  assert.equal(filesUnder(dir).filter((n) => n.startsWith('.inkstone-tmp-')).length, 0);
});

test('a database failure mid-import removes the bytes it had just stored', async () => {
  const fresh = await makeTextPdf({ title: 'Will fail', lines: ['unique text 4711'] });
  const filesBefore = filesUnder(path.join(dir, 'documents')).length;
  const original = lib.addDocument.bind(lib);
  lib.addDocument = () => {
    throw new Error('disk full');
  };
  try {
    const [o] = await importFiles(lib, [{ name: 'fail.pdf', bytes: fresh }]);
    assert.equal(o.ok, false);
  } finally {
    lib.addDocument = original;
  }
  assert.equal(filesUnder(path.join(dir, 'documents')).length, filesBefore);
  assert.equal(lib.search({ text: 'Will fail' }).total, 0, 'the contract row was rolled back with it');
});

test('metadata edits, parties and status changes are validated, searchable and audited', () => {
  const c = lib.createContract({ title: 'Supply agreement' });
  lib.updateContract(c.id, { tags: ['supply', '采购'], value: { amount: '1250000.00', currency: 'CNY' }, expiryDate: '2027-01-15', notes: 'auto-renews' });
  lib.addParty(c.id, { role: '甲方', name: '张三', organisation: '上海某某贸易有限公司', registrationNumber: '91310000MA1FL00000' });
  assert.throws(() => lib.updateContract(c.id, { expiryDate: '15/01/2027' }), /YYYY-MM-DD/);
  assert.throws(() => lib.updateContract(c.id, { value: { amount: '12,5', currency: 'CNY' } }));
  assert.throws(
    () => lib.setStatus(c.id, 'archived'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'CONTRACT_STATUS_TRANSITION',
  );
  lib.setStatus(c.id, 'in_review');
  assert.equal(lib.search({ text: '贸易' }).hits[0]?.id, c.id, 'party organisation is searchable');
  assert.equal(lib.search({ tag: '采购' }).hits[0]?.id, c.id);
  assert.equal(lib.search({ party: '张三' }).hits[0]?.id, c.id);
  assert.equal(lib.search({ status: ['in_review'] }).hits[0]?.id, c.id);
  assert.equal(lib.search({ expiryFrom: '2027-01-01', expiryTo: '2027-01-31' }).hits[0]?.id, c.id);
  const { events, chainIntact } = lib.audit(c.id);
  assert.deepEqual(
    events.map((e) => e.action),
    ['contract.created', 'contract.updated', 'party.added', 'contract.status_changed'],
  );
  assert.deepEqual((events[1].details.changed as Record<string, { to: unknown }>).expiryDate.to, '2027-01-15');
  assert.ok(chainIntact);
});

test('sorting by title and by value orders the results', () => {
  lib.createContract({ title: 'Aardvark lease', value: { amount: '5', currency: 'USD' } });
  lib.createContract({ title: 'Zebra lease', value: { amount: '900', currency: 'USD' } });
  const byTitle = lib.search({ text: 'lease', sort: 'title', direction: 'asc' }).hits.map((h) => h.title);
  assert.deepEqual(byTitle, ['Aardvark lease', 'Zebra lease']);
  const byValue = lib.search({ text: 'lease', sort: 'value', direction: 'desc' }).hits.map((h) => h.title);
  assert.deepEqual(byValue, ['Zebra lease', 'Aardvark lease']);
});

test('editing the audit trail in the database is detected', () => {
  assert.equal(verifyAuditChain(lib.db).intact, true);
  lib.db.prepare("UPDATE audit_events SET details_json = '{}' WHERE seq = 2").run();
  const result = verifyAuditChain(lib.db);
  assert.equal(result.intact, false);
  assert.equal(result.brokenAt, 2);
});

test('reminders list upcoming expiry and renewal dates and notify once', () => {
  const d = mkdtempSync(path.join(tmpdir(), 'inkstone-rem-'));
  const l = new Library(d);
  try {
    const a = l.createContract({ title: 'Lease A', expiryDate: '2026-12-10' });
    l.createContract({ title: 'Lease B', renewalDate: '2026-12-01' });
    l.createContract({ title: 'Far away', expiryDate: '2028-01-01' });
    const archived = l.createContract({ title: 'Old', expiryDate: '2026-12-05' }, { status: 'signed' });
    l.setStatus(archived.id, 'archived');
    const r = l.reminders('2026-11-27', 30);
    assert.deepEqual(
      r.map((x) => [x.title, x.kind, x.daysLeft]),
      [
        ['Lease B', 'renewal', 4],
        ['Lease A', 'expiry', 13],
      ],
    );
    assert.deepEqual(
      l.takeDueNotifications('2026-11-27', 7).map((x) => x.title),
      ['Lease B'],
    );
    assert.deepEqual(l.takeDueNotifications('2026-11-27', 7), [], 'the same reminder is not shown twice');
    assert.deepEqual(
      l.takeDueNotifications('2026-12-05', 7).map((x) => x.contractId),
      [a.id],
    );
  } finally {
    l.close();
    rmSync(d, { recursive: true, force: true });
  }
});
