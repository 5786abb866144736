// Keys in PKCS#12 files: RSA and EC, modern (PBES2/AES) and legacy (3DES, RC2) protection, Chinese
// and empty passwords, and the refusals. Files are made by node-forge and by the openssl command
// line (test time only; Inkstone itself reads them in pure JavaScript).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { createPrivateKey } from 'node:crypto';
import { openPkcs12Signer, readPkcs12 } from '../../src-main/core/tokens/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { createTestCa, issueCertificate, softwareKeyPair, verifySignature, type SoftwareKeyType, type TestCa } from './test-pki.js';

let dir: string;
let ca: TestCa;
const data = Buffer.from('签名属性 — the bytes CMS signs');

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-p12-'));
  ca = await createTestCa();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
let files = 0;

/** A key certified by the test CA, exported by `openssl pkcs12` with the given options. */
async function opensslP12(type: SoftwareKeyType, password: string, extra: string[] = [], withChain = true) {
  const key = softwareKeyPair(type);
  const cert = await issueCertificate(ca, key.spki, `CN=王律师 ${type}, O=墨石律师事务所, C=CN`);
  const base = path.join(dir, `f${++files}`);
  writeFileSync(`${base}.key`, key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(`${base}.crt`, pem('CERTIFICATE', cert));
  writeFileSync(`${base}.ca`, pem('CERTIFICATE', ca.der));
  const args = [
    'pkcs12',
    '-export',
    '-inkey',
    `${base}.key`,
    '-in',
    `${base}.crt`,
    '-out',
    `${base}.p12`,
    '-passout',
    `pass:${password}`,
    '-name',
    '王律师的签名证书',
  ];
  execFileSync('openssl', [...args, ...(withChain ? ['-certfile', `${base}.ca`] : []), ...extra], { stdio: 'pipe' });
  return { file: `${base}.p12`, key, cert };
}

/** An RSA key and self-signed certificate packed by node-forge (RSA only: forge knows no EC). */
function forgeP12(password: string, algorithm: '3des' | 'aes256') {
  // forge generates keys in JavaScript (seconds); Node's are converted instead.
  const pair = softwareKeyPair('rsa-2048');
  const keys = {
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
  };
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: 'Forge Signer' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm, friendlyName: 'forge key' });
  const bytes = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { bytes, certDer, publicKey: pair.publicKey };
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

