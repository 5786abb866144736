import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type UiLanguage, useInkstone } from './support/harness.js';
import { CHINESE_CONTRACT, ENGLISH_CONTRACT, chineseContractPdf, englishContractPdf } from './support/pdf-fixtures.js';

/**
 * The main flow through the real UI, once per language: empty library → import (two PDFs, a non-PDF
 * and an empty file) → search in Chinese and English → open with the keyboard → edit metadata (a
 * validation error, then a valid save) → status → add a party → read the PDF → audit trail →
 * reminders → switch language. A screenshot of every step goes to results/screenshots/<lang>-<step>.png.
 *
 * The expected texts are written out here on purpose (not imported from the UI's tables), so a
 * wrong translation fails the test too.
 */
const TEXT = {
  'zh-CN': {
    emptyTitle: '合同库还是空的',
    importButton: '导入 PDF…',
    importSummary: '已导入 2 个 · 已在库中 0 个 · 未导入 2 个',
    notPdf: '“notes.txt”不是 PDF 文件。',
    emptyFile: '“empty.pdf”是空文件。',
    dropTitle: '松开鼠标即可导入 PDF',
    duplicate: '已在合同库中',
    searchLabel: '搜索合同',
    countTwo: '共 2 份合同',
    countOne: '共 1 份合同',
    openTitle: CHINESE_CONTRACT.title,
    openTerm: '保密',
    amount: '金额',
    expiry: '到期日期',
    tags: '标签',
    owner: '负责人',
    save: '保存修改',
    amountError: '请输入金额，例如 12500 或 12500.50。',
    fixErrors: '请修改标出的字段。',
    saved: '修改已保存。',
    ownerName: '王律师',
    changeStatus: '变更状态',
    inReview: '审核中',
    partiesTab: '当事人',
    addParty: '添加当事人',
    partyName: '名称',
    partyOrg: '单位',
    partyReg: '统一社会信用代码 / 注册号',
    saveParty: '保存当事人',
    usccError: '这看起来是统一社会信用代码，但校验码不正确。',
    partyRole: '甲方',
    partyValue: '北京云杉科技有限公司',
    documentsTab: '文档',
    nextPage: '下一页',
    auditTab: '审计记录',
    chainIntact: '记录链完整',
    auditActions: ['创建合同', '添加文档', '修改基本信息', '变更状态', '添加当事人'],
    back: '返回合同库',
    remindersExpires: '到期',
    settingsNav: '设置',
    switchTo: 'English',
    afterSwitch: { nav: 'Library', heading: 'Settings' },
    money: '¥1,250,000.00',
  },
  en: {
    emptyTitle: 'Your contract library is empty',
    importButton: 'Import PDFs…',
    importSummary: '2 imported · 0 already in library · 2 not imported',
    notPdf: '“notes.txt” is not a PDF file.',
    emptyFile: '“empty.pdf” is empty.',
    dropTitle: 'Drop PDF files to import',
    duplicate: 'Already in library',
    searchLabel: 'Search contracts',
    countTwo: '2 contracts',
    countOne: '1 contract',
    openTitle: ENGLISH_CONTRACT.title,
    openTerm: 'indemnification',
    amount: 'Amount',
    expiry: 'Expiry date',
    tags: 'Tags',
    owner: 'Responsible person',
    save: 'Save changes',
    amountError: 'Enter an amount such as 12500 or 12500.50.',
    fixErrors: 'Please correct the highlighted fields.',
    saved: 'Changes saved.',
    ownerName: 'J. Whitfield',
    changeStatus: 'Change status',
    inReview: 'In review',
    partiesTab: 'Parties',
    addParty: 'Add party',
    partyName: 'Name',
    partyOrg: 'Organisation',
    partyReg: 'Unified social credit code / registration no.',
    saveParty: 'Save party',
    usccError: 'This looks like a unified social credit code, but its check character is wrong.',
    partyRole: 'Party A',
    partyValue: 'Northwind Trading Ltd.',
    documentsTab: 'Documents',
    nextPage: 'Next page',
    auditTab: 'Audit trail',
    chainIntact: 'Chain intact',
    auditActions: ['Contract created', 'Document added', 'Details changed', 'Status changed', 'Party added'],
    back: 'Back to library',
    remindersExpires: 'Expires',
    settingsNav: 'Settings',
    switchTo: '中文（简体）',
    afterSwitch: { nav: '合同库', heading: '设置' },
    money: '¥1,250,000.00',
  },
} as const;

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function visibleRows(page: Page): Promise<string[]> {
  return page.locator('[role="option"][data-contract-id] .contract-title').allInnerTexts();
}

