import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { jsonDeeperThan, MAX_JSON_DEPTH } from '../../src-main/host/request-body.js';
import { operations } from '../../src-shared/api/index.js';
import { useRunningHost } from './support/running-host.js';

/**
 * What a request may cost the host: malformed or hostile requests get a 4xx with a typed error —
 * never a 500 — and a body over its operation's cap is refused without being read.
 */
const running = useRunningHost('inkstone-limits');

interface RawReply {
  status: number;
  code: string | undefined;
  /** Body bytes the client managed to hand to its socket before the answer came or the host hung up. */
  sent: number;
}

/**
 * A raw HTTP/1.1 request whose body is `total` bytes of `fill`, written in 1 MiB chunks for as long as
 * the host keeps reading: with a Content-Length, or chunked (no length declared up front).
 */
function rawRequest(opts: { path: string; token?: string; total?: number; chunked?: boolean; body?: string; fill?: string }): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(running.host.port, '127.0.0.1');
    const total = opts.body !== undefined ? Buffer.byteLength(opts.body) : (opts.total ?? 0);
    const head = [
      `POST ${opts.path} HTTP/1.1`,
      `host: 127.0.0.1:${running.host.port}`,
      'content-type: application/json',
      ...(opts.token ? [`x-inkstone-token: ${opts.token}`] : []),
      opts.chunked ? 'transfer-encoding: chunked' : `content-length: ${total}`,
      '',
      '',
    ].join('\r\n');
    let response = '';
    let sent = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
      if (!status) return;
      settled = true;
      const json = response.slice(response.indexOf('\r\n\r\n') + 4);
      let code: string | undefined;
      try {
        code = (JSON.parse(json) as { error?: { code: string } }).error?.code;
      } catch {
        code = undefined;
      }
      socket.destroy();
      resolve({ status, code, sent });
    };
    socket.on('data', (d: Buffer) => {
      response += d.toString('utf8');
      if (/\r\n\r\n[\s\S]*\}\s*$/.test(response)) finish();
    });
    socket.on('close', () => {
      finish();
      if (!settled) reject(new Error(`connection closed without an answer after ${sent} bytes`));
    });
    socket.on('error', () => undefined);
    socket.write(head);
    if (opts.body !== undefined) {
      socket.write(opts.chunked ? `${total.toString(16)}\r\n${opts.body}\r\n0\r\n\r\n` : opts.body);
      sent = total;
      return;
    }
    const chunk = Buffer.alloc(1024 * 1024, opts.fill ?? ' ');
    const pump = () => {
      while (!settled && !socket.destroyed && sent < total) {
        const framed = opts.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
        sent += chunk.length;
        if (!socket.write(framed)) return void socket.once('drain', pump);
      }
      if (sent >= total && opts.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

const MiB = 1024 * 1024;

test('bad percent-encoding in the operation name is a 4xx, before and after the token check', async () => {
  const anonymous = await rawRequest({ path: '/rpc/%E0%A4%A', body: '{}' });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.code, 'TOKEN_REJECTED');
  const authenticated = await rawRequest({ path: '/rpc/contracts.%ZZsearch', token: running.host.token, body: '{}' });
  assert.equal(authenticated.status, 404);
  assert.equal(authenticated.code, 'UNKNOWN_OPERATION');
});

test('a body that is JSON but not an object is refused with 400', async () => {
  for (const body of ['null', '[]', '"input"', '42', 'true']) {
    const r = await rawRequest({ path: '/rpc/contracts.search', token: running.host.token, body });
    assert.equal(r.status, 400, body);
    assert.equal(r.code, 'INVALID_INPUT', body);
  }
});

test('JSON nested 200,000 deep is refused with 400, and the host keeps answering', async () => {
  for (const [open, close] of [
    ['[', ']'],
    ['{"":', '}'],
  ]) {
    const deep = `{"input":${open.repeat(200_000)}1${close.repeat(200_000)}}`;
    const r = await rawRequest({ path: '/rpc/contracts.search', token: running.host.token, body: deep });
    assert.equal(r.status, 400);
    assert.equal(r.code, 'INVALID_INPUT');
  }
  const ok = await rawRequest({ path: '/rpc/contracts.search', token: running.host.token, body: '{"input":{}}' });
  assert.equal(ok.status, 200);
});

test('nesting is measured outside strings only', () => {
  assert.equal(jsonDeeperThan(`{"a":"${'['.repeat(1000)}"}`, MAX_JSON_DEPTH), false);
  assert.equal(jsonDeeperThan(`{"a":"\\"${'['.repeat(1000)}"}`, MAX_JSON_DEPTH), false);
  assert.equal(jsonDeeperThan(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, MAX_JSON_DEPTH), false);
  assert.equal(jsonDeeperThan(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, MAX_JSON_DEPTH), true);
});

test('an authenticated 300 MiB body is refused with 413 from its declared length, without being read', async () => {
  assert.ok(operations['verify.document'].maxBodyBytes < 300 * MiB);
  const rss = process.memoryUsage().rss;
  const r = await rawRequest({ path: '/rpc/verify.document', token: running.host.token, total: 300 * MiB });
  assert.equal(r.status, 413);
  assert.equal(r.code, 'BODY_TOO_LARGE');
  // Only what sat in socket buffers before the host hung up, not 300 MiB.
  assert.ok(r.sent < 64 * MiB, `sent ${r.sent} bytes`);
  assert.ok(process.memoryUsage().rss - rss < 100 * MiB);
});

test('a chunked body is cut off at its operation cap', async () => {
  const cap = operations['contracts.search'].maxBodyBytes;
  const r = await rawRequest({ path: '/rpc/contracts.search', token: running.host.token, total: 300 * MiB, chunked: true });
  assert.equal(r.status, 413);
  assert.equal(r.code, 'BODY_TOO_LARGE');
  assert.ok(r.sent < cap + 64 * MiB, `sent ${r.sent} bytes`);
});

test('an 8 MB contracts.search of 1,000,000 bad statuses fails fast with a small error', async () => {
  const input = JSON.stringify({ input: { status: new Array(1_000_000).fill('closed') } });
  assert.ok(input.length > 8 * MiB);
  const started = performance.now();
  const r = await rawRequest({ path: '/rpc/contracts.search', token: running.host.token, body: input });
  const took = performance.now() - started;
  assert.equal(r.status, 413);
  assert.ok(took < 2000, `${took} ms`);
});

test('an unauthenticated body is not read either', async () => {
  const r = await rawRequest({ path: '/rpc/verify.document', total: 300 * MiB, chunked: true });
  assert.equal(r.status, 401);
  assert.ok(r.sent < 64 * MiB, `sent ${r.sent} bytes`);
});
