import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { startInkstone, type Running, type UiLanguage } from './support/harness.js';
import { seedContracts, seededTitle } from './support/seed.js';

/**
 * axe-core over every screen in both languages (WCAG 2.1 A and AA rules): no serious or critical
 * violation — contrast of muted text included.
 */
const TEXT = {
  'zh-CN': {
    verify: '验证签名',
    settings: '设置',
    library: '合同库',
    parties: '当事人',
    documents: '文档',
    audit: '审计记录',
    notes: '备注',
    addParty: '添加当事人',
  },
  en: {
    verify: 'Verify',
    settings: 'Settings',
    library: 'Library',
    parties: 'Parties',
    documents: 'Documents',
    audit: 'Audit trail',
    notes: 'Notes',
    addParty: 'Add party',
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`accessibility (${lang})`, { timeout: 240_000 }, () => {
    let app: Running;
    before(async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-axe-'));
      seedContracts(dataDir, 12);
      app = await startInkstone({ lang, dataDir });
      await app.page.locator('[role="option"][data-contract-id]').first().waitFor();
    });
    after(async () => {
      await app?.close();
    });

    /** The serious and critical violations on the page as it is now, one line each. */
    const violations = async (screen: string): Promise<string[]> => {
      await app.screenshot(`${lang}-axe-${screen}`);
      const result = await new AxeBuilder({ page: app.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${screen}: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 4)
              .join(', ')}`,
        );
    };

    test('library, contract tabs, unsaved-changes dialog, verify and settings have no serious or critical violations', async () => {
      const page = app.page;
      const found: string[] = [];
      found.push(...(await violations('library')));
      await page.locator('[role="option"]', { hasText: seededTitle(11) }).click();
      await page.getByRole('heading', { level: 1, name: seededTitle(11) }).waitFor();
      found.push(...(await violations('contract-details')));
      for (const [tab, name] of [
        [s.parties, 'contract-parties'],
        [s.documents, 'contract-documents'],
        [s.audit, 'contract-audit'],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await page.waitForTimeout(300);
        found.push(...(await violations(name)));
      }
      await page.getByRole('tab', { name: s.parties }).click();
      await page.getByRole('button', { name: s.addParty }).click();
      await page.locator('.party-form input[type="text"]').first().fill('Fabrikam');
      found.push(...(await violations('party-form')));
      await page.getByRole('button', { name: s.library, exact: true }).click();
      await page.locator('dialog[open]').waitFor();
      found.push(...(await violations('unsaved-dialog')));
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: s.verify, exact: true }).click();
      await page.locator('dialog[open]').getByRole('button').nth(1).click();
      await page.getByRole('heading', { level: 1, name: lang === 'zh-CN' ? '验证签名' : 'Verify signatures' }).waitFor();
      found.push(...(await violations('verify')));
      await page.getByRole('button', { name: s.settings, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: s.settings }).waitFor();
      found.push(...(await violations('settings')));
      assert.deepEqual(found, []);
    });
  });
}
