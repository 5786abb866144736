import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { SavedPlacements } from '../../src-shared/api/index.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { useInkstone, type UiLanguage } from './support/harness.js';
import { importPdf, rpc } from './support/rpc.js';

/**
 * Placing where a version will be stamped, in the contract's viewer, in both languages: drag a seal
 * onto a page, move it with the mouse and the keyboard, resize it, snap it to the edge, delete it;
 * signature and date boxes from the keyboard; the cross-page seal's slices on every page; "place at
 * 甲方（盖章）"; and the boxes saved with the version (placements.get), there again after a reload.
 */
const TEXT = {
  'zh-CN': {
    documents: '文档',
    open: '放置签章',
    seal: '印章',
    signature: '签名',
    date: '日期',
    cross: '骑缝章',
    atText: '在文字处放置',
    find: '查找',
    placeHere: '在此盖章',
    found: '找到 2 处',
  },
  en: {
    documents: 'Documents',
    open: 'Place seals',
    seal: 'Seal',
    signature: 'Signature',
    date: 'Date',
    cross: 'Cross-page seal',
    atText: 'Place at text',
    find: 'Find',
    placeHere: 'Place a seal here',
    found: 'Found 2 times',
  },
} as const;

/** A 595 × 842 two-page contract whose signature block says 甲方（盖章） on each page. */
const contract = () => makeTextPdf({ title: '采购合同', lines: ['采购合同', '第一条 标的', '甲方（盖章）：', '乙方（盖章）：'], pages: 2 });

