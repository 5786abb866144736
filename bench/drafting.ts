// The drafting editor on a 100-page Chinese contract (300 articles, each with sub-clauses, items and
// a cross-reference): open the draft, keystroke-to-paint in Chromium against a bare contenteditable
// holding the same text in the same run, and renumbering after moving an article (in the editor,
// and the model's own numbering + plain form in Node).
//   npm run build && node --import tsx bench/drafting.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Drafts } from '../src-main/core/drafting/index.js';
import { Library } from '../src-main/core/library/index.js';
import { startCoreThread } from '../src-main/host/core-thread.js';
import { startBrowserHost } from '../src-main/host/server.js';
import { numberOutline, outlineOf, toPlainDraft, type DraftNodeJSON } from '../src-shared/drafting/index.js';
import { launchChromium } from '../tests/support/chromium.js';
import { median, ms, percentile, writeResultsSection } from './results.js';

const ARTICLES = 300;
const KEYSTROKES = 150;
const OPENS = 5;
const MOVES = 10;
const ROOT = path.resolve(import.meta.dirname, '..');

const SENTENCE = '双方应当按照本合同约定履行各自义务，任何一方违反本条约定的，应当赔偿守约方因此遭受的全部损失，包括但不限于诉讼费、律师费和差旅费。';
const t = (text: string): DraftNodeJSON => ({ type: 'text', text });
const p = (...content: DraftNodeJSON[]): DraftNodeJSON => ({ type: 'paragraph', content });

/** ≈ 100 pages: 300 articles × (heading, a paragraph with a reference, two sub-clauses, two items). */
function bigContract(): DraftNodeJSON {
  const articles: DraftNodeJSON[] = [];
  for (let a = 0; a < ARTICLES; a++) {
    const ref = a > 0 ? [t('参见'), { type: 'xref', attrs: { target: `art-${(a * 37) % ARTICLES}` } }, t('。')] : [];
    articles.push({
      type: 'article',
      attrs: { id: `art-${a}` },
      content: [
        { type: 'article_heading', content: [t(`条款标题${a + 1}`)] },
        p(t(SENTENCE), ...ref),
        {
          type: 'clause',
          attrs: { id: `art-${a}-c1` },
          content: [
            p(t(SENTENCE)),
            { type: 'item', attrs: { id: `art-${a}-c1-i1` }, content: [p(t(SENTENCE.slice(0, 40)))] },
            { type: 'item', attrs: { id: `art-${a}-c1-i2` }, content: [p(t(SENTENCE.slice(0, 40)))] },
          ],
        },
        { type: 'clause', attrs: { id: `art-${a}-c2` }, content: [p(t(SENTENCE))] },
      ],
    });
  }
  return {
    type: 'doc',
    content: [
      { type: 'title', content: [t('大型设备采购合同')] },
      { type: 'parties' },
      { type: 'recitals', content: [{ type: 'recital', content: [t(SENTENCE)] }] },
      { type: 'body', content: articles },
      { type: 'signatures' },
    ],
  };
}

/** Keystroke → the frame after it is painted: input event time to a task queued after the next animation frame. */
const PAINT_PROBE = `(() => {
  window.__benchLatencies = [];
  document.addEventListener('beforeinput', (e) => {
    const start = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__benchLatencies.push(performance.now() - start), 0));
  }, true);
})();`;

async function keystrokes(page: Page): Promise<number[]> {
  await page.evaluate(PAINT_PROBE);
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.insertText('保');
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  return (await page.evaluate('window.__benchLatencies')) as number[];
}

