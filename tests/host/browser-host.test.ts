import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
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

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
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

const uploadHeaders = (name: string) => ({ ...good(), 'content-type': 'application/octet-stream', 'x-inkstone-file-name': encodeURIComponent(name) });
const upload = (bytes: Buffer, headers: Record<string, string>) => request({ path: '/upload', headers, body: bytes });
async function uploadOk(bytes: Buffer, name: string): Promise<string> {
  const r = await upload(bytes, uploadHeaders(name));
  assert.equal(r.status, 200, r.text);
  return (r.body.value as { uploadId: string }).uploadId;
}
/** Files the host holds for this data folder's core (uploads and offered downloads). */
function heldFiles(): string[] {
  const root = path.join(running.dataDir, 'transfers');
  return existsSync(root)
    ? readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
}

test('files stream through /upload and /files/<id>: the token is required, the size is capped before reading, nothing is left from a refusal', async () => {
  const held = heldFiles().length;
  const pdf = Buffer.from(await makeTextPdf({ title: '租赁合同', lines: ['租金条款'] }));
  assert.equal((await upload(pdf, { ...uploadHeaders('a.pdf'), 'x-inkstone-token': 'wrong' })).status, 401);
  assert.equal((await upload(pdf, { ...uploadHeaders('a.pdf'), 'content-type': 'application/json' })).status, 415);
  assert.equal((await upload(pdf, { ...good(), 'content-type': 'application/octet-stream' })).status, 400, 'a name is required');
  const huge = await request({ path: '/upload', headers: { ...uploadHeaders('huge.pdf'), 'content-length': String(129 * 1024 * 1024) } });
  assert.equal(huge.status, 413);
  assert.equal(huge.body.error?.code, 'BODY_TOO_LARGE');
  assert.equal(heldFiles().length, held, 'no refused upload leaves a file');

  const uploadId = await uploadOk(pdf, '租赁合同.pdf');
  const imported = await request({ path: '/rpc/library.import', headers: good(), body: JSON.stringify({ input: { files: [{ uploadId }] } }) });
  const contractId = (imported.body.value as { outcomes: Array<{ contractId: string }> }).outcomes[0].contractId;
  const contract = await request({ path: '/rpc/contracts.get', headers: good(), body: JSON.stringify({ input: { id: contractId } }) });
  const versionId = (contract.body.value as { documents: Array<{ versions: Array<{ id: string; name: string }> }> }).documents[0].versions[0].id;
  assert.equal(heldFiles().length, held, 'an imported upload is let go');
  const again = await request({ path: '/rpc/library.import', headers: good(), body: JSON.stringify({ input: { files: [{ uploadId }] } }) });
  assert.equal(again.body.error?.code, 'TRANSFER_NOT_FOUND');

  const offered = await request({ path: '/rpc/documents.read', headers: good(), body: JSON.stringify({ input: { versionId } }) });
  const file = offered.body.value as { fileId: string; name: string; bytes: number };
  assert.equal(file.name, '租赁合同.pdf');
  assert.equal(file.bytes, pdf.length);
  const get = (id: string, token = running.host.token) =>
    request({ method: 'GET', path: `/files/${id}`, headers: { host: `127.0.0.1:${running.host.port}`, 'x-inkstone-token': token } });
  assert.equal((await get(file.fileId, 'wrong')).status, 401);
  assert.equal((await get('0'.repeat(32))).status, 404);
  assert.equal((await get('..%2F..%2Fsecret.txt')).status, 404);
  const body = await new Promise<Buffer>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: running.host.port, path: `/files/${file.fileId}`, headers: { 'x-inkstone-token': running.host.token } }, (res) => {
        assert.equal(res.headers['content-type'], 'application/octet-stream');
        assert.match(String(res.headers['content-disposition']), /^attachment; filename\*=UTF-8''/);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      })
      .on('error', reject);
  });
  assert.deepEqual(body, pdf);
});

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
  const pdf = Buffer.from(await makeTextPdf({ title: 'Lease', lines: ['Rent review clause'] }));
  const files = [{ uploadId: await uploadOk(pdf, 'lease.pdf') }, { uploadId: await uploadOk(Buffer.from('nope'), 'x.pdf') }];
  const r = await request({ path: '/rpc/library.import', headers: good(), body: JSON.stringify({ jobId: 'job-1', input: { files } }) });
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
