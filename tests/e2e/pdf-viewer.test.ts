import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { useInkstone, type UiLanguage } from './support/harness.js';
import { importPdf } from './support/rpc.js';

/**
 * The contract's PDF viewer at 1024 × 700, in both languages: it opens fit-to-width, scrolls all
 * pages continuously while drawing only those near the viewport (a 300-page contract), has a
 * thumbnail strip that navigates and marks the current page, a zoom control, and the keyboard
 * (PageUp/PageDown, Home/End, + and −).
 */
const PAGES = 300;

/** A long contract: page N says "Page N"; page 2 is turned a quarter (shown landscape). */
async function longPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= PAGES; n++) {
    const page = doc.addPage([595, 842]);
    if (n === 2) page.setRotation(degrees(90));
    page.drawText(`Page ${n}`, { x: 72, y: 740, size: 40, font });
    page.drawText('Clause text. '.repeat(6), { x: 72, y: 680, size: 12, font });
  }
  return doc.save();
}

const TEXT = {
  'zh-CN': {
    documents: '文档',
    thumbnails: '页面缩略图',
    goTo: (n: number) => `转到第 ${n} 页`,
    zoomIn: '放大',
    zoomOut: '缩小',
    fit: '适合宽度',
    pages: 'long.pdf 的页面',
  },
  en: {
    documents: 'Documents',
    thumbnails: 'Page thumbnails',
    goTo: (n: number) => `Go to page ${n}`,
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit width',
    pages: 'Pages of long.pdf',
  },
} as const;

const viewer = (page: Page) => page.locator('section.pdf-viewer');
const currentPage = async (page: Page) => Number(await viewer(page).getAttribute('data-current-page'));
const scale = async (page: Page) => Number(await viewer(page).getAttribute('data-scale'));

