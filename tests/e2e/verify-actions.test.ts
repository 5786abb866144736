import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signDocument } from '../../src-main/core/signing/index.js';
import { openPkcs12Signer } from '../../src-main/core/tokens/index.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { ROOT, type Running, type UiLanguage, useInkstone, verdictOf } from './support/harness.js';

/**
 * What a person does with a verification, through the real UI in both languages: trust a CA
 * certificate in Settings so a document that could not be confirmed becomes valid, save the PDF
 * report (its text carries the document's SHA-256), view the version a signature covers, verify a
 * library document from its Documents tab and from the Verify screen's library picker. And pdf.js
 * draws a JPEG 2000 image with its WebAssembly decoder under the renderer's CSP.
 */

const JPX_PDF = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'jpx-image.pdf');

const TEXT = {
  'zh-CN': {
    verifyNav: '验证签名',
    settingsNav: '设置',
    pick: '选择 PDF…',
    verdict: { valid: '签名有效', indeterminate: '签名无法确认' },
    trustHint: '受信任的证书…',
    trustTitle: '受信任的证书',
    trustEmpty: '尚未信任任何证书',
    trustImport: '导入 CA 证书…',
    trustConfirm: '信任此证书颁发机构吗？',
    trustAction: '信任',
    trustImported: '已信任：',
    notACa: '不是证书颁发机构（CA）',
    saveReport: '保存验证报告（PDF）',
    reportTitle: '电子签名验证技术报告',
    reportSaved: '验证报告',
    viewSigned: '查看签署时版本',
    signedTitle: '签名 1：签署时的文档',
    close: '关闭',
    documentsTab: '文档',
    verifyDocument: '验证签名',
    fromLibrary: '从合同库选择…',
    back: '返回合同库',
    signedStatus: '已签署',
    version1: '第 1 版',
  },
  en: {
    verifyNav: 'Verify',
    settingsNav: 'Settings',
    pick: 'Choose PDF…',
    verdict: { valid: 'Signatures valid', indeterminate: 'Signatures could not be confirmed' },
    trustHint: 'Trusted certificates…',
    trustTitle: 'Trusted certificates',
    trustEmpty: 'No certificates are trusted yet',
    trustImport: 'Import CA certificate…',
    trustConfirm: 'Trust this certificate authority?',
    trustAction: 'Trust',
    trustImported: 'Now trusted:',
    notACa: 'which is not a certification authority',
    saveReport: 'Save report (PDF)',
    reportTitle: 'Signature verification report',
    reportSaved: 'verification report',
    viewSigned: 'View signed version',
    signedTitle: 'Signature 1: the document as signed',
    close: 'Close',
    documentsTab: 'Documents',
    verifyDocument: 'Verify signatures',
    fromLibrary: 'From the library…',
    back: 'Back to library',
    signedStatus: 'Signed',
    version1: 'Version 1',
  },
} as const;

let pki: TestPki;
let work: string;
let signedPdf: string;
let leafCertificate: string;

before(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-verify-actions-'));
  pki = await getTestPki();
  const p12 = await pki.pkcs12();
  const signer = await openPkcs12Signer({ file: p12.path, password: p12.password });
  signedPdf = path.join(work, 'service-agreement-signed.pdf');
  await signDocument({ input: await simplePdf(), output: signedPdf, signer, level: 'B-LT', timestampUrls: [pki.tsa.url] });
  await signer.close();
  leafCertificate = path.join(work, 'signer.cer');
  writeFileSync(leafCertificate, p12.leaf.certificate);
});
after(async () => {
  await pki?.servers.close();
  rmSync(work, { recursive: true, force: true });
});

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Import a file into the library through the host (as the UI's import does: upload, then import by id). */
async function importIntoLibrary(app: Running, file: string, name: string): Promise<string> {
  const base = `http://127.0.0.1:${app.host.port}`;
  const uploaded = await fetch(`${base}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-inkstone-token': app.host.token, 'x-inkstone-file-name': encodeURIComponent(name) },
    body: readFileSync(file),
  });
  const { value } = (await uploaded.json()) as { value: { uploadId: string } };
  const res = await fetch(`${base}/rpc/library.import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inkstone-token': app.host.token },
    body: JSON.stringify({ input: { files: [{ uploadId: value.uploadId }] } }),
  });
  const body = (await res.json()) as { ok: boolean; value: { outcomes: Array<{ ok: boolean; contractId: string }> } };
  assert.ok(body.ok && body.value.outcomes[0].ok, JSON.stringify(body));
  return body.value.outcomes[0].contractId;
}

