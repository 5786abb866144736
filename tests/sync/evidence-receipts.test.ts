import { describe, it, before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService } from '../../src-main/core/service/index.js';
import assert from 'node:assert/strict';
import { verifyReceipt } from '../../src-main/core/evidence/index.js';
import { contractEvidence, contractHasReceipts, evidenceCertificate, runSyncPass, setEvidencePrivacy } from '../../src-main/core/sync/index.js';
import type { Library } from '../../src-main/core/library/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { samplePdf } from '../evidence/support/harness.js';
import { startTeam, type Desktop, type Team } from './support/desktops.js';

/**
 * Evidence of every signed version (issue 11): a signed version that syncs gets its evidence entry
 * and receipt, stored with the version; the receipt verifies offline; a retried pass stores it once;
 * deleting the contract here leaves the evidence on the service.
 */

async function signedContract(library: Library, title: string, label: string): Promise<{ contractId: string; versionId: string; sha256: string }> {
  const c = library.createContract({ title });
  const first = samplePdf(`${label} draft`, 4);
  const put = await library.store.put(first);
  const doc = library.addDocument(c.id, `${title}.pdf`, {
    sha256: put.sha256,
    size: first.length,
    pageCount: 1,
    signatureFieldCount: 1,
    origin: 'import',
    text: '',
  });
  const signed = samplePdf(`${label} signed`, 8);
  const { sha256 } = await library.store.put(signed);
  const v = library.addVersion(doc.documentId, { sha256, size: signed.length, pageCount: 1, signatureFieldCount: 1, origin: 'signing', text: '已签署' });
  return { contractId: c.id, versionId: v.versionId, sha256 };
}

const evidenceRows = (library: Library) => library.db.prepare('SELECT version_id, mode, salt, evidence_number, receipt_json FROM sync_evidence').all();