/** True once the viewer's canvas holds a drawn page (enough dark pixels for text). */
async function waitForRenderedPage(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.pdf-canvas');
    if (!canvas || canvas.width < 100) return false;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) return false;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4 * 7) if (data[i] < 128 && data[i + 3] > 0) dark++;
    return dark > 150;
  });
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`library flow (${lang})`, { timeout: 180_000 }, () => {
    const ui = useInkstone({ lang });
    const shot = (step: string) => ui.app.screenshot(`${lang}-${step}`);
    /** A test step that leaves a screenshot behind when it fails, to see what the page showed. */
    const step = (name: string, body: () => Promise<void>) =>
      test(name, async () => {
        try {
          await body();
        } catch (err) {
          await ui.app.screenshot(`${lang}-failed-${name.slice(0, 40).replace(/[^\w]+/g, '-')}`).catch(() => undefined);
          throw err;
        }
      });

    step('opens on the empty library, in the system language, with the token out of the address bar', async () => {
      await ui.page.getByRole('heading', { name: s.emptyTitle }).waitFor();
      assert.equal(await ui.page.evaluate(() => document.documentElement.lang), lang);
      assert.ok(!ui.page.url().includes('token='), `token still in ${ui.page.url()}`);
      await shot('01-empty');
    });

    step('imports two PDFs and reports the typed errors of a non-PDF and an empty file', async () => {
      // Remember the furthest the progress bar got: the core's progress events reach it over the WebSocket.
      await ui.page.evaluate(() => {
        const w = window as unknown as { maxProgress: number };
        w.maxProgress = 0;
        new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"]');
          w.maxProgress = Math.max(w.maxProgress, Number(bar?.getAttribute('aria-valuenow') ?? 0));
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
      });
      const chooser = ui.page.waitForEvent('filechooser');
      await ui.page.getByRole('button', { name: s.importButton }).first().click();
      await (
        await chooser
      ).setFiles([
        { name: CHINESE_CONTRACT.file, mimeType: 'application/pdf', buffer: await chineseContractPdf() },
        { name: ENGLISH_CONTRACT.file, mimeType: 'application/pdf', buffer: await englishContractPdf() },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting notes, not a contract') },
        { name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
      ]);
      // The first import starts the core's PDF inspector thread (from the TypeScript sources here, so
      // it compiles them first: seconds on a shared machine).
      await ui.page.getByText(s.importSummary).waitFor({ timeout: 90_000 });
      await ui.page.getByText(s.notPdf).waitFor();
      await ui.page.getByText(s.emptyFile).waitFor();
      // Failures come first, so they are seen without scrolling the results.
      const classes = await ui.page.locator('.import-outcomes .outcome').evaluateAll((els) => els.map((e) => e.className));
      assert.deepEqual(
        classes.map((c) => c.includes('outcome-failed')),
        [true, true, false, false],
      );
      assert.equal(
        await ui.page
          .locator('.screen-header')
          .getByText(/\d+\s*ms/)
          .count(),
        0,
        'no query time in the header',
      );
      await ui.page.getByText(s.countTwo, { exact: true }).waitFor();
      assert.deepEqual((await visibleRows(ui.page)).sort(), [CHINESE_CONTRACT.title, ENGLISH_CONTRACT.title].sort());
      assert.ok((await ui.page.evaluate(() => (window as unknown as { maxProgress: number }).maxProgress)) > 0, 'the progress bar never moved');
      await shot('02-imported');
    });

    step('a PDF dropped onto the window that is already in the library is reported as such', async () => {
      const bytes = (await englishContractPdf()).toString('base64');
      const transfer = await ui.page.evaluateHandle(
        ({ b64, name }) => {
          const bin = atob(b64);
          const arr = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
          const dt = new DataTransfer();
          dt.items.add(new File([arr], name, { type: 'application/pdf' }));
          return dt;
        },
        { b64: bytes, name: ENGLISH_CONTRACT.file },
      );
      await ui.page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
      await ui.page.getByText(s.dropTitle).waitFor();
      await shot('03-drop-overlay');
      await ui.page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
      await ui.page.getByText(s.duplicate, { exact: true }).waitFor();
      await ui.page.getByText(s.countTwo, { exact: true }).waitFor();
    });

    step('search finds the Chinese contract by a Chinese term and the English one by an English term', async () => {
      const search = ui.page.getByRole('searchbox', { name: s.searchLabel });
      await search.fill('保密');
      await ui.page.getByText(s.countOne, { exact: true }).waitFor();
      assert.deepEqual(await visibleRows(ui.page), [CHINESE_CONTRACT.title]);
      // The row says why it matched: the text around 保密, in the document's own characters.
      const snippet = ui.page.locator('[role="option"][data-contract-id] .contract-snippet');
      await snippet.waitFor();
      assert.match(await snippet.innerText(), /第三条 保密条款/);
      const marks = await snippet.locator('mark').allInnerTexts();
      assert.ok(marks.length > 0 && marks.every((m) => m === '保密'), marks.join('|'));
      await shot('04-search-chinese');
      await search.fill('indemnification');
      await ui.page.waitForFunction(
        (title) => [...document.querySelectorAll('[role="option"] .contract-title')].map((e) => e.textContent).join('|') === title,
        ENGLISH_CONTRACT.title,
      );
      assert.deepEqual(await visibleRows(ui.page), [ENGLISH_CONTRACT.title]);
      assert.deepEqual(await ui.page.locator('[role="option"][data-contract-id] .contract-snippet mark').allInnerTexts(), ['Indemnification']);
      await shot('05-search-english');
    });

    step('"/" focuses the search, arrow keys select and Enter opens', async () => {
      await ui.page.locator('body').click({ position: { x: 700, y: 20 } });
      await ui.page.keyboard.press('/');
      const search = ui.page.getByRole('searchbox', { name: s.searchLabel });
      assert.ok(await search.evaluate((el) => el === document.activeElement));
      await search.fill(s.openTerm);
      await ui.page.getByText(s.countOne, { exact: true }).waitFor();
      await ui.page.waitForFunction((title) => document.querySelector('[role="option"] .contract-title')?.textContent === title, s.openTitle);
      await ui.page.keyboard.press('ArrowDown');
      await ui.page.locator('[role="option"][aria-selected="true"]').waitFor();
      await ui.page.keyboard.press('Enter');
      await ui.page.getByRole('heading', { level: 1, name: s.openTitle }).waitFor();
      await shot('06-contract-open');
    });

    step('metadata: an invalid amount is explained beside the field, then a valid save goes through', async () => {
      await ui.page.getByLabel(s.amount, { exact: true }).fill('12.5.0');
      await ui.page.getByRole('button', { name: s.save }).click();
      await ui.page.getByText(s.amountError).waitFor();
      await ui.page.getByText(s.fixErrors).waitFor();
      assert.equal(await ui.page.getByLabel(s.amount, { exact: true }).getAttribute('aria-invalid'), 'true');
      await shot('07-validation-error');

      await ui.page.getByLabel(s.amount, { exact: true }).fill('1,250,000.00');
      // Dates as people write them: 2026年12月1日 in Chinese, 2026/12/01 in English.
      const [y, m, d] = isoDaysFromToday(10).split('-');
      await ui.page.getByLabel(s.expiry, { exact: true }).fill(lang === 'zh-CN' ? `${y}年${Number(m)}月${Number(d)}日` : `${y}/${m}/${d}`);
      await ui.page.getByLabel(s.owner, { exact: true }).fill(s.ownerName);
      const tags = ui.page.getByLabel(s.tags, { exact: true });
      await tags.fill('IT');
      await tags.press('Enter');
      await ui.page.getByRole('button', { name: s.save }).click();
      await ui.page.getByText(s.saved).waitFor();
      assert.equal(await ui.page.getByText(s.amountError).count(), 0);
      await shot('08-saved');
    });

    step('status offers only allowed transitions', async () => {
      const select = ui.page.getByRole('combobox', { name: s.changeStatus });
      const offered = await select.locator('option').evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      const before = await ui.page.locator('.contract-header .status-badge').innerText();
      assert.ok(offered.length > 0 && offered.length < 6, `offered ${offered.join(',')} from ${before}`);
      await select.selectOption('in_review');
      await ui.page.locator('.contract-header .status-badge', { hasText: s.inReview }).waitFor();
    });

    step('adds a party; a wrong unified social credit code is caught first', async () => {
      await ui.page.getByRole('tab', { name: s.partiesTab }).click();
      await ui.page.getByRole('button', { name: s.addParty }).click();
      await ui.page.getByLabel(s.partyName, { exact: true }).fill(s.partyValue);
      await ui.page.getByLabel(s.partyOrg, { exact: true }).fill(s.partyValue);
      await ui.page.getByLabel(s.partyReg, { exact: true }).fill('91350100M000100Y44');
      await ui.page.getByRole('button', { name: s.saveParty }).click();
      await ui.page.getByText(s.usccError).waitFor();
      await shot('09-party-error');
      await ui.page.getByLabel(s.partyReg, { exact: true }).fill('91350100M000100Y43');
      await ui.page.getByRole('button', { name: s.saveParty }).click();
      const card = ui.page.locator('.party', { hasText: '91350100M000100Y43' });
      await card.waitFor();
      assert.equal(await card.locator('.party-role').innerText(), s.partyRole);
      await shot('10-party-added');
    });

    step('the PDF is drawn by pdf.js with page navigation', async () => {
      await ui.page.getByRole('tab', { name: s.documentsTab }).click();
      await waitForRenderedPage(ui.page);
      await shot('11-pdf-viewer');
      if (lang === 'zh-CN') {
        await ui.page.getByRole('button', { name: s.nextPage }).click();
        await ui.page.locator('.pdf-page input').and(ui.page.locator('[value="2"]')).waitFor();
        await waitForRenderedPage(ui.page);
      }
    });

    step('the audit trail lists every change and the chain is intact', async () => {
      await ui.page.getByRole('tab', { name: s.auditTab }).click();
      await ui.page.getByText(s.chainIntact, { exact: true }).waitFor();
      const actions = await ui.page.locator('.timeline-head strong').allInnerTexts();
      for (const a of s.auditActions) assert.ok(actions.includes(a), `missing "${a}" in ${actions.join(', ')}`);
      await shot('12-audit');
    });

    step('back in the library, the reminder for the coming expiry is shown and the row is updated', async () => {
      await ui.page.getByRole('button', { name: s.back }).click();
      await ui.page.getByRole('searchbox', { name: s.searchLabel }).fill('');
      await ui.page.getByText(s.countTwo, { exact: true }).waitFor();
      const reminder = ui.page.locator('.reminder', { hasText: s.openTitle });
      await reminder.waitFor();
      assert.ok((await reminder.innerText()).includes(s.remindersExpires));
      await ui.page.locator('[role="option"]', { hasText: s.money }).waitFor();
      await shot('13-library-reminders');
    });

    step('switching the language in Settings applies at once', async () => {
      await ui.page.getByRole('button', { name: s.settingsNav }).click();
      await shot('14-settings');
      await ui.page.getByText(s.switchTo, { exact: true }).click();
      await ui.page.getByRole('heading', { level: 1, name: s.afterSwitch.heading }).waitFor();
      await ui.page.getByRole('button', { name: s.afterSwitch.nav }).waitFor();
      assert.equal(await ui.page.evaluate(() => document.documentElement.lang), lang === 'zh-CN' ? 'en' : 'zh-CN');
      await shot('15-language-switched');
      await ui.page.getByRole('button', { name: s.afterSwitch.nav }).click();
      await shot('16-library-switched');
    });

    test('no script errors or CSP violations along the way', () => {
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
