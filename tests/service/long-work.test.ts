import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { signDocument } from '../../src-main/core/signing/index.js';
import { openPkcs12Signer } from '../../src-main/core/tokens/index.js';
import type { CoreEvent } from '../../src-shared/api/index.js';
import { writeScannedContract } from '../../bench/large-pdf.js';
import { getTestPki } from '../support/test-pki.js';
import { upload } from '../support/uploads.js';

/**
 * Long operations run in the core's worker threads (core/service/long-work.ts): the thread that
 * answers searches keeps answering while a large document is verified, and a verification can be
 * cancelled at once even while it is busy hashing.
 */
let dir: string;
let core: CoreService;
let bigSigned: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-long-work-'));
  core = createCoreService({ dataDir: dir, log: () => undefined });
  for (let i = 0; i < 40; i++) assert.ok((await core.invoke('contracts.create', { title: `采购合同 ${i}` })).ok);
  // Large enough that hashing it alone holds a thread for a good part of a second.
  const unsigned = path.join(dir, 'scan.pdf');
  writeScannedContract(unsigned, 64 * 1024 * 1024, 4);
  bigSigned = path.join(dir, 'scan-signed.pdf');
  const p12 = await (await getTestPki()).pkcs12();
  const signer = await openPkcs12Signer({ file: p12.path, password: p12.password });
  try {
    await signDocument({ input: unsigned, output: bigSigned, signer });
  } finally {
    await signer.close();
  }
  rmSync(unsigned);
});

after(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

let pickedId = '';
/** The large signed PDF as the page hands it over: an upload (made once, reused like the page does). */
const picked = async () => ({ uploadId: (pickedId ||= await upload(core, readFileSync(bigSigned), 'scan-signed.pdf')) });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

test('searches keep answering while a large document is verified', async () => {
  const input = await picked();
  // The first verification also starts the worker thread and loads the verifier there.
  assert.ok((await core.invoke('verify.document', input)).ok);
  assert.ok((await core.invoke('contracts.search', { text: '采购' })).ok);

  // Verifications back to back for most of a second, so a fast machine (a 64 MB hash can take
  // under 100 ms with SHA extensions) still gives the searches something to wait behind.
  const runs: number[] = [];
  let settled = false;
  const verifying = (async () => {
    const until = performance.now() + 800;
    do {
      const t = performance.now();
      const result = await core.invoke('verify.document', input);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
      runs.push(performance.now() - t);
    } while (performance.now() < until);
  })().finally(() => (settled = true));

  // A search's delay counts from when it was due, so a core thread busy hashing shows up as a
  // timer that fires late, not only as a slow answer.
  const delays: number[] = [];
  while (!settled) {
    const due = performance.now() + 5;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const search = await core.invoke('contracts.search', { text: '采购' });
    delays.push(performance.now() - due);
    assert.ok(search.ok);
  }
  await verifying;
  const oneRun = median(runs);
  const p90 = percentile(delays, 0.9);
  const total = runs.reduce((a, b) => a + b, 0);
  assert.ok(oneRun > 20, `a verification took ${oneRun.toFixed(0)} ms: too short to show anything`);
  // On the core's own thread, each search would wait for the verification in front of it.
  assert.ok(delays.length >= 4 * runs.length, `${delays.length} searches answered during ${runs.length} verifications (${total.toFixed(0)} ms)`);
  assert.ok(p90 < oneRun / 2, `p90 search delay ${p90.toFixed(1)} ms against ${oneRun.toFixed(0)} ms per verification`);
});

test('a verification reports its start and end, and jobs.cancel stops it at once', async () => {
  const events: CoreEvent[] = [];
  const emit = (e: CoreEvent) => events.push(e);
  const done = await core.invoke('verify.document', await picked(), { jobId: 'whole', emit });
  assert.ok(done.ok);
  assert.deepEqual(
    events.filter((e) => e.type === 'progress').map((e) => e.type === 'progress' && [e.jobId, e.operation, e.done, e.total]),
    [
      ['whole', 'verify.document', 0, 1],
      ['whole', 'verify.document', 1, 1],
    ],
  );

  const running = core.invoke('verify.document', await picked(), { jobId: 'stopped', emit });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const cancel = await core.invoke('jobs.cancel', { jobId: 'stopped' });
  assert.deepEqual(cancel.ok && cancel.value, { cancelled: true });
  const cancelled = await running;
  assert.equal(!cancelled.ok && cancelled.error.code, 'CANCELLED');
  // The thread that was cancelled is gone; the next long operation gets a fresh one.
  assert.ok((await core.invoke('verify.document', await picked())).ok);
});
