import 'reflect-metadata';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkSigningCertificate, describeName, issueCertificate, OID, parseCertificate, pemBlocks, sameName, toPem } from '../../src-main/core/pki/index.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { inkstoneError, openssl, tempDir } from './helpers.js';

let pki: TestPki;
const tmp = tempDir('inkstone-pki-cert-');

before(async () => {
  pki = await getTestPki();
});
after(() => tmp.cleanup());

test('a Chinese distinguished name round-trips: issued, parsed, and read identically by OpenSSL', async () => {
  const leaf = await pki.issueSoftwareLeaf({ subject: { commonName: '张三', organisation: '北京某某律师事务所', country: 'CN' } });
  assert.equal(leaf.info.subject.text, 'CN=张三, O=北京某某律师事务所, C=CN');
  assert.equal(describeName(leaf.info.subject), 'CN=张三, O=北京某某律师事务所, C=CN');
  assert.equal(leaf.info.subject.commonName, '张三');
  assert.deepEqual(
    leaf.info.subject.attributes.map((a) => [a.type, a.value]),
    [
      ['C', 'CN'],
      ['O', '北京某某律师事务所'],
      ['CN', '张三'],
    ],
  );
  const file = path.join(tmp.dir, 'zhang.pem');
  writeFileSync(file, leaf.pem);
  const viaOpenssl = openssl(['x509', '-in', file, '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb,utf8']);
  assert.ok(viaOpenssl.ok, viaOpenssl.out);
  assert.equal(viaOpenssl.out.trim(), 'subject=CN=张三,O=北京某某律师事务所,C=CN');
  // The issuer name inside the leaf is byte-identical to the CA's subject (what NSS chains on).
  assert.ok(sameName(leaf.info.issuer, pki.intermediate.info.subject));
  assert.deepEqual(leaf.info.issuer.der, pki.intermediate.info.subject.der);
});

test('names in BMPString and with separators inside values are decoded and escaped for people', async () => {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const name = new x509.Name([{ C: ['CN'] }, { O: ['Smith, Jones & Partners'] }, { CN: [{ bmpString: '王小明' }] }] as unknown as x509.JsonName);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a',
    subject: name,
    issuer: name,
    notBefore: new Date(Date.now() - 1000),
    notAfter: new Date(Date.now() + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as Algorithm,
  });
  const info = parseCertificate(new Uint8Array(cert.rawData));
  assert.equal(info.subject.commonName, '王小明');
  assert.equal(info.subject.text, 'CN=王小明, O=Smith\\, Jones & Partners, C=CN');
  assert.ok(info.selfIssued);
});

test('every field a report shows is read from the certificate', async () => {
  const leaf = await pki.issueSoftwareLeaf({
    subject: { commonName: 'Field Reader', organisation: 'Inkstone', country: 'GB' },
    keyType: 'EC:secp384r1',
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.4'],
  });
  const info = leaf.info;
  assert.equal(info.version, 3);
  assert.equal(info.sha256, createHash('sha256').update(leaf.certificate).digest('hex'));
  assert.deepEqual(info.keyUsage, ['digitalSignature', 'nonRepudiation']);
  assert.deepEqual(info.extendedKeyUsage, ['1.3.6.1.5.5.7.3.4']);
  assert.equal(info.extendedKeyUsageCritical, false);
  assert.equal(info.basicConstraints, undefined);
  assert.deepEqual(info.ocspUrls, [pki.servers.urls.ocsp]);
  assert.deepEqual(info.caIssuerUrls, [pki.servers.urls.caCertificate('intermediate')]);
  assert.deepEqual(info.crlUrls, [pki.servers.urls.crl('intermediate')]);
  assert.deepEqual(info.policies, [pki.leafPolicyOid]);
  assert.equal(info.authorityKeyId, pki.intermediate.info.subjectKeyId);
  assert.match(info.subjectKeyId ?? '', /^[0-9a-f]{40}$/);
  assert.deepEqual(
    { algorithm: info.publicKey.algorithm, bits: info.publicKey.bits, curve: info.publicKey.curve },
    { algorithm: 'EC', bits: 384, curve: 'P-384' },
  );
  assert.equal(info.signatureAlgorithm.name, 'RSA PKCS#1 v1.5 / SHA-256');
  assert.equal(info.issuer.text, pki.intermediate.info.subject.text);

  // Serial and validity agree with OpenSSL's reading.
  const file = path.join(tmp.dir, 'fields.pem');
  writeFileSync(file, leaf.pem);
  const out = openssl(['x509', '-in', file, '-noout', '-serial', '-enddate', '-fingerprint', '-sha256']);
  assert.ok(out.ok, out.out);
  assert.match(out.out, new RegExp(`serial=${info.serialNumber}`, 'i'));
  assert.match(out.out.replace(/:/g, ''), new RegExp(info.sha256, 'i'));
  assert.equal(new Date(/notAfter=(.*)/.exec(out.out)![1]).getTime(), info.notAfter.getTime());

  const ca = pki.intermediate.info;
  assert.deepEqual(ca.basicConstraints, { ca: true, pathLength: 0 });
  assert.deepEqual(ca.keyUsage, ['keyCertSign', 'cRLSign']);
  assert.deepEqual({ algorithm: ca.publicKey.algorithm, bits: ca.publicKey.bits }, { algorithm: 'RSA', bits: 2048 });
  const tsa = parseCertificate(pki.tsa.certificate);
  assert.deepEqual(tsa.extendedKeyUsage, [OID.kpTimeStamping]);
  assert.equal(tsa.extendedKeyUsageCritical, true);
  assert.ok(pki.ocspResponder.info.ocspNoCheck);
});

