// The contract editor in Chromium, in both languages: articles numbered live, a cross-reference that
// follows its article when it moves, Chinese typed through an IME composition, defined terms
// flagged, find and replace, undo/redo, a named version, and the draft back after a reload.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { useInkstone, type UiLanguage } from './support/harness.js';

const TEXT = {
  'zh-CN': {
    tab: '起草',
    article: '条',
    reference: '交叉引用',
    insert: '插入',
    define: '定义术语',
    moveUp: '上移（Alt+Shift+↑）',
    version: '版本名称',
    saveVersion: '保存版本',
    replaceAll: '全部替换',
    table: '表格',
    pageBreak: '分页（Ctrl+Enter）',
    recital: '鉴于条款',
    unused: '未使用',
    saved: '已全部保存',
    numbers: ['第一条', '第二条', '第三条'],
    headings: ['定义', '保密义务', '违约责任'],
  },
  en: {
    tab: 'Draft',
    article: 'Article',
    reference: 'Cross-reference',
    insert: 'Insert',
    define: 'Define term',
    moveUp: 'Move up (Alt+Shift+↑)',
    version: 'Version name',
    saveVersion: 'Save version',
    replaceAll: 'Replace all',
    table: 'Table',
    pageBreak: 'Page break (Ctrl+Enter)',
    recital: 'Recital',
    unused: 'never used',
    saved: 'All changes saved',
    numbers: ['1.', '2.', '3.'],
    headings: ['Definitions', 'Confidentiality', 'Breach'],
  },
} as const;
const REFERENCE = { 'zh-CN': ['第三条', '第一条'], en: ['clause 3', 'clause 1'] } as const;

/** A library with one contract, two parties and a fresh draft in `lang`. */
function libraryWithDraft(lang: UiLanguage): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-draft-'));
  const library = new Library(dataDir);
  try {
    const contract = library.createContract(
      { title: lang === 'en' ? 'Services Agreement' : '技术服务合同' },
      {
        parties: [
          { role: '甲方', name: '北京星河数据科技有限公司', registrationNumber: '91110108MA01C5RJ3P' },
          { role: '乙方', name: '上海明德律师事务所' },
        ],
      },
    );
    new Drafts(library).create(contract.id, lang);
  } finally {
    library.close();
  }
  return dataDir;
}

/** The data-number each article heading shows, in order. */
const articleNumbers = (page: Page) => page.locator('.draft-article-heading').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
const referenceTexts = (page: Page) => page.locator('.draft-xref').evaluateAll((els) => els.map((e) => e.getAttribute('data-reference')));

/** Waits until `read` gives `want` (or 5 s pass), so a failing assertion after it shows what was there. */
async function settled(read: () => Promise<unknown>, want: unknown) {
  for (let i = 0; i < 50 && (await read()) !== want; i++) await new Promise((r) => setTimeout(r, 100));
}