/** Wait until the viewer says it is on page `n` and that page's canvas is drawn. */
async function onPage(page: Page, n: number): Promise<void> {
  await page.locator(`section.pdf-viewer[data-current-page="${n}"]`).waitFor();
  await page.locator(`.pdf-sheet[data-page="${n}"] canvas[data-drawn="true"]`).waitFor();
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly UiLanguage[]) {
  const s = TEXT[lang];
  describe(`PDF viewer (${lang}, 1024 × 700)`, { timeout: 240_000 }, () => {
    const ui = useInkstone({ lang, viewport: { width: 1024, height: 700 } });

    test('opens fit-to-width, draws only pages near the viewport, navigates by keyboard, thumbnails and zoom', async () => {
      const page = ui.page;
      const { contractId } = await importPdf(ui.app, 'long.pdf', await longPdf());
      await page.locator(`[role="option"][data-contract-id="${contractId}"]`).click();
      await page.getByRole('tab', { name: s.documents }).click();
      await onPage(page, 1);

      // Fit-to-width: the widest page (the turned page 2) fills the scroll area less its margins.
      const area = page.getByRole('region', { name: s.pages });
      const areaWidth = await area.evaluate((el) => el.clientWidth);
      assert.ok(Math.abs((await scale(page)) * 842 - (areaWidth - 32)) < 1.5, `scale ${await scale(page)} for ${areaWidth}px`);
      assert.equal(await page.getByRole('button', { name: s.fit }).getAttribute('aria-pressed'), 'true');
      await ui.app.screenshot(`${lang}-viewer-1024-fit`);

      // In a 1024 px window the strip starts closed (the pages keep their width); it opens from the toolbar.
      const strip = page.getByRole('button', { name: s.thumbnails });
      assert.equal(await strip.getAttribute('aria-pressed'), 'false');
      await strip.click();
      await page.getByRole('navigation', { name: s.thumbnails }).waitFor();
      await onPage(page, 1);
      assert.ok(Math.abs((await scale(page)) * 842 - ((await area.evaluate((el) => el.clientWidth)) - 32)) < 1.5, 'still fit to the narrower width');

      // Virtualised: a handful of pages and thumbnails exist, never 300.
      const drawnPages = () => page.locator('.pdf-sheet').count();
      const drawnThumbs = () => page.locator('.pdf-thumb').count();
      assert.ok((await drawnPages()) <= 4, `${await drawnPages()} pages drawn`);
      assert.ok((await drawnThumbs()) <= 16, `${await drawnThumbs()} thumbnails drawn`);

      // Keyboard, from the pages' scroll area.
      await area.focus();
      const started = Date.now();
      await page.keyboard.press('End');
      await onPage(page, PAGES);
      const toLastPageMs = Date.now() - started;
      assert.ok((await drawnPages()) <= 4);
      await page
        .getByRole('button', { name: s.goTo(PAGES) })
        .and(page.locator('[aria-current="page"]'))
        .waitFor();
      await page.keyboard.press('Home');
      await onPage(page, 1);
      await page.keyboard.press('PageDown');
      await onPage(page, 2);
      await page.keyboard.press('PageDown');
      await onPage(page, 3);
      await page.keyboard.press('PageUp');
      await onPage(page, 2);

      // Continuous scrolling: the wheel moves through pages and the strip follows.
      await area.hover();
      for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 600);
      await page.waitForFunction(() => Number(document.querySelector('section.pdf-viewer')?.getAttribute('data-current-page')) >= 5);
      const after = await currentPage(page);
      await page
        .getByRole('button', { name: s.goTo(after) })
        .and(page.locator('[aria-current="page"]'))
        .waitFor();

      // Thumbnails navigate.
      await page.keyboard.press('Home');
      await onPage(page, 1);
      await page
        .getByRole('navigation', { name: s.thumbnails })
        .getByRole('button', { name: s.goTo(3) })
        .click();
      await onPage(page, 3);
      assert.equal(await page.getByRole('button', { name: s.goTo(3) }).getAttribute('aria-current'), 'page');
      await ui.app.screenshot(`${lang}-viewer-1024-thumbnails`);

      // Zoom: + and − keys and the buttons, fit-to-width back; the reader stays on the page.
      const fit = await scale(page);
      await area.focus();
      await page.keyboard.press('+');
      await page.waitForFunction((f) => Number(document.querySelector('section.pdf-viewer')?.getAttribute('data-scale')) > f, fit);
      const bigger = await scale(page);
      await page.locator(`.pdf-sheet[data-page="3"]`).waitFor();
      assert.ok(Math.abs((await page.locator('.pdf-sheet[data-page="3"]').evaluate((el) => el.clientWidth)) - Math.floor(595 * bigger)) <= 1);
      assert.equal(await currentPage(page), 3);
      await page.keyboard.press('-');
      await page.waitForFunction((b) => Number(document.querySelector('section.pdf-viewer')?.getAttribute('data-scale')) < b, bigger);
      assert.equal(await currentPage(page), 3);
      const reduced = await scale(page);
      await page.getByRole('button', { name: s.zoomIn }).click();
      await page.waitForFunction((r) => Number(document.querySelector('section.pdf-viewer')?.getAttribute('data-scale')) > r, reduced);
      await page.getByRole('button', { name: s.zoomOut }).click();
      await page.waitForFunction((r) => Math.abs(Number(document.querySelector('section.pdf-viewer')?.getAttribute('data-scale')) - r) < 0.002, reduced);
      assert.equal(await page.getByRole('button', { name: s.fit }).getAttribute('aria-pressed'), 'false');
      await page.getByRole('button', { name: s.fit }).click();
      await page.waitForFunction((f) => Math.abs(Number(document.querySelector('section.pdf-viewer')?.getAttribute('data-scale')) - f) < 0.002, fit);
      await onPage(page, 3);

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(serious, []);
      assert.deepEqual(ui.app.pageErrors, []);
      console.log(`[viewer] ${PAGES} pages: End → page ${PAGES} drawn in ${toLastPageMs} ms`);
    });
  });
}
