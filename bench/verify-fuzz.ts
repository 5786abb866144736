// Fuzzing the verifier at scale: mutated signed PDFs (tests/verify/support/mutations.ts), each of
// which must end in a verdict or a typed error — no crash, no case over 5 s, no worker past its heap
// limit. 100,000 cases by default (the bench, written to RESULTS.md); CI runs 10,000 with --check.
//   node --import tsx bench/verify-fuzz.ts [--cases N] [--workers N] [--seed N] [--check]
//   [--max-rss-mb N]
// --check: do not write RESULTS.md; exit 1 on any crash or hang (for CI). --max-rss-mb: also exit 1
// when the process's peak RSS (all workers) passed N MB. scripts/test-all.sh (npm test, CI) runs
// --cases 10000 --check --max-rss-mb 2048.
import os from 'node:os';
import { fuzzBases, FUZZ_BASE_FILES } from '../tests/verify/support/fuzz-bases.js';
import { runFuzz } from '../tests/verify/support/fuzz-pool.js';
import { writeResultsSection } from './results.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const cases = option('cases', 100_000);
const workers = option('workers', 2);
const firstSeed = option('seed', 1);
const check = process.argv.includes('--check');
const maxRssMb = option('max-rss-mb', Infinity);
const load = os.loadavg()[0];
let last = 0;
const report = await runFuzz({
  bases: fuzzBases(),
  cases,
  workers,
  firstSeed,
  caseLimitMs: 5000,
  heapLimitMb: 768,
  onProgress: (done) => {
    if (done - last >= 1000 || done === cases) {
      last = done;
      process.stderr.write(`\r${done}/${cases}`);
    }
  },
});
process.stderr.write('\n');
const overMemory = report.peakRssMb > maxRssMb;
const failed = report.crashes.length + report.hangs.length + (overMemory ? 1 : 0);
const count = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
    .join(', ');
const summary = `## Verification fuzzing — ${cases.toLocaleString('en')} mutated signed PDFs

Seeds ${firstSeed}–${firstSeed + cases - 1}, ${workers} worker threads, 5 s wall-clock limit per case (the verifier's own budget 4 s), 768 MB heap per worker. Bases: ${FUZZ_BASE_FILES.join(', ')} (EU DSS corpus). Mutations: bit flips, truncation, cross-reference damage, deep nesting (up to 61,000 levels), huge lengths and counts, CMS damage, splices, broken byte ranges. Load average at the start: ${load.toFixed(1)} on ${os.cpus().length} cores.

| measure | result |
|---|---|
| crashes (any untyped error, or a worker that died) | **${report.crashes.length}** |
| hangs over 5 s | **${report.hangs.length}** |
| verdicts | ${count(report.verdicts)} |
| typed errors | ${count(report.typedErrors)} |
| slowest case (seed) / p99 | ${report.slowestMs} ms (${report.slowestSeed}) / ${report.p99Ms} ms |
| peak RSS (process, all workers) | ${report.peakRssMb} MB |
| wall time | ${(report.wallMs / 1000).toFixed(0)} s (${(cases / (report.wallMs / 1000)).toFixed(0)} cases/s) |`;
if (!check) writeResultsSection('verify-fuzz', summary);
console.log(summary);
if (overMemory) console.log(`peak RSS ${report.peakRssMb} MB is over the bound of ${maxRssMb} MB`);
if (failed) {
  console.log(JSON.stringify({ crashes: report.crashes.slice(0, 10), hangs: report.hangs.slice(0, 50) }, null, 2));
  process.exit(1);
}
