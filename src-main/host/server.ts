import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_TOKEN_HEADER, isOperationName } from '../../src-shared/api/index.js';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import { RENDERER_CONTENT_TYPES } from '../../src-shared/renderer-delivery.js';
import type { CoreClient } from '../core/service/index.js';
import { contentSecurityPolicy, hostAllowed, isJson, originAllowed, tokensMatch } from './security.js';

export interface BrowserHostOptions {
  core: CoreClient;
  /** Folder with the built renderer (index.html, app.js …). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  maxBodyBytes?: number;
}

export interface BrowserHost {
  readonly port: number;
  readonly token: string;
  /** URL to open: the token travels in the fragment, which browsers never send to a server. */
  readonly url: string;
  close(): Promise<void>;
}

/** The WebSocket carries the token as a subprotocol, since browsers cannot set headers on it. */
export const WS_PROTOCOL_PREFIX = 'inkstone.';

/**
 * Loopback browser host (dev and end-to-end tests only; never packaged): serves the renderer and
 * exposes the API contract as `POST /rpc/<operation>`, with events over one WebSocket at /events.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const maxBody = options.maxBodyBytes ?? 700 * 1024 * 1024;
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  const sockets = new Set<WebSocket>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, reject('INTERNAL'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return send(res, 421, reject('HOST_REJECTED'));
    if (!originAllowed(req, port)) return send(res, 403, reject('ORIGIN_REJECTED'));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/rpc/')) return rpc(req, res, decodeURIComponent(url.pathname.slice(5)));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, reject('METHOD_NOT_ALLOWED'));
    return serveStatic(res, url.pathname);
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    if (!tokensMatch(token, req.headers[HOST_TOKEN_HEADER])) return send(res, 401, reject('TOKEN_REJECTED'));
    if (req.method !== 'POST') return send(res, 405, reject('METHOD_NOT_ALLOWED'));
    if (!isJson(req)) return send(res, 415, reject('CONTENT_TYPE_REJECTED'));
    if (!isOperationName(operation))
      return send(res, 404, { ok: false, error: new InkstoneError('UNKNOWN_OPERATION', { operation: operation.slice(0, 100) }).toJSON() });
    const body = await readBody(req, maxBody);
    if (body === null) return send(res, 413, reject('BODY_TOO_LARGE'));
    let parsed: { input?: unknown; jobId?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8') || '{}') as typeof parsed;
    } catch {
      return send(res, 400, { ok: false, error: new InkstoneError('INVALID_INPUT', { issues: 'body is not JSON' }).toJSON() });
    }
    const jobId = typeof parsed.jobId === 'string' && parsed.jobId.length <= 100 ? parsed.jobId : undefined;
    const result = await options.core.invoke(operation, parsed.input, { jobId });
    send(res, !result.ok && result.error.code === 'INVALID_INPUT' ? 400 : 200, result);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(staticRoot, rel);
    if (!file.startsWith(staticRoot + path.sep)) return send(res, 404, reject('NOT_FOUND'));
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return send(res, 404, reject('NOT_FOUND'));
    res.writeHead(200, {
      'content-type': RENDERER_CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': contentSecurityPolicy(port),
      'referrer-policy': 'no-referrer',
    });
    createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith(WS_PROTOCOL_PREFIX)) ?? false,
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .find((p) => p.startsWith(WS_PROTOCOL_PREFIX));
    const ok =
      url.pathname === '/events' && hostAllowed(req, port) && originAllowed(req, port) && tokensMatch(token, offered?.slice(WS_PROTOCOL_PREFIX.length));
    if (!ok) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = options.core.onEvent((event) => {
    const data = JSON.stringify(event);
    for (const ws of sockets) ws.send(data);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reject(code: ErrorCode) {
  return { ok: false, error: new InkstoneError(code).toJSON() };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': data.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, rejectP) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', rejectP);
  });
}
