import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { EvidenceClient, verifyReceipt, commitmentFor, newSalt, type EvidenceReceipt } from '../../../src-main/core/evidence/index.js';
import { api, samplePdf, startHarness, type Harness, type HarnessOptions } from './harness.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The evidence API, end to end over HTTP, run once per storage combination (SQLite + filesystem,
 * PostgreSQL + S3-compatible) so every backend passes the same suite.
 */
export function evidenceApiSuite(label: string, options: HarnessOptions): void {
  describe(`evidence API on ${label}`, () => {
    let h: Harness;
    let a: { tenantId: string; token: string };
    let stateDir: string;

    before(async () => {
      h = await startHarness(options);
      a = await h.tenant('Alpha 律师事务所');
      stateDir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-client-'));
    });
    after(async () => {
      await h?.close();
      rmSync(stateDir, { recursive: true, force: true });
    });

    it('submits a PDF, returns a receipt that verifies offline against the file', async () => {
      const pdf = samplePdf('contract one');
      const client = new EvidenceClient({ serviceUrl: h.url, token: a.token, stateDir });
      const ack = await client.submitDocument(pdf, { event: 'signed', chainKey: 'contract-1' });
      assert.match(ack.evidenceNumber, /^[A-Z2-7]{8}-\d+-[0-9A-Z]$/u);
      assert.equal(ack.documentHash, createHash('sha256').update(pdf).digest('hex'));
      const receipt = await client.fetchReceipt(ack.evidenceNumber, { timeoutMs: 10_000 });
      const v = await verifyReceipt(receipt, { document: pdf });
      assert.equal(v.ok, true, JSON.stringify(v.failure));
      assert.equal(v.facts?.statement?.event, 'signed');
      // The statement names no tenant, document id or file name.
      assert.ok(!receipt.entry.statement.includes(a.tenantId) && !receipt.entry.statement.includes(ack.documentId!));
      // A second statement of the same contract names the first one's leaf.
      const second = await client.submitDocument(samplePdf('contract one, countersigned'), { event: 'completed', chainKey: 'contract-1' });
      assert.equal(second.previousLeafHash, ack.leafHash);
    });

    it('privacy mode: the service receives only the commitment, the receipt is completed locally', async () => {
      const pdf = samplePdf('private deed');
      const hash = createHash('sha256').update(pdf).digest('hex');
      const client = new EvidenceClient({ serviceUrl: h.url, token: a.token, stateDir });
      const { ack, salt } = await client.submitCommitment(hash, { event: 'registered' });
      assert.equal(ack.documentHash, null);
      assert.equal(ack.salt, null);
      assert.equal(ack.commitment, commitmentFor(hash, salt));
      const raw = await api(h, 'GET', `/v1/receipts/${ack.evidenceNumber}?waitMs=5000`, { token: a.token });
      assert.equal(raw.status, 200);
      assert.equal(raw.body.document, null, 'the service holds no opening in privacy mode');
      assert.ok(!raw.text.includes(hash), 'the document hash never reached the service');
      const receipt = await client.fetchReceipt(ack.evidenceNumber, { opening: { documentSha256: hash, salt } });
      assert.equal((await verifyReceipt(receipt, { document: pdf })).ok, true);
    });

    it('resumable upload: interrupted after some chunks, resumed from the server offset, logged once', async () => {
      const pdf = samplePdf('large exhibit', 300_000);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const created = await api(h, 'POST', '/v1/uploads', {
        token: a.token,
        json: { size: pdf.length, sha256, event: 'signed', filename: '附件.pdf' },
        headers: { 'idempotency-key': 'upl-1' },
      });
      assert.equal(created.status, 201);
      const id = created.body.uploadId as string;
      const first = await api(h, 'PUT', `/v1/uploads/${id}/chunks?offset=0`, {
        token: a.token,
        body: pdf.subarray(0, 100_000),
        contentType: 'application/octet-stream',
      });
      assert.equal(first.body.received, 100_000);
      // A wrong offset is refused with where to resume.
      const wrong = await api(h, 'PUT', `/v1/uploads/${id}/chunks?offset=150000`, {
        token: a.token,
        body: pdf.subarray(150_000, 160_000),
        contentType: 'application/octet-stream',
      });
      assert.equal(wrong.status, 409);
      assert.equal(wrong.body.error.code, 'EVIDENCE_UPLOAD_OFFSET_MISMATCH');
      assert.equal(wrong.body.error.details.expected, 100_000);
      // Completing early is refused.
      assert.equal((await api(h, 'POST', `/v1/uploads/${id}/complete`, { token: a.token })).body.error.code, 'EVIDENCE_UPLOAD_INCOMPLETE');
      // The client resumes the session by id.
      const client = new EvidenceClient({ serviceUrl: h.url, token: a.token, stateDir });
      const ack = await client.uploadResumable(pdf, { event: 'signed' }, { uploadId: id, chunkSize: 64 * 1024 });
      assert.equal(ack.documentHash, sha256);
      const again = await api(h, 'POST', `/v1/uploads/${id}/complete`, { token: a.token });
      assert.equal(again.body.result.evidenceNumber, ack.evidenceNumber, 'completing twice logs once');
      const content = await fetch(`${h.url}/v1/documents/${ack.documentId}/content`, {
        headers: { authorization: `Bearer ${a.token}`, 'x-inkstone-purpose': encodeURIComponent('诉讼举证') },
      });
      assert.equal(content.status, 200);
      assert.deepEqual(Buffer.from(await content.arrayBuffer()), pdf);
      assert.match(content.headers.get('content-disposition') ?? '', /%E9%99%84%E4%BB%B6\.pdf/u);
    });

    it('downloads need a purpose, and every read is in the access log', async () => {
      const pdf = samplePdf('disclosed');
      const sub = await api(h, 'POST', '/v1/documents?event=signed', { token: a.token, body: pdf });
      const id = sub.body.documentId;
      const noPurpose = await api(h, 'GET', `/v1/documents/${id}/content`, { token: a.token });
      assert.equal(noPurpose.status, 400);
      assert.equal(noPurpose.body.error.code, 'EVIDENCE_PURPOSE_REQUIRED');
      const res = await fetch(`${h.url}/v1/documents/${id}/content`, {
        headers: { authorization: `Bearer ${a.token}`, 'x-inkstone-purpose': encodeURIComponent('对方当事人要求查阅') },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf);
      const log = await api(h, 'GET', '/v1/access-log', { token: a.token });
      const rec = log.body.records.find((r: { action: string; subject: string }) => r.action === 'document.content' && r.subject === id);
      assert.ok(rec, 'the download is recorded');
      assert.equal(rec.purpose, '对方当事人要求查阅');
      assert.ok(rec.principalId && rec.at);
    });

    it('retention and legal hold: deletion of signed documents is refused with typed errors; unsigned ones may go', async () => {
      const signed = await api(h, 'POST', '/v1/documents?event=signed', { token: a.token, body: samplePdf('signed, retained') });
      const del = await api(h, 'DELETE', `/v1/documents/${signed.body.documentId}`, { token: a.token });
      assert.equal(del.status, 409);
      assert.equal(del.body.error.code, 'EVIDENCE_RETENTION_ACTIVE');
      const doc = await api(h, 'GET', `/v1/documents/${signed.body.documentId}`, { token: a.token });
      assert.ok(new Date(doc.body.retainUntil).getTime() - Date.now() > 4.99 * 365 * 86400_000, 'kept at least five years');

      const draft = await api(h, 'POST', '/v1/documents?event=registered', { token: a.token, body: samplePdf('unsigned draft') });
      await api(h, 'PUT', `/v1/documents/${draft.body.documentId}/legal-hold`, { token: a.token, json: { hold: true } });
      const held = await api(h, 'DELETE', `/v1/documents/${draft.body.documentId}`, { token: a.token });
      assert.equal(held.body.error.code, 'EVIDENCE_LEGAL_HOLD');
      await api(h, 'PUT', `/v1/documents/${draft.body.documentId}/legal-hold`, { token: a.token, json: { hold: false } });
      const gone = await api(h, 'DELETE', `/v1/documents/${draft.body.documentId}`, { token: a.token });
      assert.equal(gone.status, 200);
      assert.ok(gone.body.deletedAt);
      const content = await api(h, 'GET', `/v1/documents/${draft.body.documentId}/content`, { token: a.token, headers: { 'x-inkstone-purpose': 'check' } });
      assert.equal(content.status, 404);
      // The evidence of the deleted document stays verifiable: the log is never rewritten.
      const receipt = await api(h, 'GET', `/v1/receipts/${draft.body.evidenceNumber}?waitMs=5000`, { token: a.token });
      assert.equal((await verifyReceipt(receipt.body)).ok, true);
    });

    it('roles: auditors read but cannot submit or delete; members cannot manage tokens', async () => {
      const created = await api(h, 'POST', '/v1/principals', { token: a.token, json: { kind: 'user', name: '审计员', role: 'auditor' } });
      const auditor = created.body.token.token as string;
      assert.equal((await api(h, 'POST', '/v1/documents', { token: auditor, body: samplePdf('x') })).status, 403);
      assert.equal((await api(h, 'GET', '/v1/documents', { token: auditor })).status, 200);
      assert.equal((await api(h, 'GET', '/v1/access-log', { token: auditor })).status, 200);
      const member = (await api(h, 'POST', '/v1/principals', { token: a.token, json: { kind: 'device', name: 'laptop-7', role: 'member' } })).body.token
        .token as string;
      assert.equal((await api(h, 'POST', '/v1/principals', { token: member, json: { kind: 'user', name: 'x', role: 'admin' } })).status, 403);
      assert.equal((await api(h, 'GET', '/v1/access-log', { token: member })).status, 403);
      // Revoked tokens stop working.
      const tokenId = created.body.token.tokenId;
      assert.equal((await api(h, 'DELETE', `/v1/tokens/${tokenId}`, { token: a.token })).status, 204);
      assert.equal((await api(h, 'GET', '/v1/documents', { token: auditor })).status, 401);
    });

    it('the client remembers checkpoints and proves each new one consistent; public lookup and consistency proofs', async () => {
      const client = new EvidenceClient({ serviceUrl: h.url, token: a.token, stateDir });
      const before = await client.witness!.remembered(h.service.ctx.identity.origin);
      assert.ok(before, 'a checkpoint was remembered by the earlier receipts');
      for (let i = 0; i < 5; i++) await client.submitCommitment(createHash('sha256').update(`n${i}`).digest('hex'), { event: 'registered' });
      const ack = await client.submitDocument(samplePdf('later'), { event: 'signed' });
      await client.fetchReceipt(ack.evidenceNumber);
      const after = await client.witness!.remembered(h.service.ctx.identity.origin);
      assert.ok(after!.size > before!.size);
      const pub = await api(h, 'GET', `/v1/evidence/${ack.evidenceNumber}`);
      assert.equal(pub.status, 200);
      assert.equal(pub.body.document, null);
      assert.ok(!pub.text.includes(ack.salt!) && !pub.text.includes(ack.documentHash!));
      assert.equal((await verifyReceipt(pub.body)).ok, true);
      const audited = await client.auditLog();
      assert.equal(audited.origin, h.service.ctx.identity.origin);
    });

    it('serves the C2SP checkpoint, tiles and entry bundles that match the proofs', async () => {
      const cp = await api(h, 'GET', '/log/checkpoint');
      assert.equal(cp.status, 200);
      const [origin, size] = cp.text.split('\n');
      assert.equal(origin, h.service.ctx.identity.origin);
      const n = Number(size);
      const tile = await fetch(`${h.url}/log/tile/0/000.p/${n}`);
      assert.equal(tile.status, 200);
      const hashes = Buffer.from(await tile.arrayBuffer());
      assert.equal(hashes.length, 32 * n);
      const bundle = Buffer.from(await (await fetch(`${h.url}/log/tile/entries/000.p/${n}`)).arrayBuffer());
      // Leaf hash 0 of the tile is SHA-256(0x00 ‖ first entry of the bundle).
      const len = bundle.readUInt16BE(0);
      const leaf0 = createHash('sha256')
        .update(Buffer.from([0]))
        .update(bundle.subarray(2, 2 + len))
        .digest();
      assert.deepEqual(hashes.subarray(0, 32), leaf0);
      assert.equal((await fetch(`${h.url}/log/tile/0/000.p/${n + 1}`)).status, 404);
      const oa = await api(h, 'GET', '/openapi.json');
      assert.equal(oa.body.openapi, '3.1.0');
    });

    it('rate limits each token, and rejects bad input with typed errors', async () => {
      const limited = await startHarness({ ...options, backend: 'sqlite', blobStore: 'filesystem', rateLimit: { perSecond: 1, burst: 3 } });
      try {
        const t = await limited.tenant('Limited');
        const statuses = [];
        for (let i = 0; i < 5; i++) statuses.push((await api(limited, 'GET', '/v1/me', { token: t.token })).status);
        assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
        assert.equal(statuses[4], 429);
        const r = await api(limited, 'GET', '/v1/me', { token: t.token });
        assert.ok(Number(r.headers.get('retry-after')) >= 1);
      } finally {
        await limited.close();
      }
      assert.equal((await api(h, 'POST', '/v1/documents', { token: a.token, body: Buffer.from('not a pdf') })).body.error.code, 'EVIDENCE_NOT_A_PDF');
      assert.equal(
        (await api(h, 'POST', '/v1/commitments', { token: a.token, json: { commitment: 'xyz', event: 'signed' } })).body.error.code,
        'INVALID_INPUT',
      );
      assert.equal((await api(h, 'GET', '/v1/evidence/NOTANUMBER')).body.error.code, 'EVIDENCE_NUMBER_INVALID');
      const salt = newSalt();
      const c = commitmentFor(createHash('sha256').update('x').digest('hex'), salt);
      const key = randomUUID();
      assert.equal(
        (await api(h, 'POST', '/v1/commitments', { token: a.token, json: { commitment: c, event: 'signed' }, headers: { 'idempotency-key': key } })).status,
        201,
      );
      const reuse = await api(h, 'POST', '/v1/commitments', {
        token: a.token,
        json: { commitment: c, event: 'archived' },
        headers: { 'idempotency-key': key },
      });
      assert.equal(reuse.status, 422);
      assert.equal(reuse.body.error.code, 'EVIDENCE_IDEMPOTENCY_MISMATCH');
    });

    it('after the service ends: no new evidence; unsigned documents are purged after 90 days, signed ones kept', async () => {
      const t = await h.tenant('Ending Co');
      const unsigned = await api(h, 'POST', '/v1/documents?event=registered', { token: t.token, body: samplePdf('draft to purge') });
      const signed = await api(h, 'POST', '/v1/documents?event=signed', { token: t.token, body: samplePdf('signed to keep') });
      assert.equal((await api(h, 'POST', '/v1/tenant/end-service', { token: t.token })).status, 200);
      const refused = await api(h, 'POST', '/v1/documents?event=signed', { token: t.token, body: samplePdf('too late') });
      assert.equal(refused.body.error.code, 'EVIDENCE_TENANT_ENDED');
      // Jump the service clock 91 days.
      const realNow = h.service.ctx.now;
      (h.service.ctx as { now: () => Date }).now = () => new Date(Date.now() + 91 * 86400_000);
      try {
        const report = await h.service.purge();
        assert.ok(report.documentsDeleted >= 1);
      } finally {
        (h.service.ctx as { now: () => Date }).now = realNow;
      }
      const u = await api(h, 'GET', `/v1/documents/${unsigned.body.documentId}`, { token: t.token });
      assert.ok(u.body.deletedAt, 'unsigned document deleted');
      const s = await api(h, 'GET', `/v1/documents/${signed.body.documentId}/content`, { token: t.token, headers: { 'x-inkstone-purpose': 'check' } });
      assert.equal(s.status, 200, 'signed document kept');
    });

    it('a submission can wait for its receipt and get both in one round trip', async () => {
      const pdf = samplePdf('one round trip');
      const res = await api(h, 'POST', '/v1/documents?event=signed&receiptWaitMs=5000', { token: a.token, body: pdf });
      assert.equal(res.status, 201);
      assert.equal(res.body.receipt.evidenceNumber, res.body.evidenceNumber);
      assert.equal((await verifyReceipt(res.body.receipt, { document: pdf })).ok, true);
      const salt = newSalt();
      const hash = createHash('sha256').update('private, one trip').digest('hex');
      const c = await api(h, 'POST', '/v1/commitments?receiptWaitMs=5000', {
        token: a.token,
        json: { commitment: commitmentFor(hash, salt), event: 'signed' },
      });
      assert.equal(c.body.receipt.document, null);
      const client = new EvidenceClient({ serviceUrl: h.url, token: a.token, stateDir: null });
      const receipt = await client.receiptFor(c.body, { opening: { documentSha256: hash, salt } });
      assert.equal((await verifyReceipt(receipt, { document: { sha256: hash } })).ok, true);
    });

    it('receipts carry a checkpoint timestamp and a verified chain', async () => {
      const client = new EvidenceClient({ serviceUrl: h.url, token: a.token, stateDir: null });
      const ack = await client.submitDocument(samplePdf('timed'), { event: 'signed' });
      const receipt: EvidenceReceipt = await client.fetchReceipt(ack.evidenceNumber);
      const v = await verifyReceipt(receipt, { trustedLogKeys: [h.service.ctx.identity.verifierKey] });
      assert.equal(v.ok, true);
      const t = v.facts!.timestamp!;
      assert.ok(Math.abs(t.genTime.getTime() - Date.now()) < 60_000);
      assert.match(t.tsaSubject, /Inkstone Evidence TSA/u);
      assert.equal(t.chainLength, 2);
    });
  });
}
