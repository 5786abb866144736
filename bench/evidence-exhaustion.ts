/**
 * How long legitimate requests take while the evidence service is flooded before authentication
 * (20 tokenless 250 MiB uploads and 50 slow-loris connections; tests/evidence/support/exhaustion-run.ts),
 * on SQLite and PostgreSQL; baseline: the same clients' requests with no flood, same run. Figures →
 * bench/RESULTS.md, section "evidence-exhaustion". The tests (tests/evidence/exhaustion*.test.ts)
 * check that every client is served and nothing is lost; the latency belongs here, measured on a
 * quiet machine: `npm run bench evidence-exhaustion`.
 */
import { postgresAvailable } from '../tests/support/postgres.js';
import { FLOOD_SLOW_LORIS, FLOOD_UPLOADS, runExhaustion, type ExhaustionRun } from '../tests/evidence/support/exhaustion-run.js';
import { median, ms, percentile, writeResultsSection } from './results.js';

/** Which backends to measure (`sqlite,postgres` by default). */
const BACKENDS = (process.env.EVIDENCE_BENCH_BACKENDS ?? 'sqlite,postgres').split(',').filter((b) => b !== 'postgres' || postgresAvailable());
const LABELS: Readonly<Record<string, string>> = { sqlite: 'SQLite', postgres: 'PostgreSQL 15' };

function row(name: string, runs: ReadonlyArray<ExhaustionRun>, pick: (run: ExhaustionRun) => string): string {
  return `| ${name} | ${runs.map(pick).join(' | ')} |`;
}

/** Answered requests of the clients (not the first, cold one) sent and answered during the flood, or both outside it. */
const latencies = (run: ExhaustionRun, duringFlood: boolean) =>
  run.requests.filter((r) => r.phase === (duringFlood ? 'flood' : 'quiet') && r.client >= 0 && r.status === 201).map((r) => r.ms);

const runs: ExhaustionRun[] = [];
for (const backend of BACKENDS) {
  console.log(`flooding the service on ${backend}…`);
  const run = await runExhaustion(backend as 'sqlite' | 'postgres');
  const during = latencies(run, true);
  console.log(`${backend}: ${during.length} requests during the flood, p95 ${ms(percentile(during, 95))}, max ${ms(Math.max(...during))}`);
  runs.push(run);
}

const header = `| measure | ${BACKENDS.map((b) => LABELS[b] ?? b).join(' | ')} |\n|---|${BACKENDS.map(() => '---|').join('')}`;
writeResultsSection(
  'evidence-exhaustion',
  `## Evidence service under a flood before authentication

${FLOOD_UPLOADS} tokenless 250 MiB uploads and ${FLOOD_SLOW_LORIS} slow-loris connections from a process of their own, against the service in its own process with its default limits, while 3 legitimate clients each submit a small PDF, wait for the 201 and pause 200 ms. Baseline: the same clients' requests outside the flood, same run (before it starts and after it ends). Target: p95 < 1 s during the flood.

${header}
${row('Legitimate submissions during the flood, p95', runs, (r) => ms(percentile(latencies(r, true), 95)))}
${row('Legitimate submissions during the flood, max', runs, (r) => ms(Math.max(...latencies(r, true))))}
${row('Legitimate submissions during the flood, median (count)', runs, (r) => `${ms(median(latencies(r, true)))} (${latencies(r, true).length})`)}
${row('  baseline: outside the flood, median / p95', runs, (r) => `${ms(median(latencies(r, false)))} / ${ms(percentile(latencies(r, false), 95))}`)}
${row('Service peak RSS', runs, (r) => `${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB`)}
${row('Acknowledged / lost', runs, (r) => `${r.acknowledged} / ${r.lost.length}`)}
`,
);
