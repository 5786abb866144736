// Token states a SoftHSM token never reaches, through the fake PKCS#11 layer: the PIN counting down
// to LOCKED, the token pulled out mid-batch, a PIN-pad reader, keys that demand the PIN before
// every signature, tokens without the combined hash-and-sign mechanisms.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CK, listTokenKeys, openPkcs11Signer, type PinRequest, type Pkcs11SignerOptions } from '../../src-main/core/tokens/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { createTestCa, issueCertificate, softwareKeyPair, verifySignature, type TestCa } from './test-pki.js';
import { CKR_DEVICE_ERROR, FakeToken, type FakeKey, type FakeTokenOptions } from './fake-cryptoki.js';

const PIN = '246810';
let ca: TestCa;
let rsa: FakeKey;
let ec: FakeKey;

before(async () => {
  ca = await createTestCa();
  const r = softwareKeyPair('rsa-2048');
  rsa = { id: 'a1', label: 'signing RSA', ...r, certificate: await issueCertificate(ca, r.spki, 'CN=李律师, O=墨石律师事务所, C=CN') };
  const e = softwareKeyPair('P-256');
  ec = { id: 'b2', label: 'signing EC', ...e, certificate: await issueCertificate(ca, e.spki, 'CN=李律师 EC, C=CN') };
});

