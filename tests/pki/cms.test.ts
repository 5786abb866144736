import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as asn1js from 'asn1js';
import { constants, createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  addSignatureTimestamp,
  buildCadesSignedData,
  digest,
  OID,
  parseSignedData,
  parseTimestampToken,
  requestTimestamp,
  signatureTimestampImprint,
  type SignatureKind,
  type SigningHashAlgorithm,
  verifyCmsSignature,
} from '../../src-main/core/pki/index.js';
import { getTestPki, type SoftwareLeaf, type TestPki } from '../support/test-pki.js';
import { inkstoneError, openssl, tempDir } from './helpers.js';

let pki: TestPki;
const tmp = tempDir('inkstone-pki-cms-');
after(() => tmp.cleanup());

/** What a PKCS#11 token does: CKM_SHA*_RSA_PKCS / CKM_RSA_PKCS_PSS over the bytes, CKM_ECDSA returning raw r‖s. */
function tokenStyleSigner(key: KeyObject, kind: SignatureKind, hash: SigningHashAlgorithm) {
  const nodeHash = hash.replace('-', '').toLowerCase();
  return async (tbs: Uint8Array): Promise<Uint8Array> => {
    if (kind === 'ecdsa') return new Uint8Array(sign(nodeHash, tbs, { key, dsaEncoding: 'ieee-p1363' }));
    if (kind === 'rsa-pss')
      return new Uint8Array(sign(nodeHash, tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }));
    return new Uint8Array(sign(nodeHash, tbs, key));
  };
}

interface Case {
  name: string;
  keyType: 'rsa:2048' | 'rsa:3072' | 'EC:prime256v1' | 'EC:secp384r1' | 'EC:secp521r1';
  kind: SignatureKind;
  hash: SigningHashAlgorithm;
  leaf?: SoftwareLeaf;
}
const cases: Case[] = [
  { name: 'RSA-2048 PKCS#1 v1.5 / SHA-256', keyType: 'rsa:2048', kind: 'rsa-pkcs1', hash: 'SHA-256' },
  { name: 'RSA-3072 PSS / SHA-256', keyType: 'rsa:3072', kind: 'rsa-pss', hash: 'SHA-256' },
  { name: 'ECDSA P-256 / SHA-256', keyType: 'EC:prime256v1', kind: 'ecdsa', hash: 'SHA-256' },
  { name: 'ECDSA P-384 / SHA-384', keyType: 'EC:secp384r1', kind: 'ecdsa', hash: 'SHA-384' },
  { name: 'ECDSA P-521 / SHA-512', keyType: 'EC:secp521r1', kind: 'ecdsa', hash: 'SHA-512' },
];

before(async () => {
  pki = await getTestPki();
  for (const c of cases)
    c.leaf = await pki.issueSoftwareLeaf({
      subject: { commonName: `签署人 ${c.name}`, organisation: '北京某某律师事务所', country: 'CN' },
      keyType: c.keyType,
    });
});

function opensslVerify(cms: Uint8Array, content: Uint8Array, label: string): { ok: boolean; out: string } {
  const cmsFile = path.join(tmp.dir, `${label}.p7s`);
  const contentFile = path.join(tmp.dir, `${label}.bin`);
  writeFileSync(cmsFile, cms);
  writeFileSync(contentFile, content);
  return openssl([
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    cmsFile,
    '-content',
    contentFile,
    '-CAfile',
    pki.rootPemPath,
    '-purpose',
    'any',
    '-out',
    path.join(tmp.dir, `${label}.out`),
  ]);
}

async function signContent(c: Case, content: Uint8Array, extra: { commitmentType?: 'proof-of-approval' } = {}) {
  const leaf = c.leaf!;
  return buildCadesSignedData({
    contentDigest: digest(c.hash, content),
    digestAlgorithm: c.hash,
    signerCertificate: leaf.certificate,
    chain: leaf.chain,
    signatureAlgorithm: c.kind,
    sign: tokenStyleSigner(leaf.privateKey, c.kind, c.hash),
    ...extra,
  });
}