describe('evidence receipts of signed versions, against a service started here', () => {
  let team: Team;
  let a: Desktop;
  let b: Desktop;

  before(async () => {
    team = await startTeam({ backend: 'sqlite' });
    a = await team.desktop('张律师');
    b = await team.desktop('李律师');
  });
  after(() => team?.close());

  it('a signed version that syncs gets its receipt, kept with the version and verified offline; the other desktop gets it too', async () => {
    const { contractId, versionId, sha256 } = await signedContract(a.library, '技术服务合同', 'A1');
    const before = await contractEvidence(a.library, contractId);
    assert.deepEqual(
      before.versions.map((v) => v.state),
      ['not-synced'],
    );
    const pass = await runSyncPass(a.library, a.client());
    assert.equal(pass.receipts, 1);
    const ev = await contractEvidence(a.library, contractId);
    const [v] = ev.versions;
    assert.equal(v.versionId, versionId);
    assert.equal(v.state, 'received');
    assert.equal(v.mode, 'document');
    assert.match(v.evidenceNumber!, /^[0-9A-Z]{8}-\d+-[0-9A-Z]$/u);
    assert.ok(v.verification?.ok, JSON.stringify(v.verification?.failure));
    assert.ok(
      v.verification.checks.some((c) => c.check === 'document' && c.ok),
      'checked against the version’s own hash',
    );
    assert.ok(Date.parse(v.verification.existedNoLaterThan!) > 0);
    assert.equal(v.legalHold, false);
    assert.ok(v.retainUntil && Date.parse(v.retainUntil) > Date.now(), 'a signed document is retained for years');

    // Verification is recomputed from what is stored: a tampered receipt no longer verifies.
    const stored = a.library.db.prepare('SELECT receipt_json FROM sync_evidence WHERE version_id = ?').get(versionId) as { receipt_json: string };
    const tampered = JSON.parse(stored.receipt_json);
    tampered.document.hash = 'f'.repeat(64);
    a.library.db.prepare('UPDATE sync_evidence SET receipt_json = ? WHERE version_id = ?').run(JSON.stringify(tampered), versionId);
    const bad = (await contractEvidence(a.library, contractId)).versions[0].verification!;
    assert.equal(bad.ok, false);
    assert.equal(bad.failure?.check, 'document');
    a.library.db.prepare('UPDATE sync_evidence SET receipt_json = ? WHERE version_id = ?').run(stored.receipt_json, versionId);

    // A second pass finds nothing new.
    assert.equal((await runSyncPass(a.library, a.client())).receipts, 0);

    // B pulls the contract and keeps the same receipt for the same version.
    const onB = await runSyncPass(b.library, b.client());
    assert.equal(onB.receipts, 1);
    const vb = (await contractEvidence(b.library, contractId)).versions[0];
    assert.equal(vb.evidenceNumber, v.evidenceNumber);
    assert.equal(vb.sha256, sha256);
    assert.ok(vb.verification?.ok);

    for (const lang of ['zh-CN', 'en'] as const) {
      const cert = await evidenceCertificate(a.library, versionId, lang);
      assert.equal(Buffer.from(cert.bytes.subarray(0, 5)).toString(), '%PDF-');
      assert.ok(cert.name.endsWith(`${v.evidenceNumber}.pdf`));
    }
  });

  it('privacy mode: only the salted hash leaves; a pass that failed after the service logged it is retried into exactly one entry and one receipt', async (t) => {
    setEvidencePrivacy(a.library.db, true);
    t.after(() => setEvidencePrivacy(a.library.db, false));
    const { contractId, versionId, sha256 } = await signedContract(a.library, '保密协议', 'A2');
    const sentBodies: string[] = [];
    let failed = 0;
    // The service records the commitment, then the answer is lost: the whole pass fails.
    const losing: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/v1/commitments')) sentBodies.push(String(init?.body));
      const res = await fetch(input, init);
      if (url.includes('/v1/commitments') && failed++ === 0) throw new TypeError('connection reset after the request was sent');
      return res;
    };
    await assert.rejects(
      runSyncPass(a.library, a.client({ fetch: losing })),
      (err: unknown) => err instanceof InkstoneError && err.code === 'EVIDENCE_SERVICE_UNAVAILABLE',
    );
    const half = a.library.db.prepare('SELECT mode, salt, evidence_number, receipt_json FROM sync_evidence WHERE version_id = ?').get(versionId) as {
      mode: string;
      salt: string;
      evidence_number: string | null;
      receipt_json: string | null;
    };
    assert.equal(half.mode, 'commitment');
    assert.match(half.salt, /^[0-9a-f]{64}$/u);
    assert.equal(half.receipt_json, null);

    const retried = await runSyncPass(a.library, a.client({ fetch: losing }));
    assert.equal(retried.receipts, 1);
    assert.equal(sentBodies.length, 2);
    assert.equal(sentBodies[0], sentBodies[1], 'the retry repeats the request byte for byte');
    for (const body of sentBodies) assert.ok(!body.includes(sha256), 'the document hash never leaves in privacy mode');

    const onService = (
      await team.h.service.ctx.db.all<{ n: number }>('SELECT count(*) AS n FROM entries WHERE tenant_id = ? AND chain_key = ?', [team.tenantId, contractId])
    )[0];
    assert.equal(Number(onService.n), 1, 'one entry on the service');
    assert.equal(evidenceRows(a.library).filter((r) => (r as { version_id: string }).version_id === versionId).length, 1);
    const v = (await contractEvidence(a.library, contractId)).versions[0];
    assert.equal(v.state, 'received');
    assert.ok(v.verification?.ok);
    assert.ok(
      v.verification.checks.some((c) => c.check === 'commitment' && c.ok),
      'the salt kept here opens the commitment',
    );
  });

  it('deleting a contract here never deletes its evidence on the service', async () => {
    const { contractId, versionId } = await signedContract(a.library, '租赁合同', 'A3');
    await runSyncPass(a.library, a.client());
    assert.equal(contractHasReceipts(a.library, contractId), true);
    const { evidence_number: number, receipt_json } = a.library.db
      .prepare('SELECT evidence_number, receipt_json FROM sync_evidence WHERE version_id = ?')
      .get(versionId) as {
      evidence_number: string;
      receipt_json: string;
    };
    const serviceDocumentId = (
      a.library.db.prepare('SELECT service_document_id FROM sync_documents WHERE sha256 = (SELECT sha256 FROM versions WHERE id = ?)').get(versionId) as {
        service_document_id: string;
      }
    ).service_document_id;

    // The library has no delete operation yet; removing the rows is what one will do here.
    a.library.db.prepare('DELETE FROM contracts WHERE id = ?').run(contractId);
    await runSyncPass(a.library, a.client());
    assert.equal(contractHasReceipts(a.library, contractId), false);

    const client = a.client();
    const info = await client.documentInfo(serviceDocumentId);
    assert.equal((info as unknown as { deletedAt: string | null }).deletedAt, null, 'the service still keeps the bytes');
    assert.ok(info.evidence.some((e) => e.evidenceNumber === number));
    const again = await client.fetchReceipt(number, { timeoutMs: 5_000 });
    const check = await verifyReceipt(again, { document: { sha256: JSON.parse(receipt_json).document.hash } });
    assert.ok(check.ok, 'and its receipt still verifies');
  });
});

describe('evidence operations of the core', () => {
  it('privacy mode is off until turned on, and kept; unknown contracts and versions get typed errors', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-ops-'));
    const core = createCoreService({ dataDir, log: () => undefined });
    try {
      assert.deepEqual(await core.invoke('evidence.privacy', {}), { ok: true, value: { on: false } });
      assert.deepEqual(await core.invoke('evidence.setPrivacy', { on: true }), { ok: true, value: { on: true } });
      assert.deepEqual(await core.invoke('evidence.privacy', {}), { ok: true, value: { on: true } });
      const { id } = ((await core.invoke('contracts.create', { title: '空合同' })) as { value: { id: string } }).value;
      const empty = await core.invoke('evidence.contract', { contractId: id });
      assert.deepEqual(empty, { ok: true, value: { contractId: id, connected: false, versions: [] } });
      const unknown = await core.invoke('evidence.contract', { contractId: 'c'.repeat(32) });
      assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'CONTRACT_NOT_FOUND');
      const noReceipt = await core.invoke('evidence.certificate', { versionId: 'a'.repeat(32), lang: 'en' });
      assert.equal(noReceipt.ok ? 'ok' : noReceipt.error.code, 'SYNC_RECEIPT_NOT_HELD');
    } finally {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