let modules = 0;
/** A fresh fake token; each gets its own module path so the module registry never shares them. */
function fakeToken(options: Partial<FakeTokenOptions> = {}): {
  token: FakeToken;
  open: (extra?: Partial<Pkcs11SignerOptions>) => ReturnType<typeof openPkcs11Signer>;
} {
  const token = new FakeToken({ keys: [rsa], certificates: [ca.der], ...options });
  const module = `/fake/module-${++modules}.so`;
  return { token, open: (extra = {}) => openPkcs11Signer({ module, loader: token.loader, pin: PIN, ...extra }) };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<InkstoneError> {
  const err = await promise.then(
    () => assert.fail(`expected ${code}, but it succeeded`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof InkstoneError, `expected InkstoneError ${code}, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return err;
}

const data = Buffer.from('signed attributes');
const count = (token: FakeToken, call: string) => token.calls.filter((c) => c === call).length;

describe('PIN counting down', () => {
  test('wrong, wrong, wrong: COUNT_LOW, then FINAL_TRY, then LOCKED — one C_Login each, never retried', async () => {
    const { token, open } = fakeToken({ maxTries: 3 });
    const first = await rejectsWith(open({ pin: '999999' }), 'TOKEN_PIN_INCORRECT');
    assert.deepEqual(first.details, { token: 'Fake Token', countLow: true, finalTry: false });
    const second = await rejectsWith(open({ pin: '999999' }), 'TOKEN_PIN_INCORRECT');
    assert.deepEqual(second.details, { token: 'Fake Token', countLow: true, finalTry: true });
    // The token answers the locking try with CKR_PIN_INCORRECT; its flags tell the truth.
    await rejectsWith(open({ pin: '999999' }), 'TOKEN_PIN_LOCKED');
    assert.equal(count(token, 'C_Login'), 3);
    // Locked: even the right PIN is not sent, which would only burn nothing but prove nothing.
    const locked = await rejectsWith(open({ pin: PIN }), 'TOKEN_PIN_LOCKED');
    assert.equal(count(token, 'C_Login'), 3);
    assert.match(locked.localized('zh-CN'), /已被锁定/);
    // Every failed open gave the module back.
    assert.equal(count(token, 'C_Initialize'), count(token, 'C_Finalize'));
  });

  test('a prompt is told about the final try before the person types', async () => {
    const { open } = fakeToken({ maxTries: 2 });
    await rejectsWith(open({ pin: '999999' }), 'TOKEN_PIN_INCORRECT');
    const requests: PinRequest[] = [];
    const signer = await open({
      pin: undefined,
      askPin: async (r) => {
        requests.push(r);
        return new TextEncoder().encode(PIN);
      },
    });
    await signer.close();
    assert.equal(requests.length, 1);
    assert.equal(requests[0].purpose, 'login');
    assert.equal(requests[0].finalTry, true);
    assert.equal(requests[0].tokenLabel, 'Fake Token');
  });

  test('a PIN of the wrong length is TOKEN_PIN_LEN_RANGE with the token’s limits', async () => {
    const { open } = fakeToken({ minPinLen: 6, maxPinLen: 8 });
    const err = await rejectsWith(open({ pin: '123' }), 'TOKEN_PIN_LEN_RANGE');
    assert.deepEqual(err.details, { token: 'Fake Token', min: 6, max: 8 });
  });

  test('no PIN and no way to ask for one is TOKEN_PIN_REQUIRED; a cancelled prompt TOKEN_USER_CANCELLED', async () => {
    const { token, open } = fakeToken();
    await rejectsWith(open({ pin: undefined }), 'TOKEN_PIN_REQUIRED');
    await rejectsWith(open({ pin: undefined, askPin: async () => null }), 'TOKEN_USER_CANCELLED');
    assert.equal(count(token, 'C_Login'), 0);
  });
});

describe('token removed', () => {
  test('pulled out mid-batch: TOKEN_REMOVED, later signatures fail fast, close still works', async () => {
    const { token, open } = fakeToken();
    const signer = await open();
    token.removeAfterSignatures = 3;
    for (let i = 0; i < 3; i++) await signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' });
    const err = await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_REMOVED');
    assert.match(err.localized('zh-CN'), /已被拔出或无响应/);
    const initsBefore = count(token, 'C_SignInit');
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_REMOVED');
    assert.equal(count(token, 'C_SignInit'), initsBefore, 'no call goes to a token known to be gone');
    await signer.close();
    assert.equal(count(token, 'C_Finalize'), 1);
  });

  test('middleware that says CKR_DEVICE_ERROR for an emptied slot is still TOKEN_REMOVED', async () => {
    const { token, open } = fakeToken();
    const signer = await open();
    token.removalCode = CKR_DEVICE_ERROR;
    token.removeAfterSignatures = 0;
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_REMOVED');
    await signer.close();
  });

  test('a signer opened after re-insertion logs in afresh and signs', async () => {
    const { token, open } = fakeToken();
    const first = await open();
    token.removeAfterSignatures = 0;
    await rejectsWith(first.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_REMOVED');
    await first.close();
    token.reinsert();
    const second = await open();
    const sig = await second.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' });
    assert.ok(verifySignature(rsa.publicKey, data, sig, { hash: 'SHA-256', kind: 'rsa-pkcs1' }));
    await second.close();
  });
});

describe('PIN pad', () => {
  test('logs in without a PIN after telling the UI to point at the keypad', async () => {
    const { token, open } = fakeToken({ pinPad: true });
    const told: PinRequest[] = [];
    const signer = await open({ pin: undefined, onPinPad: (r) => told.push(r) });
    assert.deepEqual(token.logins, [{ userType: CK.CKU_USER, pinLength: 0 }]);
    assert.equal(told.length, 1);
    assert.equal(told[0].purpose, 'login');
    const sig = await signer.sign(data, { hash: 'SHA-384', kind: 'rsa-pkcs1' });
    assert.ok(verifySignature(rsa.publicKey, data, sig, { hash: 'SHA-384', kind: 'rsa-pkcs1' }));
    await signer.close();
  });

  test('Cancel on the keypad is TOKEN_USER_CANCELLED; a wrong entry there TOKEN_PIN_INCORRECT', async () => {
    const { token, open } = fakeToken({ pinPad: true });
    token.pinPadAnswer = 'cancel';
    await rejectsWith(open({ pin: undefined }), 'TOKEN_USER_CANCELLED');
    token.pinPadAnswer = 'wrong';
    const err = await rejectsWith(open({ pin: undefined }), 'TOKEN_PIN_INCORRECT');
    assert.equal(err.details.countLow, true);
    assert.equal(count(token, 'C_Login'), 2);
  });
});

describe('keys that demand the PIN before every signature (CKA_ALWAYS_AUTHENTICATE)', () => {
  test('asks once per signature and logs in context-specifically between C_SignInit and C_Sign', async () => {
    const { token, open } = fakeToken({ keys: [{ ...rsa, alwaysAuthenticate: true }] });
    const asked: PinRequest[] = [];
    const signer = await open({
      askPin: async (r) => {
        asked.push(r);
        return PIN;
      },
    });
    assert.equal(signer.keyDescription.alwaysAuthenticate, true);
    for (let i = 0; i < 3; i++) {
      const sig = await signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' });
      assert.ok(verifySignature(rsa.publicKey, data, sig, { hash: 'SHA-256', kind: 'rsa-pkcs1' }));
    }
    assert.deepEqual(
      asked.map((r) => [r.purpose, r.keyLabel]),
      Array(3).fill(['signature', 'signing RSA']),
    );
    assert.deepEqual(
      token.logins.map((l) => l.userType),
      [CK.CKU_USER, CK.CKU_CONTEXT_SPECIFIC, CK.CKU_CONTEXT_SPECIFIC, CK.CKU_CONTEXT_SPECIFIC],
    );
    const order = token.calls.filter((c) => c === 'C_SignInit' || c === 'C_Login' || c === 'C_SignAsync').slice(1);
    assert.deepEqual(order, Array(3).fill(['C_SignInit', 'C_Login', 'C_SignAsync']).flat());
    await signer.close();
  });

  test('a cancelled or wrong re-authentication fails that signature only, unretried; the next one works', async () => {
    const { token, open } = fakeToken({ keys: [{ ...rsa, alwaysAuthenticate: true }] });
    const answers: Array<string | null> = [null, '135790', PIN];
    let asked = 0;
    const signer = await open({ askPin: async () => (asked++, answers.shift()!) });
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_USER_CANCELLED');
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_PIN_INCORRECT');
    assert.equal(asked, 2);
    // The abandoned operations did not leave the session stuck (CKR_OPERATION_ACTIVE).
    const sig = await signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' });
    assert.ok(verifySignature(rsa.publicKey, data, sig, { hash: 'SHA-256', kind: 'rsa-pkcs1' }));
    assert.equal(count(token, 'C_Login'), 3); // the user login, the wrong PIN, the right one
    await signer.close();
  });

  test('without a prompt the key is TOKEN_PIN_REQUIRED at signing time', async () => {
    const { open } = fakeToken({ keys: [{ ...rsa, alwaysAuthenticate: true }] });
    const signer = await open();
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' }), 'TOKEN_PIN_REQUIRED');
    await signer.close();
  });
});

describe('mechanisms', () => {
  for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
    test(`raw CKM_RSA_PKCS over a DigestInfo when the token lacks the combined mechanism (${hash})`, async () => {
      const { token, open } = fakeToken({ mechanisms: [CK.CKM_RSA_PKCS] });
      const signer = await open();
      const sig = await signer.sign(data, { hash, kind: 'rsa-pkcs1' });
      assert.ok(verifySignature(rsa.publicKey, data, sig, { hash, kind: 'rsa-pkcs1' }));
      assert.equal(token.signatures, 1);
      await signer.close();
    });
  }

  test('combined CKM_SHA384_RSA_PKCS_PSS when raw PSS is missing; CKM_ECDSA_SHA384 r‖s becomes DER', async () => {
    const { open } = fakeToken({ keys: [rsa, ec] });
    const rsaSigner = await open({ key: { id: 'A1' } });
    const pss = await rsaSigner.sign(data, { hash: 'SHA-384', kind: 'rsa-pss' });
    assert.ok(verifySignature(rsa.publicKey, data, pss, { hash: 'SHA-384', kind: 'rsa-pss' }));
    await rsaSigner.close();
    const ecSigner = await open({ key: { label: 'signing EC' } });
    const ecdsa = await ecSigner.sign(data, { hash: 'SHA-384', kind: 'ecdsa' });
    assert.equal(ecdsa[0], 0x30, 'DER SEQUENCE');
    assert.ok(verifySignature(ec.publicKey, data, ecdsa, { hash: 'SHA-384', kind: 'ecdsa' }));
    await ecSigner.close();
  });

  test('a token offering no way to make the signature is TOKEN_MECHANISM_UNSUPPORTED, before any call', async () => {
    const { token, open } = fakeToken({ mechanisms: [CK.CKM_SHA256_RSA_PKCS] });
    const signer = await open();
    const err = await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pss' }), 'TOKEN_MECHANISM_UNSUPPORTED');
    assert.equal(err.details.token, 'Fake Token');
    assert.equal(count(token, 'C_SignInit'), 0);
    await signer.close();
  });
});

describe('keys', () => {
  test('an encryption key (CKA_SIGN false) is TOKEN_KEY_CANNOT_SIGN, and not the default choice', async () => {
    const { open } = fakeToken({ keys: [rsa, { ...ec, canSign: false }] });
    await rejectsWith(open({ key: { id: 'b2' } }), 'TOKEN_KEY_CANNOT_SIGN');
    const signer = await open();
    assert.equal(signer.keyDescription.keyId, 'a1');
    await signer.close();
  });

  test('a certificate stored beside the wrong key is TOKEN_CERTIFICATE_KEY_MISMATCH', async () => {
    const other = softwareKeyPair('rsa-2048');
    const { open } = fakeToken({ keys: [{ ...other, id: 'c3', label: 'swapped', certificate: rsa.certificate }] });
    await rejectsWith(open(), 'TOKEN_CERTIFICATE_KEY_MISMATCH');
  });

  test('a key the token lets out is only a software key under art. 13', async () => {
    const { open } = fakeToken({ keys: [{ ...rsa, extractable: true }] });
    const signer = await open();
    assert.equal(signer.assurance, 'software-key');
    assert.equal(signer.keyDescription.extractable, true);
    await signer.close();
  });

  test('listing after login reports each key’s protection', async () => {
    const token = new FakeToken({
      keys: [
        { ...rsa, alwaysAuthenticate: true },
        { ...ec, canSign: false },
      ],
      certificates: [ca.der],
    });
    const contents = await listTokenKeys({ module: '/fake/listing.so', loader: token.loader, login: { pin: PIN } });
    const byId = Object.fromEntries(contents.keys.map((k) => [k.id, k]));
    assert.deepEqual(byId.a1.privateKey, { label: 'signing RSA', canSign: true, alwaysAuthenticate: true, extractable: false, sensitive: true });
    assert.equal(byId.b2.privateKey!.canSign, false);
    assert.equal(byId[''].privateKey, null, 'the CA certificate stands alone');
    assert.equal(count(token, 'C_CloseSession'), 1);
  });
});

describe('module lifetime', () => {
  test('one C_Initialize for signers sharing a module; C_Finalize only when the last one closes', async () => {
    const { token, open } = fakeToken({ keys: [rsa, ec] });
    const a = await open({ key: { id: 'a1' } });
    const b = await open({ key: { id: 'b2' } });
    assert.equal(count(token, 'C_Initialize'), 1);
    await a.close();
    assert.equal(count(token, 'C_Finalize'), 0);
    const sig = await b.sign(data, { hash: 'SHA-256', kind: 'ecdsa' });
    assert.ok(verifySignature(ec.publicKey, data, sig, { hash: 'SHA-256', kind: 'ecdsa' }));
    await b.close();
    await b.close();
    assert.equal(count(token, 'C_Finalize'), 1);
    assert.equal(count(token, 'close'), 1);
  });

  test('a module that cannot lock is initialised plainly and signed with on the main thread', async () => {
    const { token, open } = fakeToken({ cannotLock: true });
    const signer = await open();
    const sig = await signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pkcs1' });
    assert.ok(verifySignature(rsa.publicKey, data, sig, { hash: 'SHA-256', kind: 'rsa-pkcs1' }));
    assert.equal(count(token, 'C_Initialize'), 2);
    assert.equal(count(token, 'C_Sign'), 1);
    assert.equal(count(token, 'C_SignAsync'), 0);
    await signer.close();
  });
});
