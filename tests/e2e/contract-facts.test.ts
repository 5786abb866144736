import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFiles, Library } from '../../src-main/core/library/index.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { useInkstone, type UiLanguage } from './support/harness.js';

/** A data folder holding one imported contract whose text names its parties, amount and term. */
async function libraryWithImportedContract(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-facts-'));
  const library = new Library(dataDir);
  try {
    const pdf = await makeTextPdf({
      wrap: true,
      lines: [
        '技术服务合同',
        '甲方：北京星河数据科技有限公司',
        '统一社会信用代码：91110108MA01C5RJ3P',
        '乙方：上海明德律师事务所',
        '第一条 本合同总金额为人民币123,456.00元（大写：人民币壹拾贰万叁仟肆佰伍拾陆元整）。',
        '第二条 本合同有效期自2026年1月1日起至2026年12月31日止。',
      ],
    });
    const [outcome] = await importFiles(library, [{ name: '技术服务合同.pdf', bytes: pdf }]);
    assert.ok(outcome.ok);
  } finally {
    library.close();
  }
  return dataDir;
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  describe(`contract facts read on import (${lang})`, async () => {
    const dataDir = await libraryWithImportedContract();
    const ui = useInkstone({ lang, dataDir });

    test('suggestions show their source sentence; accept records, dismiss hides, nothing is applied silently', async () => {
      const { page } = ui;
      await page.locator('[role="option"][data-contract-id]').first().click();
      const panel = page.locator('.fact-suggestions');
      await panel.waitFor();
      const facts = panel.locator('.fact');
      assert.equal(await facts.count(), 6); // 甲方, 乙方, amount, two dates, type
      // The amount is shown with the sentence it came from, the figures marked, and the 大写 check.
      const amount = facts.filter({ hasText: '123,456' });
      assert.match((await amount.locator('mark').textContent()) ?? '', /123,456\.00/);
      assert.match((await amount.locator('.fact-note').textContent()) ?? '', /壹拾贰万叁仟肆佰伍拾陆元整/);
      await ui.app.screenshot(`contract-facts-${lang}`);

      // Nothing applied yet: the parties tab has no count.
      assert.equal(await page.locator('#tab-parties .tab-count').count(), 0);
      // Accept 甲方 with its registration number; correct the type by hand; dismiss the amount.
      await facts
        .filter({ hasText: '北京星河数据科技有限公司' })
        .getByRole('button', { name: lang === 'zh-CN' ? '采用' : 'Accept' })
        .click();
      await page.locator('#tab-parties .tab-count').waitFor();
      assert.equal(await page.locator('#tab-parties .tab-count').textContent(), '1');
      const type = facts.filter({ hasText: '服务协议' });
      await type.getByRole('button', { name: lang === 'zh-CN' ? '修改…' : 'Edit…' }).click();
      const input = panel.locator('.fact input');
      assert.equal(await input.inputValue(), '服务协议');
      await input.fill('技术服务合同');
      await input.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.fact').length === 4);
      await facts
        .filter({ hasText: '123,456' })
        .getByRole('button', { name: lang === 'zh-CN' ? '忽略' : 'Dismiss' })
        .click();
      await page.locator('.fact').filter({ hasText: '123,456' }).waitFor({ state: 'detached' });
      assert.equal(await page.locator('.fact').count(), 3);

      await page.getByRole('tab', { name: lang === 'zh-CN' ? /当事人/ : /Parties/ }).click();
      await page.getByText('91110108MA01C5RJ3P').waitFor();
      await page.getByRole('tab', { name: lang === 'zh-CN' ? /基本信息|详情/ : /Details/ }).click();
      assert.equal(await page.getByLabel(lang === 'zh-CN' ? '合同类型' : 'Contract type').inputValue(), '技术服务合同');
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