test('the signer refuses expired, not-yet-valid and non-signing certificates with typed errors', async () => {
  const now = Date.now();
  const expired = await pki.issueSoftwareLeaf({
    subject: { commonName: '过期证书' },
    notBefore: new Date(now - 100 * 86_400_000),
    notAfter: new Date(now - 86_400_000),
  });
  assert.throws(
    () => checkSigningCertificate(expired.certificate, new Date()),
    inkstoneError('PKI_CERT_EXPIRED', (d) => d.subject === '过期证书'),
  );
  // The same certificate was fine while it was valid.
  assert.equal(checkSigningCertificate(expired.certificate, new Date(now - 50 * 86_400_000)).subject.commonName, '过期证书');

  const future = await pki.issueSoftwareLeaf({
    subject: { commonName: 'Future' },
    notBefore: new Date(now + 86_400_000),
    notAfter: new Date(now + 9 * 86_400_000),
  });
  assert.throws(() => checkSigningCertificate(future.certificate, new Date()), inkstoneError('PKI_CERT_NOT_YET_VALID'));

  const encryption = await pki.issueSoftwareLeaf({ subject: { commonName: 'Encryption' }, keyUsage: ['keyEncipherment'] });
  assert.throws(
    () => checkSigningCertificate(encryption.info, new Date()),
    inkstoneError('PKI_CERT_KEY_USAGE', (d) => d.keyUsage === 'keyEncipherment'),
  );

  const nonRepudiationOnly = await pki.issueSoftwareLeaf({ subject: { commonName: 'NR' }, keyUsage: ['nonRepudiation'] });
  assert.equal(checkSigningCertificate(nonRepudiationOnly.info, new Date()).subject.commonName, 'NR');
});

test('damaged certificate bytes fail with PKI_CERT_MALFORMED, never a crash', async () => {
  const good = (await pki.issueSoftwareLeaf({ subject: { commonName: 'x' } })).certificate;
  const cases = [
    new Uint8Array(),
    new Uint8Array([0x30, 0x82, 0x01]),
    good.subarray(0, good.length - 10),
    new Uint8Array([...good, 0x01]),
    new Uint8Array([0x04, 0x01, 0x00]),
  ];
  for (const bytes of cases) assert.throws(() => parseCertificate(bytes), inkstoneError('PKI_CERT_MALFORMED'));
  // asn1js throws on a GeneralizedTime whose digits are letters; that must still end as a typed error.
  const badTime = new Uint8Array(good);
  const at = badTime.findIndex((b, i) => b === 0x17 && badTime[i + 1] === 0x0d);
  badTime[at] = 0x18;
  badTime.fill(0x41, at + 2, at + 6);
  assert.throws(() => parseCertificate(badTime), inkstoneError('PKI_CERT_MALFORMED'));
});

test('PEM armour round-trips and certificates issued here are read by OpenSSL as CA-signed', async () => {
  const leaf = await pki.issueSoftwareLeaf({ subject: { commonName: 'PEM' } });
  assert.deepEqual(pemBlocks(toPem(leaf.certificate, 'CERTIFICATE') + pki.root.pem, 'CERTIFICATE'), [leaf.certificate, pki.root.certificate]);
  const file = path.join(tmp.dir, 'pem-leaf.pem');
  writeFileSync(file, leaf.pem);
  const out = openssl(['verify', '-CAfile', pki.rootPemPath, '-untrusted', pki.chainPemPath, file]);
  assert.ok(out.ok, out.out);
});

test('issueCertificate makes a self-signed CA when no issuer certificate is given', async () => {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const der = await issueCertificate({
    subject: { commonName: '自签根', country: 'CN' },
    publicKey: keys.publicKey,
    issuer: { privateKey: keys.privateKey },
    notBefore: new Date(Date.now() - 1000),
    notAfter: new Date(Date.now() + 86_400_000),
    ca: { pathLength: 1 },
    keyUsage: ['keyCertSign'],
  });
  const info = parseCertificate(der);
  assert.ok(info.selfIssued);
  assert.equal(info.subjectKeyId, info.authorityKeyId);
  assert.deepEqual(info.basicConstraints, { ca: true, pathLength: 1 });
  assert.equal(info.signatureAlgorithm.name, 'ECDSA / SHA-384');
});