async function openDraft(page: Page, tab: string) {
  await page.locator('[role="option"][data-contract-id]').first().click();
  await page.getByRole('tab', { name: tab }).click();
  await page.locator('.draft-document').waitFor();
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`drafting editor (${lang})`, { timeout: 240_000 }, () => {
    const ui = useInkstone({ lang, dataDir: libraryWithDraft(lang) });

    test('write, reference, move, IME, terms, find and replace, undo, version, reload', async () => {
      const { page } = ui;
      await openDraft(page, s.tab);
      const editor = page.locator('.draft-document');
      // Parties and signature blocks came from the contract.
      assert.match((await page.locator('.draft-signature').first().textContent()) ?? '', /甲方（盖章）|甲方 \(seal\)/);
      assert.equal(await page.locator('.draft-signature').count(), 2);

      // Three articles, headings typed; numbers appear as they are made.
      await page.locator('.draft-article-heading').first().click();
      await page.keyboard.type(s.headings[0]);
      for (const heading of s.headings.slice(1)) {
        await page.getByRole('button', { name: s.article, exact: true }).click();
        await page.keyboard.type(heading);
      }
      assert.deepEqual(await articleNumbers(page), s.numbers);
      // A table and a page break in the third article, a second recital.
      await page.getByRole('button', { name: s.table, exact: true }).click();
      await page.keyboard.type('甲');
      await page.keyboard.press('Tab');
      await page.keyboard.type('乙');
      assert.deepEqual(await page.locator('.draft-article').nth(2).locator('th').allTextContents(), ['甲', '乙', '']);
      await page.getByRole('button', { name: s.pageBreak }).click();
      assert.equal(await page.locator('.draft-article').nth(2).locator('.draft-page-break').count(), 1);
      await page.locator('.draft-recital').first().click();
      await page.getByRole('button', { name: s.recital }).click();
      assert.deepEqual(
        await page.locator('.draft-recital').evaluateAll((els) => els.map((e) => e.getAttribute('data-number'))),
        lang === 'en' ? ['(A)', '(B)'] : ['1.', '2.'],
      );

      // In the first article's paragraph: a cross-reference to the third.
      await page.locator('.draft-article').first().locator('p').first().click();
      await page.keyboard.type(lang === 'en' ? 'See ' : '见');
      await page.getByRole('button', { name: s.reference }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('listbox').selectOption({ label: `${s.numbers[2]} ${s.headings[2]}` });
      await dialog.getByRole('button', { name: s.insert }).click();
      assert.deepEqual(await referenceTexts(page), [REFERENCE[lang][0]]);

      // A Chinese IME composition (pinyin shown while composing) lands as the chosen characters.
      await page.keyboard.type(lang === 'en' ? '. ' : '。');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'b', selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.imeSetComposition', { text: 'bao', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.imeSetComposition', { text: 'baomi', selectionStart: 5, selectionEnd: 5 });
      await cdp.send('Input.insertText', { text: '保密信息' });
      await cdp.detach();
      const firstParagraph = page.locator('.draft-article').first().locator('p').first();
      const expected = lang === 'en' ? 'See . 保密信息' : '见。保密信息';
      await settled(() => firstParagraph.textContent(), expected);
      await ui.app.screenshot(`drafting-ime-${lang}`);
      assert.equal(await firstParagraph.textContent(), expected, 'no pinyin left behind');

      // Define 保密信息: select it and mark it; unused until written again elsewhere.
      await firstParagraph.evaluate((p) => {
        const text = p.lastChild!;
        const range = document.createRange();
        range.setStart(text, text.textContent!.indexOf('保密信息'));
        range.setEnd(text, text.textContent!.length);
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
      });
      await page.getByRole('button', { name: s.define }).click();
      const term = page.locator('.draft-terms li[data-term="保密信息"]');
      await term.filter({ hasText: s.unused }).waitFor();
      await page.locator('.draft-article').nth(1).locator('p').first().click();
      await page.keyboard.type('保密信息');
      await term.filter({ hasNotText: s.unused }).waitFor();
      assert.equal(await page.locator('.draft-term-used').count(), 1);

      // Move the third article to the top: it becomes the first, and the reference follows it.
      // (A pause first: undo groups changes made within half a second of each other.)
      await page.waitForTimeout(700);
      await page.locator('.draft-article-heading').nth(2).click();
      await page.getByRole('button', { name: s.moveUp }).click();
      await page.keyboard.press('Alt+Shift+ArrowUp');
      assert.deepEqual(await articleNumbers(page), s.numbers);
      assert.equal(await page.locator('.draft-article-heading').first().textContent(), s.headings[2]);
      assert.deepEqual(await referenceTexts(page), [REFERENCE[lang][1]]);
      await ui.app.screenshot(`drafting-editor-${lang}`);

      // Undo takes the moves back (and redo repeats them).
      await page.waitForTimeout(700);
      await page.keyboard.press('Control+z');
      assert.notEqual(await page.locator('.draft-article-heading').first().textContent(), s.headings[2]);
      assert.notDeepEqual(await referenceTexts(page), [REFERENCE[lang][1]]);
      await page.keyboard.press('Control+y');
      assert.equal(await page.locator('.draft-article-heading').first().textContent(), s.headings[2]);

      // Find and replace (Ctrl+H).
      await page.keyboard.press('Control+h');
      await page.locator('[data-find="search"]').fill('保密信息');
      await page.locator('[data-find="replace"]').fill('机密信息');
      await page.getByRole('button', { name: s.replaceAll }).click();
      await settled(async () => (await editor.textContent())!.split('机密信息').length - 1, 2);
      assert.equal((await editor.textContent())!.split('机密信息').length - 1, 2);
      assert.ok(!(await editor.textContent())!.includes('保密信息'));
      await page.keyboard.press('Escape');

      // axe over the editor with its panels.
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(serious, []);

      // A named version, then everything is back after a reload, the cursor in the article it was in.
      await page.getByLabel(s.version).fill('发给对方 v2');
      await page.getByRole('button', { name: s.saveVersion }).click();
      await page.locator('.draft-version-list li[data-kind="named"]').filter({ hasText: '发给对方 v2' }).waitFor();
      await page.locator('.draft-article').nth(1).locator('p').first().click();
      await page.keyboard.press('End');
      await page.keyboard.type('X');
      await page.waitForTimeout(600);
      await page.locator('.draft-save-status').filter({ hasText: s.saved }).waitFor();
      const cursorArticle = await page.locator('.draft-article').nth(1).getAttribute('data-id');
      await page.reload();
      await openDraft(page, s.tab);
      assert.deepEqual(await articleNumbers(page), s.numbers);
      assert.deepEqual(await referenceTexts(page), [REFERENCE[lang][1]]);
      assert.match((await page.locator('.draft-article').nth(1).textContent()) ?? '', /机密信息X/);
      const restored = await page.evaluate(() => (getSelection()?.anchorNode?.parentElement?.closest('.draft-article') as HTMLElement | null)?.dataset.id);
      assert.equal(restored, cursorArticle);

      await page.setViewportSize({ width: 1024, height: 700 });
      await ui.app.screenshot(`drafting-editor-${lang}-1024`);
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
