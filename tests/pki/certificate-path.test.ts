import 'reflect-metadata';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as x509 from '@peculiar/x509';
import { webcrypto, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildCertificatePath,
  type CertificatePathResult,
  fetchIssuerCertificates,
  issueCertificate,
  parseCertificate,
  TrustStore,
} from '../../src-main/core/pki/index.js';
import { getTestPki, type SoftwareLeaf, type TestPki } from '../support/test-pki.js';
import { inkstoneError, tempDir } from './helpers.js';

let pki: TestPki;
let leaf: SoftwareLeaf;
const tmp = tempDir('inkstone-pki-path-');
const DAY = 86_400_000;

before(async () => {
  pki = await getTestPki();
  leaf = await pki.issueSoftwareLeaf({ subject: { commonName: '路径测试', country: 'CN' } });
});
after(() => tmp.cleanup());

function failure(result: CertificatePathResult) {
  assert.equal(result.ok, false, 'expected the path to fail');
  return result as Extract<CertificatePathResult, { ok: false }>;
}

async function asSigningKey(key: KeyObject) {
  return webcrypto.subtle.importKey('pkcs8', key.export({ type: 'pkcs8', format: 'der' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

test('a leaf chains through the intermediate to the trusted root', () => {
  const result = buildCertificatePath(leaf.certificate, { trustStore: pki.trustStore(), pool: leaf.chain });
  assert.ok(result.ok);
  assert.deepEqual(
    result.path.map((c) => c.sha256),
    [leaf.info.sha256, pki.intermediate.info.sha256, pki.root.info.sha256],
  );
  // Trusting the intermediate itself ends the path there.
  const short = buildCertificatePath(leaf.info, { trustStore: new TrustStore([pki.intermediate.certificate]), pool: [] });
  assert.ok(short.ok);
  assert.equal(short.path.length, 2);
});

test('with the intermediate missing, the reason is NO_ISSUER_FOUND naming the missing issuer', () => {
  const result = failure(buildCertificatePath(leaf.certificate, { trustStore: pki.trustStore(), pool: [pki.root.certificate] }));
  assert.equal(result.reason, 'NO_ISSUER_FOUND');
  assert.equal(result.certificate.sha256, leaf.info.sha256);
  assert.match(result.detail, /Inkstone Test Signing CA/);
});

test('the missing intermediate is found by its caIssuers URL (AIA) and the path then validates', async () => {
  const downloaded = await fetchIssuerCertificates(leaf.info);
  assert.deepEqual(
    downloaded.map((c) => c.sha256),
    [pki.intermediate.info.sha256],
  );
  assert.ok(buildCertificatePath(leaf.certificate, { trustStore: pki.trustStore(), pool: downloaded }).ok);
});

test('nothing is trusted silently: an empty trust store ends at UNTRUSTED_ROOT', () => {
  const result = failure(buildCertificatePath(leaf.certificate, { trustStore: new TrustStore(), pool: leaf.chain }));
  assert.equal(result.reason, 'UNTRUSTED_ROOT');
  assert.equal(result.certificate.sha256, pki.root.info.sha256);
  assert.equal(result.partialPath.length, 3);
});

test('validity is judged at the time asked: EXPIRED now, valid when it was in force', async () => {
  const now = Date.now();
  const expired = await pki.issueSoftwareLeaf({ subject: { commonName: 'Old' }, notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - DAY) });
  assert.equal(failure(buildCertificatePath(expired.certificate, { trustStore: pki.trustStore(), pool: expired.chain })).reason, 'EXPIRED');
  assert.ok(buildCertificatePath(expired.certificate, { trustStore: pki.trustStore(), pool: expired.chain, at: new Date(now - 50 * DAY) }).ok);
  assert.equal(
    failure(buildCertificatePath(leaf.certificate, { trustStore: pki.trustStore(), pool: leaf.chain, at: new Date(now - 30 * DAY) })).reason,
    'NOT_YET_VALID',
  );
});

test('a leaf cannot act as a CA (NOT_A_CA), and pathLen 0 forbids a CA below the intermediate', async () => {
  const now = Date.now();
  const child = await pki.issueSoftwareLeaf({ subject: { commonName: 'Child' } });
  const underLeaf = await issueCertificate({
    subject: { commonName: 'Issued by a leaf' },
    publicKey: new Uint8Array(child.info.publicKey.spki),
    issuer: { certificate: leaf.certificate, privateKey: await asSigningKey(leaf.privateKey) },
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + DAY),
  });
  const notCa = failure(buildCertificatePath(underLeaf, { trustStore: pki.trustStore(), pool: [leaf.certificate, ...leaf.chain] }));
  assert.equal(notCa.reason, 'NOT_A_CA');
  assert.equal(notCa.certificate.sha256, leaf.info.sha256);

  const subCaKeys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const subCa = await issueCertificate({
    subject: { commonName: 'Sub CA' },
    publicKey: subCaKeys.publicKey,
    issuer: { certificate: pki.intermediate.certificate, privateKey: pki.intermediate.privateKey },
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + DAY),
    ca: {},
    keyUsage: ['keyCertSign'],
  });
  const underSubCa = await issueCertificate({
    subject: { commonName: 'Too deep' },
    publicKey: new Uint8Array(child.info.publicKey.spki),
    issuer: { certificate: subCa, privateKey: subCaKeys.privateKey },
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + DAY),
  });
  const tooDeep = failure(buildCertificatePath(underSubCa, { trustStore: pki.trustStore(), pool: [subCa, ...leaf.chain] }));
  assert.equal(tooDeep.reason, 'PATH_LENGTH_EXCEEDED');
  assert.equal(tooDeep.certificate.sha256, pki.intermediate.info.sha256);
});