async function saved(ui: { app: Parameters<typeof rpc>[0] }, versionId: string, expect: (s: SavedPlacements) => boolean): Promise<SavedPlacements> {
  for (let i = 0; i < 50; i++) {
    const s = await rpc<SavedPlacements>(ui.app, 'placements.get', { versionId });
    if (expect(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  return rpc<SavedPlacements>(ui.app, 'placements.get', { versionId });
}

/** The page sheet's top-left corner on screen and the viewer's scale (CSS px per point). */
async function sheet(page: Page, n: number): Promise<{ left: number; top: number; scale: number }> {
  const box = await page.locator(`.pdf-sheet[data-page="${n}"]`).boundingBox();
  assert.ok(box);
  return { left: box.x, top: box.y, scale: Number(await page.locator('section.pdf-viewer').getAttribute('data-scale')) };
}

const near = (a: number, b: number, tolerance = 1.5) => Math.abs(a - b) <= tolerance;

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`placement (${lang})`, { timeout: 240_000 }, () => {
    const ui = useInkstone({ lang, viewport: { width: 1280, height: 860 } });

    test('drag, move, resize, snap, keyboard, cross-page seal and keyword placement, saved with the version', async () => {
      const page = ui.page;
      // A generated company seal in the seal library: boxes show it as it will be stamped.
      await rpc(ui.app, 'organisation.update', { legalName: '北京云杉科技有限公司', creditCode: '' });
      const company = await rpc<{ id: string; widthMm: number; heightMm: number }>(ui.app, 'seals.generate', { sealType: '合同专用章' });
      const sealPt = { width: (company.widthMm * 72) / 25.4, height: (company.heightMm * 72) / 25.4 };
      const { contractId, versionId } = await importPdf(ui.app, 'purchase.pdf', await contract());
      await page.locator(`[role="option"][data-contract-id="${contractId}"]`).click();
      await page.getByRole('tab', { name: s.documents }).click();
      await page.locator('.pdf-sheet[data-page="1"] canvas[data-drawn="true"]').waitFor();
      await page.getByRole('button', { name: s.open }).click();
      const tools = page.getByRole('group', { name: lang === 'zh-CN' ? '签章放置工具' : 'Placement tools' });
      await tools.waitFor();

      // Drag a seal onto page 1: it lands centred on the drop point.
      const p1 = await sheet(page, 1);
      const tool = tools.getByRole('button', { name: s.seal, exact: true });
      const from = await tool.boundingBox();
      assert.ok(from);
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(p1.left + 200, p1.top + 150, { steps: 8 });
      await page.mouse.up();
      const box = page.locator('.placement-box.placement-seal');
      await box.waitFor();
      let state = await saved(ui, versionId, (v) => v.placements.length === 1);
      const seal = state.placements[0];
      assert.equal(seal.kind, 'seal');
      assert.equal(seal.sealId, company.id);
      assert.ok(near(seal.width, sealPt.width, 0.01));
      assert.match((await box.locator('img').getAttribute('src')) ?? '', /^data:image\//);
      assert.equal(seal.page, 1);
      assert.ok(near(seal.x + seal.width / 2, 200 / p1.scale) && near(seal.y + seal.height / 2, 842 - 150 / p1.scale), JSON.stringify(seal));
      await ui.app.screenshot(`${lang}-placement-dropped`);

      // Move it with the mouse by (60, 40) screen pixels.
      const at = await box.boundingBox();
      assert.ok(at);
      await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
      await page.mouse.down();
      await page.mouse.move(at.x + at.width / 2 + 60, at.y + at.height / 2 + 40, { steps: 6 });
      await page.mouse.up();
      state = await saved(ui, versionId, (v) => v.placements[0]?.x !== seal.x);
      const movedSeal = state.placements[0];
      assert.ok(near(movedSeal.x - seal.x, 60 / p1.scale) && near(movedSeal.y - seal.y, -40 / p1.scale), JSON.stringify(movedSeal));

      // Keyboard: arrows move by 2 pt, Shift+arrows resize (a seal stays round).
      await box.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      state = await saved(ui, versionId, (v) => near(v.placements[0]?.x - movedSeal.x, 4, 0.01));
      assert.ok(near(state.placements[0].y - movedSeal.y, 2, 0.01));
      await page.keyboard.press('Shift+ArrowRight');
      state = await saved(ui, versionId, (v) => near(v.placements[0]?.width - movedSeal.width, 2, 0.01));
      assert.ok(near(state.placements[0].height, state.placements[0].width, 0.01));

      // Resize from the handle, then drag to the right edge: it snaps flush.
      const handle = box.locator('.placement-handle');
      const h = await handle.boundingBox();
      assert.ok(h);
      const before = state.placements[0];
      await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
      await page.mouse.down();
      await page.mouse.move(h.x + h.width / 2 + 30, h.y + h.height / 2 + 30, { steps: 5 });
      await page.mouse.up();
      state = await saved(ui, versionId, (v) => v.placements[0]?.width > before.width + 5);
      assert.ok(near(state.placements[0].width - before.width, 30 / p1.scale), JSON.stringify(state.placements[0]));
      const big = state.placements[0];
      const now = await box.boundingBox();
      assert.ok(now);
      const rightGap = p1.left + 595 * p1.scale - (now.x + now.width);
      await page.mouse.move(now.x + now.width / 2, now.y + now.height / 2);
      await page.mouse.down();
      await page.mouse.move(now.x + now.width / 2 + rightGap - 5, now.y + now.height / 2, { steps: 6 });
      await page.mouse.up();
      state = await saved(ui, versionId, (v) => v.placements[0]?.x !== big.x);
      assert.ok(near(state.placements[0].x + state.placements[0].width, 595, 0.01), `snapped flush: ${JSON.stringify(state.placements[0])}`);

      // Signature and date from the keyboard, onto the current page; Delete removes the focused one.
      await tools.getByRole('button', { name: s.signature, exact: true }).focus();
      await page.keyboard.press('Enter');
      await tools.getByRole('button', { name: s.date, exact: true }).focus();
      await page.keyboard.press('Enter');
      state = await saved(ui, versionId, (v) => v.placements.length === 3);
      assert.deepEqual(state.placements.map((p) => p.kind).sort(), ['date', 'seal', 'signature']);
      assert.ok(await page.locator('.placement-box.placement-date').evaluate((el) => el === document.activeElement), 'the new box has the focus');
      await page.keyboard.press('Delete');
      state = await saved(ui, versionId, (v) => v.placements.length === 2);
      assert.deepEqual(state.placements.map((p) => p.kind).sort(), ['seal', 'signature']);

      // The cross-page seal: one slice at the right edge of each page, half the seal wide.
      await tools.getByLabel(s.cross).check();
      state = await saved(ui, versionId, (v) => v.crossPageSeal !== null);
      assert.deepEqual({ ...state.crossPageSeal, size: 0 }, { firstPage: 1, lastPage: 2, size: 0, sealId: company.id });
      assert.ok(near(state.crossPageSeal?.size ?? 0, sealPt.height, 0.001));
      const slice = page.locator('.pdf-sheet[data-page="1"] .placement-slice');
      const sliceBox = await slice.boundingBox();
      assert.ok(sliceBox);
      assert.ok(near(sliceBox.width, (sealPt.width / 2) * p1.scale, 1.5), `slice ${sliceBox.width}px`);
      assert.match((await slice.locator('img').getAttribute('src')) ?? '', /^data:image\//);
      assert.ok(near(sliceBox.x + sliceBox.width, p1.left + 595 * p1.scale, 1.5), 'flush with the right edge');
      await ui.app.screenshot(`${lang}-placement-cross-page`);

      // Place at 甲方（盖章）: both pages' text is found; a seal goes just after the first.
      await tools.getByLabel(s.atText).fill('甲方（盖章）');
      await tools.getByRole('button', { name: s.find }).click();
      await tools.getByText(s.found).waitFor();
      await tools.getByRole('button', { name: s.placeHere }).first().click();
      state = await saved(ui, versionId, (v) => v.placements.length === 3);
      const atText = state.placements[2];
      // makeTextPdf draws line 3 at x 56, baseline 780 − 2 × 22 = 736, 13 pt: 甲方（盖章）： is 7 × 13 pt wide.
      assert.equal(atText.page, 1);
      assert.ok(atText.x > 56 + 6 * 13 && atText.x < 56 + 7 * 13 + 10, JSON.stringify(atText));
      assert.ok(near(atText.y + atText.height / 2, 736 + 4, 6), JSON.stringify(atText));
      await ui.app.screenshot(`${lang}-placement-at-text`);

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(serious, []);

      // A reload (the app restarted): the boxes are there again, read from the version.
      await page.reload();
      await page.locator(`[role="option"][data-contract-id="${contractId}"]`).click();
      await page.getByRole('tab', { name: s.documents }).click();
      await page.locator('.pdf-sheet[data-page="1"] .placement-box').first().waitFor();
      assert.equal(await page.locator('.pdf-sheet[data-page="1"] .placement-box').count(), 3);
      assert.equal(await page.locator('.pdf-sheet[data-page="1"] .placement-slice').count(), 1);
      assert.deepEqual(ui.app.pageErrors, []);
    });
  });
}
