// New from a template in Chromium, in both languages: the NDA picked from the gallery, its fill
// form (a bad amount refused beside its field, then fixed, the 大写 read live), the preview, the
// contract created; the editor shows the filled text; a value changed in the variables panel
// follows into the text, and a passage edited by hand asks first. Screenshots also at 1024×700.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { useInkstone, type UiLanguage } from './support/harness.js';

const TEXT = {
  'zh-CN': {
    newContract: '新建合同',
    fromTemplate: '从模板新建…',
    create: '创建合同',
    tab: '起草',
    apply: '应用',
    keep: '保留我的文字',
    moneyProblem: /最多两位小数/,
    values: { discloser: '北京星河数据科技有限公司', recipient: '上海明德咨询有限公司', purpose: '数据平台合作', effectiveDate: '2026-12-07' },
    date: '2026年12月7日',
    capital: '人民币壹万贰仟叁佰肆拾伍元陆角整',
    newCapital: '人民币贰万元整',
    newPurpose: '联合研发',
  },
  en: {
    newContract: 'New contract',
    fromTemplate: 'Start from a template…',
    create: 'Create contract',
    tab: 'Draft',
    apply: 'Apply',
    keep: 'Keep mine',
    moneyProblem: /at most two decimals/,
    values: { discloser: 'Northwind Data Ltd', recipient: 'Contoso Consulting LLC', purpose: 'a data platform partnership', effectiveDate: '2026-12-07' },
    date: '7 December 2026',
    capital: '人民币壹万贰仟叁佰肆拾伍元陆角整',
    newCapital: '人民币贰万元整',
    newPurpose: 'joint research',
  },
} as const;

/** Waits until `read` gives a text matching `want` (or 5 s pass); returns what was there last. */
async function until(read: () => Promise<string>, want: RegExp | string): Promise<string> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    last = await read();
    if (typeof want === 'string' ? last.includes(want) : want.test(last)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}
const text = (l: Locator) => () => l.innerText();

