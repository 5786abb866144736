// `inkstone tokens list` as a person or a script runs it: a child process that sees one SoftHSM token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { createTestCa, issueCertificate } from './test-pki.js';
import { cliBundle } from '../support/bundles.js';

let token: SoftHsmToken;
let certDer: Uint8Array;

before(async () => {
  token = createSoftHsmToken({ label: '合同签署 Key' });
  token.generateKey({ id: '0a', label: 'signing', type: 'EC:prime256v1' });
  certDer = await issueCertificate(await createTestCa(), token.readPublicKey('0a'), 'CN=赵律师, C=CN');
  token.writeCertificate('0a', 'signing', certDer);
});
after(() => token?.cleanup());

function inkstone(...args: string[]) {
  const res = spawnSync(process.execPath, [cliBundle(), 'tokens', 'list', ...args], { env: token.env, encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

test('--json lists the token, its flags and the certificate as base64 DER', () => {
  const { code, stdout, stderr } = inkstone('--module', SOFTHSM_MODULE, '--json');
  assert.equal(code, 0, stderr);
  const [listing] = JSON.parse(stdout) as Array<{
    module: string;
    slots: Array<{
      token: { label: string; flags: { loginRequired: boolean } } | null;
      keys?: Array<{ id: string; certificate: string; certificateSummary: { subject: string }; privateKey: unknown }>;
    }>;
  }>;
  assert.equal(listing.module, SOFTHSM_MODULE);
  const slot = listing.slots.find((s) => s.token?.label === '合同签署 Key')!;
  assert.equal(slot.token!.flags.loginRequired, true);
  const key = slot.keys!.find((k) => k.id === '0a')!;
  assert.equal(key.certificate, Buffer.from(certDer).toString('base64'));
  assert.match(key.certificateSummary.subject, /赵律师/);
  assert.equal(key.privateKey, null);
});

test('without --module the installed middleware is found, and the listing reads as text', () => {
  const { code, stdout, stderr } = inkstone();
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^SoftHSM 2 — /m);
  assert.match(stdout, /“合同签署 Key”\s+serial [0-9a-f]{16}/);
  assert.match(stdout, /\[0a\] signing {2}ECDSA P-256/);
  assert.match(stdout, /CN=赵律师/);
  assert.match(stdout, /private key: not shown before login/);
});

test('a module that cannot be loaded fails with its code, in the chosen language', () => {
  const { code, stdout, stderr } = inkstone('--module', '/nonexistent/pkcs11.so', '--lang', 'zh-CN');
  assert.equal(code, 3);
  assert.equal(stdout, '');
  assert.match(stderr, /TOKEN_MODULE_LOAD_FAILED: 无法加载 USB Key 驱动程序/);
});
