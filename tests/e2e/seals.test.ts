import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startInkstone, type Running, type UiLanguage } from './support/harness.js';

/**
 * The organisation profile (Settings) and the 印章 / Seals screen in both languages: the credit
 * code's check shown in the form, a seal generated from the profile with a live preview, an SVG
 * imported and a malicious one refused, a signature drawn with the pointer and one typed,
 * disabling kept with "show disabled" — with axe over each state and screenshots.
 */
const TEXT = {
  'zh-CN': {
    seals: '印章',
    settings: '设置',
    legalName: '单位法定名称',
    creditCode: '统一社会信用代码',
    saveOrg: '保存单位信息',
    badCode: '统一社会信用代码为 18 位，且最后一位校验码须正确。',
    required: '此项为必填项。',
    saved: '单位信息已保存。',
    needsProfile: '请先在“设置”中填写单位法定名称，它将刻入印章。',
    openSettings: '前往设置',
    kind: '印章类型',
    generate: '生成印章',
    importName: '名称',
    choose: '选择 PNG 或 SVG…',
    svgRefused: '该 SVG 文件不能用作印章：其中含有 <script> 元素',
    tooLarge: '印章文件超过 4 MiB。',
    signatureName: '签名名称',
    saveDrawn: '保存手写签名',
    typeText: '签名文字',
    saveTyped: '保存键入签名',
    disable: '停用',
    showDisabled: '显示已停用',
    pad: '签名板',
    typedName: '张三',
  },
  en: {
    seals: 'Seals',
    settings: 'Settings',
    legalName: 'Legal name',
    creditCode: 'Unified social credit code',
    saveOrg: 'Save organisation',
    badCode: 'A unified social credit code has 18 characters and a valid check character (the last one).',
    required: 'This field is required.',
    saved: 'Organisation saved.',
    needsProfile: 'Enter the organisation’s legal name in Settings first: it is cut into the seal.',
    openSettings: 'Open Settings',
    kind: 'Kind of seal',
    generate: 'Generate seal',
    importName: 'Name',
    choose: 'Choose PNG or SVG…',
    svgRefused: 'The SVG file cannot be used as a seal: it contains <script>',
    tooLarge: 'The seal file is larger than 4 MiB.',
    signatureName: 'Name of the signature',
    saveDrawn: 'Save drawn signature',
    typeText: 'Name to write',
    saveTyped: 'Save typed signature',
    disable: 'Disable',
    showDisabled: 'Show disabled',
    pad: 'Signature pad',
    typedName: 'Anna Li',
  },
} as const;

