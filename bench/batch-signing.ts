// Batch signing (issue 9, target ≥ 20 documents/s through the app): N one-page contracts signed
// through the core's operations — signing.batchPrepare (check before signing of each, the key read)
// and signing.batchSign (one login in a long-work thread, each result verified in the other
// thread and stored as the next version, consent audited per document) — against the engine alone
// (signBatch on the same N files under one login, no verification, no library) in the same run,
// on the SoftHSM token of the test PKI. The import of the contracts is not timed.
//   node --import tsx bench/batch-signing.ts [--count 100]
// Only the full run (100) writes its section of bench/RESULTS.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCoreService } from '../src-main/core/service/index.js';
import { signBatch } from '../src-main/core/signing/index.js';
import { openPkcs11Signer } from '../src-main/core/tokens/index.js';
import type { RpcResult, SigningBatchOutcome, SigningBatchPreview } from '../src-shared/api/index.js';
import { SOFTHSM_MODULE } from '../tests/support/softhsm.js';
import { getTestPki } from '../tests/support/test-pki.js';
import { makeTextPdf } from '../tests/support/text-pdf.js';
import { upload } from '../tests/support/uploads.js';
import { writeResultsSection } from './results.js';

const FULL = 100;
const countArg = process.argv.indexOf('--count');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : FULL;
if (!Number.isInteger(COUNT) || COUNT < 1 || COUNT > 500) throw new Error('--count takes 1…500');

const work = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-batch-'));
const pki = await getTestPki();
const leaves = await pki.tokenLeaves();
const load = [os.loadavg()[0]];

try {
  // The same N one-page contracts for both.
  const files: Array<{ name: string; bytes: Uint8Array; path: string }> = [];
  for (let i = 0; i < COUNT; i++) {
    const name = `合同-${String(i + 1).padStart(3, '0')}.pdf`;
    const bytes = await makeTextPdf({ title: name, lines: [`第一条 合同标的 ${i + 1}`, '甲方：北京某某律师事务所', '乙方：上海某某律师事务所'] });
    const file = path.join(work, `in-${i}.pdf`);
    writeFileSync(file, bytes);
    files.push({ name, bytes, path: file });
  }

  // The engine alone: one login, signBatch.
  const engineStarted = performance.now();
  const signer = await openPkcs11Signer({
    module: SOFTHSM_MODULE,
    token: { label: leaves.token.label },
    key: { id: leaves.zhangSan.id },
    pin: leaves.token.pin,
  });
  try {
    const result = await signBatch({
      documents: files.map((f, i) => ({ input: f.path, output: path.join(work, `engine-${i}.pdf`) })),
      signer,
      commitment: 'proof-of-approval',
    });
    if (result.signed !== COUNT) throw new Error(`engine: ${result.failed} failed`);
  } finally {
    await signer.close();
  }
  const engineSeconds = (performance.now() - engineStarted) / 1000;

  // Through the app: the core's operations, as the batch dialog calls them.
  const core = createCoreService({ dataDir: mkdtempSync(path.join(work, 'library-')) });
  let appSeconds: number;
  let prepareSeconds: number;
  try {
    const ok = <T>(r: RpcResult<unknown>): T => {
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    ok(await core.invoke('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') }));
    // Revocation asked online (the test CAs answer OCSP on loopback), so each new version verifies valid.
    ok(await core.invoke('settings.update', { verifyOnline: true }));
    const uploads = [];
    for (const f of files) uploads.push({ uploadId: await upload(core, f.bytes, f.name) });
    const { outcomes } = ok<{ outcomes: Array<{ contractId: string }> }>(await core.invoke('library.import', { files: uploads }));
    const key = { kind: 'pkcs11', module: SOFTHSM_MODULE, tokenLabel: leaves.token.label, keyId: leaves.zhangSan.id };

    // Warm-up, not timed: the long-work threads start and load their code (a running app has them).
    ok(await core.invoke('signing.batchPrepare', { contractIds: [outcomes[0].contractId], key, lang: 'zh-CN' }));

    const started = performance.now();
    const preview = ok<SigningBatchPreview>(await core.invoke('signing.batchPrepare', { contractIds: outcomes.map((o) => o.contractId), key, lang: 'zh-CN' }));
    prepareSeconds = (performance.now() - started) / 1000;
    const outcome = ok<SigningBatchOutcome>(
      await core.invoke('signing.batchSign', {
        versionIds: preview.documents.map((d) => d.versionId),
        key,
        lang: 'zh-CN',
        pin: leaves.token.pin,
        consent: { accepted: true, text: preview.consentText },
      }),
    );
    appSeconds = (performance.now() - started) / 1000;
    if (outcome.signed !== COUNT) throw new Error(`app: ${outcome.failed} failed, ${outcome.cancelled} cancelled`);
    if (!outcome.documents.every((d) => d.signed?.verdict === 'valid')) throw new Error('app: a signed version did not verify valid');
  } finally {
    core.close();
  }
  load.push(os.loadavg()[0]);

  const rate = (s: number) => `${(COUNT / s).toFixed(1)} docs/s`;
  console.log(`engine alone: ${COUNT} signed in ${engineSeconds.toFixed(2)} s (${rate(engineSeconds)})`);
  console.log(
    `through the app: ${COUNT} prepared, signed, verified and stored in ${appSeconds.toFixed(2)} s (${rate(appSeconds)}; prepare ${prepareSeconds.toFixed(2)} s) — target ≥ 20 docs/s`,
  );
  if (COUNT === FULL) {
    writeResultsSection(
      'batch-signing',
      `## Batch signing — ${COUNT} one-page contracts (issue 9, target ≥ 20 documents/s through the app)

SoftHSM token of the test PKI, RSA-2048, PAdES B-B. _Engine alone_: \`signBatch\` under one login, nothing verified or stored. _Through the app_: \`signing.batchPrepare\` (check before signing of every document, key read) + \`signing.batchSign\` (one login in a long-work thread; each signed document verified in the other thread, OCSP on loopback asked once per certificate for the batch, and stored as its contract's version 2, consent audited per document). Import and a warm-up (the long-work threads starting) not timed. Machine load average (1 min): ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end.

| | time | rate |
| --- | --- | --- |
| engine alone | ${engineSeconds.toFixed(2)} s | ${rate(engineSeconds)} |
| through the app | ${appSeconds.toFixed(2)} s (prepare ${prepareSeconds.toFixed(2)} s) | ${rate(appSeconds)} |`,
    );
  }
} finally {
  await pki.servers.close();
  rmSync(work, { recursive: true, force: true });
}
