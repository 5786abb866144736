import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { TrustStore } from '../../src-main/core/pki/index.js';
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
];

for (const shape of SHAPES) {
  test(`legacy CMS, ${shape}: OpenSSL verifies it; we decode it and report SHA-1 as a cryptographic constraint`, async () => {
    const signed = await signLegacy(ca, await simplePdf(), path.join(dir, `${shape}.pdf`), shape);
    // OpenSSL parses and verifies the very CMS in the file.
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
      [],
      reading.problem ?? '',
    );
    assert.equal(reading.parsed?.digestAlgorithm.name, 'SHA-1');
    assert.equal(reading.parsed?.signerCertificate?.subject.commonName, 'Zhang San');
    if (shape === 'signing-time-with-offset') {
      // 2011-03-15 12:34 at UTC+8, read as the signer wrote it (not asn1js's "1899" for a time it cannot parse).
      assert.equal(reading.parsed?.signedAttributes?.signingTime?.toISOString(), '2011-03-15T04:34:00.000Z');
    }

    const result = await verifyPdf(signed.file, { trustStore: await TrustStore.fromFiles([ca.caPem]) });
    const s = result.signatures[0];
    const why = `${s.indication} ${s.subIndication} ${s.findings.join(',')} ${s.problems.map((p) => p.code).join(',')}`;
    assert.equal(s.integrity, 'intact', why);
    assert.ok(!s.findings.includes('CMS_UNDECODABLE'), why);
    assert.equal(s.chain.status, 'trusted', why);
    assert.equal(s.algorithms.digest, 'SHA-1');
    assert.equal(s.indication, 'INDETERMINATE', why);
    assert.ok(
      s.problems.some((p) => p.code === 'PROBLEM_WEAK_ALGORITHM' && p.params.algorithm === 'SHA-1'),
      why,
    );
    assert.notEqual(result.verdict, 'invalid', why);
  });
}
