import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { rendererContentSecurityPolicy } from '../../src-shared/renderer-delivery.js';

/** The renderer's origin: a privileged, standard, secure custom scheme served by protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inkstone';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Sites the app may open in the person's browser: documentation only, and only over https. */
const EXTERNAL_HOSTS = new Set(['docs.inkstone.app', 'inkstone.app']);

export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** IPC is answered only for our own page, never for anything else a frame might have loaded. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return isAppUrl(event.senderFrame?.url);
}

/**
 * The URL to hand to the operating system, or null if the app must not open it. What is checked is
 * the parsed URL, and what is returned is its normalised form: the raw string may read differently
 * to the browser that finally opens it (`https://docs.inkstone.app\@evil.com/` is docs.inkstone.app
 * to the WHATWG parser but evil.com to others), so the raw string is never passed on.
 */
export function externalUrl(url: string): string | null {
  const u = URL.parse(url);
  if (!u || u.protocol !== 'https:' || u.username || u.password || u.port || !EXTERNAL_HOSTS.has(u.hostname)) return null;
  return u.href;
}

/**
 * Every web contents: no navigation away from the app, no new windows (allow-listed https docs open
 * in the browser instead), no <webview>.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // openExternal decides: allow-listed https links open in the browser (normalised), nothing else.
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}
