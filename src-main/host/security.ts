import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { rendererContentSecurityPolicy } from '../../src-shared/renderer-delivery.js';

/**
 * The browser host's gatekeeping, kept apart from routing so each rule can be read and tested on
 * its own. The host only ever listens on 127.0.0.1, but any web page the person visits can reach
 * loopback too: the token stops a page that does not know it, the Host check stops DNS rebinding
 * (evil.example resolving to 127.0.0.1), and the Origin check stops cross-site form posts.
 */
export function tokensMatch(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string' || !presented) return false;
  // Hash both so the comparison is constant-time regardless of length.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowedHosts(port).has(host.toLowerCase());
}

/** No Origin (same-origin fetch from some clients, or curl) is fine; a foreign one never is. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return [...allowedHosts(port)].some((h) => origin === `http://${h}`);
}

export function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/json(\s*;\s*charset=utf-8)?$/i.test(type.trim());
}

export function contentSecurityPolicy(port: number): string {
  return rendererContentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}
