import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCoreService } from '../../src-main/core/service/index.js';
import type { Contract } from '../../src-shared/api/index.js';
import { getTestPki, type TestPki, type TokenLeaves } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { upload } from '../support/uploads.js';
import { useInkstone, type UiLanguage } from './support/harness.js';

/**
 * Batch signing as a person does it, in Chromium through the browser host, with the SoftHSM token
 * of the test PKI: tick the first contract and shift-click the last (a range of 10) → "Sign
 * selected" → choose 张三's certificate → every document and its hash listed, one confirmation →
 * one PIN → a row per document, all signed → save the summary report → the library shows them
 * signed. Screenshots of each step, both languages; the second at 1024×700.
 */

const COUNT = 10;
const TEXT = {
  'zh-CN': {
    signSelected: `签署所选（${COUNT}）`,
    next: '下一步',
    tick: '本人确认以上声明',
    sign: '签署',
    summary: `已签署 ${COUNT} 份，失败 0 份，已取消 0 份。`,
    save: '保存签署报告（PDF）',
    report: `共 ${COUNT} 份：已签署 ${COUNT} 份`,
    close: '关闭',
  },
  en: {
    signSelected: `Sign selected (${COUNT})`,
    next: 'Next',
    tick: 'I confirm the statement above',
    sign: 'Sign',
    summary: `${COUNT} signed, 0 failed, 0 cancelled.`,
    save: 'Save summary (PDF)',
    report: `${COUNT} documents: ${COUNT} signed`,
    close: 'Close',
  },
} as const;

let pki: TestPki | undefined;
let leaves: TokenLeaves;
after(async () => {
  await pki?.servers.close();
});

async function libraryWithContracts(pki: TestPki, dataDir: string): Promise<void> {
  const core = createCoreService({ dataDir });
  try {
    const files = [];
    for (let i = 1; i <= COUNT; i++) {
      const title = `保密协议 ${String(i).padStart(2, '0')}`;
      files.push({ uploadId: await upload(core, await makeTextPdf({ title, lines: [title, '甲方：北京某某律师事务所'] }), `${title}.pdf`) });
    }
    assert.ok((await core.invoke('library.import', { files })).ok);
    assert.ok((await core.invoke('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') })).ok);
    assert.ok((await core.invoke('settings.update', { verifyOnline: true })).ok);
  } finally {
    core.close();
  }
}

for (const [lang, viewport] of [
  ['zh-CN', undefined],
  ['en', { width: 1024, height: 700 }],
] as const satisfies ReadonlyArray<readonly [UiLanguage, { width: number; height: number } | undefined]>) {
  describe(`batch signing (${lang})`, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-batch-'));
    before(async () => {
      pki ??= await getTestPki();
      leaves ??= await pki.tokenLeaves();
      await libraryWithContracts(pki, dataDir);
    });
    const ui = useInkstone({ lang, dataDir, ...(viewport ? { viewport } : {}) });
    const words = TEXT[lang];

    test(`${COUNT} contracts ticked in the library are signed in one ceremony with one PIN`, async () => {
      const { page, app } = ui;
      const rows = page.locator('[role="option"][data-contract-id]');
      await rows.nth(COUNT - 1).waitFor({ timeout: 60_000 });
      await rows.first().locator('.contract-check').click();
      await rows
        .nth(COUNT - 1)
        .locator('.contract-check')
        .click({ modifiers: ['Shift'] });
      await app.screenshot(`batch-signing-0-selected-${lang}`);
      const signSelected = page.getByRole('button', { name: words.signSelected });
      await signSelected.waitFor();
      await signSelected.click();

      const dialog = page.locator('dialog.batch-signing-dialog');
      await dialog.getByRole('radio', { name: /张三/ }).check({ timeout: 30_000 });
      await app.screenshot(`batch-signing-1-certificate-${lang}`);
      await dialog.getByRole('button', { name: words.next }).click();

      // Every document with its hash, and one confirmation for all of them.
      const listed = dialog.locator('.batch-documents li');
      await listed.nth(COUNT - 1).waitFor({ timeout: 120_000 });
      assert.equal(await listed.count(), COUNT);
      const hashes = await dialog.locator('.batch-documents .signing-hash').allTextContents();
      assert.equal(hashes.length, COUNT);
      const consent = (await dialog.locator('.batch-consent-text').textContent()) ?? '';
      for (const h of hashes) assert.ok(consent.includes(h), 'the confirmation lists each hash');
      const next = dialog.getByRole('button', { name: words.next });
      assert.equal(await next.isDisabled(), true, 'nothing goes on before the confirmation is ticked');
      await app.screenshot(`batch-signing-2-confirmation-${lang}`);
      await dialog.getByRole('checkbox', { name: words.tick }).check();
      await next.click();

      await dialog.locator('input[type="password"]').fill(leaves.token.pin);
      await dialog.getByRole('button', { name: words.sign, exact: true }).click();
      await dialog.getByText(words.summary).waitFor({ timeout: 180_000 });
      assert.equal(await dialog.locator('.batch-row[data-status="signed"]').count(), COUNT);
      await app.screenshot(`batch-signing-3-done-${lang}`);

      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: words.save }).click();
      const file = await download;
      const saved = path.join(dataDir, `report-${lang}.pdf`);
      await file.saveAs(saved);
      assert.match(execFileSync('pdftotext', [saved, '-']).toString(), new RegExp(words.report));

      await dialog.getByRole('button', { name: words.close }).click();
      await app.screenshot(`batch-signing-4-library-${lang}`);
      assert.deepEqual(
        app.pageErrors.filter((e) => !/Failed to load resource/.test(e)),
        [],
      );

      const core = createCoreService({ dataDir: app.dataDir });
      try {
        const search = await core.invoke('contracts.search', {});
        const ids = search.ok ? (search.value as { hits: Array<{ id: string }> }).hits.map((h) => h.id) : [];
        assert.equal(ids.length, COUNT);
        for (const id of ids) {
          const got = await core.invoke('contracts.get', { id });
          const c = got.ok ? (got.value as Contract) : assert.fail('contract');
          assert.deepEqual(
            c.documents[0].versions.map((v) => v.verdict),
            [null, 'valid'],
          );
        }
      } finally {
        core.close();
      }
    });
  });
}
