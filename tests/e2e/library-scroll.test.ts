import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startInkstone, type Running } from './support/harness.js';
import { seedContracts, seededTitle } from './support/seed.js';

/**
 * 20 000 contracts in the library: the list is virtualised (a few dozen rows in the DOM), pages are
 * fetched as the list scrolls, and the last contract is reachable by scrolling and by End.
 * No timing assertions: the build machines are shared.
 */
const COUNT = 20_000;

async function renderedRows(page: Page): Promise<Array<{ pos: number; title: string | null }>> {
  return page.$$eval('[role="option"]', (rows) =>
    rows.map((r) => ({ pos: Number(r.getAttribute('aria-posinset')), title: r.querySelector('.contract-title')?.textContent ?? null })),
  );
}

describe('library with 20 000 contracts', { timeout: 240_000 }, () => {
  let app: Running;
  let page: Page;

  before(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-scroll-'));
    seedContracts(dataDir, COUNT);
    app = await startInkstone({ lang: 'en', dataDir });
    page = app.page;
    await page.getByText('20,000 contracts', { exact: true }).waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test('renders the first rows, newest first, with only a window of rows in the DOM', async () => {
    await page.locator('[role="option"][data-contract-id]').first().waitFor();
    const rows = await renderedRows(page);
    assert.ok(rows.length >= 5 && rows.length < 80, `${rows.length} rows in the DOM`);
    assert.equal(rows[0].title, seededTitle(COUNT - 1));
    assert.equal(await page.getByRole('listbox').getAttribute('aria-label'), 'Contracts');
  });

  test('scrolling to the end loads the pages on the way and shows the last contract', async () => {
    const list = page.getByRole('listbox');
    await list.hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 600);
    // Then larger jumps, as a person dragging the scrollbar would make.
    for (let step = 1; step <= 20; step++) {
      await list.evaluate((el, s) => {
        el.scrollTop = ((el.scrollHeight - el.clientHeight) * s) / 20;
      }, step);
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[role="option"]')];
        return rows.length > 0 && rows.every((r) => r.hasAttribute('data-contract-id'));
      });
    }
    const atEnd = await list.evaluate((el) => Math.ceil(el.scrollTop + el.clientHeight) >= el.scrollHeight - 1);
    assert.ok(atEnd, 'the list did not reach its end');
    await page.locator(`[role="option"][aria-posinset="${COUNT}"][data-contract-id]`).waitFor();
    const rows = await renderedRows(page);
    const last = rows.find((r) => r.pos === COUNT);
    assert.equal(last?.title, seededTitle(0));
    assert.ok(rows.length < 80, `${rows.length} rows in the DOM at the end`);
    await app.screenshot('en-scroll-end');
  });

  test('Home and End move the selection across the whole list', async () => {
    const list = page.getByRole('listbox');
    await list.focus();
    await page.keyboard.press('Home');
    await page.locator('[role="option"][aria-posinset="1"][aria-selected="true"]').waitFor();
    await page.keyboard.press('End');
    const selected = page.locator(`[role="option"][aria-posinset="${COUNT}"][aria-selected="true"]`);
    await selected.waitFor();
    assert.equal(await selected.locator('.contract-title').innerText(), seededTitle(0));
  });

  test('Ctrl+F jumps to the search box from the list', async () => {
    await page.getByRole('listbox').focus();
    await page.keyboard.press('Control+F');
    assert.ok(await page.getByRole('searchbox', { name: 'Search contracts' }).evaluate((el) => el === document.activeElement));
  });

  test('a common word matches more than the core ranks: the newest matches are listed, and the UI says so', async () => {
    await page.getByRole('searchbox', { name: 'Search contracts' }).fill('Lease');
    await page.getByText('1,000+ matches', { exact: true }).waitFor();
    await page.getByText('Showing the newest 1,000 matches. Add words or a filter to narrow the search.').waitFor();
    await page.locator('[role="option"][aria-posinset="1"][data-contract-id]').waitFor();
    const rows = await renderedRows(page);
    assert.ok(
      rows.every((r) => r.title === null || r.title.startsWith('Lease')),
      JSON.stringify(rows.slice(0, 3)),
    );
    await app.screenshot('en-scroll-search');
  });

  test('"Show all matches" ranks every match: an exact count, and the last one reachable', async () => {
    await page.getByRole('button', { name: 'Show all matches' }).click();
    const leases = Array.from({ length: COUNT }, (_, i) => seededTitle(i)).filter((t) => t.startsWith('Lease')).length;
    await page.getByText(`${leases.toLocaleString('en')} contracts`, { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Show all matches' }).count(), 0);
    await page.getByRole('listbox').focus();
    await page.keyboard.press('End');
    await page.locator(`[role="option"][aria-posinset="${leases}"][aria-selected="true"][data-contract-id]`).waitFor();
  });

  test('a filter narrows the list to an exact count, from the top', async () => {
    await page.getByRole('searchbox', { name: 'Search contracts' }).fill('');
    await page.getByText('20,000 contracts', { exact: true }).waitFor();
    await page.getByLabel('Tag').selectOption('IT');
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 3 === 0).length;
    await page.getByText(`${expected.toLocaleString('en-US')} contracts`, { exact: true }).waitFor();
    assert.equal(await page.getByRole('listbox').evaluate((el) => el.scrollTop), 0);
    await page.locator('[role="option"][aria-posinset="1"][data-contract-id]').waitFor();
  });

  test('no script errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
