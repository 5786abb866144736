// The clause library in Chromium, in both languages: save an article of one draft as a clause, find
// it from another contract's draft by a word of its text, fill its variable and insert it at the
// cursor (numbered in place), see where it is used; edit it in the library (a new revision) and the
// draft that holds it keeps its copy.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { blankDraft, type DraftNodeJSON } from '../../src-shared/drafting/index.js';
import { useInkstone, type UiLanguage } from './support/harness.js';

const t = (text: string, marks?: DraftNodeJSON['marks']): DraftNodeJSON => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const article = (heading: string, ...paragraphs: DraftNodeJSON[][]): DraftNodeJSON => ({
  type: 'article',
  attrs: { id: `a-${heading}` },
  content: [{ type: 'article_heading', content: [t(heading)] }, ...paragraphs.map((content) => ({ type: 'paragraph', content }))],
});

const CASES = {
  'zh-CN': {
    source: '保密协议',
    target: '技术服务合同',
    articles: [
      article('服务内容', [t('乙方按附件一提供技术服务。')]),
      article('保密义务', [t('接收方应对保密信息严格保密，保密期限为'), t('三年', [{ type: 'variable', attrs: { key: 'term', filled: '三年' } }]), t('。')]),
    ],
    cursorIn: '接收方应对',
    insertAfter: '乙方按附件一',
    clauseTitle: '保密条款（备选）',
    search: '严格保密',
    value: '五年',
    expected: '保密期限为五年。',
    numbered: ['第一条', '第二条'],
    ui: {
      tab: '起草',
      save: '存为条款',
      title: '标题',
      tags: '标签（用逗号分隔）',
      fallback: '备选条款',
      submit: '保存',
      insert: '插入到光标处',
      edit: '修改',
      text: /^正文/,
      nav: '条款库',
    },
    edited: '接收方应对保密信息严格保密，期限为{{term}}，违约方赔偿全部损失。',
  },
  en: {
    source: 'Mutual NDA',
    target: 'Services Agreement',
    articles: [
      article('Services', [t('The Supplier shall provide the services in Schedule 1.')]),
      article('Confidentiality', [
        t('The Recipient shall keep the Confidential Information secret for '),
        t('three years', [{ type: 'variable', attrs: { key: 'term', filled: 'three years' } }]),
        t('.'),
      ]),
    ],
    cursorIn: 'The Recipient shall',
    insertAfter: 'The Supplier shall',
    clauseTitle: 'Confidentiality (fallback)',
    search: 'confidential secr',
    value: 'five years',
    expected: 'secret for five years.',
    numbered: ['1.', '2.'],
    ui: {
      tab: 'Draft',
      save: 'Save as clause',
      title: 'Title',
      tags: 'Tags (separated by commas)',
      fallback: 'Fallback',
      submit: 'Save',
      insert: 'Insert at cursor',
      edit: 'Edit',
      text: /^Text/,
      nav: 'Clauses',
    },
    edited: 'The Recipient shall keep it secret for {{term}} and pay all losses on breach.',
  },
} as const;

