import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSyncPass } from '../../src-main/core/sync/index.js';
import { samplePdf } from '../evidence/support/harness.js';
import { cliBundle } from '../support/bundles.js';
import { startTeam, type Desktop, type Team } from './support/desktops.js';

/** `inkstone contract evidence <id> --json | --certificate out.pdf`: the receipts verified offline, from a terminal. */
const ROOT = path.resolve(import.meta.dirname, '../..');

function inkstone(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliBundle(), '--lang', 'en', 'contract', 'evidence', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('inkstone contract evidence (CLI)', () => {
  let team: Team;
  let a: Desktop;
  let contractId = '';
  let versionId = '';
  const out = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-cli-'));

  before(async () => {
    team = await startTeam();
    a = await team.desktop('张律师');
    const c = a.library.createContract({ title: '买卖合同' });
    contractId = c.id;
    const signed = samplePdf('cli signed', 6);
    const { sha256 } = await a.library.store.put(signed);
    versionId = a.library.addDocument(c.id, '买卖合同.pdf', {
      sha256,
      size: signed.length,
      pageCount: 1,
      signatureFieldCount: 1,
      origin: 'signing',
      text: '',
    }).versionId;
    assert.equal((await runSyncPass(a.library, a.client())).receipts, 1);
  });
  after(async () => {
    await team?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('--json lists the receipts with their offline verification; --certificate writes the 出证报告', async () => {
    const listed = await inkstone([contractId, '--data-dir', a.dir, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const evidence = JSON.parse(listed.stdout);
    assert.equal(evidence.versions.length, 1);
    assert.equal(evidence.versions[0].versionId, versionId);
    assert.equal(evidence.versions[0].state, 'received');
    assert.equal(evidence.versions[0].verification.ok, true);

    const file = path.join(out, 'certificate.pdf');
    const cert = await inkstone([contractId, '--data-dir', a.dir, '--certificate', file, '--certificate-lang', 'en']);
    assert.equal(cert.code, 0, cert.stderr);
    assert.match(cert.stdout, /receipt held · .* · verified offline/u);
    const pdf = readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  });

  it('a stored receipt that no longer verifies exits 3 and says which check failed', async () => {
    const row = a.library.db.prepare('SELECT receipt_json FROM sync_evidence WHERE version_id = ?').get(versionId) as { receipt_json: string };
    const tampered = JSON.parse(row.receipt_json);
    tampered.inclusionProof.hashes = tampered.inclusionProof.hashes.length ? tampered.inclusionProof.hashes.map(() => 'a'.repeat(64)) : ['a'.repeat(64)];
    a.library.db.prepare('UPDATE sync_evidence SET receipt_json = ? WHERE version_id = ?').run(JSON.stringify(tampered), versionId);
    const res = await inkstone([contractId, '--data-dir', a.dir]);
    assert.equal(res.code, 3, res.stderr);
    assert.match(res.stdout, /did NOT verify \(inclusion: EVIDENCE_PROOF_INVALID\)/u);
    a.library.db.prepare('UPDATE sync_evidence SET receipt_json = ? WHERE version_id = ?').run(row.receipt_json, versionId);
  });

  it('a version without a receipt: --certificate is refused with a typed error, nothing written', async () => {
    const c = a.library.createContract({ title: '未同步合同' });
    const bytes = samplePdf('unsynced', 3);
    const { sha256 } = await a.library.store.put(bytes);
    a.library.addDocument(c.id, 'x.pdf', { sha256, size: bytes.length, pageCount: 1, signatureFieldCount: 1, origin: 'signing', text: '' });
    const file = path.join(out, 'none.pdf');
    const res = await inkstone([c.id, '--data-dir', a.dir, '--certificate', file]);
    assert.equal(res.code, 3);
    assert.match(res.stderr, /SYNC_RECEIPT_NOT_HELD/u);
    assert.throws(() => readFileSync(file));
  });
});
