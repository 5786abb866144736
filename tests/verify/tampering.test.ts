import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { signDocument } from '../../src-main/core/signing/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import type { SignatureResult, VerificationResult } from '../../src-shared/api/verification.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import {
  addPage,
  changeContentStream,
  fillField,
  firstByteRange,
  flipByteInRange,
  overlayAnnotation,
  replaceFont,
  rewriteByteRange,
  wrapSignature,
} from './support/tampering.js';

/**
 * The tampering cases of issue 3, each made on a file our signer signed (PKCS#12 key, test root
 * trusted) and each caught with the right class. Offline: revocation is not what is tested here.
 */

let h: SigningHarness;
let signed: string;
let certifiedForm: string;
let fillableForm: string;

/** A one-page contract with a text field "Amount" (pdf-lib, classic cross-reference table). */
async function formPdf(target: string): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('PURCHASE ORDER — amount payable:', { x: 56, y: 760, size: 13, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.getForm().createTextField('Amount').addToPage(page, { x: 56, y: 700, width: 200, height: 24 });
  writeFileSync(target, await doc.save({ useObjectStreams: false }));
  return target;
}

async function sign(input: string, label: string, extra: { certify?: 1 | 2 | 3 } = {}): Promise<string> {
  const signer = await h.pkcs12Signer();
  try {
    const output = h.out(label);
    await signDocument({ input, output, signer, reason: 'approve', ...extra });
    return output;
  } finally {
    await signer.close();
  }
}

before(async () => {
  h = await setUp('verify-tampering', { token: false });
  signed = await sign(await simplePdf(), 'signed');
  const form = await formPdf(h.out('form'));
  certifiedForm = await sign(form, 'certified-p1', { certify: 1 });
  fillableForm = await sign(form, 'certified-p2', { certify: 2 });
});
after(tearDown);

async function verify(file: string): Promise<{ result: VerificationResult; first: SignatureResult }> {
  const result = await verifyPdf(file, { trustStore: h.pki.trustStore() });
  return { result, first: result.signatures[0] };
}

const codes = (s: SignatureResult) => s.changes.map((c) => c.message.code);
const classes = (s: SignatureResult) => s.attacks.map((a) => a.class);

test('the untouched signed file is not invalid: intact, whole file, nothing changed', async () => {
  const { result, first } = await verify(signed);
  assert.notEqual(result.verdict, 'invalid');
  assert.equal(first.integrity, 'intact');
  assert.equal(first.coverage, 'entire-file');
  assert.equal(first.modifications, 'none');
  assert.equal(first.chain.status, 'trusted');
});

test('a byte flipped inside a signed range: integrity broken, HASH_FAILURE', async () => {
  const out = h.out('flipped');
  flipByteInRange(signed, out);
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.equal(first.integrity, 'broken');
  assert.equal(first.indication, 'TOTAL_FAILED');
  assert.equal(first.subIndication, 'HASH_FAILURE');
  assert.ok(first.findings.includes('DIGEST_MISMATCH'));
});

test('an appended update that rewrites the page content stream: content change, incremental saving attack', async () => {
  const out = h.out('content');
  await changeContentStream(signed, out);
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.equal(first.integrity, 'intact', 'the signature itself still verifies');
  assert.equal(first.coverage, 'entire-revision');
  assert.equal(first.modifications, 'disallowed');
  assert.ok(
    first.changes.some((c) => c.category === 'content' && !c.allowed),
    codes(first).join(','),
  );
  assert.deepEqual(classes(first), ['incremental-saving']);
});

test('a replaced font: shadow replace', async () => {
  const out = h.out('font');
  await replaceFont(signed, out);
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.ok(codes(first).includes('CHANGE_FONT_REPLACED'), codes(first).join(','));
  assert.ok(classes(first).includes('shadow-replace'));
});

test('a new page: page difference, incremental saving attack', async () => {
  const out = h.out('page');
  await addPage(signed, out);
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.equal(result.document.pages, 2);
  assert.ok(codes(first).includes('CHANGE_PAGES_ADDED'), codes(first).join(','));
  assert.ok(first.findings.includes('PAGE_DIFFERENCE'));
  assert.ok(classes(first).includes('incremental-saving'));
});

test('a moved ByteRange: the gap no longer is the signature, integrity broken', async () => {
  const out = h.out('moved');
  rewriteByteRange(signed, out, ([, a, b, c]) => [0, a + 40, b, c]);
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.equal(first.integrity, 'broken');
  assert.equal(first.subIndication, 'FORMAT_FAILURE');
  assert.ok(first.findings.includes('BYTERANGE_INVALID'));
  assert.equal(first.coverage, 'unclear');
});

test('a wrapped signature: unsigned bytes inserted into the gap, ranges moved around them — signature wrapping', async () => {
  const out = h.out('wrapped');
  wrapSignature(signed, out);
  const [, a, b] = firstByteRange(out);
  assert.ok(b - a > firstByteRange(signed)[2] - firstByteRange(signed)[1], 'the gap grew');
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.equal(first.integrity, 'broken');
  assert.ok(first.findings.includes('BYTERANGE_INVALID'));
  assert.ok(classes(first).includes('signature-wrapping'));
  assert.equal(first.modifications, 'disallowed');
});

test('an opaque annotation added over signed text: annotation overlay, not allowed', async () => {
  const out = h.out('overlay');
  await overlayAnnotation(signed, out);
  const { result, first } = await verify(out);
  assert.equal(result.verdict, 'invalid');
  assert.ok(codes(first).includes('CHANGE_OVERLAY_TEXT'), codes(first).join(','));
  assert.ok(classes(first).includes('annotation-overlay'));
});

test('the same annotation where nothing is signed: an allowed annotation change', async () => {
  const out = h.out('annotation');
  await overlayAnnotation(signed, out, [400, 100, 500, 150]);
  const { result, first } = await verify(out);
  assert.notEqual(result.verdict, 'invalid');
  assert.equal(first.modifications, 'allowed');
  assert.ok(first.changes.every((c) => c.allowed));
  assert.ok(first.changes.some((c) => c.category === 'annotation'));
});

test('a form field changed under DocMDP P=1: form fill, not allowed', async () => {
  const out = h.out('filled-p1');
  await fillField(certifiedForm, out, 'Amount', '1000000');
  const { result, first } = await verify(out);
  assert.equal(first.permissions.docMdp, 1);
  assert.equal(result.verdict, 'invalid');
  assert.ok(
    first.changes.some((c) => c.category === 'form-fill' && !c.allowed && c.message.code === 'CHANGE_FORM_FILLED'),
    codes(first).join(','),
  );
});

test('the same fill under DocMDP P=2 is allowed', async () => {
  const out = h.out('filled-p2');
  await fillField(fillableForm, out, 'Amount', '1000');
  const { result, first } = await verify(out);
  assert.equal(first.permissions.docMdp, 2);
  assert.notEqual(result.verdict, 'invalid');
  assert.equal(first.modifications, 'allowed');
  assert.ok(first.changes.some((c) => c.category === 'form-fill' && c.allowed));
});
