// A core that never blocks: full-text search latency at N contracts, first with nothing else
// running, then while a large signed PDF is verified and a many-file import runs — through the core
// bundle in a worker thread, as the browser host runs it (Electron's utility process loads the same
// bundle). Target (issue 13): search p95 ≤ 20 ms at 100k contracts during a 100 MB verification and
// a 300-file import.
//   npm run build && node --import tsx bench/core-responsiveness.ts [contracts=100000] [verifyMb=100] [importFiles=300]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { importFiles, Library } from '../src-main/core/library/index.js';
import { connectCoreClient } from '../src-main/core/service/index.js';
import { signDocument } from '../src-main/core/signing/index.js';
import { openPkcs12Signer } from '../src-main/core/tokens/index.js';
import { getTestPki } from '../tests/support/test-pki.js';
import { seedLibrary } from './contracts-generator.js';
import { writeScannedContract } from './large-pdf.js';
import { ms, percentile, writeResultsSection } from './results.js';
import { upload } from '../tests/support/uploads.js';

const CONTRACTS = Number(process.argv[2]) || 100_000;
const VERIFY_MB = Number(process.argv[3]) || 100;
const IMPORT_FILES = Number(process.argv[4]) || 300;
const CORE = path.resolve(import.meta.dirname, '../dist/bundles/core/core-worker.js');
if (!existsSync(CORE)) throw new Error('run `npm run build` first: the bench measures the core bundle');
const QUERIES = ['合同', '保密', 'supply', '北京', '采购 协议', 'service agreement', '租赁', '技术服务'];

const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-bench-responsive-'));
const dataDir = path.join(dir, 'library');

// The library, and the large signed document stored in it (verified later by version id, read in place).
const pki = await getTestPki();
const p12 = await pki.pkcs12();
const unsigned = path.join(dir, 'scan.pdf');
writeScannedContract(unsigned, VERIFY_MB * 1024 * 1024, Math.max(1, Math.round(VERIFY_MB / 2)));
const signed = path.join(dir, 'scan-signed.pdf');
const signer = await openPkcs12Signer({ file: p12.path, password: p12.password });
await signDocument({ input: unsigned, output: signed, signer });
await signer.close();
rmSync(unsigned);
const lib = new Library(dataDir);
seedLibrary(lib, CONTRACTS);
const [stored] = await importFiles(lib, [{ name: 'scan-signed.pdf', bytes: readFileSync(signed) }]);
if (!stored.ok) throw new Error(`seeding the large document failed: ${stored.error.code}`);
const versionId = lib.getContract(stored.contractId).documents[0].versions[0].id;
lib.close();
rmSync(signed);

// Small, distinct PDFs to import (each with its own random image, so none is a duplicate).
const incoming = Array.from({ length: IMPORT_FILES }, (_, i) => {
  const file = path.join(dir, `incoming-${i}.pdf`);
  writeScannedContract(file, 40 * 1024, 1);
  const bytes = readFileSync(file);
  rmSync(file);
  return { name: `incoming-${i}.pdf`, bytes };
});

const worker = new Worker(CORE, { workerData: { dataDir } });
const core = connectCoreClient({ post: (m) => worker.postMessage(m), onMessage: (l) => worker.on('message', l) });
// Handed over as the page does: uploads first (not timed), then the import names them by id.
const uploads: Array<{ uploadId: string }> = [];
for (const f of incoming) uploads.push({ uploadId: await upload(core, f.bytes, f.name) });

async function search(i: number): Promise<number> {
  const t = performance.now();
  const r = await core.invoke('contracts.search', { text: QUERIES[i % QUERIES.length], limit: 50 });
  if (!r.ok) throw new Error(`search failed: ${r.error.code}`);
  return performance.now() - t;
}

// Quiet: every query once to warm the statement cache, then 200 searches.
for (let i = 0; i < QUERIES.length; i++) await search(i);
const quiet: number[] = [];
for (let i = 0; i < 200; i++) quiet.push(await search(i));

// Busy: the verification and the import (200 files per call, the API's limit) in flight together.
let busy = true;
const started = performance.now();
const verification = core.invoke('verify.document', { versionId }, { jobId: 'verify' });
const imports = (async () => {
  for (let i = 0; i < incoming.length; i += 200) {
    const r = await core.invoke('library.import', { files: uploads.slice(i, i + 200) }, { jobId: `import-${i}` });
    if (!r.ok) throw new Error(`import failed: ${r.error.code}`);
  }
})();
const longWork = Promise.all([verification, imports]).finally(() => (busy = false));
const during: number[] = [];
for (let i = 0; busy; i++) {
  during.push(await search(i));
  await new Promise((resolve) => setTimeout(resolve, 2));
}
const [verified] = await longWork;
if (!verified.ok) throw new Error(`verification failed: ${verified.error.code}`);
const busyMs = performance.now() - started;
await worker.terminate();
rmSync(dir, { recursive: true, force: true });

const row = (name: string, v: number[]) => `| ${name} | ${v.length} | ${ms(percentile(v, 50))} | ${ms(percentile(v, 95))} | ${ms(Math.max(...v))} |`;
const markdown = `## Core responsiveness: search while long work runs

${CONTRACTS.toLocaleString('en')} contracts; core bundle in a worker thread. "During": a ${VERIFY_MB} MB signed PDF verified (by version id, read in place) and ${IMPORT_FILES} one-page PDFs imported, together, for ${ms(busyMs)}. Load average at the end: ${loadavg()[0].toFixed(2)}.

| searches | count | p50 | p95 | max |
| --- | ---: | ---: | ---: | ---: |
${row('quiet', quiet)}
${row('during verification + import', during)}

Target: p95 ≤ 20 ms during, at 100k contracts, 100 MB and 300 files.`;
console.log(markdown);
writeResultsSection('core-responsiveness', markdown);
process.exit(0);
