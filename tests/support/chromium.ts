import { chromium, type BrowserContext } from 'playwright-core';

/** Flags that work for Debian's Chromium on the build machines (see platform notes). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, with its own profile folder (end-to-end tests, the verify page test, the UI bench). */
export function launchChromium(profileDir: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.viewport ? { viewport: options.viewport, deviceScaleFactor: 1 } : {}),
  });
}
