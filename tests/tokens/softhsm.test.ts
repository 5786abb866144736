// Keys on a real PKCS#11 token (SoftHSM 2): listing, login, every signature kind the signing engine
// uses, and the wrong-PIN path. Each signature is verified with Node's crypto against the public key
// read off the token by pkcs11-tool, so the test trusts nothing of the code under test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { listSlots, listTokenKeys, openPkcs11Signer, type Signer } from '../../src-main/core/tokens/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { createTestCa, issueCertificate, verifySignature, type TestCa } from './test-pki.js';
import { countingLoader } from './counting-cryptoki.js';

const LABEL = '墨石 Key 测试';
let token: SoftHsmToken;
let ca: TestCa;
const certs = new Map<string, Uint8Array>();

const KEYS = [
  { id: '01', label: 'rsa2048', type: 'rsa:2048' },
  { id: '02', label: 'rsa3072', type: 'rsa:3072' },
  { id: '03', label: 'p256', type: 'EC:prime256v1' },
  { id: '04', label: 'p384', type: 'EC:secp384r1' },
] as const;

before(async () => {
  token = createSoftHsmToken({ label: LABEL });
  ca = await createTestCa();
  for (const k of KEYS) {
    token.generateKey(k);
    const der = await issueCertificate(ca, token.readPublicKey(k.id), `CN=张律师 ${k.label}, O=墨石律师事务所, C=CN`);
    token.writeCertificate(k.id, `${k.label} cert`, der);
    certs.set(k.id, der);
  }
  token.writeCertificate('ca', 'Test CA', ca.der);
  // A key with no certificate beside it (generated, certificate never imported).
  token.generateKey({ id: '05', label: 'bare', type: 'rsa:2048' });
});

after(() => token?.cleanup());

const open = (key: { id?: string; label?: string }, pin: string | Uint8Array = token.pin) =>
  openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: LABEL }, key, pin });

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<InkstoneError> {
  const err = await promise.then(
    () => assert.fail(`expected ${code}, but it succeeded`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof InkstoneError, `expected InkstoneError ${code}, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return err;
}

describe('listing', () => {
  test('the token and its certificates show without a PIN; private keys stay hidden', async () => {
    const slots = await listSlots({ module: SOFTHSM_MODULE, includeKeys: true });
    const slot = slots.find((s) => s.token?.label === LABEL);
    assert.ok(slot, 'token listed');
    assert.equal(slot.token!.manufacturer, 'SoftHSM project');
    assert.match(slot.token!.serial, /^[0-9a-f]{16}$/);
    assert.equal(slot.token!.flags.loginRequired, true);
    assert.equal(slot.token!.flags.pinPad, false);
    assert.equal(slot.token!.flags.pinLocked, false);
    const keys = slot.keys!;
    assert.deepEqual(
      keys.map((k) => [k.id, k.algorithmName]),
      [
        ['01', 'RSA-2048'],
        ['02', 'RSA-3072'],
        ['03', 'ECDSA P-256'],
        ['04', 'ECDSA P-384'],
        ['05', 'RSA-2048'],
        ['ca', 'ECDSA P-256'], // pkcs11-tool reads --id as hex: the CA certificate's CKA_ID is 0xCA
      ],
    );
    const rsa = keys.find((k) => k.id === '01')!;
    assert.deepEqual(Buffer.from(rsa.certificate!), Buffer.from(certs.get('01')!));
    assert.match(rsa.certificateSummary!.subject, /CN=张律师 rsa2048/);
    assert.equal(rsa.privateKey, null);
    assert.equal(keys.find((k) => k.id === '05')!.certificate, null);
    // The free slot SoftHSM always adds is listed as blank.
    assert.ok(slots.some((s) => s.token && !s.token.flags.initialized));
  });

  test('after login the private keys show they never leave the token', async () => {
    const contents = await listTokenKeys({ module: SOFTHSM_MODULE, token: { label: LABEL }, login: { pin: token.pin } });
    assert.equal(contents.privateKeysListed, true);
    const withKeys = contents.keys.filter((k) => k.privateKey);
    assert.deepEqual(
      withKeys.map((k) => k.id),
      ['01', '02', '03', '04', '05'],
    );
    for (const k of withKeys) {
      assert.deepEqual(k.privateKey, { label: k.label, canSign: true, alwaysAuthenticate: false, extractable: false, sensitive: true });
    }
  });

  test('an unknown token label is TOKEN_NOT_FOUND; a missing module TOKEN_MODULE_LOAD_FAILED', async () => {
    await rejectsWith(openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: 'no such token' }, pin: token.pin }), 'TOKEN_NOT_FOUND');
    const err = await rejectsWith(listSlots({ module: '/nonexistent/libnothing.so' }), 'TOKEN_MODULE_LOAD_FAILED');
    assert.match(err.localized('zh-CN'), /无法加载 USB Key 驱动程序/);
  });
});

describe('signing', () => {
  const data = new TextEncoder().encode('签名属性 signed attributes — stand-in bytes for CMS');

  async function signAndVerify(keyId: string, params: Parameters<Signer['sign']>[1]): Promise<Signer> {
    const signer = await open({ id: keyId });
    try {
      const sig = await signer.sign(data, params);
      assert.ok(verifySignature(token.readPublicKey(keyId), data, sig, params), `${keyId} ${params.kind} ${params.hash} verifies`);
      assert.ok(!verifySignature(token.readPublicKey(keyId), Buffer.from('other bytes'), sig, params), 'and only over its own data');
      return signer;
    } finally {
      await signer.close();
    }
  }

  for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
    test(`RSA-2048 PKCS#1 v1.5 with ${hash}`, async () => {
      await signAndVerify('01', { hash, kind: 'rsa-pkcs1' });
    });
  }
  for (const hash of ['SHA-256', 'SHA-384'] as const) {
    test(`RSA-3072 PSS with ${hash}`, async () => {
      await signAndVerify('02', { hash, kind: 'rsa-pss' });
    });
  }
  test('ECDSA P-256 with SHA-256, DER-encoded', async () => {
    await signAndVerify('03', { hash: 'SHA-256', kind: 'ecdsa' });
  });
  test('ECDSA P-384 with SHA-384, DER-encoded', async () => {
    await signAndVerify('04', { hash: 'SHA-384', kind: 'ecdsa' });
  });

  test('the signer carries its certificate, the chain found on the token, and says it is a hardware key', async () => {
    const signer = await open({ label: 'p256 cert' });
    try {
      assert.deepEqual(Buffer.from(signer.certificate), Buffer.from(certs.get('03')!));
      assert.deepEqual(
        signer.chain.map((c) => Buffer.from(c)),
        [Buffer.from(ca.der)],
      );
      assert.deepEqual(signer.keyAlgorithm, { kind: 'EC', curve: 'P-256' });
      assert.equal(signer.assurance, 'hardware-token');
      assert.equal(signer.keyDescription.provider, 'pkcs11');
      assert.equal(signer.keyDescription.tokenLabel, LABEL);
      assert.equal(signer.keyDescription.keyId, '03');
      assert.equal(signer.keyDescription.keyLabel, 'p256');
      assert.equal(signer.keyDescription.extractable, false);
      assert.equal(signer.keyDescription.sensitive, true);
    } finally {
      await signer.close();
    }
  });

  test('overlapping sign calls are queued on the one session and all verify', async () => {
    const signer = await open({ id: '01' });
    try {
      const hashes = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
      const jobs = Array.from({ length: 24 }, (_, i) => ({ bytes: Buffer.from(`document ${i}`), hash: hashes[i % 3] }));
      const sigs = await Promise.all(jobs.map((j) => signer.sign(j.bytes, { hash: j.hash, kind: 'rsa-pkcs1' })));
      const spki = token.readPublicKey('01');
      jobs.forEach((j, i) => assert.ok(verifySignature(spki, j.bytes, sigs[i], { hash: j.hash, kind: 'rsa-pkcs1' })));
    } finally {
      await signer.close();
    }
  });

  test('two signers share the loaded module; closing one leaves the other logged in', async () => {
    const a = await open({ id: '01' });
    const b = await open({ id: '03' });
    await a.close();
    const sig = await b.sign(data, { hash: 'SHA-256', kind: 'ecdsa' });
    assert.ok(verifySignature(token.readPublicKey('03'), data, sig, { hash: 'SHA-256', kind: 'ecdsa' }));
    await b.close();
    await rejectsWith(b.sign(data, { hash: 'SHA-256', kind: 'ecdsa' }), 'TOKEN_SIGNER_CLOSED');
  });

  test('a PIN given as bytes is wiped once used', async () => {
    const pin = new TextEncoder().encode(token.pin);
    const signer = await open({ id: '03' }, pin);
    await signer.close();
    assert.ok(pin.every((b) => b === 0));
  });
});

