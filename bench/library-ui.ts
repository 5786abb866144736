// The library screen in headless Chromium at 100k contracts: first render (navigation start → first
// list row visible) and frame times while scrolling the virtualised list, against a static page of
// 200 plain rows (no virtualisation, no data) measured in the same run, so the ratio is our cost.
//   npm run build && node --import tsx bench/library-ui.ts [count]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.js';
import { Library } from '../src-main/core/library/index.js';
import { startCoreThread } from '../src-main/host/core-thread.js';
import { startBrowserHost } from '../src-main/host/server.js';
import { seedLibrary } from './contracts-generator.js';
import { ms, percentile, writeResultsSection } from './results.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const LOADS = 5;
const SCROLL_STEPS = 200;
const SCROLL_PX = 240;
const FRAME_BUDGET = 1000 / 60;

/** Installed before any page script: notes when the first row (the app's, or the baseline's `.r`) is in the DOM and laid out. */
const FIRST_ROW_PROBE = `(() => {
  const tick = () => {
    const row = document.querySelector(window.__benchRowSelector || '[role="option"][data-contract-id]');
    if (row && row.getBoundingClientRect().height > 0) { window.__benchFirstRow = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Scroll `scrollerSelector` by SCROLL_PX per animation frame, SCROLL_STEPS times, recording the rAF deltas. */
/**
 * Scroll `scrollerSelector` by SCROLL_PX per animation frame, SCROLL_STEPS times, recording the rAF
 * deltas. Passed as source text: tsx's helpers (__name) do not exist inside the page.
 */
async function scrollFrames(page: Page, scrollerSelector: string): Promise<number[]> {
  const script = `new Promise((resolve, reject) => {
    const el = document.querySelector(${JSON.stringify(scrollerSelector)});
    if (!el) { reject(new Error('no scroller')); return; }
    el.scrollTop = 0;
    const deltas = [];
    let last = -1;
    let step = 0;
    const frame = (now) => {
      if (last >= 0) deltas.push(now - last);
      last = now;
      if (step++ >= ${SCROLL_STEPS}) { resolve(deltas); return; }
      el.scrollTop += ${SCROLL_PX};
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`;
  return (await page.evaluate(script)) as number[];
}

async function firstRowMs(page: Page, url: string, rowSelector: string): Promise<number> {
  await page.goto(url);
  await page.locator(rowSelector).first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => typeof (window as unknown as { __benchFirstRow?: number }).__benchFirstRow === 'number');
  return page.evaluate(() => (window as unknown as { __benchFirstRow: number }).__benchFirstRow);
}

const STATIC_ROWS = Array.from(
  { length: 200 },
  (_, i) => `<div class="r"><b>Contract #${i}</b><span>Party A · Party B</span><span>signed</span><span>¥${1000 + i}.00</span><span>2026-01-01</span></div>`,
).join('');
const STATIC_PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:14px sans-serif}#s{height:700px;overflow:auto}.r{display:flex;gap:16px;height:52px;align-items:center;padding:0 16px;border-bottom:1px solid #ddd}
</style></head><body><div id="s">${STATIC_ROWS}</div></body></html>`;

function stats(deltas: number[]) {
  return {
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    max: Math.max(...deltas),
    over: deltas.filter((d) => d > FRAME_BUDGET).length,
    n: deltas.length,
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-ui-'));
const seedStart = performance.now();
const lib = new Library(dataDir);
seedLibrary(lib, COUNT);
lib.close();
const seedMs = performance.now() - seedStart;
console.log(`seeded ${COUNT} contracts in ${(seedMs / 1000).toFixed(0)} s`);

const load = os.loadavg();
// A copy of the built renderer, so a rebuild while the bench runs cannot change what it measures.
const staticDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-ui-renderer-'));
cpSync(path.join(import.meta.dirname, '..', 'dist', 'renderer'), staticDir, { recursive: true });
const profileDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-ui-chromium-'));
const core = startCoreThread({ dataDir });
const host = await startBrowserHost({ core: core.client, staticDir });
const context = await launchChromium(profileDir, { locale: 'en', viewport: { width: 1360, height: 860 } });
const page = context.pages()[0] ?? (await context.newPage());
await page.addInitScript(FIRST_ROW_PROBE);
const ROW = '[role="option"][data-contract-id]';
let result: { first: number[]; frames: ReturnType<typeof stats>; baseFirst: number[]; baseFrames: ReturnType<typeof stats> };
try {
  page.setDefaultTimeout(60_000);
  // The first (cold) open carries the token, which moves to sessionStorage; later loads use the bare origin.
  await page.goto(host.url);
  await page.locator(ROW).first().waitFor();
  const origin = new URL(host.url).origin + '/';
  const first: number[] = [];
  for (let i = 0; i < LOADS; i++) first.push(await firstRowMs(page, origin, ROW));
  await page.waitForTimeout(500);
  const frames = stats(await scrollFrames(page, '.contract-list-scroller'));

  // Baseline: the same browser, a static page of 200 plain rows served as a data URL.
  await page.addInitScript('window.__benchRowSelector = ".r";');
  const staticUrl = `data:text/html;charset=utf-8,${encodeURIComponent(STATIC_PAGE)}`;
  const baseFirst: number[] = [];
  for (let i = 0; i < LOADS; i++) baseFirst.push(await firstRowMs(page, staticUrl, '.r'));
  await page.waitForTimeout(500);
  const baseFrames = stats(await scrollFrames(page, '#s'));
  result = { first, frames, baseFirst, baseFrames };
} finally {
  await context.close();
  await host.close();
  await core.stop();
  for (const dir of [profileDir, staticDir, dataDir]) rmSync(dir, { recursive: true, force: true });
}

const { first, frames, baseFirst, baseFrames } = result;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');
const rows = [
  [
    'First render: navigation → first row (median of 5)',
    ms(percentile(first, 50)),
    ms(percentile(baseFirst, 50)),
    ratio(percentile(first, 50), percentile(baseFirst, 50)),
    '—',
  ],
  ['First render, slowest of 5', ms(Math.max(...first)), ms(Math.max(...baseFirst)), ratio(Math.max(...first), Math.max(...baseFirst)), '—'],
  ['Scroll frame p50', ms(frames.p50), ms(baseFrames.p50), ratio(frames.p50, baseFrames.p50), '—'],
  ['Scroll frame p95', ms(frames.p95), ms(baseFrames.p95), ratio(frames.p95, baseFrames.p95), '≤ 16 ms'],
  ['Scroll frame max', ms(frames.max), ms(baseFrames.max), ratio(frames.max, baseFrames.max), '—'],
  [`Frames > 16.7 ms (of ${frames.n} / ${baseFrames.n})`, String(frames.over), String(baseFrames.over), '—', '—'],
];
const table = [
  `## Library screen in Chromium — ${COUNT.toLocaleString('en')} contracts`,
  '',
  `Headless Debian Chromium (software rendering, 1360 × 860) on the browser host with the built renderer; data seeded with \`seedLibrary\` (${(seedMs / 1000).toFixed(0)} s). ` +
    `First render = \`performance.now()\` when the first list row is laid out (${LOADS} loads; the first cold open not counted). ` +
    `Scroll = ${SCROLL_STEPS} animation frames, ${SCROLL_PX} px per frame, rAF deltas measured in the page (pages of rows are fetched from the core while scrolling). ` +
    'Baseline: a static page of 200 plain rows (no virtualisation, no data), same browser, same run. ' +
    `Shared, loaded machine: load average ${load.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at start, so absolute figures are noisy.`,
  '',
  '| measure | Inkstone | baseline | ratio | target |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
console.log(table);
writeResultsSection('library-ui', table);
