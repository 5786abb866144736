import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { MAX_DOCUMENT_BYTES } from '../../src-evidence/documents/submit.js';
import { api, samplePdf, startHarness, type Harness } from './support/harness.js';

/**
 * Resumable uploads under abuse: the document size cap holds at creation and per chunk, a chunk
 * sent again must repeat the stored bytes (refused 409 otherwise, before anything is written), no
 * client idempotency key can block an upload's completion, and malformed headers and requests get
 * typed 4xx answers, never 500.
 */
describe('resumable uploads and malformed requests', () => {
  let h: Harness;
  let token: string;
  before(async () => {
    h = await startHarness();
    token = (await h.tenant('Uploads Co')).token;
  });
  after(() => h?.close());

  const create = (size: number, headers: Record<string, string> = {}) => api(h, 'POST', '/v1/uploads', { token, json: { size, event: 'signed' }, headers });
  const put = (id: string, offset: number, body: Uint8Array) =>
    api(h, 'PUT', `/v1/uploads/${id}/chunks?offset=${offset}`, { token, body, contentType: 'application/octet-stream' });
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  it('an announced size over the document cap is refused at creation (413), and per chunk for older sessions', async () => {
    for (const size of [MAX_DOCUMENT_BYTES + 1, 2 ** 40]) {
      const r = await create(size);
      assert.equal(r.status, 413);
      assert.equal(r.body.error.code, 'EVIDENCE_DOCUMENT_TOO_LARGE');
    }
    // A session created before the cap existed, announcing 1 TiB.
    const ok = await create(1000);
    await h.service.ctx.db.run('UPDATE uploads SET size = ?, received = ? WHERE id = ?', [2 ** 40, MAX_DOCUMENT_BYTES, ok.body.uploadId]);
    const beyond = await put(ok.body.uploadId, MAX_DOCUMENT_BYTES, Buffer.alloc(10));
    assert.equal(beyond.status, 413);
    assert.equal(beyond.body.error.code, 'EVIDENCE_DOCUMENT_TOO_LARGE');
  });

  it('a chunk sent again with different bytes is refused 409 and the stored bytes stay; the same bytes are accepted', async () => {
    const pdf = samplePdf('chunk conflict', 3000);
    const id = (await create(pdf.length)).body.uploadId as string;
    assert.equal((await put(id, 0, pdf.subarray(0, 2000))).status, 200);
    const forged = Buffer.from(pdf.subarray(0, 2000));
    forged[1500] ^= 0xff;
    const conflict = await put(id, 0, forged);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.error.code, 'EVIDENCE_UPLOAD_CHUNK_CONFLICT');
    // A retry of a part of what is stored, at another offset inside it, compares that part.
    assert.equal((await put(id, 1000, forged.subarray(1000, 2000))).body.error.code, 'EVIDENCE_UPLOAD_CHUNK_CONFLICT');
    assert.equal((await put(id, 1000, pdf.subarray(1000, 2000))).status, 200, 'an identical retry is accepted');
    assert.equal((await put(id, 2000, pdf.subarray(2000))).status, 200);
    const done = await api(h, 'POST', `/v1/uploads/${id}/complete`, { token });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.result.documentHash, sha(pdf), 'the first bytes were kept');
  });

  it('8 concurrent chunks with different bytes at one offset: one is stored, the others refused, and all 10 uploads complete', async () => {
    for (let u = 0; u < 10; u++) {
      const variants = Array.from({ length: 8 }, (_, i) => samplePdf(`upload ${u} variant ${i}`, 4000));
      const id = (await create(variants[0].length)).body.uploadId as string;
      const answers = await Promise.all(variants.map((v) => put(id, 0, v)));
      const stored = answers.map((a, i) => (a.status === 200 ? i : -1)).filter((i) => i >= 0);
      assert.equal(stored.length, 1, `exactly one variant stored: ${answers.map((a) => a.status).join(',')}`);
      assert.ok(answers.every((a) => a.status === 200 || a.body.error.code === 'EVIDENCE_UPLOAD_CHUNK_CONFLICT'));
      const done = await api(h, 'POST', `/v1/uploads/${id}/complete`, { token });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.result.documentHash, sha(variants[stored[0]]));
    }
  });

  it('client idempotency keys cannot take an upload’s completion key', async () => {
    const pdf = samplePdf('reserved key', 100);
    const id = (await create(pdf.length)).body.uploadId as string;
    for (const key of [`upload:${id}`, `internal:upload:${id}`]) {
      const r = await api(h, 'POST', '/v1/documents?event=registered', { token, body: samplePdf(`squatter ${key}`), headers: { 'idempotency-key': key } });
      assert.equal(r.status, 201);
    }
    await put(id, 0, pdf);
    const done = await api(h, 'POST', `/v1/uploads/${id}/complete`, { token });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'completed');
  });

  it('malformed headers, paths, queries and bodies answer 4xx with a typed error', async () => {
    const doc = await api(h, 'POST', '/v1/documents?event=registered', { token, body: samplePdf('headers') });
    const cases: Array<[string, string, Parameters<typeof api>[3], number, string]> = [
      ['GET', `/v1/documents/${doc.body.documentId}/content`, { token, headers: { 'x-inkstone-purpose': '%' } }, 400, 'EVIDENCE_HEADER_INVALID'],
      ['GET', `/v1/documents/${doc.body.documentId}`, { token, headers: { 'x-inkstone-purpose': '%E9%99' } }, 400, 'EVIDENCE_HEADER_INVALID'],
      [
        'POST',
        '/v1/commitments',
        { token, json: { commitment: 'a'.repeat(64), event: 'signed' }, headers: { 'idempotency-key': 'x'.repeat(201) } },
        400,
        'EVIDENCE_HEADER_INVALID',
      ],
      ['GET', '/v1/documents/%', { token }, 400, 'INVALID_INPUT'],
      ['GET', '/v1/evidence/%E0%A4%A', {}, 400, 'INVALID_INPUT'],
      ['PUT', '/v1/uploads/x/chunks?offset=%zz', { token, body: Buffer.from('x'), contentType: 'application/octet-stream' }, 400, 'INVALID_INPUT'],
      ['POST', '/v1/uploads', { token, json: null }, 400, 'INVALID_INPUT'],
      ['POST', '/v1/documents', { token, body: Buffer.from('%PDF-1.7'), contentType: 'text/plain' }, 400, 'INVALID_INPUT'],
      ['GET', '/v1/me', { headers: { authorization: 'Bearer %%%' } }, 401, 'EVIDENCE_UNAUTHENTICATED'],
    ];
    for (const [method, p, init, status, code] of cases) {
      const r = await api(h, method, p, init);
      assert.equal(r.status, status, `${method} ${p}: ${r.text}`);
      assert.equal(r.body.error?.code, code, `${method} ${p}: ${r.text}`);
    }
    // Below Fastify: a request line Node's parser refuses.
    const raw = await new Promise<string>((resolve) => {
      const s = connect(Number(new URL(h.url).port), '127.0.0.1');
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('close', () => resolve(out));
      s.on('error', () => resolve(out));
      s.write('GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n');
    });
    assert.match(raw, /^HTTP\/1\.1 400 /u);
    assert.equal(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).error.code, 'INVALID_INPUT');
  });
});
