import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startInkstone, type Running, type UiLanguage } from './support/harness.js';
import { chineseContractPdf } from './support/pdf-fixtures.js';
import { importPdf, rpc } from './support/rpc.js';
import { seedContracts } from './support/seed.js';

const LAYOUT_FAULTS = readFileSync(new URL('./support/layout-faults.browser.js', import.meta.url), 'utf8');

/**
 * Every screen at 1024 × 700, the smallest window Inkstone supports, in both languages: titles keep
 * their room (not squeezed below their one-line width or a readable minimum, never clipped),
 * nothing overlaps, nothing runs off the window sideways. Screenshots of each screen.
 */
const TEXT = {
  'zh-CN': {
    verify: '验证签名',
    settings: '设置',
    library: '合同库',
    parties: '当事人',
    documents: '文档',
    audit: '审计记录',
    evidence: '存证',
    verifyTitle: '验证签名',
    clauses: '条款库',
    seals: '印章',
    devices: '签名设备',
  },
  en: {
    verify: 'Verify',
    settings: 'Settings',
    library: 'Library',
    parties: 'Parties',
    documents: 'Documents',
    audit: 'Audit trail',
    evidence: 'Evidence',
    verifyTitle: 'Verify signatures',
    clauses: 'Clauses',
    seals: 'Seals',
    devices: 'Signing devices',
  },
} as const;

/** The layout faults on the screen as it is, one line each (run in the page). */
async function layoutFaults(page: Page, screen: string): Promise<string[]> {
  const faults = (await page.evaluate(LAYOUT_FAULTS)) as string[];
  return faults.map((f) => `${screen}: ${f}`);
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`layout at 1024 × 700 (${lang})`, { timeout: 240_000 }, () => {
    let app: Running;
    before(async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-layout-'));
      seedContracts(dataDir, 40);
      app = await startInkstone({ lang, dataDir, viewport: { width: 1024, height: 700 } });
      await app.page.locator('[role="option"][data-contract-id]').first().waitFor();
    });
    after(async () => {
      await app?.close();
    });

    test('library, contract tabs, verify, settings, clauses, seals and devices keep their titles and do not overlap', async () => {
      const page = app.page;
      const found: string[] = [];
      const look = async (screen: string) => {
        await page.waitForTimeout(300);
        await app.screenshot(`${lang}-1024-${screen}`);
        found.push(...(await layoutFaults(page, screen)));
      };
      // One contract expiring soon, so the coming-up panel has a reminder to lay out.
      const soon = await rpc<{ id: string }>(app, 'contracts.create', { title: '房屋租赁合同（上海明德信息技术有限公司）' });
      await rpc(app, 'contracts.update', { id: soon.id, patch: { expiryDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) } });
      await page.reload();
      await page.locator('.reminder').first().waitFor();
      await look('library');
      const { contractId } = await importPdf(app, '技术服务合同（北京云杉科技有限公司与上海明德信息技术有限公司）.pdf', await chineseContractPdf());
      await page.locator(`[role="option"][data-contract-id="${contractId}"]`).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await look('contract-details');
      await page.getByRole('tab', { name: s.parties }).click();
      await look('contract-parties');
      await page.getByRole('tab', { name: s.documents }).click();
      await page.locator('.pdf-sheet canvas[data-drawn="true"]').first().waitFor();
      await look('contract-documents');
      await page.getByRole('tab', { name: s.audit }).click();
      await look('contract-audit');
      await page.getByRole('tab', { name: s.evidence }).click();
      await look('contract-evidence');
      await page.getByRole('button', { name: s.verify, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: s.verifyTitle }).waitFor();
      await look('verify');
      await page.getByRole('button', { name: s.settings, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: s.settings }).waitFor();
      await look('settings');
      // The screens of signing and drafting: the clause library, seals, signing devices.
      for (const screen of ['clauses', 'seals', 'devices'] as const) {
        await page.getByRole('button', { name: s[screen], exact: true }).click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await look(screen);
      }
      assert.deepEqual(found, []);
    });
  });
}
