/**
 * Sync throughput (issue 11); not part of `npm test`. One desktop with N contracts, each with a
 * one-page document, syncs them to a local service (SQLite): contracts per second and the total
 * time, against POSTing the same bytes one by one to the same service in the same run (another
 * tenant, so nothing is deduplicated away). Then the steady state: one edit on A → sync → visible on
 * B, end to end on loopback, p50/p95 (target ≤ 200 ms).
 *
 *   npx tsx bench/sync-initial.ts [--count 10000] [--edits 50]
 */
import { performance } from 'node:perf_hooks';
import { runSyncPass } from '../src-main/core/sync/index.js';
import { samplePdf } from '../tests/evidence/support/harness.js';
import { startTeam } from '../tests/sync/support/desktops.js';
import { ms, percentile, writeResultsSection } from './results.js';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const count = arg('--count', 10_000);
const edits = arg('--edits', 50);

const team = await startTeam({ backend: 'sqlite' });
try {
  const a = await team.desktop('张律师');
  const b = await team.desktop('李律师');
  const documents: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = samplePdf(`合同 ${i} 第一页`, 20_000);
    const c = a.library.createContract({ title: `合同 ${i}` });
    const { sha256 } = await a.library.store.put(bytes);
    a.library.addDocument(c.id, `合同-${i}.pdf`, { sha256, size: bytes.length, pageCount: 1, signatureFieldCount: 0, origin: 'import', text: `合同 ${i}` });
    documents.push(bytes);
  }
  const bytesTotal = documents.reduce((n, d) => n + d.length, 0);

  let t0 = performance.now();
  const pass = await runSyncPass(a.library, a.client({ retries: 3 }));
  const syncMs = performance.now() - t0;
  if (pass.pending !== 0 || pass.sent < 2 * count) throw new Error(`sync left ${pass.pending} waiting, sent ${pass.sent}`);

  // The same bytes as plain POSTs, one after another, to another tenant of the same service.
  const other = await team.h.tenant('对照组');
  t0 = performance.now();
  for (const [i, bytes] of documents.entries()) {
    const res = await fetch(`${team.h.url}/v1/documents?event=registered`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/pdf', 'idempotency-key': `plain-${i}` },
      body: new Uint8Array(bytes),
    });
    if (!res.ok) throw new Error(`plain POST ${i}: HTTP ${res.status}`);
    await res.arrayBuffer();
  }
  const plainMs = performance.now() - t0;

  await runSyncPass(b.library, b.client({ retries: 3 }));
  const latencies: number[] = [];
  const target = a.library.createContract({ title: '稳态编辑' });
  await runSyncPass(a.library, a.client());
  await runSyncPass(b.library, b.client());
  for (let i = 0; i < edits; i++) {
    const notes = `第 ${i} 次修改`;
    const start = performance.now();
    a.library.updateContract(target.id, { notes });
    await runSyncPass(a.library, a.client());
    await runSyncPass(b.library, b.client());
    if (b.library.getContract(target.id).notes !== notes) throw new Error(`edit ${i} not visible on B`);
    latencies.push(performance.now() - start);
  }

  const result = {
    contracts: count,
    megabytes: +(bytesTotal / 1e6).toFixed(1),
    syncSeconds: +(syncMs / 1000).toFixed(2),
    contractsPerSecond: +(count / (syncMs / 1000)).toFixed(1),
    plainPostSeconds: +(plainMs / 1000).toFixed(2),
    syncOverPlain: +(syncMs / plainMs).toFixed(2),
    editP50Ms: +percentile(latencies, 50).toFixed(1),
    editP95Ms: +percentile(latencies, 95).toFixed(1),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // A small run (--count) is a smoke test: its figures are not recorded.
  if (!process.argv.includes('--count'))
    writeResultsSection(
      'sync-initial',
      [
        `Initial sync of ${count} contracts with one-page documents (${result.megabytes} MB), SQLite service on loopback:`,
        `${result.syncSeconds} s (${result.contractsPerSecond} contracts/s); the same bytes as plain POSTs: ${result.plainPostSeconds} s (sync takes ${result.syncOverPlain}×).`,
        `One edit on A visible on B (push + pull, ${edits} edits): p50 ${ms(result.editP50Ms)}, p95 ${ms(result.editP95Ms)} (target ≤ 200 ms).`,
      ].join('\n'),
    );
} finally {
  await team.close();
}
