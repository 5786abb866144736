import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startInkstone, type Running } from './support/harness.js';
import { seedContracts, seededTitle } from './support/seed.js';

/**
 * Typed text is never lost without a word: Esc, "Back to library", the navigation and switching
 * tabs either keep the edits or ask first (save / discard / keep editing).
 */
describe('unsaved edits', { timeout: 180_000 }, () => {
  let app: Running;
  let page: Page;
  const title = seededTitle(0);
  const notes = 'Renewal agreed by phone with the counterparty on 3 March.';
  const openContract = async () => {
    await page.locator('[role="option"]', { hasText: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  };
  const dialog = () => page.getByRole('alertdialog', { name: 'Save your changes?' });

  before(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-unsaved-'));
    seedContracts(dataDir, 1);
    app = await startInkstone({ lang: 'en', dataDir });
    page = app.page;
    await page.locator('[role="option"]', { hasText: title }).waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test('focus moves to the contract title when the contract opens', async () => {
    await openContract();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  });

  test('Esc with edited notes asks; "Keep editing" keeps the text', async () => {
    await page.getByLabel('Notes', { exact: true }).fill(notes);
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Escape');
    await dialog().waitFor();
    await app.screenshot('en-unsaved-dialog');
    await dialog().getByRole('button', { name: 'Keep editing' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal(await page.getByLabel('Notes', { exact: true }).inputValue(), notes);
    assert.equal(await page.getByRole('heading', { level: 1, name: title }).count(), 1);
  });

  test('switching tabs keeps the edits, and a status change does not overwrite them', async () => {
    await page.getByRole('tab', { name: 'Parties' }).click();
    await page.getByRole('button', { name: 'Add party' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Fabrikam Ltd.');
    await page.getByRole('tab', { name: 'Details' }).click();
    assert.equal(await page.getByLabel('Notes', { exact: true }).inputValue(), notes);
    await page.getByRole('combobox', { name: 'Change status' }).selectOption('in_review');
    await page.locator('.contract-header .status-badge', { hasText: 'In review' }).waitFor();
    assert.equal(await page.getByLabel('Notes', { exact: true }).inputValue(), notes);
    await page.getByRole('tab', { name: 'Parties' }).click();
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Fabrikam Ltd.');
  });

  test('"Back to library" asks; "Save and continue" stores the notes and the party', async () => {
    await page.getByRole('button', { name: 'Back to library' }).click();
    await dialog().getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('searchbox', { name: 'Search contracts' }).waitFor();
    await openContract();
    assert.equal(await page.getByLabel('Notes', { exact: true }).inputValue(), notes);
    await page.getByRole('tab', { name: 'Parties' }).click();
    await page.locator('.party', { hasText: 'Fabrikam Ltd.' }).waitFor();
  });

  test('leaving through the navigation asks; "Discard changes" leaves without saving', async () => {
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByLabel('Responsible person', { exact: true }).fill('Someone else');
    await page.getByRole('button', { name: 'Verify' }).first().click();
    await dialog().getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify signatures' }).waitFor();
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await openContract();
    assert.equal(await page.getByLabel('Responsible person', { exact: true }).inputValue(), '');
  });

  test('without edits, Esc goes straight back to the library', async () => {
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Search contracts' }).waitFor({ state: 'visible' });
    assert.equal(await dialog().count(), 0);
    assert.deepEqual(app.pageErrors, []);
  });
});