for (const c of cases) {
  test(`CAdES detached CMS, ${c.name}: OpenSSL and Inkstone verify it, tampering fails both`, async () => {
    const content = new TextEncoder().encode(`%PDF-1.7 contract bytes for ${c.name} 合同正文`);
    const cms = await signContent(c, content);
    const label = c.keyType.replace(/\W/g, '');

    assert.ok(opensslVerify(cms, content, label).ok, opensslVerify(cms, content, label).out);
    const parsed = parseSignedData(cms);
    const check = verifyCmsSignature(parsed, digest(c.hash, content));
    assert.deepEqual(
      { digestMatches: check.digestMatches, signatureValid: check.signatureValid, signingCertV2Matches: check.signingCertV2Matches, problem: check.problem },
      { digestMatches: true, signatureValid: true, signingCertV2Matches: true, problem: undefined },
    );
    assert.equal(parsed.signerCertificate?.sha256, c.leaf!.info.sha256);
    assert.equal(parsed.digestAlgorithm.name, c.hash);
    assert.equal(parsed.signatureAlgorithm.scheme?.kind, c.kind);
    assert.equal(parsed.signatureAlgorithm.scheme?.hash, c.hash);
    assert.deepEqual(
      parsed.certificates.map((x) => x.sha256),
      [c.leaf!.info.sha256, pki.intermediate.info.sha256, pki.root.info.sha256],
    );

    // Changed content: the message digest no longer matches.
    const changed = new Uint8Array(content);
    changed[5] ^= 1;
    assert.equal(opensslVerify(cms, changed, `${label}-changed`).ok, false);
    const changedCheck = verifyCmsSignature(parsed, digest(c.hash, changed));
    assert.equal(changedCheck.digestMatches, false);
    assert.match(changedCheck.problem ?? '', /content was changed/);

    // Changed signature value: the signature no longer verifies.
    const sigAt = Buffer.from(cms).indexOf(Buffer.from(parsed.signatureValue));
    const forged = new Uint8Array(cms);
    forged[sigAt + Math.floor(parsed.signatureValue.length / 2)] ^= 0x40;
    assert.equal(opensslVerify(forged, content, `${label}-forged`).ok, false);
    const forgedCheck = verifyCmsSignature(parseSignedData(forged), digest(c.hash, content));
    assert.equal(forgedCheck.digestMatches, true);
    assert.equal(forgedCheck.signatureValid, false);
  });
}

test('the signed attributes are exactly PAdES’s: DER-sorted, no signing-time, with signing-certificate-v2 and commitment type', async () => {
  const c = cases[2];
  const content = randomBytes(1000);
  const cms = await signContent(c, content, { commitmentType: 'proof-of-approval' });
  const attrs = parseSignedData(cms).signedAttributes!;
  assert.deepEqual(attrs.all.map((a) => a.oid).sort(), [OID.contentType, OID.messageDigest, OID.commitmentTypeIndication, OID.signingCertificateV2].sort());
  assert.equal(attrs.signingTime, undefined);
  assert.equal(attrs.contentType, OID.data);
  assert.equal(attrs.commitmentType, 'proof-of-approval');
  assert.deepEqual(attrs.messageDigest, digest('SHA-256', content));
  const ess = attrs.signingCertificateV2![0];
  assert.equal(ess.certHash, createHash('sha256').update(c.leaf!.certificate).digest('hex'));
  assert.equal(ess.issuerSerial?.serialNumber, c.leaf!.info.serialNumber);
  assert.equal(ess.issuerSerial?.issuer, pki.intermediate.info.subject.text);
  // DER SET OF: elements in ascending order of their encodings, and the bytes signed start with SET.
  assert.equal(attrs.der[0], 0x31);
  const set = asn1js.fromBER(attrs.der.slice().buffer).result as asn1js.Set;
  const encodings = set.valueBlock.value.map((v) => Buffer.from(v.toBER(false)));
  assert.deepEqual(encodings, [...encodings].sort(Buffer.compare));
  assert.ok(opensslVerify(cms, content, 'attrs').ok);
});