describe('reading and signing', () => {
  for (const algorithm of ['3des', 'aes256'] as const) {
    test(`RSA key from a node-forge file (${algorithm}): PKCS#1 and PSS signatures verify`, async () => {
      const made = forgeP12('s3cret-pw', algorithm);
      const signer = await openPkcs12Signer({ file: made.bytes, fileName: 'forge.p12', password: 's3cret-pw' });
      try {
        assert.deepEqual(Buffer.from(signer.certificate), made.certDer);
        assert.deepEqual(signer.keyAlgorithm, { kind: 'RSA', modulusBits: 2048 });
        assert.equal(signer.assurance, 'software-key');
        assert.equal(signer.keyDescription.keyLabel, 'forge key');
        assert.equal(signer.keyDescription.extractable, true);
        for (const params of [
          { hash: 'SHA-256', kind: 'rsa-pkcs1' },
          { hash: 'SHA-512', kind: 'rsa-pss' },
        ] as const) {
          const sig = await signer.sign(data, params);
          assert.ok(verifySignature(made.publicKey, data, sig, params));
        }
      } finally {
        await signer.close();
      }
    });
  }

  test('EC P-256 from OpenSSL 3 (PBES2/AES-256, SHA-256 MAC) with a Chinese password; chain and certificate byte-exact', async () => {
    const made = await opensslP12('P-256', '合同密码2024');
    const signer = await openPkcs12Signer({ file: made.file, password: '合同密码2024' });
    try {
      assert.deepEqual(Buffer.from(signer.certificate), Buffer.from(made.cert));
      assert.deepEqual(
        signer.chain.map((c) => Buffer.from(c)),
        [Buffer.from(ca.der)],
      );
      assert.deepEqual(signer.keyAlgorithm, { kind: 'EC', curve: 'P-256' });
      assert.equal(signer.keyDescription.keyLabel, '王律师的签名证书');
      assert.equal(signer.keyDescription.fileName, path.basename(made.file));
      const sig = await signer.sign(data, { hash: 'SHA-256', kind: 'ecdsa' });
      assert.ok(verifySignature(made.key.publicKey, data, sig, { hash: 'SHA-256', kind: 'ecdsa' }));
    } finally {
      await signer.close();
    }
  });

  test('EC P-384 in legacy 3DES protection with a Chinese password (BMPString key derivation)', async () => {
    const made = await opensslP12('P-384', '律师', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
    const signer = await openPkcs12Signer({ file: made.file, password: '律师' });
    const sig = await signer.sign(data, { hash: 'SHA-384', kind: 'ecdsa' });
    assert.ok(verifySignature(made.key.publicKey, data, sig, { hash: 'SHA-384', kind: 'ecdsa' }));
    await signer.close();
  });

  test('RSA with an empty password makes PSS signatures', async () => {
    const made = await opensslP12('rsa-2048', '', [], false);
    const signer = await openPkcs12Signer({ file: readFileSync(made.file), password: '' });
    assert.deepEqual(signer.chain, []);
    const sig = await signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pss' });
    assert.ok(verifySignature(made.key.publicKey, data, sig, { hash: 'SHA-256', kind: 'rsa-pss' }));
    await signer.close();
  });

  test('RC2-40 certificate protection (openssl -legacy) still opens', async () => {
    let made;
    try {
      made = await opensslP12('P-256', 'legacy', ['-legacy']);
    } catch {
      // OpenSSL without its legacy provider cannot write RC2 files; then there is nothing to read.
      return assert.ok(true);
    }
    const signer = await openPkcs12Signer({ file: made.file, password: 'legacy' });
    assert.deepEqual(Buffer.from(signer.certificate), Buffer.from(made.cert));
    await signer.close();
  });

  test('a password given as bytes is wiped, whether or not it was right', async () => {
    const made = await opensslP12('P-256', 'pw-bytes');
    const right = new TextEncoder().encode('pw-bytes');
    await (await openPkcs12Signer({ file: made.file, password: right })).close();
    assert.ok(right.every((b) => b === 0));
    const wrong = new TextEncoder().encode('nope');
    await rejectsWith(openPkcs12Signer({ file: made.file, password: wrong }), 'TOKEN_PKCS12_PASSWORD_INCORRECT');
    assert.ok(wrong.every((b) => b === 0));
  });
});

/**
 * node-forge's own PKCS#12 reader on the same file: each key as PKCS#8 DER (forge decrypts EC keys
 * but leaves them undecoded) and each certificate's DER. The reference the Node-crypto reader
 * (readPkcs12: createHash KDF, createDecipheriv, asn1js) must agree with.
 */
function forgeReading(bytes: Uint8Array, password: string): { keys: Buffer[]; certificates: Buffer[] } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))), password);
  const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  const bags = p12.safeContents.flatMap((s) => s.safeBags);
  const keys = bags
    .filter((b) => b.type === forge.pki.oids.pkcs8ShroudedKeyBag || b.type === forge.pki.oids.keyBag)
    .map((b) => (b.key ? der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(b.key))) : der(b.asn1!)));
  const certificates = bags.filter((b) => b.type === forge.pki.oids.certBag).map((b) => (b.cert ? der(forge.pki.certificateToAsn1(b.cert)) : der(b.asn1!)));
  return { keys, certificates };
}

/** The same private key, whatever its PKCS#8 encoding details. */
const sameKey = (a: Uint8Array, b: Uint8Array) =>
  assert.deepEqual(
    createPrivateKey({ key: Buffer.from(a), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }),
    createPrivateKey({ key: Buffer.from(b), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }),
  );

