// `inkstone tokens csr` and `inkstone tokens import-cert` through the bundled CLI, on SoftHSM.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listTokenKeys } from '../../src-main/core/tokens/index.js';
import { cliBundle } from '../support/bundles.js';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { createTestCa, issueCertificate } from '../tokens/test-pki.js';

let dir: string;
let token: SoftHsmToken;
let serial: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-cli-csr-'));
  token = createSoftHsmToken({ label: 'CLI 申请' });
  serial = (await listTokenKeys({ module: SOFTHSM_MODULE, token: { label: 'CLI 申请' } })).token.serial;
});
after(() => {
  token?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function inkstone(args: string[], input: string) {
  const res = spawnSync(process.execPath, [cliBundle(), '--lang', 'zh-CN', 'tokens', ...args], { env: token.env, encoding: 'utf8', input });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

test('csr writes a request openssl verifies; import-cert stores the issued certificate beside the key', async () => {
  const out = path.join(dir, 'company.csr');
  const made = inkstone(
    [
      'csr',
      '--module',
      SOFTHSM_MODULE,
      '--serial',
      serial,
      '--key-type',
      'P-256',
      '--cn',
      '墨石律师事务所',
      '--o',
      '墨石律师事务所',
      '--credit-code',
      '91350100M000100Y43',
      '--out',
      out,
      '--pin-stdin',
      '--json',
    ],
    `${token.pin}\n`,
  );
  assert.equal(made.code, 0, made.stderr);
  const { keyId } = JSON.parse(made.stdout) as { keyId: string };
  assert.equal(spawnSync('openssl', ['req', '-in', out, '-noout', '-verify']).status, 0);

  const spki = Buffer.from(
    execFileSync('openssl', ['req', '-in', out, '-noout', '-pubkey'])
      .toString()
      .replace(/-----[^-]+-----|\s/g, ''),
    'base64',
  );
  const cert = path.join(dir, 'company.cer');
  writeFileSync(cert, await issueCertificate(await createTestCa(), spki, 'CN=墨石律师事务所, C=CN'));
  const imported = inkstone(['import-cert', '--module', SOFTHSM_MODULE, '--serial', serial, '--pin-stdin', cert], `${token.pin}\n`);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stdout, `已在密钥 ${keyId} 旁存入 1 个证书\n`);

  const wrongPin = inkstone(['import-cert', '--module', SOFTHSM_MODULE, '--serial', serial, '--pin-stdin', cert], '000000\n');
  assert.notEqual(wrongPin.code, 0);
  assert.equal(wrongPin.stderr.includes('000000'), false, 'the PIN is never echoed');
});

test('without --pin-stdin there is no PIN and nothing is made', () => {
  const r = inkstone(['csr', '--module', SOFTHSM_MODULE, '--serial', serial, '--cn', 'x', '--out', path.join(dir, 'x.csr')], '');
  assert.equal(r.code, 64);
});
