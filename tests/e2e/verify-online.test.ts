import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signDocument } from '../../src-main/core/signing/index.js';
import { openPkcs12Signer } from '../../src-main/core/tokens/index.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { type UiLanguage, useInkstone, verdictOf } from './support/harness.js';

/**
 * A signature without revocation data in the document (PAdES B-T) cannot turn green offline even
 * with its CA trusted; the per-verification switch asks the CA's OCSP responder (a loopback server
 * here) and it does, and the screen says what was checked. The Settings default starts the switch
 * on. An unsigned PDF says it has no signatures.
 */
const TEXT = {
  'zh-CN': {
    verifyNav: '验证签名',
    settingsNav: '设置',
    pick: '选择 PDF…',
    trustImport: '导入 CA 证书…',
    trustConfirm: '信任此证书颁发机构吗？',
    trust: '信任',
    issuer: '颁发者',
    online: '联网检查吊销状态',
    onlineDefault: '默认联网检查吊销状态',
    notChecked: '未检查',
    checkedOffline: '仅根据文档内的数据检查吊销状态（未开启联网检查）',
    checkedOnline: '已根据文档内的数据并联网向证书颁发机构检查吊销状态',
    good: '未吊销',
    fetchedOnline: '联网获取的 OCSP 应答',
    unsigned: '没有签名',
    noSignatures: '此 PDF 中没有签名。',
    another: '验证另一个 PDF…',
    oneSignature: '1 个签名',
  },
  en: {
    verifyNav: 'Verify',
    settingsNav: 'Settings',
    pick: 'Choose PDF…',
    trustImport: 'Import CA certificate…',
    trustConfirm: 'Trust this certificate authority?',
    trust: 'Trust',
    issuer: 'Issuer',
    online: 'Check revocation online',
    onlineDefault: 'Check revocation online by default',
    notChecked: 'Not checked',
    checkedOffline: 'revocation checked only from data in the document (online checking is off)',
    checkedOnline: 'revocation checked in the document and online with the certificate authorities',
    good: 'Not revoked',
    fetchedOnline: 'OCSP answer fetched online',
    unsigned: 'No signatures',
    noSignatures: 'This PDF contains no signatures.',
    another: 'Verify another PDF…',
    oneSignature: '1 signature',
  },
} as const;

let pki: TestPki;
let work: string;
let signedPdf: string;
before(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-verify-online-'));
  pki = await getTestPki();
  const p12 = await pki.pkcs12();
  const signer = await openPkcs12Signer({ file: p12.path, password: p12.password });
  signedPdf = path.join(work, 'timestamped-only.pdf');
  await signDocument({ input: await simplePdf(), output: signedPdf, signer, level: 'B-T', timestampUrls: [pki.tsa.url] });
  await signer.close();
});
after(async () => {
  await pki?.servers.close();
  rmSync(work, { recursive: true, force: true });
});

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`online revocation checking (${lang})`, { timeout: 240_000 }, () => {
    const ui = useInkstone({ lang });
    const pick = async (file: string, button: string = s.pick) => {
      const chooser = ui.page.waitForEvent('filechooser');
      await ui.page.getByRole('button', { name: button }).first().click();
      await (await chooser).setFiles(file);
    };
    const revocationRow = () => ui.page.locator('.verify-row', { has: ui.page.locator('dt', { hasText: lang === 'en' ? /^Revocation$/ : /^吊销状态$/ }) });

    test('the root CA is trusted after the person has seen its issuer and fingerprint', async () => {
      await ui.page.getByRole('button', { name: s.settingsNav }).click();
      const chooser = ui.page.waitForEvent('filechooser');
      await ui.page.getByRole('button', { name: s.trustImport }).click();
      await (await chooser).setFiles(pki.rootPemPath);
      const confirm = ui.page.getByRole('region', { name: s.trustConfirm });
      await confirm.getByText(s.issuer, { exact: true }).waitFor();
      await confirm.getByRole('button', { name: s.trust, exact: true }).click();
      await confirm.waitFor({ state: 'hidden' });
    });

    test('offline, a signature without revocation data stays unconfirmed and the screen says why', async () => {
      await ui.page.getByRole('button', { name: s.verifyNav, exact: true }).click();
      assert.equal(await ui.page.getByRole('checkbox', { name: s.online }).isChecked(), false);
      await pick(signedPdf);
      assert.equal(await verdictOf(ui.page), 'indeterminate');
      await ui.page.locator('.verify-checked', { hasText: s.checkedOffline }).waitFor();
      await ui.page.locator('.verify-checked', { hasText: s.oneSignature }).waitFor();
      assert.ok((await revocationRow().innerText()).includes(s.notChecked));
      await ui.app.screenshot(`${lang}-verify-offline`);
    });

    test('switched on, the CA is asked online and the signature turns valid', async () => {
      await ui.page.getByRole('checkbox', { name: s.online }).check();
      await ui.page.locator('.verify-banner[data-verdict="valid"]').waitFor({ timeout: 60_000 });
      await ui.page.locator('.verify-checked', { hasText: s.checkedOnline }).waitFor();
      const row = await revocationRow().innerText();
      assert.ok(row.includes(s.good) && row.includes(s.fetchedOnline), row);
      await ui.app.screenshot(`${lang}-verify-online`);
    });

    test('the Settings default starts the switch on', async () => {
      await ui.page.getByRole('button', { name: s.settingsNav }).click();
      await ui.app.screenshot(`${lang}-settings-verification`);
      const stored = ui.page.waitForResponse((r) => r.url().endsWith('/rpc/settings.update'));
      await ui.page.getByRole('checkbox', { name: s.onlineDefault }).check();
      await stored;
      await ui.page.getByRole('button', { name: s.verifyNav, exact: true }).click();
      assert.equal(await ui.page.getByRole('checkbox', { name: s.online }).isChecked(), true);
      assert.equal(await verdictOf(ui.page), 'valid');
    });

    test('an unsigned PDF says it has no signatures', async () => {
      await pick(await simplePdf(), s.another);
      assert.equal(await verdictOf(ui.page), 'unsigned');
      await ui.page.locator('.verify-banner h2').getByText(s.unsigned, { exact: true }).waitFor();
      await ui.page.locator('.verify-banner').getByText(s.noSignatures).waitFor();
      await ui.app.screenshot(`${lang}-verify-unsigned`);
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
