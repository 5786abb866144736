import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { startCoreThread } from '../../../src-main/host/core-thread.js';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/server.js';
import { launchChromium } from '../../support/chromium.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOTS = path.join(ROOT, 'results', 'screenshots');
const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');

export type UiLanguage = 'zh-CN' | 'en';

export interface Running {
  page: Page;
  host: BrowserHost;
  dataDir: string;
  /** Console errors and uncaught page errors seen so far. */
  pageErrors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The system locale the core sees when it picks the first-run language. */
const SYSTEM_LOCALE: Record<UiLanguage, string> = { 'zh-CN': 'zh_CN.UTF-8', en: 'en_US.UTF-8' };

/**
 * The real stack, in process: the core in its worker thread, the loopback browser host serving the
 * built renderer, and Debian Chromium driving it with the given system and browser language.
 */
export async function startInkstone(options: {
  /** The browser's language (and, unless `systemLocale` says otherwise, the host process's). */
  lang: UiLanguage;
  /** The host process's locale, e.g. C.UTF-8 on a server that says nothing about the person. */
  systemLocale?: string;
  dataDir?: string;
  viewport?: { width: number; height: number };
  /** Runs before the page is opened (e.g. to add init scripts). */
  beforeOpen?: (page: Page, host: BrowserHost) => Promise<void>;
}): Promise<Running> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-data-'));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'inkstone-e2e-chromium-'));
  const saved = process.env.LC_ALL;
  process.env.LC_ALL = options.systemLocale ?? SYSTEM_LOCALE[options.lang];
  const core = startCoreThread({ dataDir });
  if (saved === undefined) delete process.env.LC_ALL;
  else process.env.LC_ALL = saved;
  const host = await startBrowserHost({ core: core.client, staticDir: STATIC_DIR });
  const context: BrowserContext = await launchChromium(profileDir, { locale: options.lang, viewport: options.viewport ?? { width: 1360, height: 860 } });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await options.beforeOpen?.(page, host);
  await page.goto(host.url);
  return {
    page,
    host,
    dataDir,
    pageErrors,
    async screenshot(name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await context.close();
      await host.close();
      await core.stop();
      rmSync(profileDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Inkstone for the tests of one describe block: started before them, closed after. Read `app` and
 * `page` inside the tests (they are set once the block starts).
 */
export function useInkstone(options: Parameters<typeof startInkstone>[0]): { readonly app: Running; readonly page: Page } {
  let running: Running | undefined;
  before(async () => {
    running = await startInkstone(options);
  });
  after(async () => {
    await running?.close();
  });
  const started = (): Running => {
    if (!running) throw new Error('Inkstone is not running yet: use it inside a test');
    return running;
  };
  return {
    get app() {
      return started();
    },
    get page() {
      return started().page;
    },
  };
}

/** The document verdict the Verify screen's banner shows, once it shows one. */
export async function verdictOf(page: Page): Promise<string> {
  const banner = page.locator('.verify-banner');
  await banner.waitFor({ timeout: 60_000 });
  return (await banner.getAttribute('data-verdict')) ?? '';
}
