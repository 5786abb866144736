// Start: what a person feels, as whole processes — `inkstone --help`, signing a 1-page PDF with a
// PKCS#12 key, verifying a 1-page and a 20 MB signed PDF — each against `node -e 0` and poppler's
// `pdfsig` in the same run; and how soon the core (the bundle the host thread and Electron's utility
// process load) answers its first library query. Targets (issue 13): --help ≤ 3× node -e 0; sign and
// verify of 1 page ≤ 2.5× node -e 0 plus the engine time (the same work in a warm process).
//   npm run build && node --import tsx bench/start.ts [runs]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signDocument } from '../src-main/core/signing/index.js';
import { openPkcs12Signer } from '../src-main/core/tokens/index.js';
import { TrustStore } from '../src-main/core/pki/index.js';
import { verifyPdf } from '../src-main/core/verify/index.js';
import { getTestPki } from '../tests/support/test-pki.js';
import { simplePdf } from '../tests/fixtures/pdfs.js';
import { writeScannedContract } from './large-pdf.js';
import { coreReady, emptyLibrary, emptyThread } from './core-start.js';
import { median, ms, writeResultsSection } from './results.js';

const RUNS = Math.max(1, Number(process.argv[2]) || 5);
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/inkstone.js');
const CORE_BUNDLE = path.join(ROOT, 'dist/bundles/core/core-worker.js');
const CORE_UNBUNDLED = path.join(ROOT, 'dist/src-main/host/core-worker.js');
if (!existsSync(path.join(ROOT, 'dist/bundles/cli/main.js'))) throw new Error('run `npm run build` first: the bench measures the bundles that ship');
const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-bench-start-'));

interface Timed {
  ms: number;
  maxRssMb: number;
}

/** Median wall time and peak RSS of a whole process, after one warm-up run (file cache, page cache). */
function whole(command: string, args: string[], options: { stdin?: string; before?: () => void; ok?: (status: number | null) => boolean } = {}): Timed {
  const once = () => {
    options.before?.();
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', input: options.stdin ?? '', maxBuffer: 16 << 20 });
    const elapsed = performance.now() - t;
    if (!(options.ok ?? ((s) => s === 0))(r.status)) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { ms: elapsed, kb: Number(r.stderr.trim().split('\n').pop()) };
  };
  once();
  const runs = Array.from({ length: RUNS }, once);
  return { ms: median(runs.map((r) => r.ms)), maxRssMb: Math.round(Math.max(...runs.map((r) => r.kb)) / 1024) };
}

/** Median of `RUNS` in-process runs after two warm-ups: the engine's own time, without any start-up. */
async function engine(work: () => Promise<unknown>): Promise<number> {
  await work();
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return median(times);
}

// Documents and key: a 1-page PDF, the same signed, a 20 MB scan signed; the test PKI's PKCS#12.
const pki = await getTestPki();
const p12 = await pki.pkcs12();
const key = path.join(dir, 'key.p12');
copyFileSync(p12.path, key);
const onePage = path.join(dir, 'one-page.pdf');
copyFileSync(await simplePdf(), onePage);
const sign = async (input: string, output: string) => {
  const signer = await openPkcs12Signer({ file: key, password: p12.password });
  try {
    await signDocument({ input, output, signer });
  } finally {
    await signer.close();
  }
};
const signedOne = path.join(dir, 'one-page-signed.pdf');
await sign(onePage, signedOne);
const scan = path.join(dir, 'scan-20mb.pdf');
writeScannedContract(scan, 20 * 1024 * 1024, 10);
const signedScan = path.join(dir, 'scan-20mb-signed.pdf');
await sign(scan, signedScan);
rmSync(scan);
const rootPem = path.join(dir, 'root.pem');
writeFileSync(rootPem, pki.root.pem);
const trustStore = await TrustStore.fromFiles([rootPem]);

