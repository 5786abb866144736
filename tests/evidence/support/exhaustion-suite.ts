import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postgresAvailable } from '../../support/postgres.js';
import { FLOOD_SLOW_LORIS, FLOOD_UPLOADS, runExhaustion } from './exhaustion-run.js';

/**
 * What must hold while the service is flooded before authentication (support/exhaustion-run.ts),
 * on each database (exhaustion.test.ts, exhaustion-postgres.test.ts): memory stays bounded, the
 * attackers are refused on their headers, and legitimate clients are all served meanwhile, none
 * starved and nothing they were acknowledged lost. How long their requests take is a benchmark
 * figure (bench/evidence-exhaustion.ts), not asserted here.
 */
const RSS_LIMIT = 300 * 1024 * 1024;

export function exhaustionSuite(label: string, options: { backend: 'sqlite' | 'postgres' }): void {
  describe(
    `memory exhaustion before authentication on ${label} (service process, default limits)`,
    {
      skip: (process.platform !== 'linux' && 'reads /proc') || (options.backend === 'postgres' && !postgresAvailable() && 'PostgreSQL is not installed'),
    },
    () => {
      it(`${FLOOD_UPLOADS} tokenless 250 MiB uploads and ${FLOOD_SLOW_LORIS} slow-loris connections: RSS < 300 MB, every legitimate client served, nothing lost`, async () => {
        const run = await runExhaustion(options.backend);
        const sentMiB = run.uploads.reduce((sum, u) => sum + u.sent, 0) / 2 ** 20;
        const during = run.requests.filter((r) => r.phase === 'flood');
        console.log(
          `${label}: peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB; ${sentMiB.toFixed(0)} MiB sent by ${run.uploads.length} uploads; ` +
            `slow-loris closed after ≤ ${Math.max(...run.slowLorisHeldMs)} ms; ${during.length} legitimate requests during the flood, ${run.acknowledged} acknowledged in all`,
        );

        assert.equal(run.uploads.length, FLOOD_UPLOADS);
        // Every upload refused on its headers, long before its body was sent.
        for (const u of run.uploads) assert.ok(u.status === 401 || u.status === 429, `refused, not ${u.status}`);
        assert.ok(sentMiB < FLOOD_UPLOADS * 64, `the clients stopped early (${sentMiB.toFixed(0)} MiB sent in all)`);
        // The slow-loris connections are dropped by the headers timeout (10 s).
        assert.equal(run.slowLorisHeldMs.length, FLOOD_SLOW_LORIS);
        assert.ok(
          run.slowLorisHeldMs.every((ms) => ms >= 0 && ms < 15_000),
          `slow-loris connections closed after ${Math.max(...run.slowLorisHeldMs)} ms`,
        );
        assert.ok(run.peakRssBytes < RSS_LIMIT, `peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);

        // Served: every legitimate request answered 201 (none failed, none starved), and each client
        // got several answers while the flood ran.
        const failed = run.requests.filter((r) => r.status !== 201);
        assert.deepEqual(
          failed.map((r) => `client ${r.client}: ${r.status ?? 'no answer'} after ${r.ms.toFixed(0)} ms`),
          [],
        );
        for (const client of [0, 1, 2]) {
          const served = during.filter((r) => r.client === client).length;
          assert.ok(served >= 3, `client ${client} was served ${served} times during the flood`);
        }
        // Nothing lost: every acknowledged submission has its receipt, and the log holds exactly them.
        assert.equal(run.acknowledged, run.requests.length);
        assert.deepEqual(run.lost, []);
        assert.equal(run.treeSize, run.acknowledged, 'the log holds one entry per acknowledged submission');
      });
    },
  );
}
