import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, type UiLanguage, useInkstone, verdictOf } from './support/harness.js';

/**
 * The Verify screen through the real UI, once per language: the designed empty state, a signed PDF
 * picked with the file chooser (valid, or indeterminate when its signer is not trusted), then a PDF
 * modified after signing dropped onto the window (invalid). Texts are written out here on purpose.
 */
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'pades-dss');
const VALID = path.join(CORPUS, 'pdf-signed-original.pdf');
const TAMPERED = path.join(CORPUS, 'modified_after_signature.pdf');

const TEXT = {
  'zh-CN': {
    nav: '验证签名',
    emptyTitle: '检查已签名的 PDF',
    pick: '选择 PDF…',
    dropTitle: '松开鼠标即可验证 PDF 签名',
    verdict: { valid: '签名有效', invalid: '签名无效', indeterminate: '签名无法确认' },
    signature1: '签名 1',
    changed: '签署后已被改动',
    unchanged: '签署后未被改动',
    disallowed: '有签署人不允许的改动',
  },
  en: {
    nav: 'Verify',
    emptyTitle: 'Check a signed PDF',
    pick: 'Choose PDF…',
    dropTitle: 'Drop a PDF to verify its signatures',
    verdict: { valid: 'Signatures valid', invalid: 'Signatures invalid', indeterminate: 'Signatures could not be confirmed' },
    signature1: 'Signature 1',
    changed: 'Changed since signing',
    unchanged: 'Unchanged since signing',
    disallowed: 'Changes the signer did not permit',
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`Verify screen (${lang})`, { timeout: 180_000 }, () => {
    const ui = useInkstone({ lang });

    test('the nav entry opens the designed empty state', async () => {
      await ui.page.getByRole('button', { name: s.nav, exact: true }).click();
      await ui.page.getByRole('heading', { name: s.emptyTitle }).waitFor();
      await ui.page.getByRole('button', { name: s.pick }).waitFor();
      await ui.app.screenshot(`${lang}-verify-empty`);
    });

    test('a signed, untouched PDF picked with the file chooser is not reported invalid', async () => {
      const chooser = ui.page.waitForEvent('filechooser');
      await ui.page.getByRole('button', { name: s.pick }).click();
      await (await chooser).setFiles(VALID);
      const verdict = await verdictOf(ui.page);
      assert.ok(verdict === 'valid' || verdict === 'indeterminate', `verdict ${verdict}`);
      const heading = s.verdict[verdict as 'valid' | 'indeterminate'];
      await ui.page.locator('.verify-banner h2').getByText(heading, { exact: true }).waitFor();
      await ui.page.getByRole('heading', { name: s.signature1, exact: true }).waitFor();
      await ui.page.getByText(s.unchanged, { exact: true }).first().waitFor();
      await ui.app.screenshot(`${lang}-verify-valid`);
    });

    test('a PDF modified after signing, dropped onto the window, is reported invalid', async () => {
      const bytes = readFileSync(TAMPERED).toString('base64');
      const transfer = await ui.page.evaluateHandle(
        ({ b64, name }) => {
          const bin = atob(b64);
          const arr = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
          const dt = new DataTransfer();
          dt.items.add(new File([arr], name, { type: 'application/pdf' }));
          return dt;
        },
        { b64: bytes, name: path.basename(TAMPERED) },
      );
      await ui.page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
      await ui.page.getByText(s.dropTitle).waitFor();
      await ui.page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
      await ui.page.locator('.verify-banner[data-verdict="invalid"]').waitFor({ timeout: 60_000 });
      await ui.page.locator('.verify-banner h2').getByText(s.verdict.invalid, { exact: true }).waitFor();
      const cardText = await ui.page.locator('.verify-cards').innerText();
      assert.ok(cardText.includes(s.changed) || cardText.includes(s.disallowed), cardText);
      await ui.app.screenshot(`${lang}-verify-tampered`);
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
