import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PdfDocument, addDss, findSignatures } from '../../src-main/core/pdf/index.js';
import { parseSignedData, parseTimestampToken } from '../../src-main/core/pki/index.js';
import { extendDocument } from '../../src-main/core/signing/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { appendUpdate } from './support/tampering.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { assertValid as assertValidIn, signWith as signWithHarness } from './own-signatures.js';

/**
 * What Inkstone signs with a PKCS#12 file, Inkstone verifies as valid when the test root is
 * trusted: one signature, several signatures, a certification followed by an approval, and an
 * extension from B-B to B-LTA (the token keys are covered by signer-outputs.test.ts).
 */

let h: SigningHarness;
before(async () => {
  h = await setUp('verify-signer-outputs-p12', { token: false });
});
after(tearDown);

const signWith = (open: () => Promise<Signer>, input: string, label: string, options?: Parameters<typeof signWithHarness>[4]) =>
  signWithHarness(h, open, input, label, options);
const assertValid = (file: string, expected: { levels: string[]; online: boolean }) => assertValidIn(h, file, expected);

test('a PKCS#12 file at B-LT: valid, and article 13 cannot show where the key was kept', async () => {
  const p12 = await assertValid(await signWith(() => h.pkcs12Signer(), await simplePdf(), 'p12', { level: 'B-LT' }), { levels: ['B-LT'], online: false });
  assert.equal(p12.signatures[0].signer?.commonName, '王五');
  assert.equal(p12.signatures[0].article13.exclusiveKey.status, 'unknown', 'a document cannot prove where a key was kept');
});

test('two signatures, a certification (P=2) followed by an approval, and an extended B-B: all valid', async () => {
  const input = await simplePdf();
  const first = await signWith(() => h.pkcs12Signer(), input, 'multi-1', { level: 'B-T' });
  const second = await signWith(() => h.pkcs12Signer(), first, 'multi-2', { level: 'B-T' });
  const multi = await assertValid(second, { levels: ['B-T', 'B-T'], online: true });
  assert.equal(multi.signatures[0].modifications, 'allowed');
  assert.ok(
    multi.signatures[0].changes.every((c) => c.allowed && ['signature', 'metadata'].includes(c.category)),
    multi.signatures[0].changes.map((c) => c.message.text).join(' | '),
  );
  assert.equal(multi.signatures[0].coverage, 'entire-revision');
  assert.equal(multi.signatures[1].coverage, 'entire-file');

  const certified = await signWith(() => h.pkcs12Signer(), input, 'certified', { level: 'B-T', certify: 2 });
  const approved = await signWith(() => h.pkcs12Signer(), certified, 'certified-approved', { level: 'B-T' });
  const both = await assertValid(approved, { levels: ['B-T', 'B-T'], online: true });
  assert.equal(both.signatures[0].permissions.docMdp, 2);

  const plain = await signWith(() => h.pkcs12Signer(), input, 'to-extend', { level: 'B-B' });
  const extended = h.out('extended');
  await extendDocument({ input: plain, output: extended, level: 'B-LTA', timestampUrls: [h.pki.tsa.url] });
  const lta = await assertValid(extended, { levels: ['B-LTA', 'n/a', 'n/a'], online: false });
  assert.equal(lta.signatures[0].provenTime?.source, 'document-timestamp');
});

test('offline, a B-B signature cannot be confirmed: its revocation status is not in the document', async () => {
  const file = await signWith(() => h.pkcs12Signer(), await simplePdf(), 'offline-bb', { level: 'B-B' });
  const result = await verifyPdf(file, { trustStore: h.pki.trustStore() });
  assert.equal(result.verdict, 'indeterminate');
  assert.equal(result.signatures[0].subIndication, 'TRY_LATER');
  assert.equal(result.signatures[0].revocation.status, 'not-checked');
  const untrusted = await verifyPdf(file, { online: true });
  assert.equal(untrusted.signatures[0].subIndication, 'NO_CERTIFICATE_CHAIN_FOUND', 'nothing is trusted unless the user says so');
});

test('a DSS with the certificates but no revocation data is not B-LT: the level stays B-T', async () => {
  const bt = await signWith(() => h.pkcs12Signer(), await simplePdf(), 'certs-only-bt', { level: 'B-T' });
  // Every certificate of the signer's and the TSA's paths, exactly as the signature carries them.
  const doc = PdfDocument.openFile(bt);
  const cms = parseSignedData(findSignatures(doc)[0].contents!);
  doc.close();
  const certs = [...cms.certificates, ...cms.signatureTimestamps.flatMap((t) => parseTimestampToken(t).cms.certificates)].map((c) => c.der);
  const certsOnly = h.out('certs-only-dss');
  await appendUpdate(bt, certsOnly, (update) => addDss(update, { certs }));
  const result = await verifyPdf(certsOnly, { trustStore: h.pki.trustStore() });
  assert.equal(result.signatures[0].level, 'B-T');
  assert.equal(result.signatures[0].revocation.status, 'not-checked', 'offline, nothing in the document answers for the certificates');

  const lt = h.out('certs-only-extended');
  await extendDocument({ input: bt, output: lt, level: 'B-LT', timestampUrls: [h.pki.tsa.url] });
  const extended = await verifyPdf(lt, { trustStore: h.pki.trustStore() });
  assert.equal(extended.signatures[0].level, 'B-LT', 'with the OCSP responses in the DSS it is');
});
