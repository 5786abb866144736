// Signing in the app against the engine alone, in the same run, on the SoftHSM token of the test
// PKI: the core's signing.prepare + signing.sign (key read, check before signing, signature in a
// long-work thread, verification of the result, storage as the next version, consent audited)
// versus signDocument on the same file. A 1-page contract and a 20 MB one; median of 5 each.
//   node --import tsx bench/signing-ceremony.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCoreService } from '../src-main/core/service/index.js';
import { signDocument } from '../src-main/core/signing/index.js';
import { openPkcs11Signer } from '../src-main/core/tokens/index.js';
import type { Contract, SigningPreview } from '../src-shared/api/index.js';
import { SOFTHSM_MODULE } from '../tests/support/softhsm.js';
import { getTestPki } from '../tests/support/test-pki.js';
import { makeTextPdf } from '../tests/support/text-pdf.js';
import { upload } from '../tests/support/uploads.js';
import { writeScannedContract } from './large-pdf.js';
import { writeResultsSection } from './results.js';

const RUNS = 5;
const work = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-ceremony-'));
const pki = await getTestPki();
const leaves = await pki.tokenLeaves();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label: string, file: string): Promise<string> {
  const engine: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const signer = await openPkcs11Signer({
      module: SOFTHSM_MODULE,
      token: { label: leaves.token.label },
      key: { id: leaves.zhangSan.id },
      pin: leaves.token.pin,
    });
    try {
      await signDocument({ input: file, output: path.join(work, `engine-${label}-${i}.pdf`), signer, commitment: 'proof-of-approval' });
    } finally {
      await signer.close();
    }
    engine.push(performance.now() - t);
  }

  // One warm core (as in the app); each run imports a file of its own and signs its latest version.
  const core = createCoreService({ dataDir: mkdtempSync(path.join(work, `library-${label}-`)) });
  const app: number[] = [];
  try {
    await core.invoke('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') });
    for (let i = -1; i < RUNS; i++) {
      const bytes = Buffer.concat([readFileSync(file), Buffer.from(`\n% run ${label} ${i}\n`, 'latin1')]);
      const imported = await core.invoke('library.import', { files: [{ uploadId: await upload(core, bytes, `${label}-${i}.pdf`) }] });
      if (!imported.ok) throw new Error(imported.error.message);
      const contractId = (imported.value as { outcomes: Array<{ contractId: string }> }).outcomes[0].contractId;
      const got = await core.invoke('contracts.get', { id: contractId });
      const contract = got.ok ? (got.value as Contract) : undefined;
      const latest = contract!.documents[0].versions.reduce((x, y) => (y.number > x.number ? y : x));
      const request = {
        versionId: latest.id,
        key: { kind: 'pkcs11', module: SOFTHSM_MODULE, tokenLabel: leaves.token.label, keyId: leaves.zhangSan.id },
        lang: 'zh-CN',
      };
      // From the click on "Sign" (prepare) to the verified version stored (sign), the person's pauses excluded.
      const t = performance.now();
      const prepared = await core.invoke('signing.prepare', request);
      if (!prepared.ok) throw new Error(prepared.error.message);
      const signed = await core.invoke('signing.sign', {
        ...request,
        pin: leaves.token.pin,
        consent: { accepted: true, text: (prepared.value as SigningPreview).consentText },
      });
      if (!signed.ok) throw new Error(signed.error.message);
      if (i >= 0) app.push(performance.now() - t); // run -1 warms the threads up
    }
  } finally {
    core.close();
  }
  const e = median(engine);
  const a = median(app);
  return `| ${label} | ${e.toFixed(0)} ms | ${a.toFixed(0)} ms | ${(a - e).toFixed(0)} ms |`;
}

try {
  const small = path.join(work, 'one-page.pdf');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(small, await makeTextPdf({ title: '技术服务合同', lines: ['技术服务合同', '甲方：北京某某律师事务所'] }));
  const large = path.join(work, 'twenty-mb.pdf');
  writeScannedContract(large, 20 * 1024 * 1024, 20);
  const rows = [await measure('1 page', small), await measure('20 MB', large)];
  writeResultsSection(
    'signing-ceremony',
    `## Signing in the app vs the engine alone (SoftHSM, B-B, median of ${RUNS})

The app's figure runs signing.prepare (key read, check before signing) and signing.sign (signature in
a long-work thread, verification of the result, storage as the next version, consent audited);
target: the app adds ≤ 150 ms.

| document | engine alone | app (prepare + sign) | added |
| --- | --- | --- | --- |
${rows.join('\n')}`,
  );
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  await pki.servers.close();
  rmSync(work, { recursive: true, force: true });
}