function bareContentEditable(doc: DraftNodeJSON): string {
  const plain = toPlainDraft(doc, 'zh-CN');
  const paragraphs = plain.body.flatMap((b) => (b.kind === 'article' ? [`<h2>${b.number} 条款</h2>`, `<p>${SENTENCE}</p>`.repeat(5)] : []));
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:15px/1.85 serif}#e{max-width:820px;padding:40px;white-space:pre-wrap}</style></head><body><div id="e" contenteditable="true">${paragraphs.join('')}</div></body></html>`;
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-drafting-'));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-drafting-chromium-'));
  const doc = bigContract();

  // The model alone, in Node: numbering 300 articles and building the plain form export reads.
  const numberingRuns: number[] = [];
  const plainRuns: number[] = [];
  for (let i = 0; i < 20; i++) {
    let start = performance.now();
    numberOutline(outlineOf(doc), 'zh-CN');
    numberingRuns.push(performance.now() - start);
    start = performance.now();
    toPlainDraft(doc, 'zh-CN');
    plainRuns.push(performance.now() - start);
  }

  const library = new Library(dataDir);
  const contract = library.createContract({ title: '大型设备采购合同' });
  new Drafts(library).create(contract.id, 'zh-CN', doc);
  library.close();

  const core = startCoreThread({ dataDir });
  const host = await startBrowserHost({ core: core.client, staticDir: path.join(ROOT, 'dist', 'renderer') });
  const context = await launchChromium(profileDir, { locale: 'zh-CN', viewport: { width: 1360, height: 860 } });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  const loadAvgStart = os.loadavg()[0];
  try {
    // Open: from the click on the Draft tab to 300 numbered articles on screen.
    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      await page.goto(host.url);
      await page.locator('[role="option"][data-contract-id]').first().click();
      const tab = page.locator('#tab-draft');
      await tab.waitFor();
      const clicked = await page.evaluate('performance.now()');
      await tab.click();
      await page.waitForFunction((n) => document.querySelectorAll('.draft-article-heading[data-number]').length === n, ARTICLES);
      opens.push(((await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(performance.now())))')) as number) - (clicked as number));
    }

    // Keystroke-to-paint, typing in the middle of the document.
    await page.locator('.draft-article').nth(150).locator('p').first().click();
    const editorLatencies = await keystrokes(page);

    // Renumbering after a move: Alt+Shift+↑ on article 200, to the frame that shows new numbers.
    const moves: number[] = [];
    for (let i = 0; i < MOVES; i++) {
      await page
        .locator('.draft-article-heading')
        .nth(200 - i)
        .click();
      const started = (await page.evaluate('performance.now()')) as number;
      await page.keyboard.press('Alt+Shift+ArrowUp');
      const painted = (await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)))')) as number;
      moves.push(painted - started);
    }

    // The baseline: a bare contenteditable with the same amount of text, same browser, same run.
    await page.setContent(bareContentEditable(doc));
    await page.locator('#e p').nth(750).click();
    const bareLatencies = await keystrokes(page);

    const loadAvgEnd = os.loadavg()[0];
    const row = (measure: string, ours: string, baseline: string, target: string) => `| ${measure} | ${ours} | ${baseline} | ${target} |`;
    writeResultsSection(
      'drafting',
      [
        '## Drafting — a 100-page Chinese contract (300 articles)',
        '',
        `${ARTICLES} articles, each a heading, a paragraph with a cross-reference, two sub-clauses and two items (≈ 1,800 numbered units and 210,000 characters). Chromium headless at 1360×860. Keystroke-to-paint: ${KEYSTROKES} characters typed in article 151, from the input event to the first task after the next frame; baseline a bare contenteditable with the same text in the same run. Moves: ${MOVES} × Alt+Shift+↑, key press to the frame after.`,
        '',
        `Machine load average (1 min), 2 cores shared with other work: ${loadAvgStart.toFixed(1)} at the start, ${loadAvgEnd.toFixed(1)} at the end.`,
        '',
        '| measure | Inkstone | baseline | target |',
        '|---|---|---|---|',
        row('Open the draft (tab click → 300 numbered articles painted), median', ms(median(opens)), '—', '≤ 500 ms'),
        row('Keystroke-to-paint p50', ms(percentile(editorLatencies, 50)), ms(percentile(bareLatencies, 50)), '—'),
        row('Keystroke-to-paint p95', ms(percentile(editorLatencies, 95)), ms(percentile(bareLatencies, 95)), '≤ 16 ms'),
        row('Move an article, renumbered and painted, median', ms(median(moves)), '—', '≤ 50 ms'),
        row('Numbering alone (Node, 1,800 units), median', ms(median(numberingRuns)), '—', '—'),
        row('Plain form for export (Node), median', ms(median(plainRuns)), '—', '—'),
      ].join('\n'),
    );
  } finally {
    await context.close();
    await host.close();
    await core.stop();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
