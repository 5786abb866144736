import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { TRANSFER_ROUTES } from '../../src-shared/api/index.js';
import type { CoreClient } from '../core/service/index.js';
import { RENDERER_CONTENT_TYPES } from '../../src-shared/renderer-delivery.js';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';

/** Must run before the app is ready: app:// behaves like https (origin, fetch, secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Resolve a request path inside the renderer folder, or null if it would leave it. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/** A file an operation offered (core/transfers), streamed from disk: `app://inkstone/files/<id>`. */
async function serveDownload(core: CoreClient | null, id: string): Promise<Response> {
  const opened = core ? await core.transfers.openDownload(id) : null;
  if (!opened?.ok) return notFound();
  const body = Readable.toWeb(createReadStream(opened.value.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(opened.value.size),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}

/** Serve the built renderer on app://inkstone/, with the same CSP the browser host sends, and offered files. */
export function serveRenderer(rendererDir: string, core: () => CoreClient | null): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return notFound();
    if (url.pathname.startsWith(TRANSFER_ROUTES.download)) return serveDownload(core(), url.pathname.slice(TRANSFER_ROUTES.download.length));
    const file = resolveInside(root, url.pathname);
    if (!file) return notFound();
    const body = await readFile(file).catch(() => null);
    if (!body) return notFound();
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': RENDERER_CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      },
    });
  });
}
