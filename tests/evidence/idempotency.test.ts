import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { commitmentFor, newSalt } from '../../src-main/core/evidence/index.js';
import { api, samplePdf, startHarness, type Harness } from './support/harness.js';

/** A retried request never creates a second record, however the retries arrive. */
describe('idempotency', () => {
  let h: Harness;
  let t: { tenantId: string; token: string };
  before(async () => {
    h = await startHarness();
    t = await h.tenant('Retry Co');
  });
  after(() => h?.close());

  const count = async (sql: string, params: string[]) => Number((await h.service.ctx.db.get<{ n: number }>(sql, params))!.n);

  it('the same upload retried 100 times (50 at once, then 50 one by one) makes one document and one entry', async () => {
    const pdf = samplePdf('retried contract');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const send = () => api(h, 'POST', '/v1/documents?event=signed', { token: t.token, body: pdf, headers: { 'idempotency-key': 'contract-42-signed' } });
    const concurrent = await Promise.all(Array.from({ length: 50 }, send));
    const sequential = [];
    for (let i = 0; i < 50; i++) sequential.push(await send());
    const all = [...concurrent, ...sequential];
    assert.ok(
      all.every((r) => r.status === 201),
      JSON.stringify(all.find((r) => r.status !== 201)?.body),
    );
    assert.equal(new Set(all.map((r) => r.body.evidenceNumber)).size, 1, 'one evidence number for every retry');
    assert.equal(new Set(all.map((r) => r.body.documentId)).size, 1);
    assert.equal(await count('SELECT count(*) AS n FROM documents WHERE tenant_id = ? AND sha256 = ?', [t.tenantId, sha256]), 1);
    assert.equal(await count('SELECT count(*) AS n FROM entries WHERE tenant_id = ? AND document_hash = ?', [t.tenantId, sha256]), 1);
  });

  it('privacy-mode commitments retried 100 times make one entry', async () => {
    const commitment = commitmentFor(createHash('sha256').update('secret deed').digest('hex'), newSalt());
    const send = () => api(h, 'POST', '/v1/commitments', { token: t.token, json: { commitment, event: 'signed' }, headers: { 'idempotency-key': 'deed-7' } });
    const all = await Promise.all(Array.from({ length: 100 }, send));
    assert.ok(all.every((r) => r.status === 201));
    assert.equal(new Set(all.map((r) => r.body.evidenceNumber)).size, 1);
    assert.equal(await count('SELECT count(*) AS n FROM entries WHERE tenant_id = ? AND commitment = ?', [t.tenantId, commitment]), 1);
  });

  it('racing completions of one chunked upload log it once; the same key in another tenant is independent', async () => {
    const pdf = samplePdf('chunked', 5000);
    const created = await api(h, 'POST', '/v1/uploads', {
      token: t.token,
      json: { size: pdf.length, event: 'signed' },
      headers: { 'idempotency-key': 'upload-a' },
    });
    const again = await api(h, 'POST', '/v1/uploads', {
      token: t.token,
      json: { size: pdf.length, event: 'signed' },
      headers: { 'idempotency-key': 'upload-a' },
    });
    assert.equal(again.body.uploadId, created.body.uploadId, 'a retried create returns the same session');
    const id = created.body.uploadId;
    // The same chunk sent three times at once stores it once.
    await Promise.all(
      [0, 1, 2].map(() => api(h, 'PUT', `/v1/uploads/${id}/chunks?offset=0`, { token: t.token, body: pdf, contentType: 'application/octet-stream' })),
    );
    assert.equal(await count('SELECT count(*) AS n FROM upload_chunks WHERE upload_id = ?', [id]), 1);
    const done = await Promise.all(Array.from({ length: 20 }, () => api(h, 'POST', `/v1/uploads/${id}/complete`, { token: t.token })));
    assert.ok(
      done.every((r) => r.status === 200),
      JSON.stringify(done.find((r) => r.status !== 200)?.body),
    );
    assert.equal(new Set(done.map((r) => r.body.result?.evidenceNumber)).size, 1);
    assert.equal(
      await count('SELECT count(*) AS n FROM entries WHERE tenant_id = ? AND document_hash = ?', [t.tenantId, createHash('sha256').update(pdf).digest('hex')]),
      1,
    );
    const other = await h.tenant('Other Co');
    const theirs = await api(h, 'POST', '/v1/uploads', { token: other.token, json: { size: 10, event: 'signed' }, headers: { 'idempotency-key': 'upload-a' } });
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.body.uploadId, id);
  });
});