/** Two contracts with drafts: the source holds the article to save, the target receives it. */
function twoDrafts(dataDir: string, lang: UiLanguage): void {
  const c = CASES[lang];
  const library = new Library(dataDir);
  try {
    const drafts = new Drafts(library);
    const source = library.createContract({ title: c.source });
    const doc = blankDraft({ title: c.source, parties: [] });
    doc.content!.find((n) => n.type === 'body')!.content = [...c.articles];
    drafts.create(source.id, lang, doc);
    const target = library.createContract({ title: c.target });
    const other = blankDraft({ title: c.target, parties: [] });
    other.content!.find((n) => n.type === 'body')!.content = [c.articles[0]];
    drafts.create(target.id, lang, other);
  } finally {
    library.close();
  }
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const c = CASES[lang];
  describe(`clause library (${lang})`, { timeout: 300_000 }, () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-clauses-'));
    before(() => twoDrafts(dataDir, lang));
    const ui = useInkstone({ lang, dataDir });

    test('save an article as a clause → search → insert into another draft with its variable → edit the clause', async () => {
      const { page } = ui;
      page.setDefaultTimeout(60_000);
      const openDraft = async (title: string) => {
        await page.locator('[role="option"][data-contract-id]').filter({ hasText: title }).first().click();
        await page.getByRole('tab', { name: c.ui.tab }).click();
        await page.locator('.draft-document').waitFor();
      };
      const panel = page.locator('.clause-panel');

      await openDraft(c.source);
      await panel.locator('.clause-empty').waitFor();
      await page.locator('.draft-document p').filter({ hasText: c.cursorIn }).click();
      await panel.getByRole('button', { name: c.ui.save }).click();
      const form = panel.locator('form.clause-form');
      await form.getByLabel(c.ui.title, { exact: true }).fill(c.clauseTitle);
      await form.getByLabel(c.ui.tags).fill(lang === 'en' ? 'NDA, confidentiality' : '保密，NDA');
      await form.getByRole('radio', { name: c.ui.fallback }).check();
      assert.match((await form.locator('.clause-preview').textContent()) ?? '', /〔term〕/, 'the contract’s value is not saved');
      await ui.app.screenshot(`clauses-save-${lang}`);
      await form.getByRole('button', { name: c.ui.submit, exact: true }).click();
      await panel.locator('.clause-detail').waitFor();
      await panel.locator('.clause-result').filter({ hasText: c.clauseTitle }).waitFor();

      await page.locator('.back-link').click();
      await openDraft(c.target);
      await page.locator('.draft-document p').filter({ hasText: c.insertAfter }).click();
      await panel.getByLabel(lang === 'en' ? 'Search clauses' : '搜索条款').fill(c.search);
      const result = panel.locator('.clause-result').filter({ hasText: c.clauseTitle });
      await result.waitFor();
      assert.equal(await panel.locator('.clause-result').count(), 1);
      // Keyboard: from the search box down to the result, Enter opens it.
      await panel.getByLabel(lang === 'en' ? 'Search clauses' : '搜索条款').press('ArrowDown');
      await page.keyboard.press('Enter');
      const detail = panel.locator('.clause-detail');
      await detail.getByLabel('term').fill(c.value);
      await ui.app.screenshot(`clauses-insert-${lang}`);
      await detail.getByRole('button', { name: c.ui.insert }).click();
      await page.locator('.draft-document').filter({ hasText: c.expected }).waitFor();
      const headings = await page.locator('.draft-document h2[data-number]').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
      assert.deepEqual(headings.slice(0, 2), [...c.numbered]);
      await detail.locator('.clause-uses li').filter({ hasText: c.target }).waitFor();

      // Edit the clause: a new revision; the draft keeps the text it received.
      await detail.getByRole('button', { name: c.ui.edit }).click();
      await form.getByLabel(c.ui.text).fill(c.edited);
      await form.getByRole('button', { name: c.ui.submit, exact: true }).click();
      await panel
        .locator('.clause-detail .clause-preview')
        .filter({ hasText: lang === 'en' ? 'losses' : '违约方' })
        .waitFor();
      assert.match((await page.locator('.draft-document').textContent()) ?? '', new RegExp(c.expected.replace(/[.()]/g, '\\$&')));
      await ui.app.screenshot(`clauses-revised-${lang}`);

      // The Clause library screen: the clause, its revision and where it is used, which opens the contract.
      await page.getByRole('navigation').getByRole('button', { name: c.ui.nav }).click();
      const screen = page.locator('.clauses-screen');
      await screen.locator('.clause-result').filter({ hasText: c.clauseTitle }).click();
      await screen.getByRole('button', { name: c.ui.insert }).waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 1024, height: 700 });
      await ui.app.screenshot(`clauses-screen-${lang}-1024`);
      await screen.locator('.clause-uses').getByRole('button', { name: c.target }).click();
      await page.getByRole('heading', { name: c.target }).waitFor();
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
