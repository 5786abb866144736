// What the signing devices screen says about a certificate and its key, the hot-plug watch over a
// token pulled out and put back (fake PKCS#11 layer), and the device thread's deadline.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { describeDeviceCertificate, describeModule, inThreadScanner, SigningDevices, threadScanner, watchDevices } from '../../src-main/core/devices/index.js';
import { issueCertificate, type KeyUsageName } from '../../src-main/core/pki/index.js';
import type { Settings } from '../../src-shared/api/index.js';
import { CK } from '../../src-main/core/tokens/index.js';
import { FakeToken } from '../tokens/fake-cryptoki.js';
import { softwareKeyPair } from '../tokens/test-pki.js';

const DAY = 86_400_000;
const NOW = new Date('2026-12-07T12:00:00Z');
let root: { der: Uint8Array; privateKey: CryptoKey };

async function keyPair() {
  return (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
}

before(async () => {
  const keys = await keyPair();
  const der = await issueCertificate({
    subject: { commonName: '测试根 CA', country: 'CN' },
    publicKey: keys.publicKey,
    issuer: { privateKey: keys.privateKey },
    notBefore: new Date(NOW.getTime() - 1000 * DAY),
    notAfter: new Date(NOW.getTime() + 3000 * DAY),
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  root = { der, privateKey: keys.privateKey };
});

async function leaf(options: { fromDays: number; toDays: number; keyUsage?: KeyUsageName[] }): Promise<Uint8Array> {
  return issueCertificate({
    subject: { commonName: '张律师', organisation: '墨石律师事务所', organisationalUnit: '诉讼部', country: 'CN' },
    publicKey: softwareKeyPair('P-256').spki,
    issuer: { certificate: root.der, privateKey: root.privateKey },
    notBefore: new Date(NOW.getTime() + options.fromDays * DAY),
    notAfter: new Date(NOW.getTime() + options.toDays * DAY),
    ...(options.keyUsage ? { keyUsage: options.keyUsage } : {}),
  });
}

const judge = (der: Uint8Array, issuers: Uint8Array[] = [root.der]) =>
  describeDeviceCertificate(der, { ref: null, keyStorage: 'hardware', label: 'k', issuers, privateKeyMissing: false, now: NOW })!;

describe('problems in plain words', () => {
  test('a certificate fit to sign has none, and says its days left', async () => {
    const facts = judge(await leaf({ fromDays: -10, toDays: 100, keyUsage: ['digitalSignature', 'nonRepudiation'] }));
    assert.deepEqual(facts.problems, []);
    assert.equal(facts.daysLeft, 100);
    assert.equal(facts.subject.organizationalUnit, '诉讼部');
    assert.equal(facts.issuer.commonName, '测试根 CA');
  });
  test('expired, not yet valid, expiring within 30 days', async () => {
    assert.deepEqual(judge(await leaf({ fromDays: -100, toDays: -1 })).problems, ['expired']);
    assert.deepEqual(judge(await leaf({ fromDays: 2, toDays: 300 })).problems, ['notYetValid']);
    assert.deepEqual(judge(await leaf({ fromDays: -300, toDays: 12 })).problems, ['expiresSoon']);
  });
  test('a key usage that forbids signing; no key usage at all does not', async () => {
    assert.deepEqual(judge(await leaf({ fromDays: -1, toDays: 300, keyUsage: ['keyEncipherment'] })).problems, ['keyUsage']);
    assert.deepEqual(judge(await leaf({ fromDays: -1, toDays: 300 })).problems, []);
  });
  test('an issuer nowhere to be found: chain incomplete', async () => {
    assert.deepEqual(judge(await leaf({ fromDays: -1, toDays: 300 }), []).problems, ['chainIncomplete']);
  });
  test('junk on a token is skipped, not reported as a certificate', () => {
    assert.equal(
      describeDeviceCertificate(Buffer.from('not a certificate'), {
        ref: null,
        keyStorage: 'file',
        label: '',
        issuers: [],
        privateKeyMissing: false,
        now: NOW,
      }),
      null,
    );
  });
});

describe('where the key lives', () => {
  const slot = (privateKey: { extractable: boolean; sensitive: boolean } | null, loginRequired: boolean, certificate: Uint8Array) => ({
    slotId: '01',
    description: 'reader',
    manufacturer: 'm',
    removableDevice: true,
    hardwareSlot: true,
    tokenPresent: true,
    token: {
      label: 'Key',
      serial: 'S1',
      manufacturer: 'm',
      model: 'x',
      minPinLength: 4,
      maxPinLength: 8,
      flags: {
        initialized: true,
        loginRequired,
        userPinInitialized: true,
        pinPad: false,
        pinCountLow: false,
        pinFinalTry: false,
        pinLocked: false,
        pinToBeChanged: false,
        writeProtected: false,
      },
    },
    objects: {
      certificates: [certificate, root.der],
      keys: [
        {
          id: 'ab01',
          label: 'sign',
          certificate,
          certificateSummary: null,
          keyAlgorithm: { kind: 'RSA' as const, modulusBits: 2048 },
          algorithmName: 'RSA-2048',
          privateKey: privateKey && { label: 'sign', canSign: true, alwaysAuthenticate: false, ...privateKey },
        },
      ],
    },
  });
  const storageOf = async (privateKey: { extractable: boolean; sensitive: boolean } | null, loginRequired = false) => {
    const cert = await leaf({ fromDays: -1, toDays: 300 });
    const listed = describeModule(
      { path: '/m.so', middleware: 'M', userAdded: false },
      { ok: true, slots: [slot(privateKey, loginRequired, cert)] },
      { issuers: [], now: NOW },
    );
    return listed.slots[0].token!.certificates[0];
  };
  test('sensitive and never extractable: hardware', async () => {
    const c = await storageOf({ extractable: false, sensitive: true });
    assert.equal(c.keyStorage, 'hardware');
    assert.deepEqual(c.problems, []);
    assert.deepEqual(c.ref, { kind: 'pkcs11', module: '/m.so', tokenSerial: 'S1', tokenLabel: 'Key', keyId: 'ab01' });
  });
  test('a key that may leave the token is said to', async () => {
    const c = await storageOf({ extractable: true, sensitive: true });
    assert.equal(c.keyStorage, 'token-extractable');
    assert.deepEqual(c.problems, ['keyExtractable']);
  });
  test('hidden until the PIN, or missing on a token that hides nothing', async () => {
    assert.equal((await storageOf(null, true)).keyStorage, 'token-hidden');
    assert.deepEqual((await storageOf(null, true)).problems, []);
    assert.deepEqual((await storageOf(null, false)).problems, ['noPrivateKey']);
  });
});

describe('hot-plug', () => {
  const settings = (): SigningDevicesOptionsSettings => {
    let current = { pkcs11Modules: [] as string[], pkcs12Files: [] as string[] } as unknown as Settings;
    return { get: () => current, update: async (p) => (current = { ...current, ...p }) };
  };
  type SigningDevicesOptionsSettings = { get(): Settings; update(patch: Partial<Settings>): Promise<Settings> };

  test('a token pulled out and put back is announced at the next check (polling: the fake has no slot events)', async () => {
    const token = new FakeToken({ keys: [] });
    let changes = 0;
    const devices = new SigningDevices({
      scanner: inThreadScanner(token.loader),
      settings: settings(),
      knownModules: () => [{ path: '/fake/hotplug-1.so', middleware: 'Fake' }],
      onChange: () => (changes += 1),
      watchIntervalMs: 20,
    });
    try {
      await devices.list();
      await devices.nextCheck();
      assert.equal(changes, 0, 'nothing changed yet');
      token.present = false;
      await devices.nextCheck();
      assert.equal(changes, 1);
      const listed = await devices.list();
      assert.equal(listed.modules[0].slots[0].token, null);
      token.reinsert();
      await devices.nextCheck();
      assert.equal(changes, 2);
      assert.equal((await devices.list()).modules[0].slots[0].token?.label, 'Fake Token');
    } finally {
      await devices.close();
    }
  });

  test('a slot event counts as a change even when the slot looks the same', async () => {
    const token = new FakeToken({ keys: [] });
    const pending: Buffer[] = [];
    Object.assign(token, { C_WaitForSlotEvent: (flags: number) => (assert.equal(flags, CK.CKF_DONT_BLOCK), pending.shift() ?? null) });
    let changes = 0;
    const watch = watchDevices({
      scanner: inThreadScanner(token.loader),
      modules: () => ['/fake/hotplug-2.so'],
      onChange: () => (changes += 1),
      mayReinitialize: () => true,
      intervalMs: 20,
    });
    try {
      await watch.nextCheck();
      pending.push(Buffer.alloc(8));
      await watch.nextCheck();
      assert.equal(changes, 1);
      await watch.nextCheck();
      assert.equal(changes, 1, 'no new event, no change');
    } finally {
      watch.stop();
    }
  });
});

describe('the device thread', () => {
  test('a module that does not answer fails with DEVICE_MODULE_NOT_RESPONDING by its deadline; the core thread never waits', async () => {
    // A thread script that takes requests and never answers: a middleware stuck in a USB call.
    const stuck = new URL(
      `data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => {});")}`,
    );
    const scanner = threadScanner({ entry: stuck, scanTimeoutMs: 300, fingerprintTimeoutMs: 200 });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    try {
      const started = Date.now();
      const scan = await scanner.scan('/usr/lib/stuck-pkcs11.so');
      const took = Date.now() - started;
      assert.equal(scan.ok, false);
      assert.equal(!scan.ok && scan.error.code, 'DEVICE_MODULE_NOT_RESPONDING');
      assert.ok(took >= 290 && took < 1500, `${took} ms`);
      assert.ok(ticks >= 10, `the event loop ran meanwhile (${ticks} ticks)`);
      await assert.rejects(scanner.fingerprint('/usr/lib/stuck-pkcs11.so', { reinitialize: false }), { code: 'DEVICE_MODULE_NOT_RESPONDING' });
    } finally {
      clearInterval(ticker);
      await scanner.close();
    }
  });
});