/** The canvas of the viewer inside `scope` shows a drawn page (some dark pixels). */
async function waitForDrawnCanvas(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(sel);
    if (!canvas || canvas.width < 100) return false;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) return false;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4 * 7) if (data[i] < 128 && data[i + 3] > 0) dark++;
    return dark > 150;
  }, selector);
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`Verify actions (${lang})`, { timeout: 240_000 }, () => {
    const ui = useInkstone({ lang });

    test('a document that cannot be confirmed becomes valid once its root CA is trusted in Settings', async () => {
      await ui.page.getByRole('button', { name: s.verifyNav, exact: true }).click();
      const chooser = ui.page.waitForEvent('filechooser');
      await ui.page.getByRole('button', { name: s.pick }).click();
      await (await chooser).setFiles(signedPdf);
      assert.equal(await verdictOf(ui.page), 'indeterminate');
      await ui.page.locator('.verify-banner h2').getByText(s.verdict.indeterminate, { exact: true }).waitFor();
      await ui.app.screenshot(`${lang}-verify-untrusted`);

      await ui.page.getByRole('button', { name: s.trustHint }).click();
      const trust = ui.page.getByRole('group', { name: s.trustTitle });
      await trust.getByText(s.trustEmpty).waitFor();
      // The signer's own certificate is refused, in the person's language: only CAs can be anchors.
      const leafChooser = ui.page.waitForEvent('filechooser');
      await trust.getByRole('button', { name: s.trustImport }).click();
      await (await leafChooser).setFiles(leafCertificate);
      await trust.getByRole('alert').getByText(s.notACa, { exact: false }).waitFor();
      await ui.app.screenshot(`${lang}-settings-trust-refused`);
      await trust.getByText(s.trustEmpty).waitFor();
      const certChooser = ui.page.waitForEvent('filechooser');
      await trust.getByRole('button', { name: s.trustImport }).click();
      await (await certChooser).setFiles(pki.rootPemPath);
      // Nothing is trusted before the person has seen whose certificate it is and its fingerprint.
      const fingerprint = pki.root.info.sha256.toUpperCase().match(/.{2}/g)!.join(':');
      const confirm = trust.getByRole('region', { name: s.trustConfirm });
      await confirm.getByText(fingerprint).waitFor();
      await trust.getByText(s.trustEmpty).waitFor();
      await ui.app.screenshot(`${lang}-settings-trust-confirm`);
      await confirm.getByRole('button', { name: s.trustAction, exact: true }).click();
      await trust.getByText(s.trustImported).waitFor();
      await trust.locator('.trust-list').getByText(fingerprint).waitFor();
      await trust.locator('.trust-item').first().scrollIntoViewIfNeeded();
      await ui.app.screenshot(`${lang}-settings-trust`);

      // Back on the Verify screen the same document is checked again, now against the trusted root.
      await ui.page.getByRole('button', { name: s.verifyNav, exact: true }).click();
      await ui.page.locator('.verify-banner[data-verdict="valid"]').waitFor({ timeout: 60_000 });
      await ui.page.locator('.verify-banner h2').getByText(s.verdict.valid, { exact: true }).waitFor();
      await ui.app.screenshot(`${lang}-verify-trusted`);
    });

    test('"Save report" downloads the PDF report, whose text carries the document SHA-256', async () => {
      const download = ui.page.waitForEvent('download');
      await ui.page.getByRole('button', { name: s.saveReport }).click();
      const file = await download;
      assert.match(file.suggestedFilename(), /\.pdf$/);
      assert.ok(
        file.suggestedFilename().includes(s.reportSaved.replace(' ', '-')) || file.suggestedFilename().includes(s.reportSaved),
        file.suggestedFilename(),
      );
      const saved = path.join(work, `${lang}-report.pdf`);
      await file.saveAs(saved);
      assert.equal(readFileSync(saved).subarray(0, 5).toString('latin1'), '%PDF-');
      const text = execFileSync('pdftotext', ['-layout', saved, '-']).toString();
      const compact = text.replace(/\s+/g, '');
      assert.ok(compact.includes(sha256Of(signedPdf)), 'the document hash is in the report');
      assert.ok(text.includes(s.reportTitle), 'the report is in the screen language');
      await ui.page.getByRole('status').filter({ hasText: file.suggestedFilename() }).waitFor();
    });

    test('"View signed version" shows what signature 1 covers in the viewer', async () => {
      await ui.page.getByRole('button', { name: s.viewSigned }).first().click();
      const dialog = ui.page.getByRole('dialog', { name: s.signedTitle });
      await dialog.waitFor();
      await waitForDrawnCanvas(ui.page, '.signed-version-dialog canvas.pdf-canvas');
      await ui.app.screenshot(`${lang}-verify-signed-version`);
      await dialog.getByRole('button', { name: s.close, exact: true }).first().click();
      await dialog.waitFor({ state: 'hidden' });
    });

    test('library → verify: the Documents tab verifies a stored version, and so does the Verify screen picker', async () => {
      const contractId = await importIntoLibrary(ui.app, signedPdf, `${lang}-signed.pdf`);
      await ui.page.getByRole('button', { name: lang === 'zh-CN' ? '合同库' : 'Library', exact: true }).click();
      await ui.page.locator(`[role="option"][data-contract-id="${contractId}"]`).click();
      await ui.page.getByRole('tab', { name: s.documentsTab }).click();
      await waitForDrawnCanvas(ui.page, 'canvas.pdf-canvas');
      await ui.app.screenshot(`${lang}-documents-verify-action`);
      await ui.page.locator('.pdf-toolbar').getByRole('button', { name: s.verifyDocument }).click();
      assert.equal(await verdictOf(ui.page), 'valid');
      await ui.page.locator('.verify-banner-meta', { hasText: `${lang}-signed.pdf` }).waitFor();
      await ui.app.screenshot(`${lang}-verify-from-documents-tab`);

      await ui.page.getByRole('button', { name: s.fromLibrary }).click();
      const picker = ui.page.locator('dialog.library-picker');
      // Each contract shows its status, each version its number and its verdict from the import.
      await picker.locator('.library-picker-item').first().locator('.status-badge', { hasText: s.signedStatus }).waitFor();
      await picker.locator('.library-picker-item').first().click();
      const version = picker.locator('.library-picker-item', { hasText: `${lang}-signed.pdf` });
      await version.waitFor();
      await version.locator('.version-number', { hasText: s.version1 }).waitFor();
      await version.locator('.version-verdict').waitFor();
      await ui.app.screenshot(`${lang}-verify-library-picker`);
      await picker
        .locator('.library-picker-item', { hasText: `${lang}-signed.pdf` })
        .first()
        .click();
      await picker.waitFor({ state: 'hidden' });
      assert.equal(await verdictOf(ui.page), 'valid');
      assert.deepEqual(ui.app.pageErrors, []);
    });

    if (lang === 'en') {
      test('a JPEG 2000 image is drawn by pdf.js (WebAssembly decoder allowed by the CSP)', async () => {
        // pdf.js says so when a WebAssembly decoder cannot start and it falls back to JavaScript.
        const decoderWarnings: string[] = [];
        ui.page.on('console', (m) => /instantiateWasm|Falling back|wasm|WebAssembly/i.test(m.text()) && decoderWarnings.push(`${m.type()}: ${m.text()}`));
        const contractId = await importIntoLibrary(ui.app, JPX_PDF, 'jpx-image.pdf');
        await ui.page.getByRole('button', { name: 'Library', exact: true }).click();
        await ui.page.locator(`[role="option"][data-contract-id="${contractId}"]`).click();
        await ui.page.getByRole('tab', { name: s.documentsTab }).click();
        // The image's left half is red, its right half blue: sample both on the drawn canvas.
        const colours = await ui.page.waitForFunction(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('canvas.pdf-canvas');
          if (!canvas || canvas.width < 100) return null;
          const ctx = canvas.getContext('2d');
          if (!ctx) return null;
          // The image sits at x 60..540, y 80..400 (from the top) of a 600 × 800 page.
          // (No inner named functions: the page cannot see tsx's __name helper.)
          const left = Array.from(ctx.getImageData(Math.floor(canvas.width * 0.3), Math.floor(canvas.height * 0.3), 1, 1).data);
          const right = Array.from(ctx.getImageData(Math.floor(canvas.width * 0.7), Math.floor(canvas.height * 0.3), 1, 1).data);
          return left[0] > 150 && left[2] < 90 && right[2] > 150 && right[0] < 90 ? { left, right } : null;
        });
        assert.ok(await colours.jsonValue());
        await ui.app.screenshot('en-viewer-jpx');
        assert.deepEqual(decoderWarnings, [], 'the WebAssembly decoder ran');
        assert.deepEqual(ui.app.pageErrors, [], 'no CSP violation and no decoder failure');
      });
    }
  });
}
