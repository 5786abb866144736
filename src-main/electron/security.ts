import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { rendererContentSecurityPolicy } from '../../src-shared/renderer-delivery.js';

/** The renderer's origin: a privileged, standard, secure custom scheme served by protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inkstone';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Links the app may open in the person's browser: documentation only, and only over https. */
const EXTERNAL_ALLOWLIST = ['https://docs.inkstone.app/', 'https://inkstone.app/'];

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

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_ALLOWLIST.some((prefix) => u.href.startsWith(prefix));
  } catch {
    return false;
  }
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
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}
