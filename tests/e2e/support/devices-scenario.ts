import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createSoftHsmToken } from '../../support/softhsm.js';
import { createTestCa, issueCertificate, softwareKeyPair, type TestCa } from '../../tokens/test-pki.js';
import { startInkstone, type Running, type UiLanguage } from './harness.js';

/**
 * The signing devices screen through the real UI, with SoftHSM as the USB key: the empty state, a
 * token plugged in while the screen is open (shown within 2 s, with its certificate's facts), pulled
 * out again, a driver path that is not there, and a remembered PKCS#12 file opened with its password.
 *
 * One language per test process: a SoftHSM library stays initialised for the process once a core
 * thread has loaded it, and only a fresh load reads a token added later (platform notes).
 */
const TEXT = {
  'zh-CN': {
    nav: '签名设备',
    refresh: '重新检测',
    emptyTitle: '未找到 USB Key',
    modulePath: 'PKCS#11 模块的完整路径（.dll、.so 或 .dylib）',
    fileNotFound: '处没有文件',
    p12Path: '.p12 或 .pfx 文件的完整路径',
    p12Password: (name: string) => `${name} 的密码`,
    show: '显示证书',
    hardwareHidden: '在 USB Key 内（输入 PIN 后显示其保护方式）',
    file: '在文件中，持有文件者即可复制',
    chainIncomplete: '签发它的 CA 证书既不在 USB Key 中',
  },
  en: {
    nav: 'Signing devices',
    refresh: 'Look again',
    emptyTitle: 'No USB key found',
    modulePath: 'Full path of the PKCS#11 module (.dll, .so or .dylib)',
    fileNotFound: 'There is no file at',
    p12Path: 'Full path of the .p12 or .pfx file',
    p12Password: (name: string) => `Password of ${name}`,
    show: 'Show certificates',
    hardwareHidden: 'On the key (its protection is shown after the PIN)',
    file: 'In a file, which anyone with it can copy',
    chainIncomplete: 'Its issuing CA is not on the key',
  },
} as const;

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export function signingDevicesScenario(lang: UiLanguage): void {
  const s = TEXT[lang];
  describe(`Signing devices screen (${lang})`, { timeout: 240_000 }, () => {
    let app: Running;
    let hsmDir: string;
    let ca: TestCa;
    before(async () => {
      // An empty SoftHSM token store, read by the core's device thread from the start.
      hsmDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-hsm-'));
      mkdirSync(path.join(hsmDir, 'tokens'));
      writeFileSync(
        path.join(hsmDir, 'softhsm2.conf'),
        `directories.tokendir = ${path.join(hsmDir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
      );
      process.env.SOFTHSM2_CONF = path.join(hsmDir, 'softhsm2.conf');
      ca = await createTestCa();
      app = await startInkstone({ lang });
    });
    after(async () => {
      await app?.close();
      rmSync(hsmDir, { recursive: true, force: true });
    });

    test('with no key plugged in, the screen says what to do', async () => {
      await app.page.getByRole('button', { name: s.nav, exact: true }).click();
      await app.page.getByRole('heading', { level: 1, name: s.nav }).waitFor();
      await app.page.getByRole('heading', { name: s.emptyTitle }).waitFor();
      await app.screenshot(`${lang}-devices-empty`);
      assert.deepEqual(await seriousViolations(app.page), []);
    });

    test('a key plugged in while the screen is open appears within 2 s, with its certificate; pulled out, it goes', async () => {
      const label = lang === 'zh-CN' ? '墨石律所 Key' : 'Inkstone Key';
      const token = createSoftHsmToken({ dir: hsmDir, label });
      const plugged = performance.now();
      await app.page.getByRole('heading', { name: label }).waitFor({ timeout: 2_000 });
      const seenAfter = performance.now() - plugged;
      assert.ok(seenAfter <= 2_000, `${seenAfter} ms`);

      token.generateKey({ id: '01', label: 'signing', type: 'rsa:2048' });
      const cert = await issueCertificate(ca, token.readPublicKey('01'), 'CN=张律师, OU=诉讼部, O=墨石律师事务所, C=CN');
      token.writeCertificate('01', 'signing', cert);
      // A certificate written by another program is no hot-plug event: the person asks to look again.
      await app.page.getByRole('button', { name: s.refresh }).click();
      const card = app.page.getByRole('article', { name: '张律师' });
      await card.waitFor({ timeout: 5_000 });
      await card.getByText('墨石律师事务所').waitFor();
      await card.getByText('RSA 2048').waitFor();
      await card.getByText(s.hardwareHidden).waitFor();
      // The test CA is neither on the key nor trusted here.
      await card.getByText(s.chainIncomplete, { exact: false }).waitFor();
      await app.screenshot(`${lang}-devices-token`);
      await app.page.setViewportSize({ width: 1024, height: 700 });
      await app.screenshot(`${lang}-devices-token-1024`);
      await app.page.setViewportSize({ width: 1360, height: 860 });
      assert.deepEqual(await seriousViolations(app.page), []);

      const slots = execFileSync('softhsm2-util', ['--show-slots'], { env: token.env })
        .toString('utf8')
        .split(/^Slot /m);
      const serial = /Serial number:\s+(\S+)/.exec(slots.find((b) => b.includes(`Label:            ${label}`)) ?? '')?.[1];
      assert.ok(serial);
      execFileSync('softhsm2-util', ['--delete-token', '--serial', serial], { env: token.env, stdio: 'pipe' });
      const pulled = performance.now();
      await app.page.getByRole('heading', { name: label }).waitFor({ state: 'detached', timeout: 2_000 });
      assert.ok(performance.now() - pulled <= 2_000);
      await app.page.getByRole('heading', { name: s.emptyTitle }).waitFor();
    });

    test('a driver path that is not there is refused in words, from the keyboard', async () => {
      const field = app.page.getByLabel(s.modulePath);
      await field.focus();
      await app.page.keyboard.type('/usr/lib/no-such-pkcs11.so');
      await app.page.keyboard.press('Enter');
      await app.page.getByRole('alert').filter({ hasText: s.fileNotFound }).waitFor();
    });

    test('a remembered PKCS#12 file shows its certificate with the password, which is not kept', async () => {
      const key = softwareKeyPair('P-256');
      const cert = await issueCertificate(ca, key.spki, 'CN=王律师, O=墨石律师事务所, C=CN');
      const base = path.join(hsmDir, 'wang');
      writeFileSync(`${base}.key`, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(`${base}.crt`, pem(cert));
      writeFileSync(`${base}.ca`, pem(ca.der));
      execFileSync(
        'openssl',
        [
          'pkcs12',
          '-export',
          '-inkey',
          `${base}.key`,
          '-in',
          `${base}.crt`,
          '-certfile',
          `${base}.ca`,
          '-out',
          `${base}.p12`,
          '-passout',
          'pass:合同2026',
          '-name',
          '王律师',
        ],
        { stdio: 'pipe' },
      );
      await app.page.getByLabel(s.p12Path).fill(`${base}.p12`);
      await app.page.getByLabel(s.p12Path).press('Enter');
      const password = app.page.getByLabel(s.p12Password('wang.p12'));
      await password.fill('合同2026');
      await app.page.getByRole('button', { name: s.show }).click();
      const card = app.page.getByRole('article', { name: '王律师' });
      await card.getByText(s.file).waitFor();
      assert.equal(await password.count(), 0, 'the password field is gone once the file is open');
      await app.screenshot(`${lang}-devices-p12`);
      assert.deepEqual(await seriousViolations(app.page), []);
      assert.deepEqual(app.pageErrors, []);
    });
  });
}
