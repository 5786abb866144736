// Signing engine: PAdES B-B of 1, 20 and 100 MB PDFs (wall time and peak RSS, each in its own
// process) against `sha256sum` + `cp` of the same file and against @signpdf/signpdf with the same
// key in a PKCS#12 file; and a batch of one-page PDFs under one SoftHSM login. Ratios are against
// baselines measured in the same run.
//   node --import tsx bench/signing.ts [batch-count]
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { getTestPki } from '../tests/support/test-pki.js';
import { simplePdf } from '../tests/fixtures/pdfs.js';
import { ms, writeResultsSection } from './results.js';

const BATCH = Number(process.argv[2] ?? 1000);
const ROUNDS = 3;
const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-bench-signing-'));

// The children run the engine bundled as plain JavaScript, as the app ships it, not through tsx
// (whose loader would count in their memory). Native and wasm-loading packages stay external.
const CHILD = path.join(import.meta.dirname, 'data', 'signing-child.mjs');
await build({
  entryPoints: [path.join(import.meta.dirname, 'signing-child.ts')],
  outfile: CHILD,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pkcs11js', 'subset-font'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * A one-page PDF about `bytes` long, written in 1 MiB chunks: the page draws one uncompressed
 * image of random pixels, so the file is as large as asked and incompressible.
 */
function writeLargePdf(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  let size = 0;
  const offsets: number[] = [];
  const put = (data: string | Buffer): void => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, b);
    size += b.length;
  };
  const side = Math.floor(Math.sqrt(bytes / 3));
  const length = side * side * 3;
  put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const content = 'q 400 0 0 400 97 221 cm /Im0 Do Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  objects.forEach((body, i) => {
    offsets.push(size);
    put(`${i + 1} 0 obj\n${body}\nendobj\n`);
  });
  offsets.push(size);
  put(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${length} >>\nstream\n`);
  for (let left = length; left > 0; left -= 1 << 20) put(randomBytes(Math.min(left, 1 << 20)));
  put('\nendstream\nendobj\n');
  const xref = size;
  put(`xref\n0 6\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`);
  put(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
}

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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
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
  writeLargePdf(input, mb * 1024 * 1024);
  const baseline = hashAndCopy(input);
  const ours = signRounds('sign-inkstone', input, p12);
  const theirs = mb <= 20 ? signRounds('sign-signpdf', input, p12) : null;
  rows.push(
    `| ${mb} MB | ${ms(ours.ms)} | ${ours.maxRssMb} MB | ${ms(baseline)} | ${(ours.ms / baseline).toFixed(2)}× | ${theirs ? `${ms(theirs.ms)}, ${theirs.maxRssMb} MB` : 'not run (see note)'} | ${theirs ? `${(theirs.ms / ours.ms).toFixed(1)}× faster` : '—'} |`,
  );
  verdicts.push(`${mb} MB: ${(ours.ms / baseline).toFixed(2)}× hash+copy (target ≤ 1.5×)${mb === 100 ? `, peak RSS ${ours.maxRssMb} MB (target ≤ 150 MB)` : ''}${mb === 20 && theirs ? `, ${(theirs.ms / ours.ms).toFixed(1)}× faster than @signpdf (target ≥ 3×)` : ''}`);
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