const ORG = '北京星河数据科技有限公司';

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`seals and the organisation profile (${lang})`, { timeout: 300_000 }, () => {
    let app: Running;
    let page: Page;
    let files: string;
    before(async () => {
      app = await startInkstone({ lang });
      page = app.page;
      files = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-seal-files-'));
      await page.getByRole('button', { name: s.seals, exact: true }).waitFor();
    });
    after(async () => {
      await app?.close();
    });

    const axe = async (name: string): Promise<void> => {
      await app.screenshot(`${lang}-seals-${name}`);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${name}: ${v.id} ${v.nodes[0]?.target.join(' ')}`);
      assert.deepEqual(bad, []);
    };

    test('without a profile the Seals screen says where to enter it; the empty lists say what to do', async () => {
      await page.getByRole('button', { name: s.seals, exact: true }).click();
      await page.getByText(s.needsProfile).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the screen heading');
      await axe('empty');
      await page.getByRole('button', { name: s.openSettings }).click();
      await page.getByRole('heading', { level: 1, name: s.settings }).waitFor();
    });

    test('Settings → Organisation checks the name and the credit code before saving', async () => {
      const code = page.getByLabel(s.creditCode, { exact: true });
      await code.fill('91110108MA01A1B2C3'); // wrong check character
      await page.getByRole('button', { name: s.saveOrg }).click();
      await page.getByText(s.badCode).waitFor();
      await page.getByText(s.required).first().waitFor();
      assert.equal(await code.getAttribute('aria-invalid'), 'true');
      await page.getByText(s.badCode).scrollIntoViewIfNeeded();
      await axe('organisation-errors');
      await page.getByLabel(s.legalName, { exact: true }).fill(ORG);
      await code.fill('91110108ma01a1b2c7');
      await page.getByRole('button', { name: s.saveOrg }).click();
      await page.getByText(s.saved).waitFor();
      assert.equal(await code.inputValue(), '91110108MA01A1B2C7', 'saved as the core stores it');
    });

    test('generate a contract seal with its live preview, from the keyboard', async () => {
      await page.getByRole('button', { name: s.seals, exact: true }).click();
      const kind = page.getByLabel(s.kind);
      await kind.focus();
      await kind.selectOption('财务专用章');
      const preview = page.locator('.seal-preview-large img');
      await preview.waitFor();
      assert.match((await preview.getAttribute('alt')) ?? '', /财务专用章/);
      await kind.selectOption('合同专用章');
      await page.waitForFunction(() => document.querySelector('.seal-preview-large img')?.getAttribute('alt')?.includes('合同专用章'));
      await page.getByRole('button', { name: s.generate }).focus();
      await page.keyboard.press('Enter');
      const item = page.locator('.seal-item', { hasText: '合同专用章' });
      await item.waitFor();
      // The preview is drawn, not broken: the image decoded to its natural size.
      assert.ok(await item.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
      await axe('generated');
    });

    test('an SVG seal is imported; one with a script is refused with the reason', async () => {
      const good = path.join(files, 'stamp.svg');
      writeFileSync(
        good,
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#fff"/><circle cx="50" cy="50" r="44" fill="none" stroke="#d0021b" stroke-width="5"/><path d="M50 25l7 20h21l-17 12 7 20-18-12-18 12 7-20-17-12h21z" fill="#d0021b"/></svg>',
      );
      const evil = path.join(files, 'evil.svg');
      writeFileSync(evil, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><circle r="4"/></svg>');
      await page.getByLabel(s.importName, { exact: true }).fill('业务专用章');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: s.choose }).click()]);
      await chooser.setFiles(good);
      await page.locator('.seal-item', { hasText: '业务专用章' }).waitFor();
      const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: s.choose }).click()]);
      await chooser2.setFiles(evil);
      await page.getByRole('alert').filter({ hasText: s.svgRefused }).waitFor();
      await app.screenshot(`${lang}-seals-svg-refused`);
      const big = path.join(files, 'scan.png');
      writeFileSync(big, Buffer.alloc(5 * 1024 * 1024));
      const [chooser3] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: s.choose }).click()]);
      await chooser3.setFiles(big);
      await page.getByRole('alert').filter({ hasText: s.tooLarge }).waitFor();
    });

    test('a signature drawn with the pointer (pen pressure kept) and one typed are added', async () => {
      const pad = page.getByRole('img', { name: new RegExp(s.pad) });
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 40, box.y + 110);
      await page.mouse.down();
      for (const [dx, dy] of [
        [80, 40],
        [130, 120],
        [190, 50],
        [260, 110],
        [340, 60],
      ])
        await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
      await page.mouse.up();
      await page.getByLabel(s.signatureName).fill('张三手写');
      await page.getByRole('button', { name: s.saveDrawn }).click();
      await page.locator('.seal-item', { hasText: '张三手写' }).waitFor();
      await page.getByLabel(s.typeText).fill(s.typedName);
      await page.getByLabel(s.typeText).press('Enter');
      await page.locator('.seal-item', { hasText: s.typedName }).waitFor();
      await page.locator('.seal-item', { hasText: s.typedName }).scrollIntoViewIfNeeded();
      await axe('signatures');
    });

    test('disabling asks first, hides the seal, and "show disabled" shows it kept', async () => {
      const item = page.locator('.seal-item', { hasText: '业务专用章' });
      await item.getByRole('button', { name: s.disable, exact: true }).click();
      await item.getByRole('button', { name: new RegExp(`${s.disable}.*业务专用章`) }).click();
      await item.waitFor({ state: 'detached' });
      await page.getByLabel(s.showDisabled).check();
      await page.locator('.seal-item-disabled', { hasText: '业务专用章' }).waitFor();
      await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
      await axe('disabled-shown');
      await page.setViewportSize({ width: 1024, height: 700 });
      await app.screenshot(`${lang}-seals-1024`);
      assert.deepEqual(app.pageErrors, []);
    });
  });
}
