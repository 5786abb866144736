import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_TOKEN_HEADER, isOperationName, operations, TRANSFER_ROUTES } from '../../src-shared/api/index.js';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import { RENDERER_CONTENT_TYPES } from '../../src-shared/renderer-delivery.js';
import type { CoreClient } from '../core/service/index.js';
import { receiveUpload, sendDownload } from './file-transfers.js';
import { declaredTooLarge, parseRpcBody, readBody } from './request-body.js';
import { contentSecurityPolicy, hostAllowed, isJson, originAllowed, tokensMatch } from './security.js';

export interface BrowserHostOptions {
  core: CoreClient;
  /** Folder with the built renderer (index.html, app.js …). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
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
 * exposes the API contract as `POST /rpc/<operation>`, with events over one WebSocket at /events and
 * files streamed through `POST /upload` and `GET /files/<id>` (file-transfers.ts).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
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
    const url = URL.parse(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url) return send(res, 404, reject('NOT_FOUND'));
    if (url.pathname.startsWith('/rpc/')) return rpc(req, res, operationName(url.pathname.slice(5)));
    if (url.pathname === TRANSFER_ROUTES.upload || url.pathname.startsWith(TRANSFER_ROUTES.download)) {
      if (!tokensMatch(token, req.headers[HOST_TOKEN_HEADER])) return send(res, 401, reject('TOKEN_REJECTED'));
      const answer = (status: number, body: unknown) => send(res, status, body);
      if (url.pathname === TRANSFER_ROUTES.upload) return receiveUpload(req, options.core, answer);
      return sendDownload(res, url.pathname.slice(TRANSFER_ROUTES.download.length), options.core, answer);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, reject('METHOD_NOT_ALLOWED'));
    return serveStatic(res, url.pathname);
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    if (!tokensMatch(token, req.headers[HOST_TOKEN_HEADER])) return send(res, 401, reject('TOKEN_REJECTED'));
    if (req.method !== 'POST') return send(res, 405, reject('METHOD_NOT_ALLOWED'));
    if (!isJson(req)) return send(res, 415, reject('CONTENT_TYPE_REJECTED'));
    if (!isOperationName(operation))
      return send(res, 404, { ok: false, error: new InkstoneError('UNKNOWN_OPERATION', { operation: operation.slice(0, 100) }).toJSON() });
    // The cap is the operation's own, known from the URL before a byte of the body is read.
    const limit = operations[operation].maxBodyBytes;
    const tooLarge = () => send(res, 413, { ok: false, error: new InkstoneError('BODY_TOO_LARGE', { limitBytes: limit }).toJSON() });
    if (declaredTooLarge(req, limit)) return tooLarge();
    const read = await readBody(req, limit);
    if (!read.ok) return read.reason === 'too-large' ? tooLarge() : undefined;
    const parsed = parseRpcBody(read.body);
    if (!parsed.ok) return send(res, 400, { ok: false, error: new InkstoneError('INVALID_INPUT', { issues: parsed.issue, operation }).toJSON() });
    const result = await options.core.invoke(operation, parsed.input, { jobId: parsed.jobId });
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
    const url = URL.parse(req.url ?? '/', `http://127.0.0.1:${port}`);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .find((p) => p.startsWith(WS_PROTOCOL_PREFIX));
    const ok =
      url?.pathname === '/events' && hostAllowed(req, port) && originAllowed(req, port) && tokensMatch(token, offered?.slice(WS_PROTOCOL_PREFIX.length));
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

/** `/rpc/<name>`: a name that is not valid percent-encoding is simply no operation's name. */
function operationName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * Answer with JSON. A refusal sent before the request's body was read closes the connection, so
 * the client cannot go on streaming a body that nobody wants (Node would otherwise read it to the
 * end to keep the connection alive).
 */
function send(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  const unread = !res.req.complete;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': data.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(unread ? { connection: 'close' } : {}),
  });
  res.end(data, () => {
    if (unread) res.req.socket.destroy();
  });
}
