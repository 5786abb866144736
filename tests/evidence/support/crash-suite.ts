import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commitmentFor, openCheckpoint, parseNoteVerifier, verifyConsistency, verifyReceipt } from '../../../src-main/core/evidence/index.js';
import { openDatabase } from '../../../src-evidence/service.js';
import { createTenant } from '../../../src-evidence/tenancy/index.js';
import { freePort, postgresAvailable, startPostgres, type TestPostgres } from '../../support/postgres.js';
import { api, samplePdf } from './harness.js';
import { startServiceProcess, stopServiceProcess } from './service-process.js';

/**
 * kill -9 the service while it takes uploads and integrates, restart it, and check: no acknowledged
 * entry lost, none duplicated by the clients' retries, and the log consistent with every checkpoint
 * it issued before the crash. Run once per database (crash.test.ts, crash-postgres.test.ts): on
 * PostgreSQL the killed process's connections drop mid-transaction and the server rolls them back.
 */

interface Job {
  key: string;
  kind: 'commitment' | 'upload';
  commitment?: string;
  pdf?: Buffer;
  uploadId?: string;
  acked?: string; // evidence number once acknowledged
}

export function crashSuite(label: string, options: { backend: 'sqlite' | 'postgres' }): void {
  describe(
    `crash safety on ${label} (kill -9 during uploads and integration)`,
    { skip: options.backend === 'postgres' && !postgresAvailable() && 'PostgreSQL is not installed' },
    () => {
      let dataDir: string;
      let pg: TestPostgres | null = null;
      let token: string;
      let child: ChildProcess | null = null;
      let url: string;
      const jobs: Job[] = [];
      const checkpoints = new Map<number, string>();

      before(async () => {
        dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-crash-'));
        // fsync on: the database is as durable as in production.
        if (options.backend === 'postgres') pg = await startPostgres({ durable: true });
        const db = await openDatabase({ dataDir, database: pg?.url });
        token = (await createTenant({ db, now: () => new Date() }, 'Crash Co')).token.token;
        await db.close();
      });
      after(async () => {
        if (child) await kill9(child);
        await pg?.stop();
        rmSync(dataDir, { recursive: true, force: true });
      });

      async function submit(job: Job): Promise<void> {
        const headers = { 'idempotency-key': job.key };
        if (job.kind === 'commitment') {
          const r = await api({ url }, 'POST', '/v1/commitments', { token, json: { commitment: job.commitment, event: 'signed' }, headers });
          if (r.status === 201) job.acked = r.body.evidenceNumber;
          return;
        }
        if (!job.uploadId) {
          const r = await api({ url }, 'POST', '/v1/uploads', { token, json: { size: job.pdf!.length, event: 'signed' }, headers });
          if (r.status !== 201) return;
          job.uploadId = r.body.uploadId;
        }
        let status = (await api({ url }, 'GET', `/v1/uploads/${job.uploadId}`, { token })).body;
        while (status.status === 'open' && status.received < job.pdf!.length) {
          const end = Math.min(job.pdf!.length, status.received + 20_000);
          const r = await api({ url }, 'PUT', `/v1/uploads/${job.uploadId}/chunks?offset=${status.received}`, {
            token,
            body: job.pdf!.subarray(status.received, end),
            contentType: 'application/octet-stream',
          });
          if (r.status !== 200) return;
          status = r.body;
        }
        const done = await api({ url }, 'POST', `/v1/uploads/${job.uploadId}/complete`, { token });
        if (done.status === 200) job.acked = done.body.result.evidenceNumber;
      }

      /** Run workers against the service until it dies; remember every checkpoint seen. */
      async function load(from: number, count: number, child: ChildProcess, killAfterMs: number): Promise<void> {
        for (let i = from; i < from + count; i++) {
          jobs.push(
            i % 10 === 0
              ? { key: `job-${i}`, kind: 'upload', pdf: samplePdf(`upload ${i}`, 60_000) }
              : { key: `job-${i}`, kind: 'commitment', commitment: commitmentFor(createHash('sha256').update(`doc ${i}`).digest('hex'), 'ab'.repeat(32)) },
          );
        }
        const mine = jobs.slice(from, from + count);
        let next = 0;
        let dead = false;
        const worker = async () => {
          while (!dead && next < mine.length) {
            const job = mine[next++];
            await submit(job).catch(() => undefined);
          }
        };
        const watcher = async () => {
          while (!dead) {
            const cp = await fetch(`${url}/log/checkpoint`)
              .then((r) => (r.ok ? r.text() : null))
              .catch(() => null);
            if (cp) checkpoints.set(Number(cp.split('\n')[1]), cp);
            await new Promise((r) => setTimeout(r, 50));
          }
        };
        // Kill once the service has been busy for killAfterMs AND has acknowledged a fair share of this
        // round, so a slow (loaded) machine still kills mid-stream rather than before anything landed.
        const started = Date.now();
        const killer = (async () => {
          while (Date.now() - started < 60_000) {
            const acked = mine.filter((j) => j.acked).length;
            if (Date.now() - started >= killAfterMs && acked >= 40 && next < mine.length) break;
            await new Promise((r) => setTimeout(r, 25));
          }
          dead = true;
          await kill9(child);
        })();
        await Promise.all([worker(), worker(), worker(), worker(), watcher(), killer]);
      }

      const startServer = (dir: string, port: number) =>
        startServiceProcess({ dataDir: dir, port, database: pg?.url, args: ['--integrate-interval-ms', '200'] });

      it('survives two kills; every acknowledged entry is kept once and the log stays consistent', async () => {
        const port = await freePort();
        url = `http://127.0.0.1:${port}`;
        child = await startServer(dataDir, port);
        await load(0, 300, child, 1200);
        child = await startServer(dataDir, port);
        await load(300, 300, child, 1000);
        child = await startServer(dataDir, port);

        const ackedBefore = jobs.filter((j) => j.acked).map((j) => [j.key, j.acked] as const);
        assert.ok(ackedBefore.length > 50, `enough entries were acknowledged before the kills (${ackedBefore.length})`);
        assert.ok(checkpoints.size >= 2, 'checkpoints were issued before the kills');

        // Clients retry everything they started, with the same keys (uploads resume their session).
        for (const job of jobs) await submit(job);
        for (const [key, number] of ackedBefore) assert.equal(jobs.find((j) => j.key === key)!.acked, number, `${key} kept its evidence number`);
        assert.ok(
          jobs.every((j) => j.acked),
          'every retried job is acknowledged',
        );
        assert.equal(new Set(jobs.map((j) => j.acked)).size, jobs.length, 'no two jobs share an entry');

        // Exactly one entry per job: count entries by their commitments / document hashes.
        let info = await api({ url }, 'GET', '/v1/log');
        for (let i = 0; i < 100 && info.body.treeSize < jobs.length; i++) {
          await new Promise((r) => setTimeout(r, 100));
          info = await api({ url }, 'GET', '/v1/log');
        }
        const verifier = parseNoteVerifier(info.body.verifierKey);
        const latest = openCheckpoint(info.body.checkpoint, verifier);
        assert.equal(latest.size, jobs.length, 'the log holds exactly one entry per job');

        // Every acknowledged entry has a receipt that verifies.
        for (const job of jobs.filter((_, i) => i % 20 === 0)) {
          const r = await api({ url }, 'GET', `/v1/receipts/${job.acked}?waitMs=5000`, { token });
          assert.equal(r.status, 200);
          assert.equal((await verifyReceipt(r.body, { trustedLogKeys: [info.body.verifierKey] })).ok, true, job.key);
        }

        // The log after the crashes extends every checkpoint issued before them.
        for (const [size, note] of checkpoints) {
          const old = openCheckpoint(note, verifier);
          const proof = await api({ url }, 'GET', `/v1/log/consistency?first=${size}&second=${latest.size}`);
          assert.ok(
            verifyConsistency(
              size,
              latest.size,
              old.root,
              latest.root,
              proof.body.hashes.map((x: string) => Buffer.from(x, 'hex')),
            ),
            `consistent with checkpoint ${size}`,
          );
        }
        await kill9(child);
      });
    },
  );
}

const kill9 = (child: ChildProcess) => stopServiceProcess(child, 'SIGKILL');