test('RSA-PSS parameters name the hash, MGF1 with the same hash, and a salt as long as the hash', async () => {
  const c = cases[1];
  const content = randomBytes(64);
  const cms = await signContent(c, content);
  assert.deepEqual(parseSignedData(cms).signatureAlgorithm.scheme, { kind: 'rsa-pss', hash: 'SHA-256', saltLength: 32 });
  const file = path.join(tmp.dir, 'pss.p7s');
  writeFileSync(file, cms);
  const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file]);
  assert.ok(printed.ok, printed.out);
  // OpenSSL's own reading of the SignerInfo's parameters: [0] sha256, [1] mgf1(sha256), [2] salt 0x20.
  assert.match(
    printed.out,
    /rsassaPss[^\n]*\n[^\n]*SEQUENCE:[\s\S]*?cont \[ 0 \][\s\S]*?:sha256[\s\S]*?cont \[ 1 \][\s\S]*?:mgf1[\s\S]*?:sha256[\s\S]*?cont \[ 2 \]\s+\n\s+\d+:d=2[^\n]*INTEGER\s+:20\n/,
  );
});

test('a key that is not the certificate’s is refused before a signature leaves the builder', async () => {
  const other = await pki.issueSoftwareLeaf({ subject: { commonName: 'Other' }, keyType: 'EC:prime256v1' });
  const c = cases[2];
  await assert.rejects(
    buildCadesSignedData({
      contentDigest: digest('SHA-256', new Uint8Array([1])),
      digestAlgorithm: 'SHA-256',
      signerCertificate: c.leaf!.certificate,
      signatureAlgorithm: 'ecdsa',
      sign: tokenStyleSigner(other.privateKey, 'ecdsa', 'SHA-256'),
    }),
    inkstoneError('PKI_KEY_MISMATCH'),
  );
  await assert.rejects(
    buildCadesSignedData({
      contentDigest: digest('SHA-256', new Uint8Array([1])),
      digestAlgorithm: 'SHA-256',
      signerCertificate: c.leaf!.certificate,
      signatureAlgorithm: 'rsa-pss',
      sign: async () => new Uint8Array(256),
    }),
    inkstoneError('PKI_ALGORITHM_UNSUPPORTED'),
  );
  await assert.rejects(
    buildCadesSignedData({
      contentDigest: digest('SHA-256', new Uint8Array([1])),
      digestAlgorithm: 'SHA-256',
      signerCertificate: c.leaf!.certificate,
      signatureAlgorithm: 'ecdsa',
      sign: async () => new Uint8Array(7),
    }),
    inkstoneError('PKI_SIGNATURE_VALUE_INVALID'),
  );
});

test('malformed CMS bytes fail with PKI_CMS_MALFORMED; PDF zero padding is accepted', async () => {
  const cms = await signContent(cases[0], new Uint8Array([1, 2, 3]));
  const notSignedData = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.data }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString()] }),
    ],
  }).toBER(false);
  const bad = [
    new Uint8Array(),
    randomBytes(300),
    cms.subarray(0, cms.length - 40),
    new Uint8Array([...cms, 0x7f, 0, 0]),
    new Uint8Array(notSignedData),
    new Uint8Array(4096),
  ];
  for (const bytes of bad) assert.throws(() => parseSignedData(bytes), inkstoneError('PKI_CMS_MALFORMED'));
  const padded = new Uint8Array(cms.length + 2000);
  padded.set(cms);
  assert.equal(parseSignedData(padded).der.length, cms.length);
  assert.throws(() => signatureTimestampImprint(randomBytes(50), 'SHA-256'), inkstoneError('PKI_CMS_MALFORMED'));
});

