import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { createCoreService } from '../../src-main/core/service/index.js';
import type { Contract } from '../../src-shared/api/index.js';
import { getTestPki, type TestPki, type TokenLeaves } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { upload } from '../support/uploads.js';
import { useInkstone, type UiLanguage } from './support/harness.js';
import { pdfsigReport } from '../signing/judges.js';

/**
 * The signing ceremony as a person does it, in Chromium through the browser host, with the SoftHSM
 * token of the test PKI: open the contract → Sign → choose 张三's certificate → read and tick the
 * confirmation → a wrong PIN (the token's state is shown, nothing retried) → the right PIN → version
 * 2 appears verified valid; pdfsig and qpdf accept the stored bytes. Screenshots of each step.
 */

const TEXT = {
  'zh-CN': {
    documents: /文档/,
    sign: '签署',
    next: '下一步',
    tick: '本人确认以上声明',
    valid: /第 2 版.*有效/,
    partial: '部分签署',
    fewTries: /此前已输错 PIN 码/,
  },
  en: {
    documents: /Documents/,
    sign: 'Sign',
    next: 'Next',
    tick: 'I confirm the statement above',
    valid: /Version 2 .*valid/i,
    partial: 'Partially signed',
    fewTries: /wrong PIN was entered before/,
  },
} as const;

/** Axe (WCAG 2.1 A and AA) over the page: serious and critical violations, named. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every button of the dialog's action row lies inside the dialog's visible box (not scrolled away) and shows its whole label. */
async function buttonsFit(dialog: Locator, where: string): Promise<void> {
  const problems = await dialog.evaluate((d) => {
    const outer = d.getBoundingClientRect();
    return [...d.querySelectorAll<HTMLButtonElement>('.dialog-actions button')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        const outside = r.left < outer.left - 0.5 || r.right > outer.right + 0.5 || r.top < outer.top - 0.5 || r.bottom > outer.bottom + 0.5;
        return outside || b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1;
      })
      .map((b) => b.textContent ?? '');
  });
  assert.deepEqual(problems, [], `buttons clipped or outside the dialog ${where}`);
}

