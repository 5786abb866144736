import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { WS_PROTOCOL_PREFIX } from '../../src-main/host/server.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { useRunningHost } from './support/running-host.js';

const running = useRunningHost('inkstone-host', ({ dataDir }) => writeFileSync(path.join(dataDir, 'secret.txt'), 'do not serve'));

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { ok?: boolean; value?: unknown; error?: { code: string } } & Record<string, unknown>;
  text: string;
}

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: running.host.port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body = {};
        try {
          body = JSON.parse(text);
        } catch {
          // static files are not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const good = () => ({ host: `127.0.0.1:${running.host.port}`, 'content-type': 'application/json', 'x-inkstone-token': running.host.token });
const createContract = (headers: Record<string, string>, title = 'Probe') =>
  request({ path: '/rpc/contracts.create', headers, body: JSON.stringify({ input: { title } }) });
async function contractCount(): Promise<number> {
  const r = await request({ path: '/rpc/contracts.search', headers: good(), body: JSON.stringify({ input: {} }) });
  return (r.body.value as { total: number }).total;
}

test('a valid call with the token runs the operation', async () => {
  const before = await contractCount();
  const r = await createContract(good(), '委托代理合同');
  assert.equal(r.status, 200);
  assert.equal(r.body.ok, true);
  assert.equal((r.body.value as { title: string }).title, '委托代理合同');
  assert.equal(await contractCount(), before + 1);
  assert.equal(r.headers['access-control-allow-origin'], undefined, 'no CORS headers');
});

const refusals: Array<[string, () => Record<string, string>, number, string]> = [
  ['no token', () => ({ ...good(), 'x-inkstone-token': '' }), 401, 'TOKEN_REJECTED'],
  ['a wrong token', () => ({ ...good(), 'x-inkstone-token': 'f'.repeat(64) }), 401, 'TOKEN_REJECTED'],
  ['a token one character short', () => ({ ...good(), 'x-inkstone-token': running.host.token.slice(0, -1) }), 401, 'TOKEN_REJECTED'],
  ['a foreign Host (DNS rebinding)', () => ({ ...good(), host: `evil.example:${running.host.port}` }), 421, 'HOST_REJECTED'],
  ['a foreign Origin (cross-site request)', () => ({ ...good(), origin: 'https://evil.example' }), 403, 'ORIGIN_REJECTED'],
  ['a look-alike Origin on another port', () => ({ ...good(), origin: `http://127.0.0.1:${running.host.port + 1}` }), 403, 'ORIGIN_REJECTED'],
  ['a form content type', () => ({ ...good(), 'content-type': 'application/x-www-form-urlencoded' }), 415, 'CONTENT_TYPE_REJECTED'],
  ['text/plain (simple CORS request)', () => ({ ...good(), 'content-type': 'text/plain' }), 415, 'CONTENT_TYPE_REJECTED'],
];

for (const [what, headers, status, code] of refusals) {
  test(`a request with ${what} is refused with ${status} and nothing runs`, async () => {
    const before = await contractCount();
    const r = await createContract(headers(), 'Should not exist');
    assert.equal(r.status, status);
    assert.equal(r.body.error?.code, code);
    assert.equal(await contractCount(), before);
  });
}

test('an unknown operation is 404 and invalid input is 400, with typed errors', async () => {
  const unknown = await request({ path: '/rpc/contracts.dropAll', headers: good(), body: '{}' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error?.code, 'UNKNOWN_OPERATION');
  const before = await contractCount();
  const invalid = await request({ path: '/rpc/contracts.create', headers: good(), body: JSON.stringify({ input: { title: '' } }) });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.error?.code, 'INVALID_INPUT');
  const badId = await request({ path: '/rpc/contracts.get', headers: good(), body: JSON.stringify({ input: { id: '../../etc/passwd' } }) });
  assert.equal(badId.status, 400);
  const notJson = await request({ path: '/rpc/contracts.create', headers: good(), body: '{title:' });
  assert.equal(notJson.status, 400);
  assert.equal(await contractCount(), before);
});

test('RPC needs POST', async () => {
  const r = await request({ method: 'GET', path: '/rpc/contracts.search', headers: good() });
  assert.equal(r.status, 405);
});

test('static files are served with a strict CSP, and nothing outside the renderer folder', async () => {
  const page = await request({ method: 'GET', path: '/', headers: { host: `127.0.0.1:${running.host.port}` } });
  assert.equal(page.status, 200);
  // WebAssembly for pdf.js's image decoders, and still no eval or inline script.
  assert.match(String(page.headers['content-security-policy']), /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(String(page.headers['content-security-policy']), /'unsafe-eval'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  for (const p of [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    `/${path.relative(running.staticDir, path.join(running.dataDir, 'secret.txt'))}`,
  ]) {
    const r = await request({ method: 'GET', path: p, headers: { host: `127.0.0.1:${running.host.port}` } });
    assert.equal(r.status, 404, p);
    assert.doesNotMatch(r.text, /do not serve/);
  }
  const rebinding = await request({ method: 'GET', path: '/', headers: { host: 'attacker.example' } });
  assert.equal(rebinding.status, 421);
});

function openSocket(protocol: string | undefined, origin?: string, hostHeader?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${running.host.port}/events`, protocol ? [protocol] : [], {
      ...(origin ? { origin } : {}),
      ...(hostHeader ? { headers: { host: hostHeader } } : {}),
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
  });
}

test('the event socket refuses a missing or wrong token and a foreign origin', async () => {
  await assert.rejects(openSocket(undefined), /401/);
  await assert.rejects(openSocket(`${WS_PROTOCOL_PREFIX}wrong`), /401/);
  await assert.rejects(openSocket(`${WS_PROTOCOL_PREFIX}${running.host.token}`, 'https://evil.example'), /401/);
});

test('the event socket refuses a foreign Host even with the right token (DNS rebinding)', async () => {
  const token = `${WS_PROTOCOL_PREFIX}${running.host.token}`;
  await assert.rejects(openSocket(token, undefined, `evil.example:${running.host.port}`), /401/);
  await assert.rejects(openSocket(token, undefined, `127.0.0.1:${running.host.port + 1}`), /401/);
  const ok = await openSocket(token, undefined, `localhost:${running.host.port}`);
  ok.close();
});

test('progress and change events reach the socket during a long-running import', async () => {
  const ws = await openSocket(`${WS_PROTOCOL_PREFIX}${running.host.token}`);
  const events: Array<{ type: string; jobId?: string; done?: number; total?: number }> = [];
  ws.on('message', (m) => events.push(JSON.parse(String(m))));
  const pdf = Buffer.from(await makeTextPdf({ title: 'Lease', lines: ['Rent review clause'] })).toString('base64');
  const r = await request({
    path: '/rpc/library.import',
    headers: good(),
    body: JSON.stringify({
      jobId: 'job-1',
      input: {
        files: [
          { name: 'lease.pdf', dataBase64: pdf },
          { name: 'x.pdf', dataBase64: Buffer.from('nope').toString('base64') },
        ],
      },
    }),
  });
  assert.equal(r.status, 200);
  const outcomes = (r.body.value as { outcomes: Array<{ ok: boolean; error?: { code: string } }> }).outcomes;
  assert.deepEqual(
    outcomes.map((o) => o.ok),
    [true, false],
  );
  assert.equal(outcomes[1].error?.code, 'IMPORT_NOT_PDF');
  await new Promise((res) => setTimeout(res, 100));
  ws.close();
  const progress = events.filter((e) => e.type === 'progress' && e.jobId === 'job-1');
  assert.deepEqual(
    progress.map((e) => [e.done, e.total]),
    [
      [1, 2],
      [2, 2],
    ],
  );
  assert.ok(events.some((e) => e.type === 'library.changed'));
});
