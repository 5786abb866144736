import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EvidenceClient,
  verifyReceipt,
  verifyTimestampToken,
  parseNoteSigner,
  signCheckpoint,
  CheckpointWitness,
  generateNoteSigner,
} from '../../src-main/core/evidence/index.js';
import { loadBuiltinTsa, type BuiltinTsa } from '../../src-evidence/tsa/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { freePort } from '../support/postgres.js';
import { samplePdf, startHarness } from './support/harness.js';

/** RFC 3161 trusted time, judged by OpenSSL too; and the desktop's fork detection. */
describe('trusted time and log consistency', () => {
  let dir: string;
  let tsa: BuiltinTsa;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-tsa-'));
    tsa = await loadBuiltinTsa(path.join(dir, 'keys'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the built-in TSA certificate has the critical timeStamping EKU and its tokens pass openssl ts -verify', async () => {
    const text = execFileSync('openssl', ['x509', '-in', path.join(dir, 'keys', 'tsa-cert.pem'), '-noout', '-text']).toString();
    assert.match(text, /X509v3 Extended Key Usage: critical\s+Time Stamping/u);
    const data = Buffer.from('checkpoint bytes');
    const token = await tsa.stamp(createHash('sha256').update(data).digest());
    writeFileSync(path.join(dir, 'data.bin'), data);
    writeFileSync(path.join(dir, 'token.der'), token);
    const out = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-data',
        path.join(dir, 'data.bin'),
        '-in',
        path.join(dir, 'token.der'),
        '-token_in',
        '-CAfile',
        path.join(dir, 'keys', 'tsa-chain.pem'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
    assert.match(out, /Verification: OK/u);
    const facts = await verifyTimestampToken(token, { imprint: createHash('sha256').update(data).digest(), certificates: tsa.chain });
    assert.equal(facts.chainLength, 2);
    await assert.rejects(
      verifyTimestampToken(token, { imprint: createHash('sha256').update('other').digest(), certificates: tsa.chain }),
      (e: unknown) => (e as InkstoneError).code === 'EVIDENCE_TIMESTAMP_INVALID',
    );
  });

  it('checkpoints can be stamped by an external RFC 3161 TSA over HTTP, with the nonce checked', async () => {
    const port = await freePort();
    let up = true;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (!up || req.headers['content-type'] !== 'application/timestamp-query') {
          res.statusCode = 503;
          return res.end();
        }
        void tsa.respond(Buffer.concat(chunks)).then((answer) => {
          res.setHeader('content-type', 'application/timestamp-reply');
          res.end(answer);
        });
      });
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const h = await startHarness({ builtinTsa: false, externalTsas: [{ url: `http://127.0.0.1:${port}/tsr`, extraCertificates: [tsa.chain[1]] }] });
    try {
      const { token } = await h.tenant('External TSA Co');
      const client = new EvidenceClient({ serviceUrl: h.url, token, stateDir: null });
      const ack = await client.submitDocument(samplePdf('externally timed'), { event: 'signed' });
      const receipt = await client.fetchReceipt(ack.evidenceNumber, { timeoutMs: 10_000 });
      const v = await verifyReceipt(receipt, { trustedTsaRoots: [createHash('sha256').update(tsa.chain[1]).digest('hex')] });
      assert.equal(v.ok, true, JSON.stringify(v.failure));
      // TSA down, no fallback: entries are still acknowledged, but no checkpoint is issued without time.
      up = false;
      const pending = await client.submitDocument(samplePdf('waiting for time'), { event: 'signed' });
      await assert.rejects(
        client.fetchReceipt(pending.evidenceNumber, { timeoutMs: 800 }),
        (e: unknown) => (e as InkstoneError).code === 'EVIDENCE_RECEIPT_PENDING',
      );
      up = true;
      assert.equal((await verifyReceipt(await client.fetchReceipt(pending.evidenceNumber, { timeoutMs: 10_000 }))).ok, true);
    } finally {
      await h.close();
      server.close();
    }
  });

  it('the client catches a log that shows a forked history, and a log key that changed', async () => {
    const h = await startHarness();
    const state = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-witness-'));
    try {
      const { token } = await h.tenant('Witness Co');
      const client = new EvidenceClient({ serviceUrl: h.url, token, stateDir: state });
      for (let i = 0; i < 3; i++) await client.fetchReceipt((await client.submitDocument(samplePdf(`w${i}`), { event: 'signed' })).evidenceNumber);
      const origin = h.service.ctx.identity.origin;
      const seen = (await client.witness!.remembered(origin))!;
      // The operator's own key signs a different root for the same size: a split view.
      const signer = parseNoteSigner(readFileSync(path.join(h.dataDir, 'keys', 'log-signer.key'), 'utf8'));
      const forkSame = signCheckpoint({ origin, size: seen.size, root: randomBytes(32) }, signer);
      const fork = (e: unknown) => (e as InkstoneError).code === 'EVIDENCE_CONSISTENCY_INVALID';
      await assert.rejects(
        client.witness!.observe(origin, seen.verifierKey, forkSame, (a, b) => client.consistencyProof(a, b)),
        fork,
      );
      // A larger forked tree: the real log cannot prove it extends what we saw.
      const forkBig = signCheckpoint({ origin, size: seen.size + 1, root: randomBytes(32) }, signer);
      await client.submitDocument(samplePdf('one more'), { event: 'signed' }).then((a) => client.fetchReceipt(a.evidenceNumber));
      const fresh = new CheckpointWitness(mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-witness2-')));
      await fresh.observe(origin, seen.verifierKey, seen.note, async () => []);
      await assert.rejects(
        fresh.observe(origin, seen.verifierKey, forkBig, (a, b) => client.consistencyProof(a, b)),
        fork,
      );
      // The genuine newer checkpoint passes.
      await client.auditLog();
      // A different key for the same log is refused.
      const other = generateNoteSigner(origin);
      await assert.rejects(
        client.witness!.observe(origin, other.verifier.encoded, signCheckpoint({ origin, size: 1, root: randomBytes(32) }, other), async () => []),
        (e: unknown) => (e as InkstoneError).code === 'EVIDENCE_LOG_KEY_UNTRUSTED',
      );
    } finally {
      await h.close();
      rmSync(state, { recursive: true, force: true });
    }
  });
});
