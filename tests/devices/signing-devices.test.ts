// The signing devices listing through the core service, on a real SoftHSM token read in the device
// thread: slots, tokens, certificates with their facts and problems, references that open the key
// again, remembered module paths and PKCS#12 files (passwords never stored), hot-plug events.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { openPkcs11Signer, openPkcs12Signer } from '../../src-main/core/tokens/index.js';
import type { CoreEvent, DeviceCertificate, DeviceInventory, Pkcs12Entry } from '../../src-shared/api/index.js';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { upload } from '../support/uploads.js';
import { createTestCa, issueCertificate, softwareKeyPair, type TestCa } from '../tokens/test-pki.js';

const LABEL = '墨石签名 Key';
let dir: string;
let token: SoftHsmToken;
let ca: TestCa;
let stranger: TestCa;
let core: CoreService;
const events: CoreEvent[] = [];

async function call<T>(operation: string, input: unknown = {}): Promise<T> {
  const r = await core.invoke(operation, input);
  if (!r.ok) throw Object.assign(new Error(`${operation}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value as T;
}

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-devices-'));
  token = createSoftHsmToken({ label: LABEL });
  ca = await createTestCa();
  token.generateKey({ id: '0a', label: 'signing', type: 'rsa:2048' });
  token.writeCertificate('0a', 'signing cert', await issueCertificate(ca, token.readPublicKey('0a'), 'CN=张律师, OU=合同部, O=墨石律师事务所, C=CN'));
  token.generateKey({ id: '0b', label: 'orphan', type: 'EC:prime256v1' });
  // Certified by a CA neither on the token nor trusted: its chain cannot be completed.
  stranger = await createTestCa('CN=Unknown CA, C=CN');
  token.writeCertificate('0b', 'orphan cert', await issueCertificate(stranger, token.readPublicKey('0b'), 'CN=李律师, O=墨石律师事务所, C=CN'));
  token.writeCertificate('ca', 'Test CA', ca.der);
  core = createCoreService({ dataDir: dir, log: () => undefined });
  core.onEvent((e) => events.push(e));
});

after(async () => {
  core?.close();
  token?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const softhsmToken = (inv: DeviceInventory) => {
  const module = inv.modules.find((m) => m.path === SOFTHSM_MODULE);
  assert.ok(module, `SoftHSM listed among ${inv.modules.map((m) => m.path).join(', ')}`);
  return module.slots.find((s) => s.token?.label === LABEL)?.token;
};

describe('listing', () => {
  test('every slot, token and certificate of the SoftHSM module, with facts a person checks', async () => {
    const inv = await call<DeviceInventory>('devices.list');
    const module = inv.modules.find((m) => m.path === SOFTHSM_MODULE)!;
    assert.equal(module.middleware, 'SoftHSM 2');
    assert.equal(module.error, undefined);
    // SoftHSM always offers one more slot with an uninitialised token.
    assert.ok(module.slots.some((s) => s.token && !s.token.initialized));
    const t = softhsmToken(inv)!;
    assert.equal(t.loginRequired, true);
    const signing = t.certificates.find((c) => c.label === 'signing cert') as DeviceCertificate;
    assert.deepEqual(signing.subject, {
      text: 'C=CN, O=墨石律师事务所, OU=合同部, CN=张律师',
      commonName: '张律师',
      organization: '墨石律师事务所',
      organizationalUnit: '合同部',
    });
    assert.equal(signing.issuer.commonName, 'Inkstone 测试根证书');
    assert.equal(signing.keyType, 'RSA');
    assert.equal(signing.keyBits, 2048);
    assert.deepEqual(signing.keyUsage, ['digitalSignature', 'nonRepudiation']);
    assert.ok(signing.daysLeft >= 363 && signing.daysLeft <= 365, String(signing.daysLeft));
    // Private keys are hidden until the PIN: where the key lives is said as unknown, not guessed.
    assert.equal(signing.keyStorage, 'token-hidden');
    assert.deepEqual(signing.problems, []);
    assert.deepEqual(signing.ref, { kind: 'pkcs11', module: SOFTHSM_MODULE, tokenSerial: t.serial, tokenLabel: LABEL, keyId: '0a' });

    const orphan = t.certificates.find((c) => c.label === 'orphan cert')!;
    assert.equal(orphan.keyType, 'EC');
    assert.equal(orphan.curve, 'P-256');
    assert.deepEqual(orphan.problems, ['chainIncomplete']);
    const caOnToken = t.certificates.find((c) => c.isCa)!;
    assert.equal(caOnToken.ref, null, 'a CA certificate is not something to sign with');
  });

  test('a certificate reference opens the same key again and signs', async () => {
    const inv = await call<DeviceInventory>('devices.list');
    const cert = softhsmToken(inv)!.certificates.find((c) => c.label === 'signing cert')!;
    const ref = cert.ref!;
    assert.equal(ref.kind, 'pkcs11');
    if (ref.kind !== 'pkcs11') return;
    const signer = await openPkcs11Signer({ module: ref.module, token: { serial: ref.tokenSerial }, key: { id: ref.keyId }, pin: token.pin });
    try {
      assert.equal(Buffer.from(signer.certificate).toString('hex').length > 0, true);
      assert.equal(signer.assurance, 'hardware-token');
      const sig = await signer.sign(Buffer.from('合同'), { kind: 'rsa-pkcs1', hash: 'SHA-256' });
      assert.equal(sig.length, 256);
    } finally {
      await signer.close();
    }
  });

  test('a CA the person trusts completes a chain the token lacks', async () => {
    await call('verify.trust.import', { uploadId: await upload(core, pem(stranger.der), 'unknown-ca.pem') });
    const inv = await call<DeviceInventory>('devices.list');
    const orphan = softhsmToken(inv)!.certificates.find((c) => c.label === 'orphan cert')!;
    assert.deepEqual(orphan.problems, []);
    const trusted = await call<{ certificates: Array<{ sha256: string }> }>('verify.trust.list');
    await call('verify.trust.remove', { sha256: trusted.certificates[0].sha256 });
  });
});

describe('modules and files the person adds', () => {
  test('a module path must be a full path to an existing file; a file that is no module shows its error', async () => {
    await assert.rejects(call('devices.addModule', { path: 'libfoo.so' }), { code: 'DEVICE_PATH_NOT_ABSOLUTE' });
    await assert.rejects(call('devices.addModule', { path: path.join(dir, 'missing.so') }), { code: 'DEVICE_FILE_NOT_FOUND' });
    const bogus = path.join(dir, 'not-a-module.so');
    writeFileSync(bogus, 'not a shared library');
    const inv = await call<DeviceInventory>('devices.addModule', { path: bogus });
    const added = inv.modules.find((m) => m.path === bogus)!;
    assert.equal(added.userAdded, true);
    assert.equal(added.error?.code, 'TOKEN_MODULE_LOAD_FAILED');
    // Remembered in settings, for the next start.
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).pkcs11Modules, [bogus]);
    const removed = await call<DeviceInventory>('devices.removeModule', { path: bogus });
    assert.equal(
      removed.modules.some((m) => m.path === bogus),
      false,
    );
    await assert.rejects(call('devices.removeModule', { path: bogus }), { code: 'DEVICE_NOT_REMEMBERED' });
  });

  test('settings.update cannot write module or file paths (only devices.* checks them)', async () => {
    const r = await core.invoke('settings.update', { pkcs11Modules: ['/tmp/evil.so'] });
    assert.equal(!r.ok && r.error.code, 'INVALID_INPUT');
  });

  test('a remembered PKCS#12 file: listed without its password, opened with it, password never stored', async () => {
    const key = softwareKeyPair('P-256');
    const cert = await issueCertificate(ca, key.spki, 'CN=王律师, O=墨石律师事务所, C=CN');
    const base = path.join(dir, 'wang');
    writeFileSync(`${base}.key`, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(`${base}.crt`, pem(cert));
    writeFileSync(`${base}.ca`, pem(ca.der));
    const password = '合同密码2026';
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        `${base}.key`,
        '-in',
        `${base}.crt`,
        '-certfile',
        `${base}.ca`,
        '-out',
        `${base}.p12`,
        '-passout',
        `pass:${password}`,
        '-name',
        '王律师',
      ],
      { stdio: 'pipe' },
    );

    const inv = await call<DeviceInventory>('devices.rememberPkcs12', { path: `${base}.p12` });
    const listed = inv.pkcs12Files.find((f) => f.path === `${base}.p12`)!;
    assert.deepEqual(
      { present: listed.present, needsPassword: listed.needsPassword, certificates: listed.certificates },
      { present: true, needsPassword: true, certificates: [] },
    );

    await assert.rejects(call('devices.openPkcs12', { path: `${base}.p12`, password: 'wrong' }), { code: 'TOKEN_PKCS12_PASSWORD_INCORRECT' });
    const opened = await call<Pkcs12Entry>('devices.openPkcs12', { path: `${base}.p12`, password });
    const own = opened.certificates.find((c) => c.ref !== null)!;
    assert.equal(own.subject.commonName, '王律师');
    assert.equal(own.keyStorage, 'file');
    assert.deepEqual(own.problems, []);
    assert.deepEqual(own.ref, { kind: 'pkcs12', path: `${base}.p12`, keyLabel: '王律师' });
    assert.equal(opened.certificates.filter((c) => c.isCa).length, 1);
    const stored = readFileSync(path.join(dir, 'settings.json'), 'utf8');
    assert.equal(stored.includes(password), false);
    assert.deepEqual(JSON.parse(stored).pkcs12Files, [`${base}.p12`]);

    // The reference opens the key (the signing dialog asks the password again).
    const ref = own.ref!;
    if (ref.kind !== 'pkcs12') return;
    const signer = await openPkcs12Signer({ file: ref.path, keyLabel: ref.keyLabel, password });
    assert.equal(signer.assurance, 'software-key');
    await signer.close();

    const forgotten = await call<DeviceInventory>('devices.forgetPkcs12', { path: `${base}.p12` });
    assert.deepEqual(forgotten.pkcs12Files, []);
  });
});

describe('证书申请 through the core (device thread)', () => {
  test('a request made on the token, the certificate imported from a picked file, listed with its reference and no problems', async () => {
    const inv = await call<DeviceInventory>('devices.list');
    const t = softhsmToken(inv)!;
    const tokenAddress = { module: SOFTHSM_MODULE, tokenSerial: t.serial, tokenLabel: t.label };
    await assert.rejects(call('devices.requestCertificate', { token: tokenAddress, pin: '000000', keyType: 'P-256', subject: { commonName: '王律师' } }), {
      code: 'TOKEN_PIN_INCORRECT',
    });
    const made = await call<{ keyId: string; pem: string }>('devices.requestCertificate', {
      token: tokenAddress,
      pin: token.pin,
      keyType: 'P-256',
      subject: { commonName: '王律师' },
    });
    const csr = path.join(dir, 'wang.csr');
    writeFileSync(csr, made.pem);
    const spki = Buffer.from(
      execFileSync('openssl', ['req', '-in', csr, '-noout', '-pubkey'])
        .toString()
        .replace(/-----[^-]+-----|\s/g, ''),
      'base64',
    );
    const issued = await issueCertificate(ca, spki, 'CN=王律师, O=墨石律师事务所, C=CN');
    const imported = await call('devices.importCertificate', {
      token: tokenAddress,
      pin: token.pin,
      file: { uploadId: await upload(core, pem(issued), 'wang.cer') },
    });
    assert.deepEqual(imported, { keyId: made.keyId, stored: 1 });
    const listed = softhsmToken(await call<DeviceInventory>('devices.list'))!.certificates.find((c) => c.subject.commonName === '王律师')!;
    assert.deepEqual(listed.problems, []);
    assert.deepEqual(listed.ref, { kind: 'pkcs11', ...tokenAddress, keyId: made.keyId });
    // The PIN is nowhere on disk.
    assert.equal(readFileSync(path.join(dir, 'settings.json'), 'utf8').includes(token.pin), false);
  });
});

describe('hot-plug', () => {
  test('a token added to and removed from SoftHSM is announced within 2 s', async () => {
    await call('devices.list');
    const waitForChange = async (since: number) => {
      const started = Date.now();
      while (Date.now() - started < 2000) {
        if (events.slice(since).some((e) => e.type === 'devices.changed')) return Date.now() - started;
        await new Promise((r) => setTimeout(r, 20));
      }
      return assert.fail('no devices.changed within 2 s');
    };
    let mark = events.length;
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', 'plugged', '--pin', '1234', '--so-pin', '5678'], { env: token.env, stdio: 'pipe' });
    await waitForChange(mark);
    let inv = await call<DeviceInventory>('devices.list');
    const plugged = inv.modules.find((m) => m.path === SOFTHSM_MODULE)!.slots.find((s) => s.token?.label === 'plugged');
    assert.ok(plugged, 'the new token is listed');

    mark = events.length;
    execFileSync('softhsm2-util', ['--delete-token', '--serial', plugged.token!.serial], { env: token.env, stdio: 'pipe' });
    await waitForChange(mark);
    inv = await call<DeviceInventory>('devices.list');
    assert.equal(
      inv.modules.find((m) => m.path === SOFTHSM_MODULE)!.slots.some((s) => s.token?.label === 'plugged'),
      false,
    );
  });
});