/** Axe and the buttons at the usual size, then at 860 px wide and at 1024 × 700; the size is put back. */
async function checkStep(page: Page, dialog: Locator, step: string, shot: (name: string) => Promise<unknown>): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `axe, step ${step}`);
  await buttonsFit(dialog, `(${step})`);
  const usual = page.viewportSize()!;
  for (const size of [
    { width: 860, height: 700 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await buttonsFit(dialog, `(${step}, ${size.width} × ${size.height})`);
  }
  await shot(`signing-${step}-1024x700`);
  await page.setViewportSize(usual);
}

let pki: TestPki | undefined;
let leaves: TokenLeaves;
// The test PKI's loopback servers (TSA, OCSP) would keep the process alive.
after(async () => {
  await pki?.servers.close();
});

/** A library with one two-party contract, the test root trusted and online revocation checks on. */
async function libraryWithContract(pki: TestPki, dataDir: string): Promise<{ dataDir: string; contractId: string }> {
  const core = createCoreService({ dataDir });
  try {
    const pdf = await makeTextPdf({ title: '技术服务合同', lines: ['技术服务合同', '甲方：北京某某律师事务所', '乙方：上海某某律师事务所'] });
    const imported = await core.invoke('library.import', { files: [{ uploadId: await upload(core, pdf, '技术服务合同.pdf') }] });
    assert.ok(imported.ok);
    const contractId = (imported.value as { outcomes: Array<{ contractId: string }> }).outcomes[0].contractId;
    for (const [role, name, organisation] of [
      ['甲方', '张三', '北京某某律师事务所'],
      ['乙方', '李四', '上海某某律师事务所'],
    ])
      assert.ok((await core.invoke('contracts.addParty', { contractId, party: { role, name, organisation } })).ok);
    assert.ok((await core.invoke('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') })).ok);
    assert.ok((await core.invoke('settings.update', { verifyOnline: true })).ok);
    // Two boxes placed in the viewer beforehand: a seal box and a date box, both stamped by the one signing.
    const got = await core.invoke('contracts.get', { id: contractId });
    const versionId = got.ok ? (got.value as Contract).documents[0].versions[0].id : assert.fail('contract');
    const placements = [
      { id: 'seal-1', kind: 'seal', page: 1, x: 380, y: 520, width: 119, height: 119 },
      { id: 'date-1', kind: 'date', page: 1, x: 380, y: 480, width: 120, height: 26 },
    ];
    assert.ok((await core.invoke('placements.save', { versionId, placements, crossPageSeal: null })).ok);
    return { dataDir, contractId };
  } finally {
    core.close();
  }
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  describe(`signing ceremony (${lang})`, () => {
    // The token and the library must exist before the core starts (SoftHSM reads SOFTHSM2_CONF when
    // first loaded): this hook is registered before useInkstone's, so it runs first.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-sign-'));
    let testPki: TestPki;
    before(async () => {
      testPki = pki ??= await getTestPki();
      leaves ??= await testPki.tokenLeaves();
      await libraryWithContract(testPki, dataDir);
    });
    const ui = useInkstone({ lang, dataDir });
    const words = TEXT[lang];

    test('Sign → certificate → confirmation → wrong PIN → right PIN → version 2 verified valid', async () => {
      const { page, app } = ui;
      await page.locator('[role="option"][data-contract-id]').first().waitFor({ timeout: 60_000 });
      await app.screenshot(`signing-0-library-${lang}`);
      await page.locator('[role="option"][data-contract-id]').first().click();
      await page.getByRole('tab', { name: words.documents }).click();
      await page.getByRole('button', { name: words.sign, exact: true }).click();
      const dialog = page.locator('dialog.signing-dialog:not(.batch-signing-dialog)');
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: /张三/ }).check({ timeout: 30_000 });
      await app.screenshot(`signing-1-certificate-${lang}`);
      await checkStep(page, dialog, `certificate-${lang}`, (n) => app.screenshot(n));
      await dialog.getByRole('button', { name: words.next }).click();

      // One screen with the document's hash, the certificate, the key kind and the consent sentence.
      const summary = dialog.locator('.signing-summary');
      await summary.waitFor({ timeout: 60_000 });
      assert.match((await summary.textContent()) ?? '', /北京某某律师事务所/);
      assert.match((await dialog.locator('.signing-hash').textContent()) ?? '', /^[0-9a-f]{64}$/);
      const next = dialog.getByRole('button', { name: words.next });
      assert.equal(await next.isDisabled(), true, 'nothing goes on before the confirmation is ticked');
      // Every box that will be stamped, as a thumbnail of its page with the box drawn on it.
      const thumbnails = dialog.locator('.signing-thumbnail');
      assert.equal(await thumbnails.count(), 2, 'one thumbnail per placed box');
      await dialog.locator('.signing-thumbnail canvas[data-drawn="true"]').nth(1).waitFor({ timeout: 60_000 });
      assert.equal(await dialog.locator('.signing-thumbnail-box').count(), 2);
      await dialog.locator('.signing-thumbnails').scrollIntoViewIfNeeded();
      await app.screenshot(`signing-2-confirmation-${lang}`);
      await checkStep(page, dialog, `confirmation-${lang}`, (n) => app.screenshot(n));
      await dialog.getByRole('checkbox', { name: words.tick }).check();
      await next.click();

      // A wrong PIN: the error, the token's state, and nothing retried.
      const pin = dialog.locator('input[type="password"]');
      await pin.fill('000000');
      await pin.press('Enter');
      await dialog.locator('.banner, [role="alert"]').first().waitFor({ timeout: 60_000 });
      await dialog.getByText(words.fewTries).waitFor();
      assert.equal(await pin.inputValue(), '', 'the PIN field is emptied, never resent');
      await app.screenshot(`signing-3-wrong-pin-${lang}`);
      await checkStep(page, dialog, `pin-${lang}`, (n) => app.screenshot(n));

      await pin.fill(leaves.token.pin);
      await dialog.getByRole('button', { name: words.sign, exact: true }).click();
      await dialog.getByText(words.valid).waitFor({ timeout: 120_000 });
      await app.screenshot(`signing-4-signed-${lang}`);
      await checkStep(page, dialog, `signed-${lang}`, (n) => app.screenshot(n));
      await dialog.getByRole('button', { name: lang === 'zh-CN' ? '关闭' : 'Close' }).click();

      // Version 2 on the same document, verified valid; the contract says partially signed.
      await page
        .locator('.version-list .version')
        .filter({ hasText: lang === 'zh-CN' ? '第 2 版' : 'Version 2' })
        .waitFor();
      await page.getByText(words.partial).first().waitFor();
      await app.screenshot(`signing-5-version-2-${lang}`);
      assert.deepEqual(
        app.pageErrors.filter((e) => !/Failed to load resource/.test(e)),
        [],
      );

      // The stored bytes pass pdfsig and qpdf.
      const core = createCoreService({ dataDir: app.dataDir });
      try {
        const search = await core.invoke('contracts.search', {});
        const id = search.ok ? (search.value as { hits: Array<{ id: string }> }).hits[0].id : '';
        const got = await core.invoke('contracts.get', { id });
        const c = got.ok ? (got.value as Contract) : assert.fail('contract');
        const v2 = c.documents[0].versions[1];
        assert.equal(v2.verdict, 'valid');
        const stored = path.join(app.dataDir, 'documents', v2.sha256.slice(0, 2), v2.sha256.slice(2, 4), v2.sha256);
        assert.match(await pdfsigReport(stored, testPki.makeNssDb(path.join(app.dataDir, `nss-${lang}`))), /Signature is Valid/);
        assert.equal(spawnSync('qpdf', ['--check', stored]).status, 0);
      } finally {
        core.close();
      }
    });
  });
}
