import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appendAudit, canonicalJson, verifyAuditChain } from '../../src-main/core/audit/index.js';
import { openDatabase, type Db } from '../../src-main/core/db/index.js';

/**
 * The audit trail against someone with write access to the database file who knows how the hashes
 * are made. Editing an entry and re-hashing only it, or re-hashing it and patching the next entry's
 * prev_hash, or reordering entries, must all be found; only rewriting every later entry is not
 * (that needs an anchor outside the file — the evidence service's receipts).
 */
interface Row {
  seq: number;
  at: string;
  actor: string;
  contract_id: string | null;
  action: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-audit-'));
  db = openDatabase(path.join(dir, 'library.sqlite'));
  for (const [i, action] of ['contract.created', 'contract.updated', 'party.added', 'contract.status', 'document.imported'].entries())
    appendAudit(db, {
      actor: 'lawyer',
      contractId: 'c'.repeat(32),
      action,
      details: { step: i + 1, amount: '1000.00' },
      at: `2026-12-0${i + 1}T09:00:00.000Z`,
    });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (seq: number) => db.prepare('SELECT * FROM audit_events WHERE seq = ?').get(seq) as Row;

/** How an attacker who read core/audit would hash a forged entry. */
function forgeHash(prevHash: string, r: Row): string {
  const body = canonicalJson({ seq: r.seq, at: r.at, actor: r.actor, contractId: r.contract_id, action: r.action, details: JSON.parse(r.details_json) });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

test('an intact trail verifies', () => {
  assert.deepEqual(verifyAuditChain(db), { intact: true, brokenAt: null, entries: 5 });
});

test('an entry edited and re-hashed, with the next entry’s prev_hash patched, is found at the next entry', () => {
  const edited = { ...row(3), details_json: canonicalJson({ step: 3, amount: '1.00' }) };
  const forged = forgeHash(edited.prev_hash, edited);
  db.prepare('UPDATE audit_events SET details_json = ?, hash = ? WHERE seq = 3').run(edited.details_json, forged);
  db.prepare('UPDATE audit_events SET prev_hash = ? WHERE seq = 4').run(forged);
  // Entry 3 on its own now looks right; entry 4's hash still covers the old entry 3.
  assert.deepEqual(verifyAuditChain(db), { intact: false, brokenAt: 4, entries: 4 });
});

test('two entries swapped (rows exchanged, links patched) are found', () => {
  const [a, b] = [row(2), row(3)];
  const put = db.prepare('UPDATE audit_events SET at = ?, actor = ?, contract_id = ?, action = ?, details_json = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  put.run(b.at, b.actor, b.contract_id, b.action, b.details_json, a.prev_hash, b.hash, 2);
  put.run(a.at, a.actor, a.contract_id, a.action, a.details_json, b.hash, a.hash, 3);
  db.prepare('UPDATE audit_events SET prev_hash = ? WHERE seq = 4').run(a.hash);
  const result = verifyAuditChain(db);
  assert.equal(result.intact, false);
  assert.equal(result.brokenAt, 2);
});

test('two entries swapped by renumbering are found', () => {
  db.prepare('UPDATE audit_events SET seq = -1 WHERE seq = 2').run();
  db.prepare('UPDATE audit_events SET seq = 2 WHERE seq = 3').run();
  db.prepare('UPDATE audit_events SET seq = 3 WHERE seq = -1').run();
  const result = verifyAuditChain(db);
  assert.equal(result.intact, false);
  assert.equal(result.brokenAt, 2);
});

test('a removed entry is found', () => {
  db.prepare('DELETE FROM audit_events WHERE seq = 3').run();
  assert.equal(verifyAuditChain(db).brokenAt, 4);
});