test('a forged signature is SIGNATURE_INVALID; an unknown critical extension fails the path', async () => {
  const forged = new Uint8Array(leaf.certificate);
  forged[forged.length - 5] ^= 0x01;
  assert.equal(failure(buildCertificatePath(forged, { trustStore: pki.trustStore(), pool: leaf.chain })).reason, 'SIGNATURE_INVALID');

  const issuer = new x509.X509Certificate(new Uint8Array(pki.intermediate.certificate));
  const odd = await x509.X509CertificateGenerator.create({
    serialNumber: '7f01',
    subject: 'CN=Odd',
    issuer: issuer.subjectName,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
    publicKey: new x509.PublicKey(new Uint8Array(leaf.info.publicKey.spki)),
    signingKey: pki.intermediate.privateKey,
    signingAlgorithm: pki.intermediate.privateKey.algorithm,
    extensions: [
      new x509.AuthorityKeyIdentifierExtension(pki.intermediate.info.subjectKeyId!),
      new x509.Extension('1.3.6.1.4.1.99999.9', true, new Uint8Array([5, 0])),
    ],
  });
  const unknown = failure(buildCertificatePath(new Uint8Array(odd.rawData), { trustStore: pki.trustStore(), pool: leaf.chain }));
  assert.equal(unknown.reason, 'UNSUPPORTED_CRITICAL_EXTENSION');
  assert.match(unknown.detail, /1\.3\.6\.1\.4\.1\.99999\.9/);
});

test('trust anchors load from PEM bundles and DER files; a file without certificates is refused', async () => {
  const der = path.join(tmp.dir, 'root.cer');
  const junk = path.join(tmp.dir, 'junk.pem');
  writeFileSync(der, pki.root.certificate);
  writeFileSync(junk, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
  const store = await TrustStore.fromFiles([pki.chainPemPath, der]);
  assert.equal(store.size, 2);
  assert.ok(store.isAnchor(pki.intermediate.certificate));
  assert.ok(store.isAnchor(parseCertificate(pki.root.certificate)));
  assert.equal(store.isAnchor(leaf.certificate), false);
  await assert.rejects(
    TrustStore.fromFiles([junk]),
    inkstoneError('PKI_TRUST_FILE_INVALID', (d) => d.path === junk),
  );
  await assert.rejects(TrustStore.fromFiles([path.join(tmp.dir, 'missing.pem')]), inkstoneError('PKI_TRUST_FILE_INVALID'));
});
