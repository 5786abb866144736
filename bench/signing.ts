// Signing engine: PAdES B-B of 1, 20 and 100 MB PDFs (wall time and peak RSS, each in its own
// process) against `sha256sum` + `cp` of the same file and against @signpdf/signpdf with the same
// key in a PKCS#12 file; and a batch of one-page PDFs under one SoftHSM login. Ratios are against
// baselines measured in the same run.
//   node --import tsx bench/signing.ts [batch-count]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { getTestPki } from '../tests/support/test-pki.js';
import { simplePdf } from '../tests/fixtures/pdfs.js';
import { bundleChild } from './child.js';
import { writeScannedContract } from './large-pdf.js';
import { median, ms, writeResultsSection } from './results.js';

const BATCH = Number(process.argv[2] ?? 1000);
const ROUNDS = 3;
const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-bench-signing-'));

const CHILD = await bundleChild('signing-child');

interface Measured {
  ms: number;
  maxRssMb: number;
  docsPerSecond?: number;
}

function child(args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const r = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench child ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

/** Median wall time of `sha256sum in && cp in out`: reading and hashing the file once, then copying it. */
function hashAndCopy(input: string): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const out = path.join(dir, `copy-${i}.pdf`);
    const t = performance.now();
    execFileSync('sh', ['-c', 'sha256sum "$1" > /dev/null && cp "$1" "$2" && sync "$2"', 'sh', input, out]);
    times.push(performance.now() - t);
    rmSync(out);
  }
  return median(times);
}

function signRounds(mode: 'sign-inkstone' | 'sign-signpdf', input: string, p12: { path: string; password: string }): Measured {
  const runs: Measured[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const out = path.join(dir, `${mode}-${i}.pdf`);
    runs.push(child([mode, input, out, p12.path, p12.password, warmUp]));
    rmSync(out);
    for (let w = 0; w < 3; w++) rmSync(`${out}.warm-up-${w}.pdf`);
  }
  return { ms: median(runs.map((r) => r.ms)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

const pki = await getTestPki();
const p12 = await pki.pkcs12();
const warmUp = await simplePdf();
const rows: string[] = [];
const verdicts: string[] = [];
for (const mb of [1, 20, 100]) {
  const input = path.join(dir, `${mb}mb.pdf`);
  writeScannedContract(input, mb * 1024 * 1024, 1);
  const baseline = hashAndCopy(input);
  const ours = signRounds('sign-inkstone', input, p12);
  const theirs = mb <= 20 ? signRounds('sign-signpdf', input, p12) : null;
  rows.push(
    `| ${mb} MB | ${ms(ours.ms)} | ${ours.maxRssMb} MB | ${ms(baseline)} | ${(ours.ms / baseline).toFixed(2)}× | ${theirs ? `${ms(theirs.ms)}, ${theirs.maxRssMb} MB` : 'not run (see note)'} | ${theirs ? `${(theirs.ms / ours.ms).toFixed(1)}× faster` : '—'} |`,
  );
  verdicts.push(
    `${mb} MB: ${(ours.ms / baseline).toFixed(2)}× hash+copy (target ≤ 1.5×)${mb === 100 ? `, peak RSS ${ours.maxRssMb} MB (target ≤ 150 MB)` : ''}${mb === 20 && theirs ? `, ${(theirs.ms / ours.ms).toFixed(1)}× faster than @signpdf (target ≥ 3×)` : ''}`,
  );
  rmSync(input);
}

// Batch: one-page contracts under one SoftHSM login.
const leaves = await pki.tokenLeaves();
const batchDir = path.join(dir, 'batch');
mkdirSync(path.join(batchDir, 'in'), { recursive: true });
const source = await simplePdf();
for (let i = 0; i < BATCH; i++) copyFileSync(source, path.join(batchDir, 'in', `contract-${String(i).padStart(5, '0')}.pdf`));
const batch = child(['batch', batchDir, String(BATCH), leaves.token.label, leaves.zhangSan.label, leaves.token.pin], leaves.token.env);
verdicts.push(`batch: ${batch.docsPerSecond!.toFixed(0)} documents/s (target ≥ 100/s)`);

writeResultsSection(
  'signing',
  `## Signing engine — PAdES B-B, large files and a batch

Each signing runs in its own Node process (the engine bundled by esbuild, as shipped) that has opened the key and signed a one-page PDF three times first, as the running app has; time is the next signing call, median of ${ROUNDS}; peak RSS is the process's maxRSS, modules included. Load average at the start: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores shared with other work. Baseline: \`sha256sum\` then \`cp\` of the same file (and \`sync\`), the I/O and hashing floor. @signpdf/signpdf 3.3 signs with the same RSA-2048 key from the same PKCS#12 file, after \`plainAddPlaceholder\`.

| file | Inkstone | peak RSS | sha256sum + cp | ratio | @signpdf | Inkstone vs @signpdf |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Batch: ${BATCH} one-page PDFs, RSA-2048 on SoftHSM, one login: **${batch.docsPerSecond!.toFixed(0)} documents/s** (${ms(batch.ms)} in all, peak RSS ${batch.maxRssMb} MB).

${verdicts.map((v) => `- ${v}`).join('\n')}

Note: @signpdf is not run at 100 MB: it holds the file several times over in memory as strings and buffers.`,
);
await pki.servers.close();
rmSync(dir, { recursive: true, force: true });
console.log(verdicts.join('\n'));