describe('the Node-crypto reader agrees with node-forge', () => {
  const cases: Array<{ name: string; make: () => Promise<{ bytes: Uint8Array; password: string }> }> = [
    { name: 'RSA, forge 3DES', make: async () => ({ bytes: forgeP12('s3cret', '3des').bytes, password: 's3cret' }) },
    { name: 'RSA, forge AES-256', make: async () => ({ bytes: forgeP12('s3cret', 'aes256').bytes, password: 's3cret' }) },
    // forge encodes a PBES2 password as Latin-1, so it opens OpenSSL 3's default files only with ASCII passwords.
    { name: 'RSA, OpenSSL 3 default (PBES2)', make: async () => ({ bytes: readFileSync((await opensslP12('rsa-2048', 'rsa-pw')).file), password: 'rsa-pw' }) },
    { name: 'EC P-256, OpenSSL 3 default', make: async () => ({ bytes: readFileSync((await opensslP12('P-256', 'ec-pw')).file), password: 'ec-pw' }) },
    {
      name: 'EC P-384, legacy 3DES with a SHA-1 MAC, Chinese password',
      make: async () => ({
        bytes: readFileSync((await opensslP12('P-384', '律师', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'])).file),
        password: '律师',
      }),
    },
    {
      name: 'EC P-256, legacy RC2-40 certificates (openssl -legacy)',
      make: async () => ({ bytes: readFileSync((await opensslP12('P-256', 'legacy', ['-legacy'])).file), password: 'legacy' }),
    },
    { name: 'RSA, empty password', make: async () => ({ bytes: readFileSync((await opensslP12('rsa-2048', '', [], false)).file), password: '' }) },
  ];
  for (const { name, make } of cases) {
    test(`${name}: the same keys and certificates; a wrong password refused by both`, async () => {
      const { bytes, password } = await make();
      const ours = await readPkcs12(bytes, password, 'file.p12');
      const reference = forgeReading(bytes, password);
      assert.equal(ours.keys.length, 1);
      assert.equal(reference.keys.length, 1);
      sameKey(ours.keys[0].der, reference.keys[0]);
      assert.deepEqual(
        ours.certificates.map((c) => c.der),
        reference.certificates,
      );
      assert.throws(() => forgeReading(bytes, `${password}x`));
      await rejectsWith(readPkcs12(bytes, `${password}x`, 'file.p12'), 'TOKEN_PKCS12_PASSWORD_INCORRECT');
    });
  }
});

describe('refusals', () => {
  test('a wrong password is TOKEN_PKCS12_PASSWORD_INCORRECT, for modern and legacy files', async () => {
    const modern = await opensslP12('P-256', '正确密码');
    const err = await rejectsWith(openPkcs12Signer({ file: modern.file, password: '错误密码' }), 'TOKEN_PKCS12_PASSWORD_INCORRECT');
    assert.match(err.localized('zh-CN'), /密码错误/);
    const legacy = forgeP12('right', '3des');
    await rejectsWith(openPkcs12Signer({ file: legacy.bytes, password: 'wrong' }), 'TOKEN_PKCS12_PASSWORD_INCORRECT');
  });

  test('what is not a PKCS#12 file is TOKEN_PKCS12_INVALID', async () => {
    await rejectsWith(openPkcs12Signer({ file: Buffer.from('%PDF-1.7\n%âãÏÓ\n'), fileName: 'contract.pdf', password: 'x' }), 'TOKEN_PKCS12_INVALID');
    await rejectsWith(openPkcs12Signer({ file: Buffer.from(pem('CERTIFICATE', ca.der)), password: 'x' }), 'TOKEN_PKCS12_INVALID');
    const made = await opensslP12('P-256', 'pw');
    const truncated = readFileSync(made.file).subarray(0, 300);
    await rejectsWith(openPkcs12Signer({ file: truncated, password: 'pw' }), 'TOKEN_PKCS12_INVALID');
  });

  test('a file without a key, or a key without its certificate, is refused by name', async () => {
    const made = await opensslP12('P-256', 'pw');
    const base = made.file.replace(/\.p12$/, '');
    execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', `${base}.crt`, '-out', `${base}-certs.p12`, '-passout', 'pass:pw'], { stdio: 'pipe' });
    await rejectsWith(openPkcs12Signer({ file: `${base}-certs.p12`, password: 'pw' }), 'TOKEN_KEY_NOT_FOUND');
    execFileSync('openssl', ['pkcs12', '-export', '-nocerts', '-inkey', `${base}.key`, '-out', `${base}-key.p12`, '-passout', 'pass:pw'], { stdio: 'pipe' });
    await rejectsWith(openPkcs12Signer({ file: `${base}-key.p12`, password: 'pw' }), 'TOKEN_CERTIFICATE_MISSING');
    await rejectsWith(openPkcs12Signer({ file: made.file, password: 'pw', keyLabel: 'someone else' }), 'TOKEN_KEY_NOT_FOUND');
    await rejectsWith(openPkcs12Signer({ file: path.join(dir, 'missing.p12'), password: 'pw' }), 'IO_ERROR');
  });

  test('a closed signer and a scheme that does not fit the key are refused', async () => {
    const made = await opensslP12('P-256', 'pw');
    const signer = await openPkcs12Signer({ file: made.file, password: 'pw' });
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'rsa-pss' }), 'TOKEN_SCHEME_MISMATCH');
    await signer.close();
    await rejectsWith(signer.sign(data, { hash: 'SHA-256', kind: 'ecdsa' }), 'TOKEN_SIGNER_CLOSED');
  });
});
