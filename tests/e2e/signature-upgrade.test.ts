import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCoreService } from '../../src-main/core/service/index.js';
import { createPrincipal } from '../../src-evidence/tenancy/index.js';
import type { SigningPreview } from '../../src-shared/api/index.js';
import { startHarness, type Harness } from '../evidence/support/harness.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { upload } from '../support/uploads.js';
import { useInkstone, type UiLanguage } from './support/harness.js';

/**
 * Offline signatures upgraded on sync (issue 11), as a person sees it: a contract signed at B-B while
 * no evidence service was connected shows version 2 "signed"; once the library is connected and a
 * pass has run, version 3 says "time proven on sync" with the level reached. The service is a real
 * one started here; screenshots in both languages and at 1024 × 700.
 */
const TEXT = {
  'zh-CN': { documents: /文档/, v2: '第 2 版', v3: '第 3 版', proven: '签署时间已在同步时证明 · B-T' },
  en: { documents: /Documents/, v2: 'Version 2', v3: 'Version 3', proven: 'Time proven on sync · B-T' },
} as const;

let pki: TestPki | undefined;
let service: Harness | undefined;
after(async () => {
  await pki?.servers.close();
  await service?.close();
});

/** A library whose one contract was signed with the test PKCS#12 key at B-B: no timestamp anywhere. */
async function libraryWithOfflineSignature(dataDir: string, tsaRoot: Buffer): Promise<void> {
  pki ??= await getTestPki();
  const core = createCoreService({ dataDir, log: () => undefined });
  const ok = async <T>(operation: string, input: unknown): Promise<T> => {
    const r = await core.invoke(operation, input, { emit: () => undefined });
    if (!r.ok) assert.fail(`${operation}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  try {
    await ok('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') });
    await ok('verify.trust.import', { uploadId: await upload(core, tsaRoot, 'evidence-tsa-root.cer') });
    const pdf = await makeTextPdf({ title: '技术服务合同', lines: ['技术服务合同', '甲方：广州某某律师事务所', '乙方：上海某某律师事务所'] });
    const imported = await ok<{ outcomes: Array<{ contractId: string }> }>('library.import', {
      files: [{ uploadId: await upload(core, pdf, '技术服务合同.pdf') }],
    });
    const contract = await ok<{ documents: Array<{ versions: Array<{ id: string }> }> }>('contracts.get', { id: imported.outcomes[0].contractId });
    const p12 = await pki.pkcs12();
    const request = {
      versionId: contract.documents[0].versions[0].id,
      key: { kind: 'pkcs12' as const, uploadId: await upload(core, readFileSync(p12.path), 'wang.p12') },
      lang: 'zh-CN' as const,
      level: 'B-B' as const,
    };
    const preview = await ok<SigningPreview>('signing.prepare', { ...request, password: p12.password });
    await ok('signing.sign', { ...request, pin: p12.password, consent: { accepted: true, text: preview.consentText } });
  } finally {
    core.close();
  }
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  describe(`offline signature upgraded on sync (${lang})`, { timeout: 300_000 }, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-upgrade-'));
    let token: string;
    // Registered before useInkstone's hook, so the library exists before the core opens it.
    before(async () => {
      service ??= await startHarness();
      const tenant = await service.tenant(`广州某某律师事务所 ${lang}`);
      token = (await createPrincipal(service.service.ctx, tenant.tenantId, { kind: 'user', name: '王五', role: 'member' })).token.token;
      await libraryWithOfflineSignature(dataDir, service.service.builtinTsa!.chain.at(-1)!);
    });
    const ui = useInkstone({ lang, dataDir });
    const words = TEXT[lang];
    const rpc = async (name: string, input: unknown = {}) => {
      const url = new URL(ui.app.host.url);
      const res = await fetch(new URL(`/rpc/${name}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inkstone-token': new URLSearchParams(url.hash.slice(1)).get('token') ?? '' },
        body: JSON.stringify({ input }),
      });
      return (await res.json()) as { ok: boolean; value?: { state: string }; error?: unknown };
    };
    const openDocuments = async () => {
      const { page } = ui;
      await page.locator('[role="option"][data-contract-id]').first().waitFor({ timeout: 60_000 });
      await page.locator('[role="option"][data-contract-id]').first().click();
      await page.getByRole('tab', { name: words.documents }).click();
    };

    test('version 2 signed offline → connect and sync → version 3 shows the time proven on sync and the level', async () => {
      const { page, app } = ui;
      await openDocuments();
      await page.locator('.version-list .version').filter({ hasText: words.v2 }).waitFor();
      assert.equal(await page.getByTestId('time-proven-on-sync').count(), 0);
      await app.screenshot(`signature-upgrade-0-offline-${lang}`);

      const connected = await rpc('sync.connect', { serviceUrl: service!.url, token });
      assert.ok(connected.ok, JSON.stringify(connected.error));
      let state = '';
      for (let i = 0; i < 60 && state !== 'upToDate'; i++) {
        const status = await rpc('sync.run');
        state = status.value?.state ?? '';
        if (state !== 'upToDate') await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(state, 'upToDate');

      await page.reload();
      await openDocuments();
      const v3 = page.locator('.version-list .version').filter({ hasText: words.v3 });
      await v3.waitFor({ timeout: 30_000 });
      const note = v3.getByTestId('time-proven-on-sync');
      await note.waitFor();
      assert.equal((await note.textContent())?.trim().replace('\u2011', '-'), words.proven);
      assert.match((await note.getAttribute('title')) ?? '', /B\u2011T/);
      await app.screenshot(`signature-upgrade-1-proven-${lang}`);
      await page.setViewportSize({ width: 1024, height: 700 });
      await note.scrollIntoViewIfNeeded();
      await app.screenshot(`signature-upgrade-2-proven-1024-${lang}`);
      assert.deepEqual(
        app.pageErrors.filter((e) => !/Failed to load resource/.test(e)),
        [],
      );
    });
  });
}
