import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import forge from 'node-forge';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildCertificatePath, checkRevocation, checkSigningCertificate } from '../../src-main/core/pki/index.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { getTestPki, type TestPki, type TokenLeaves } from '../support/test-pki.js';
import { inkstoneError, openssl, tempDir } from './helpers.js';

/** The shared test PKI itself: what other areas' tests rely on must hold. */

let pki: TestPki;
let leaves: TokenLeaves;
const tmp = tempDir('inkstone-test-pki-');

before(async () => {
  pki = await getTestPki();
  leaves = await pki.tokenLeaves();
});
after(() => tmp.cleanup());

test('token leaves: each certificate matches the key generated on the token, and chains to the root', () => {
  const data = path.join(tmp.dir, 'data.bin');
  writeFileSync(data, 'signed on the token 在令牌上签名');
  const digestFile = path.join(tmp.dir, 'data.sha256');
  writeFileSync(digestFile, createHash('sha256').update(readFileSync(data)).digest());
  for (const leaf of [leaves.zhangSan, leaves.alice, leaves.liSi, leaves.bob]) {
    const sig = path.join(tmp.dir, `sig-${leaf.id}`);
    const pub = path.join(tmp.dir, `pub-${leaf.id}.pem`);
    writeFileSync(pub, createPublicKey({ key: Buffer.from(leaf.info.publicKey.spki), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }));
    // SoftHSM signs EC keys with raw CKM_ECDSA over a digest; RSA with CKM_SHA256_RSA_PKCS over the data.
    const rsa = leaf.keyType.startsWith('rsa');
    const args = rsa ? ['--mechanism', 'SHA256-RSA-PKCS', '-i', data] : ['--mechanism', 'ECDSA', '--signature-format', 'openssl', '-i', digestFile];
    execFileSync(
      'pkcs11-tool',
      ['--module', SOFTHSM_MODULE, '--token-label', leaves.token.label, '--login', '--pin', leaves.token.pin, '--sign', '--id', leaf.id, ...args, '-o', sig],
      { env: leaves.token.env, stdio: 'pipe' },
    );
    const check = rsa
      ? openssl(['dgst', '-sha256', '-verify', pub, '-signature', sig, data])
      : openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-in', digestFile, '-sigfile', sig]);
    assert.ok(
      check.ok && /Verified OK|Signature Verified Successfully/.test(check.out),
      `${leaf.label}: the token key does not match the certificate (${check.out})`,
    );
    assert.ok(buildCertificatePath(leaf.certificate, { trustStore: pki.trustStore(), pool: leaf.chain }).ok, leaf.label);
  }
  assert.equal(leaves.zhangSan.info.subject.text, 'CN=张三, O=北京某某律师事务所, C=CN');
  assert.equal(leaves.liSi.info.subject.text, 'CN=李四, O=上海某某律师事务所, C=CN');
  assert.equal(leaves.alice.info.publicKey.bits, 3072);
  assert.equal(leaves.bob.info.publicKey.curve, 'P-384');

  const listing = execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', leaves.token.label, '--list-objects', '--type', 'cert'], {
    env: leaves.token.env,
  }).toString();
  for (const leaf of Object.values(leaves).filter((v) => typeof v === 'object' && 'id' in v)) {
    assert.match(listing, new RegExp(`label:\\s+${leaf.label}[\\s\\S]*?ID:\\s+${leaf.id}`));
  }
});

test('bad token leaves fail exactly as their names say', async () => {
  const now = new Date();
  assert.throws(() => checkSigningCertificate(leaves.expired.info, now), inkstoneError('PKI_CERT_EXPIRED'));
  assert.throws(() => checkSigningCertificate(leaves.notYetValid.info, now), inkstoneError('PKI_CERT_NOT_YET_VALID'));
  assert.throws(() => checkSigningCertificate(leaves.noSigningUsage.info, now), inkstoneError('PKI_CERT_KEY_USAGE'));
  assert.equal(checkSigningCertificate(leaves.revoked.info, now).subject.commonName, 'Revoked Signer');
  const status = await checkRevocation(leaves.revoked.info, pki.intermediate.info, { allowOnline: true });
  assert.deepEqual([status.status, status.revocationReason], ['revoked', 'keyCompromise']);
  assert.equal((await checkRevocation(leaves.zhangSan.info, pki.intermediate.info, { allowOnline: true })).status, 'good');
});

test('the PKCS#12 file opens with its password in OpenSSL and node-forge, key and chain included', async () => {
  const p12 = await pki.pkcs12();
  const out = openssl(['pkcs12', '-in', p12.path, '-passin', `pass:${p12.password}`, '-nokeys', '-info']);
  assert.ok(out.ok, out.out);
  assert.equal((out.out.match(/BEGIN CERTIFICATE/g) ?? []).length, 3);
  assert.equal(openssl(['pkcs12', '-in', p12.path, '-passin', 'pass:wrong', '-noout']).ok, false);

  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(readFileSync(p12.path).toString('binary')), p12.password);
  const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
  const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  assert.equal(keyBags.length, 1);
  assert.equal(certBags.length, 3);
  const leafCert = certBags.find((b) => b.cert?.subject.getField('CN')?.value === forge.util.encodeUtf8('王五'));
  assert.ok(leafCert, 'the leaf certificate, named 王五, is in the file');
  assert.equal(p12.leaf.info.subject.commonName, '王五');
});

test('makeNssDb makes an NSS database that trusts the root for pdfsig', () => {
  const db = pki.makeNssDb(path.join(tmp.dir, 'nss'));
  assert.match(db, /^sql:/);
  const listing = execFileSync('certutil', ['-L', '-d', db]).toString();
  assert.match(listing, /Inkstone Test Root\s+CT,C,C/);
});
