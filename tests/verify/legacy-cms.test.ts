import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { TrustStore, verifyCmsSignature, type ParsedSignedData } from '../../src-main/core/pki/index.js';
import { readCms, verifyPdf } from '../../src-main/core/verify/index.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { makeLegacyCa, signLegacy, type LegacyCa, type LegacyShape } from './support/legacy-cms.js';

/**
 * Issue 12: "a valid old signature reported broken". Every CMS OpenSSL parses must decode, and a
 * legacy algorithm gets an honest cryptographic-constraints indication, not "cannot be decoded".
 * Each shape is signed by OpenSSL over a real PDF's byte range, checked by `openssl cms -verify`,
 * then verified by us with the old root trusted.
 */

let dir: string;
let ca: LegacyCa;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-legacy-cms-'));
  ca = makeLegacyCa(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const SHAPES: LegacyShape[] = [
  'sha1-signing-time',
  'no-signed-attributes',
  'pkcs7-smime',
  'certificates-odd-order',
  'unsigned-attribute',
  'ber-indefinite',
  'signing-time-with-offset',
  'ess-v1-unreadable',
  'signing-time-twice',
  'signature-constructed-octets',
  'signature-constructed-octets-ber',
  'crl-in-signed-data',
  'attribute-certificates',
  'attribute-certificates-ber',
  'subject-key-identifier',
  'sha1-with-rsa-algorithm',
  'sha256-with-rsa-algorithm',
  'unreadable-certificate',
  'unreadable-certificate-ber',
];

/** Reading findings a shape must give besides NON_DER_SIGNED_ATTRIBUTES (none for the others). */
const READING_FINDINGS: Partial<Record<LegacyShape, string[]>> = {
  'unreadable-certificate': ['CERTIFICATE_UNREADABLE'],
  'unreadable-certificate-ber': ['CERTIFICATE_UNREADABLE'],
};

for (const shape of SHAPES) {
  test(`legacy CMS, ${shape}: OpenSSL verifies it; we decode it and give a clear verdict (SHA-1: a cryptographic constraint)`, async () => {
    const signed = await signLegacy(ca, await simplePdf(), path.join(dir, `${shape}.pdf`), shape);
    // OpenSSL parses the very CMS in the file, and verifies it unless it breaks RFC 5652's
    // attribute rules (a repeated signing-time), which OpenSSL 3 checks.
    const args = ['-binary', '-inform', 'DER', '-in', signed.cmsFile];
    if (shape === 'signing-time-twice') execFileSync('openssl', ['cms', '-cmsout', '-print', '-noout', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    else
      execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          signed.cmsFile,
          '-content',
          signed.signedBytes,
          '-CAfile',
          ca.caPem,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    const reading = readCms(signed.cms);
    assert.deepEqual(
      reading.findings.filter((f) => f !== 'NON_DER_SIGNED_ATTRIBUTES'),
      READING_FINDINGS[shape] ?? [],
      reading.problem ?? '',
    );
    const hash = shape === 'sha256-with-rsa-algorithm' ? 'SHA-256' : 'SHA-1';
    assert.equal(reading.parsed?.digestAlgorithm.name, hash);
    assertShapeRead(shape, reading.parsed!);
    assert.equal(reading.parsed?.signerCertificate?.subject.commonName, 'Zhang San');
    if (shape === 'signing-time-with-offset') {
      // 2011-03-15 12:34 at UTC+8, read as the signer wrote it (not asn1js's "1899" for a time it cannot parse).
      assert.equal(reading.parsed?.signedAttributes?.signingTime?.toISOString(), '2011-03-15T04:34:00.000Z');
    }
    // An attribute OpenSSL does not read is noted as unreadable, not a reason to refuse the CMS.
    const unreadable = { 'ess-v1-unreadable': ['1.2.840.113549.1.9.16.2.12'], 'signing-time-twice': ['1.2.840.113549.1.9.5'] }[shape as string] ?? [];
    assert.deepEqual(reading.parsed?.signedAttributes?.unreadable ?? [], unreadable);
    // The signature itself still checks out; only the ESS binding is said to be unreadable.
    const check = verifyCmsSignature(
      reading.parsed!,
      createHash(hash === 'SHA-1' ? 'sha1' : 'sha256')
        .update(readFileSync(signed.signedBytes))
        .digest(),
    );
    assert.equal(check.signatureValid, true, check.problem);
    assert.equal(check.signingCertificateUnreadable, shape === 'ess-v1-unreadable');

    const result = await verifyPdf(signed.file, { trustStore: await TrustStore.fromFiles([ca.caPem]) });
    const s = result.signatures[0];
    const why = `${s.indication} ${s.subIndication} ${s.findings.join(',')} ${s.problems.map((p) => p.code).join(',')}`;
    assert.equal(s.integrity, 'intact', why);
    assert.ok(!s.findings.includes('CMS_UNDECODABLE'), why);
    assert.equal(s.chain.status, 'trusted', why);
    assert.equal(s.algorithms.digest, hash);
    assert.equal(s.indication, 'INDETERMINATE', why);
    // SHA-1 is a cryptographic constraint; a SHA-256 signature of the same signer still lacks a
    // revocation answer (offline), which is the reason it cannot be confirmed.
    if (hash === 'SHA-1')
      assert.ok(
        s.problems.some((p) => p.code === 'PROBLEM_WEAK_ALGORITHM' && p.params.algorithm === 'SHA-1'),
        why,
      );
    else assert.equal(s.subIndication, 'TRY_LATER', why);
    // The old CA signed the leaf with SHA-1 (its own self-signature is not a weakness: it is the anchor).
    assert.deepEqual(
      s.problems.filter((p) => p.code === 'PROBLEM_WEAK_CERTIFICATE_SIGNATURE').map((p) => p.params),
      [{ algorithm: 'SHA-1', subject: 'Zhang San' }],
      why,
    );
    assert.notEqual(result.verdict, 'invalid', why);
    if (shape === 'crl-in-signed-data') {
      // The embedded CRL is read and used: it revokes the leaf, and nothing proves an earlier signing time.
      assert.equal(s.subIndication, 'REVOKED_NO_POE', why);
      assert.equal(s.revocation.status, 'revoked', why);
    }
    if (shape.startsWith('unreadable-certificate')) assert.ok(s.findings.includes('CERTIFICATE_UNREADABLE'), why);
  });
}

/** What each shape's own feature must read as. */
function assertShapeRead(shape: LegacyShape, parsed: ParsedSignedData): void {
  const rsaPkcs1 = { sha1WithRSA: '1.2.840.113549.1.1.5', sha256WithRSA: '1.2.840.113549.1.1.11', rsaEncryption: '1.2.840.113549.1.1.1' };
  const expectedOid =
    shape === 'sha1-with-rsa-algorithm' ? rsaPkcs1.sha1WithRSA : shape === 'sha256-with-rsa-algorithm' ? rsaPkcs1.sha256WithRSA : rsaPkcs1.rsaEncryption;
  if (shape !== 'pkcs7-smime') assert.equal(parsed.signatureAlgorithm.oid, expectedOid);
  assert.equal(parsed.signatureValue.length, 256, 'the whole RSA-2048 signature value, segments joined');
  assert.equal(parsed.revocationValues.crls.length, shape === 'crl-in-signed-data' ? 1 : 0);
  // Attribute and other-format certificates are not X.509 certificates: they are left out, not unreadable.
  const names = parsed.certificates.map((c) => c.subject.commonName).sort();
  if (shape !== 'no-signed-attributes' && shape !== 'certificates-odd-order') assert.deepEqual(names, ['Legacy CA 2011', 'Zhang San']);
  assert.deepEqual(
    parsed.unreadableCertificates.map((u) => u.index),
    shape.startsWith('unreadable-certificate') ? [2] : [],
  );
  if (shape === 'subject-key-identifier') {
    assert.equal(parsed.signerIdentifier.issuerSerial, undefined);
    assert.equal(parsed.signerIdentifier.subjectKeyId, parsed.signerCertificate?.subjectKeyId);
  }
}
