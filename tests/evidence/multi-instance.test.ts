import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EvidenceClient, openCheckpoint, parseNoteVerifier, verifyConsistency, verifyReceipt, type EvidenceAck } from '../../src-main/core/evidence/index.js';
import { openEvidenceService, type EvidenceService } from '../../src-evidence/service.js';
import { createHttpApp } from '../../src-evidence/http/server.js';
import { createTenant } from '../../src-evidence/tenancy/index.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { startS3, type TestS3 } from './support/s3-server.js';
import { api, samplePdf } from './support/harness.js';

/**
 * Two service instances behind one (imaginary) load balancer, sharing PostgreSQL, the S3 bucket and
 * the key folder: one log, no index taken twice, one chain per contract across instances, and every
 * receipt and document readable from either.
 */
describe('two instances on one PostgreSQL and one bucket', () => {
  let pg: TestPostgres;
  let s3: TestS3;
  let dataDir: string;
  const instances: Array<{ service: EvidenceService; app: FastifyInstance; url: string }> = [];

  before(async () => {
    pg = await startPostgres();
    s3 = await startS3();
    dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-multi-'));
    for (let i = 0; i < 2; i++) {
      const service = await openEvidenceService({ dataDir, database: pg.url, blobs: s3.blobSpec, integrateIntervalMs: 40 });
      const { app } = await createHttpApp(service, { version: 'test', logger: false, rateLimit: { perSecond: 1e5, burst: 1e5 } });
      instances.push({ service, app, url: await app.listen({ port: 0, host: '127.0.0.1' }) });
    }
  });
  after(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.service.close();
    }
    await pg?.stop();
    await s3?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('interleaved submissions form one consistent log and one chain per contract', async () => {
    const { token } = (await createTenant(instances[0].service.ctx, 'Spread Co')).token;
    const clients = instances.map((i) => new EvidenceClient({ serviceUrl: i.url, token, stateDir: null }));
    const acks: EvidenceAck[] = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        clients[n % 2].submitDocument(samplePdf(`spread ${n}`), { event: 'signed', chainKey: n % 3 === 0 ? 'contract-shared' : undefined }),
      ),
    );
    const indexes = acks.map((a) => a.index).sort((a, b) => a - b);
    assert.deepEqual(
      indexes,
      Array.from({ length: 60 }, (_, i) => i),
      'every index used exactly once',
    );

    // The shared contract's statements form a single chain, whichever instance took each.
    const chain = acks.filter((_, n) => n % 3 === 0);
    assert.equal(chain.filter((a) => a.previousLeafHash === null).length, 1, 'one start of the chain');
    const hashes = new Set(chain.map((a) => a.leafHash));
    assert.ok(chain.every((a) => a.previousLeafHash === null || hashes.has(a.previousLeafHash)));
    assert.equal(new Set(chain.map((a) => a.previousLeafHash)).size, chain.length, 'no fork in the chain');

    // Receipts from the other instance verify; documents are readable from either.
    for (const [n, ack] of acks.entries()) {
      if (n % 6) continue;
      const receipt = await clients[(n + 1) % 2].fetchReceipt(ack.evidenceNumber);
      assert.equal((await verifyReceipt(receipt, { document: samplePdf(`spread ${n}`) })).ok, true);
      const res = await fetch(`${instances[(n + 1) % 2].url}/v1/documents/${ack.documentId}/content`, {
        headers: { authorization: `Bearer ${token}`, 'x-inkstone-purpose': 'test' },
      });
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), samplePdf(`spread ${n}`));
    }

    // Every checkpoint either instance issued is consistent with the final one.
    const info = await api(instances[0], 'GET', '/v1/log');
    const verifier = parseNoteVerifier(info.body.verifierKey);
    const latest = openCheckpoint(info.body.checkpoint, verifier);
    assert.equal(latest.size, 60);
    const rows = await instances[0].service.ctx.db.all<{ tree_size: number; note: string }>('SELECT tree_size, note FROM checkpoints ORDER BY tree_size');
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      const cp = openCheckpoint(row.note, verifier);
      const proof = await api(instances[1], 'GET', `/v1/log/consistency?first=${cp.size}&second=${latest.size}`);
      assert.ok(
        verifyConsistency(
          cp.size,
          latest.size,
          cp.root,
          latest.root,
          proof.body.hashes.map((h: string) => Buffer.from(h, 'hex')),
        ),
        `checkpoint ${cp.size}`,
      );
    }
  });
});