/** Serious or critical WCAG 2.1 A/AA violations on the page now. */
async function axeProblems(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function fill(page: Page, key: string, value: string) {
  const input = page.locator(`.template-form input[data-variable="${key}"]`);
  await input.fill(value);
  await input.press('Tab');
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`new contract from a template (${lang})`, { timeout: 240_000 }, () => {
    const ui = useInkstone({ lang });

    test('NDA: fill (an error shown, then fixed), preview, create, edit, change a variable, a hand edit asks', async () => {
      const { page } = ui;
      await page.getByRole('button', { name: s.newContract }).first().click();
      await page.getByRole('dialog').getByRole('button', { name: s.fromTemplate }).click();
      // The gallery: four of ours in each language.
      await page.locator('.template-card').first().waitFor();
      assert.equal(await page.locator('.template-card').count(), 8);
      await ui.app.screenshot(`templates-gallery-${lang}`);
      assert.deepEqual(await axeProblems(page), []);
      await page.locator(`[data-template="gallery-nda-${lang}"] .template-card-use`).click();
      await page.locator('.template-form').waitFor();

      for (const [key, value] of Object.entries(s.values)) await fill(page, key, value);
      // A bad amount is refused beside its field, in the person's language.
      await fill(page, 'penalty', '12,34');
      const penaltyField = page.locator('.template-field').filter({ has: page.locator('input[data-variable="penalty"]') });
      assert.match(await penaltyField.locator('.field-error').innerText(), s.moneyProblem);
      assert.equal(await page.locator('input[data-variable="penalty"]').getAttribute('aria-invalid'), 'true');
      // Create is refused while it is wrong, and the focus goes to the field to fix.
      await page.locator('.template-form button[type="submit"]').click();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-variable')), 'penalty');
      await ui.app.screenshot(`templates-fill-error-${lang}`);
      assert.deepEqual(await axeProblems(page), []);
      // Typed values are not dropped silently: leaving asks first (and staying keeps them).
      await page.locator('.template-fill .screen-actions .btn').last().click();
      const leave = page.locator('dialog[open]');
      await leave.waitFor();
      await leave.getByRole('button').first().click();
      await page.locator('.template-form').waitFor();
      assert.equal(await page.locator('input[data-variable="discloser"]').inputValue(), s.values.discloser);

      // Fixed: the 大写 reads live beside it, and the preview shows the filled text.
      await page.locator('input[data-variable="penalty"]').fill('12345.6');
      assert.match(await until(text(penaltyField), s.capital), new RegExp(s.capital));
      await page.locator('input[data-variable="penalty"]').press('Tab');
      assert.equal(await penaltyField.locator('.field-error').count(), 0);
      const preview = page.locator('.template-preview');
      const previewText = await until(text(preview), s.capital);
      for (const wanted of [s.capital, s.date, s.values.discloser, s.values.purpose]) assert.ok(previewText.includes(wanted), `preview lacks ${wanted}`);
      assert.equal(await preview.locator('.template-placeholder').count(), 0, 'nothing left to fill');
      await ui.app.screenshot(`templates-fill-${lang}`);
      await page.setViewportSize({ width: 1024, height: 700 });
      await ui.app.screenshot(`templates-fill-${lang}-1024`);
      await page.setViewportSize({ width: 1360, height: 860 });

      // Create: the contract opens; its draft holds the filled text.
      await page.locator('.template-form button[type="submit"]').click();
      await page.getByRole('tab', { name: s.tab }).click();
      const editor = page.locator('.draft-document');
      await editor.waitFor();
      const filled = await until(text(editor), s.capital);
      for (const wanted of [s.capital, s.date, s.values.recipient]) assert.ok(filled.includes(wanted), `draft lacks ${wanted}`);

      // The variables panel: a new amount follows into the text.
      const panel = page.locator('.draft-variables');
      const penaltyRow = panel.locator('[data-variable-row="penalty"]');
      await penaltyRow.locator('input[data-variable="penalty"]').fill('20000');
      await penaltyRow.getByRole('button', { name: s.apply }).click();
      assert.match(await until(text(editor), s.newCapital), new RegExp(s.newCapital));
      assert.ok(!(await editor.innerText()).includes(s.capital), 'the old amount is gone');

      // A hand edit inside the purpose, then a new purpose: the app asks, and "keep mine" keeps it.
      const purpose = editor.locator('.draft-variable[data-key="purpose"]').first();
      // The caret two characters into the filled text (a wrapped span's middle may be off its text).
      await purpose.evaluate((span) => {
        const range = document.createRange();
        range.setStart(span.firstChild!, 2);
        range.collapse(true);
        (span.closest('.draft-document') as HTMLElement).focus();
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
      });
      await page.keyboard.type('X');
      const handEdited = await purpose.innerText();
      assert.notEqual(handEdited, s.values.purpose);
      assert.match(await until(text(panel.locator('[data-variable-row="purpose"]')), /edited by hand|已手动修改/), /edited by hand|已手动修改/);
      const purposeRow = panel.locator('[data-variable-row="purpose"]');
      await purposeRow.locator('input[data-variable="purpose"]').fill(s.newPurpose);
      await purposeRow.getByRole('button', { name: s.apply }).click();
      const ask = page.locator('dialog.variable-conflict');
      await ask.waitFor();
      assert.deepEqual(await axeProblems(page), []);
      assert.ok((await ask.innerText()).includes(handEdited));
      await ui.app.screenshot(`templates-conflict-${lang}`);
      await page.setViewportSize({ width: 1024, height: 700 });
      await ui.app.screenshot(`templates-conflict-${lang}-1024`);
      await page.setViewportSize({ width: 1360, height: 860 });
      await ask.getByRole('button', { name: s.keep }).click();
      assert.equal(await editor.locator('.draft-variable[data-key="purpose"]').first().innerText(), handEdited);
      await ui.app.screenshot(`templates-editor-${lang}`);
    });
  });
}
