import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEvidenceService } from '../../src-evidence/service.js';
import { createHttpApp } from '../../src-evidence/http/server.js';

/** `serve --tls-cert/--tls-key`: the same API over HTTPS. */
test('the service serves HTTPS with the configured certificate', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const service = await openEvidenceService({ dataDir: dir, manualIntegration: true });
  const { app } = await createHttpApp(service, { version: 'test', logger: false, tls: { cert: readFileSync(cert), key: readFileSync(key) } });
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    assert.match(url, /^https:/u);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${url}/healthz`, { ca: readFileSync(cert) }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    assert.equal(JSON.parse(body).origin, service.ctx.identity.origin);
    // Plain HTTP to the TLS port gets nothing useful.
    await assert.rejects(fetch(url.replace('https:', 'http:') + '/healthz').then((r) => r.json()));
  } finally {
    await app.close();
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
