// A draft's files in Chromium, in both languages: export the PDF (it becomes version 1 of the
// contract's document), compare the version sent with the counterparty's returned DOCX as an inline
// redline, reject one change, import a Word file and see what was not kept.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { importDraftDocx } from '../../src-main/core/draft-files/index.js';
import { exportDocx, layoutOfDraft } from '../../src-main/core/drafting-export/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { serviceAgreement } from '../drafting-export/sample-draft.js';
import { useInkstone, type UiLanguage } from './support/harness.js';

const TEXT = {
  'zh-CN': {
    tab: '起草',
    exportPdf: '导出 PDF（用于签署）',
    pdfDone: '合同文档的第 1 版',
    from: '原版本',
    compare: '比较',
    reject: '拒绝',
    summary: /共 \d+ 处修改：接受 0 处，拒绝 1 处/,
    lost: '页眉页脚 2 个',
    importDone: '已成为草稿的一个版本',
  },
  en: {
    tab: 'Draft',
    exportPdf: 'Export PDF for signing',
    pdfDone: 'version 1 of the contract’s document',
    from: 'From',
    compare: 'Compare',
    reject: 'Reject',
    summary: /\d+ change\(s\): 0 accepted, 1 rejected/,
    lost: '2 header(s) and footer(s)',
    importDone: 'is now a version of the draft',
  },
} as const;

/** A contract whose draft was sent as v1 and came back from the counterparty with edits; a Word file to import. */
async function libraryWithReturnedDraft(dataDir: string): Promise<void> {
  const library = new Library(dataDir);
  try {
    const contract = library.createContract({ title: '技术服务协议' }, { parties: [{ role: '甲方', name: '北京墨石科技有限公司' }] });
    const drafts = new Drafts(library);
    const { draftId } = drafts.create(contract.id, 'zh-CN', serviceAgreement());
    drafts.saveVersion(draftId, '发给对方 v1');
    const layout = layoutOfDraft(drafts.plain(contract.id));
    const edited = JSON.parse(JSON.stringify(layout).replace('十五个工作日', '十个工作日').replace('北京', '上海')) as typeof layout;
    await importDraftDocx({ library, drafts }, contract.id, { name: '对方修改稿.docx', bytes: await exportDocx(edited) }, 'zh-CN');
    // A Word file of ours (its header and footer are what an import cannot keep), for the import in the UI.
    writeFileSync(path.join(dataDir, 'returned.docx'), await exportDocx(layout));
  } finally {
    library.close();
  }
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`draft files (${lang})`, { timeout: 300_000 }, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-draft-files-'));
    const docx = path.join(dataDir, 'returned.docx');
    before(() => libraryWithReturnedDraft(dataDir)); // runs before the app starts on the folder
    const ui = useInkstone({ lang, dataDir });

    test('export PDF → version 1; redline of the returned version with a change rejected; DOCX import', async () => {
      const { page } = ui;
      page.setDefaultTimeout(90_000); // typesetting and Word import run in the core while other tests share the machine
      await page.locator('[role="option"][data-contract-id]').first().click();
      await page.getByRole('tab', { name: s.tab }).click();
      await page
        .locator('.draft-document')
        .waitFor()
        .catch(async (err: unknown) => {
          await ui.app.screenshot(`draft-files-open-failed-${lang}`);
          throw new Error(`${String(err)}; page errors: ${ui.app.pageErrors.join(' | ')}`);
        });

      await page.getByRole('button', { name: s.exportPdf }).click();
      await page.locator('.draft-files-notice').filter({ hasText: s.pdfDone }).waitFor({ timeout: 120_000 });

      await page.locator('.draft-files').getByLabel(s.from, { exact: true }).selectOption({ index: 1 }); // v2: 发给对方 v1
      await page.getByRole('button', { name: s.compare, exact: true }).click();
      const redline = page.locator('.redline-panel');
      await redline.waitFor();
      assert.ok((await redline.locator('ins').count()) >= 1);
      assert.ok((await redline.locator('del').count()) >= 1);
      await redline.getByRole('button', { name: s.reject, exact: true }).first().click();
      await redline.locator('.redline-bar p').filter({ hasText: s.summary }).waitFor();
      await ui.app.screenshot(`draft-files-redline-${lang}`);
      await page.setViewportSize({ width: 1024, height: 700 });
      await ui.app.screenshot(`draft-files-redline-${lang}-1024`);
      await redline
        .getByRole('button')
        .filter({ hasText: lang === 'en' ? 'Close redline' : '关闭修订对照' })
        .click();

      await page.locator('.draft-files input[type="file"]').setInputFiles(docx);
      await page.locator('.draft-files-notice').filter({ hasText: s.importDone }).waitFor({ timeout: 120_000 });
      assert.match((await page.locator('.draft-files-notice').textContent()) ?? '', new RegExp(s.lost.replace(/[()]/g, '\\$&')));
      await ui.app.screenshot(`draft-files-import-${lang}-1024`);
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