test('legacy CMS without signed attributes (adbe.pkcs7.detached) verifies from the content digest alone', async () => {
  const content = randomBytes(2048);
  const contentFile = path.join(tmp.dir, 'legacy.bin');
  writeFileSync(contentFile, content);
  for (const c of [cases[0], cases[1], cases[2], cases[4]]) {
    const label = `legacy-${c.keyType.replace(/\W/g, '')}`;
    const keyFile = path.join(tmp.dir, `${label}.key`);
    const certFile = path.join(tmp.dir, `${label}.pem`);
    writeFileSync(keyFile, c.leaf!.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(certFile, c.leaf!.pem);
    const out = path.join(tmp.dir, `${label}.p7s`);
    const args = [
      'cms',
      '-sign',
      '-binary',
      '-noattr',
      '-outform',
      'DER',
      '-in',
      contentFile,
      '-signer',
      certFile,
      '-inkey',
      keyFile,
      '-md',
      c.hash.replace('-', '').toLowerCase(),
      '-out',
      out,
    ];
    if (c.kind === 'rsa-pss') args.push('-keyopt', 'rsa_padding_mode:pss', '-keyopt', 'rsa_pss_saltlen:32');
    const made = openssl(args);
    assert.ok(made.ok, made.out);
    const parsed = parseSignedData(readFileSync(out));
    assert.equal(parsed.signedAttributes, undefined, label);
    const good = verifyCmsSignature(parsed, digest(c.hash, content));
    assert.ok(good.signatureValid && good.digestMatches, `${label}: ${good.problem}`);
    const other = verifyCmsSignature(parsed, digest(c.hash, randomBytes(10)));
    assert.equal(other.signatureValid || other.digestMatches, false, label);
  }
});

test('CMS from other signers: SHA-1 with signing-time, and a signer named by subject key identifier', async () => {
  const c = cases[0];
  const content = randomBytes(500);
  const contentFile = path.join(tmp.dir, 'other.bin');
  const keyFile = path.join(tmp.dir, 'other.key');
  const certFile = path.join(tmp.dir, 'other.pem');
  writeFileSync(contentFile, content);
  writeFileSync(keyFile, c.leaf!.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(certFile, c.leaf!.pem);

  const sha1File = path.join(tmp.dir, 'sha1.p7s');
  assert.ok(
    openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-in', contentFile, '-signer', certFile, '-inkey', keyFile, '-md', 'sha1', '-out', sha1File]).ok,
  );
  const sha1 = parseSignedData(readFileSync(sha1File));
  assert.equal(sha1.digestAlgorithm.name, 'SHA-1');
  assert.ok(sha1.signedAttributes?.signingTime instanceof Date);
  assert.ok(Math.abs(sha1.signedAttributes!.signingTime!.getTime() - Date.now()) < 120_000);
  const sha1Check = verifyCmsSignature(sha1, digest('SHA-1', content));
  assert.ok(sha1Check.digestMatches && sha1Check.signatureValid, sha1Check.problem);

  const keyIdFile = path.join(tmp.dir, 'keyid.p7s');
  assert.ok(
    openssl(['cms', '-sign', '-binary', '-keyid', '-outform', 'DER', '-in', contentFile, '-signer', certFile, '-inkey', keyFile, '-out', keyIdFile]).ok,
  );
  const byKeyId = parseSignedData(readFileSync(keyIdFile));
  assert.equal(byKeyId.signerIdentifier.subjectKeyId, c.leaf!.info.subjectKeyId);
  assert.equal(byKeyId.signerCertificate?.sha256, c.leaf!.info.sha256);
  assert.ok(verifyCmsSignature(byKeyId, digest('SHA-256', content)).signatureValid);
});

test('a signature timestamp is added over the signature value without changing a signed byte (B-T)', async () => {
  const c = cases[3];
  const content = randomBytes(4096);
  const cms = await signContent(c, content);
  const before = parseSignedData(cms);
  const imprint = signatureTimestampImprint(cms, 'SHA-256');
  assert.deepEqual(imprint, digest('SHA-256', before.signatureValue));
  const ts = await requestTimestamp({ urls: [pki.tsa.url], imprint, hashAlgorithm: 'SHA-256' });
  const stamped = addSignatureTimestamp(cms, ts.token);

  const after = parseSignedData(stamped);
  assert.deepEqual(after.signedAttributes!.der, before.signedAttributes!.der);
  assert.deepEqual(after.signatureValue, before.signatureValue);
  assert.equal(after.signatureTimestamps.length, 1);
  assert.deepEqual(after.signatureTimestamps[0], ts.token);
  assert.deepEqual(parseTimestampToken(after.signatureTimestamps[0]).tstInfo.imprint, imprint);
  assert.ok(verifyCmsSignature(after, digest(c.hash, content)).signatureValid);
  assert.ok(opensslVerify(stamped, content, 'stamped').ok);

  // A token over something else is not attached.
  const unrelated = await requestTimestamp({ urls: [pki.tsa.url], imprint: digest('SHA-256', randomBytes(8)), hashAlgorithm: 'SHA-256' });
  assert.throws(() => addSignatureTimestamp(cms, unrelated.token), inkstoneError('PKI_TIMESTAMP_MALFORMED'));
});