// Whole processes. A verdict exit code (0 valid, 1 invalid, 2 indeterminate) is a finished run.
const verdict = (s: number | null) => s !== null && s <= 2;
const signedOut = path.join(dir, 'cli-signed.pdf');
const nodeBase = whole(process.execPath, ['-e', '0']);
const help = whole(process.execPath, [BIN, '--help']);
const signCli = whole(process.execPath, [BIN, 'sign', onePage, '-o', signedOut, '--p12', key, '--pin-stdin'], {
  stdin: `${p12.password}\n`,
  before: () => rmSync(signedOut, { force: true }),
});
const verifyOne = whole(process.execPath, [BIN, 'verify', signedOne, '--trust', rootPem], { ok: verdict });
const verifyScan = whole(process.execPath, [BIN, 'verify', signedScan, '--trust', rootPem], { ok: verdict });
const pdfsigOne = whole('pdfsig', [signedOne], { ok: verdict });
const pdfsigScan = whole('pdfsig', [signedScan], { ok: verdict });

// The same work in a warm process: what no start-up can save.
const signEngine = await engine(async () => {
  rmSync(signedOut, { force: true });
  await sign(onePage, signedOut);
});
const verifyOneEngine = await engine(() => verifyPdf(signedOne, { trustStore }));
const verifyScanEngine = await engine(() => verifyPdf(signedScan, { trustStore }));

// The core, on an empty library created first (migrations not counted): bench/core-start.ts.
const library = emptyLibrary(dir);
const threadBase = coreReady(emptyThread(dir), library, RUNS);
const coreBundled = coreReady(CORE_BUNDLE, library, RUNS);
const coreUnbundled = existsSync(CORE_UNBUNDLED) ? coreReady(CORE_UNBUNDLED, library, RUNS) : null;

const x = (v: number) => `${v.toFixed(2)}×`;
const overStart = (t: Timed, engineMs: number) => (t.ms - engineMs) / nodeBase.ms;
const rows = [
  ['`node -e 0`', nodeBase, '', '1.00×', ''],
  ['`inkstone --help`', help, '—', x(help.ms / nodeBase.ms), '≤ 3×'],
  ['`inkstone sign` 1 page, PKCS#12', signCli, ms(signEngine), x(overStart(signCli, signEngine)), '≤ 2.5×'],
  ['`inkstone verify` 1 page', verifyOne, ms(verifyOneEngine), x(overStart(verifyOne, verifyOneEngine)), '≤ 2.5×'],
  ['`pdfsig` 1 page', pdfsigOne, '', x(pdfsigOne.ms / nodeBase.ms), ''],
  ['`inkstone verify` 20 MB', verifyScan, ms(verifyScanEngine), x(overStart(verifyScan, verifyScanEngine)), ''],
  ['`pdfsig` 20 MB', pdfsigScan, '', x(pdfsigScan.ms / nodeBase.ms), ''],
] as const;
const table = [
  '| process | median wall | peak RSS | engine (warm, in-process) | (wall − engine) ÷ `node -e 0` | target |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(([name, t, eng, ratio, target]) => `| ${name} | ${ms(t.ms)} | ${t.maxRssMb} MB | ${eng} | ${ratio} | ${target} |`),
].join('\n');
const ratios = [
  `inkstone verify ÷ pdfsig: 1 page ${x(verifyOne.ms / pdfsigOne.ms)}, 20 MB ${x(verifyScan.ms / pdfsigScan.ms)}.`,
  `Core ready for the first library query (worker thread spawned → first contracts.search answered): bundle ${ms(coreBundled.wallMs)} (CPU ${ms(coreBundled.cpuMs)})` +
    (coreUnbundled === null ? '' : `, unbundled tsc output ${ms(coreUnbundled.wallMs)} (CPU ${ms(coreUnbundled.cpuMs)})`) +
    `; an empty thread that answers at once ${ms(threadBase.wallMs)} (CPU ${ms(threadBase.cpuMs)}) (target ≤ 300 ms; Electron’s utility process loads the same bundle).`,
  'pyHanko: not measured — PyPI cannot be reached from the build machines, so the comparison is with poppler’s `pdfsig` (verification only; poppler does not sign).',
];
const markdown = `## Start (whole processes)\n\nMedian of ${RUNS} runs after a warm-up each, all in one run of \`bench/start.ts\`; peak RSS from GNU time.\n\n${table}\n\n${ratios.map((r) => `- ${r}`).join('\n')}`;
console.log(markdown);
writeResultsSection('start', markdown);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
