import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { EvidenceClient } from '../../src-main/core/evidence/index.js';
import { samplePdf, startHarness, type Harness } from './support/harness.js';

/** The public verification page in real Chromium: drop a PDF and its receipt, or type a number. */
describe('verification page', () => {
  let h: Harness;
  let dir: string;
  let browser: BrowserContext;
  let number: string;
  const pdf = samplePdf('page-verified contract');

  before(async () => {
    h = await startHarness();
    const { token } = await h.tenant('Page Co');
    const client = new EvidenceClient({ serviceUrl: h.url, token, stateDir: null });
    const ack = await client.submitDocument(pdf, { event: 'signed' });
    const receipt = await client.fetchReceipt(ack.evidenceNumber);
    number = receipt.evidenceNumber;
    dir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-page-'));
    writeFileSync(path.join(dir, 'contract.pdf'), pdf);
    writeFileSync(path.join(dir, 'other.pdf'), samplePdf('something else'));
    writeFileSync(path.join(dir, 'receipt.json'), JSON.stringify(receipt));
    browser = await launchChromium(path.join(dir, 'profile'));
  });
  after(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a PDF with its receipt, rejects another file, and looks up an evidence number', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.url}/`);
    assert.match(page.url(), /\/verify$/u);
    await page.setInputFiles('#pdfInput', path.join(dir, 'contract.pdf'));
    await page.setInputFiles('#receiptInput', path.join(dir, 'receipt.json'));
    await page.waitForFunction(() => !(document.getElementById('verifyBtn') as HTMLButtonElement).disabled);
    await page.click('#verifyBtn');
    await page.waitForSelector('.verdict');
    assert.match((await page.textContent('.verdict')) ?? '', /核验通过/u);
    assert.ok((await page.textContent('#result'))!.includes(number));
    await page.screenshot({ path: path.join(dir, 'verified.png') });

    await page.setInputFiles('#pdfInput', path.join(dir, 'other.pdf'));
    await page.waitForFunction(() => document.getElementById('pdfDrop')!.textContent!.includes('other.pdf'));
    await page.click('#verifyBtn');
    await page.waitForFunction(() => document.querySelector('.verdict')?.textContent?.includes('未通过'));
    assert.match((await page.textContent('#result')) ?? '', /not the document the receipt is about/u);

    await page.fill('#numberInput', number);
    await page.click('#lookupBtn');
    await page.waitForFunction(() => document.querySelector('.verdict')?.textContent?.includes('核验通过'));
    assert.match((await page.textContent('#result')) ?? '', /entry is in the log/u);
  });
});
