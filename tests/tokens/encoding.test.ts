// The small encodings the token layer owns (ECDSA r‖s → DER, DigestInfo), the PKCS#11 constants it
// hard-codes, and its error table.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { CK, CKR, digestInfo, ecdsaRawToDer, looksLikeDerEcdsa, planSignature } from '../../src-main/core/tokens/index.js';
import { tokensErrors } from '../../src-shared/errors/tokens.js';

describe('ECDSA r‖s to DER', () => {
  test('matches what OpenSSL itself produces, on every curve', () => {
    for (const namedCurve of ['prime256v1', 'secp384r1', 'secp521r1']) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      for (let i = 0; i < 40; i++) {
        const msg = Buffer.from(`message ${i}`);
        const raw = sign('sha256', msg, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        const der = ecdsaRawToDer(raw);
        assert.ok(verify('sha256', msg, { key: publicKey, dsaEncoding: 'der' }, der), `${namedCurve} #${i}`);
        assert.ok(looksLikeDerEcdsa(der));
      }
    }
  });

  test('strips leading zeros and adds one when the top bit is set', () => {
    const raw = Buffer.concat([Buffer.alloc(31, 0), Buffer.from([0x05]), Buffer.from([0x80]), Buffer.alloc(31, 0x11)]);
    assert.equal(ecdsaRawToDer(raw).toString('hex'), `3026020105022100${'80' + '11'.repeat(31)}`);
  });

  test('P-521 signatures need the long length form', () => {
    const raw = Buffer.alloc(132, 0xff);
    const der = ecdsaRawToDer(raw);
    assert.equal(der[0], 0x30);
    assert.equal(der[1], 0x81);
    assert.equal(der[2], der.length - 3);
  });

  test('odd-length input is refused', () => {
    assert.throws(() => ecdsaRawToDer(Buffer.alloc(63)), RangeError);
  });
});

describe('DigestInfo for raw CKM_RSA_PKCS', () => {
  test('signing the DigestInfo with raw RSA equals a PKCS#1 v1.5 signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const [hash, node] of [
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ] as const) {
      const msg = Buffer.from('contract');
      const info = digestInfo(hash, createHash(node).update(msg).digest());
      const raw = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, info);
      assert.ok(verify(node, msg, publicKey, raw), hash);
      assert.deepEqual(raw, sign(node, msg, privateKey), 'PKCS#1 v1.5 is deterministic');
    }
  });
});

describe('mechanism choice', () => {
  const rsa = { kind: 'RSA', modulusBits: 2048 } as const;
  const ec = { kind: 'EC', curve: 'P-384' } as const;
  test('prefers combined PKCS#1, raw PSS and raw ECDSA; falls back to the other form', () => {
    const all = new Set([CK.CKM_RSA_PKCS, CK.CKM_SHA256_RSA_PKCS, CK.CKM_RSA_PKCS_PSS, CK.CKM_SHA256_RSA_PKCS_PSS, CK.CKM_ECDSA, CK.CKM_ECDSA_SHA256]);
    assert.equal(planSignature({ hash: 'SHA-256', kind: 'rsa-pkcs1' }, rsa, all)!.mechanism.mechanism, CK.CKM_SHA256_RSA_PKCS);
    assert.equal(planSignature({ hash: 'SHA-384', kind: 'rsa-pkcs1' }, rsa, all)!.mechanism.mechanism, CK.CKM_RSA_PKCS);
    const pss = planSignature({ hash: 'SHA-384', kind: 'rsa-pss' }, rsa, all)!;
    assert.equal(pss.mechanism.mechanism, CK.CKM_RSA_PKCS_PSS);
    assert.deepEqual(pss.mechanism.parameter, { type: CK.CK_PARAMS_RSA_PSS, hashAlg: CK.CKM_SHA384, mgf: CK.CKG_MGF1_SHA384, saltLen: 48 });
    assert.equal(pss.input(Buffer.from('x')).length, 48, 'the prehash goes to the token');
    assert.equal(planSignature({ hash: 'SHA-256', kind: 'ecdsa' }, ec, all)!.mechanism.mechanism, CK.CKM_ECDSA);
    assert.equal(planSignature({ hash: 'SHA-256', kind: 'ecdsa' }, ec, new Set([CK.CKM_ECDSA_SHA256]))!.mechanism.mechanism, CK.CKM_ECDSA_SHA256);
    assert.equal(planSignature({ hash: 'SHA-512', kind: 'ecdsa' }, ec, new Set([CK.CKM_ECDSA_SHA256])), undefined);
    assert.equal(planSignature({ hash: 'SHA-256', kind: 'ecdsa' }, rsa, all), undefined);
  });
});

describe('constants', () => {
  test('every hard-coded PKCS#11 value equals pkcs11js’s', () => {
    const pkcs11js = createRequire(import.meta.url)('pkcs11js') as Record<string, unknown>;
    for (const [name, value] of Object.entries(CK)) assert.equal(pkcs11js[name], value, name);
    for (const [name, value] of Object.entries(CKR)) assert.equal(pkcs11js[`CKR_${name}`], value, `CKR_${name}`);
  });
});

describe('error table', () => {
  test('every code has both languages with the same placeholders', () => {
    for (const [code, { en, 'zh-CN': zh }] of Object.entries(tokensErrors)) {
      assert.match(code, /^TOKEN_[A-Z0-9_]+$/);
      assert.ok(en.trim() && zh.trim(), code);
      assert.match(zh, /[\u4e00-\u9fff]/, `${code} zh is Chinese`);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(zh), names(en), code);
    }
  });
});