describe('refusals', () => {
  test('a wrong PIN is TOKEN_PIN_INCORRECT with the token’s counter flags, and is tried exactly once', async () => {
    const counting = countingLoader();
    const err = await rejectsWith(
      openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: LABEL }, key: { id: '01' }, pin: '000000', loader: counting.loader }),
      'TOKEN_PIN_INCORRECT',
    );
    assert.equal(counting.calls.get('C_Login'), 1);
    assert.deepEqual(counting.logins, [[1, 6]]);
    assert.equal(err.details.countLow, true); // SoftHSM raises COUNT_LOW after a failure
    assert.equal(err.details.finalTry, false);
    assert.equal(err.details.token, LABEL);
    assert.ok(!JSON.stringify(err.toJSON()).includes('000000'), 'the PIN appears nowhere in the error');
    assert.match(err.localized('zh-CN'), /PIN 码错误/);
    // The module was released: a fresh open with the right PIN works and resets the counter.
    const signer = await openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: LABEL }, key: { id: '01' }, pin: token.pin, loader: counting.loader });
    await signer.close();
    const slots = await listSlots({ module: SOFTHSM_MODULE });
    assert.equal(slots.find((s) => s.token?.label === LABEL)!.token!.flags.pinCountLow, false);
  });

  test('keys that cannot be used are refused by name', async () => {
    await rejectsWith(open({ id: '99' }), 'TOKEN_KEY_NOT_FOUND');
    await rejectsWith(open({ id: '05' }), 'TOKEN_CERTIFICATE_MISSING');
    await rejectsWith(open({}), 'TOKEN_KEY_AMBIGUOUS');
    const signer = await open({ id: '01' });
    try {
      await rejectsWith(signer.sign(new Uint8Array(8), { hash: 'SHA-256', kind: 'ecdsa' }), 'TOKEN_SCHEME_MISMATCH');
    } finally {
      await signer.close();
    }
  });
});
