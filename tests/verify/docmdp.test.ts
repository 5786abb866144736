import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { signDocument } from '../../src-main/core/signing/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import type { SignatureResult, VerificationResult } from '../../src-shared/api/verification.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { addEmptySignatureField, addSignatureField, changeContentStream, overlayAnnotation } from './support/tampering.js';

/**
 * What each DocMDP level lets later revisions do with signatures (ISO 32000-1 §12.8.2.2): P=1
 * nothing — no new signature, no new signature field; P=2 signing — a new signature, an empty
 * field for a later signer — but no annotation, no content change, and no "signature field" whose
 * appearance paints over the signed text; P=3 also annotations. Issue 12: a planted bug letting
 * P=1 take a signature, or treating P=2 as P=1 or P=3, must fail here.
 */

let h: SigningHarness;
const certified: Partial<Record<1 | 2 | 3, string>> = {};

async function contract(target: string): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('SERVICE AGREEMENT', { x: 56, y: 780, size: 13, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.getForm().createTextField('Amount').addToPage(page, { x: 56, y: 700, width: 200, height: 24 });
  writeFileSync(target, await doc.save({ useObjectStreams: false }));
  return target;
}

async function sign(input: string, label: string, certify?: 1 | 2 | 3): Promise<string> {
  const signer = await h.pkcs12Signer();
  try {
    const output = h.out(label);
    await signDocument({ input, output, signer, reason: 'approve', certify });
    return output;
  } finally {
    await signer.close();
  }
}

before(async () => {
  h = await setUp('verify-docmdp', { token: false });
  const input = await contract(h.out('contract'));
  for (const p of [1, 2, 3] as const) certified[p] = await sign(input, `certified-p${p}`, p);
});
after(tearDown);

async function verify(file: string): Promise<{ result: VerificationResult; first: SignatureResult }> {
  const result = await verifyPdf(file, { trustStore: h.pki.trustStore() });
  return { result, first: result.signatures[0] };
}

const describe = (s: SignatureResult) => s.changes.map((c) => `${c.category}:${c.message.code}${c.allowed ? '' : '!'}`).join(',');

function assertForbidden(result: VerificationResult, first: SignatureResult, code: string): void {
  assert.equal(first.integrity, 'intact');
  assert.equal(first.modifications, 'disallowed', describe(first));
  assert.equal(result.verdict, 'invalid', describe(first));
  assert.ok(
    first.changes.some((c) => c.message.code === code && !c.allowed),
    describe(first),
  );
}

function assertPermitted(result: VerificationResult, first: SignatureResult, code: string): void {
  assert.equal(first.integrity, 'intact');
  assert.equal(first.modifications, 'allowed', describe(first));
  assert.ok(
    first.changes.some((c) => c.message.code === code && c.allowed),
    describe(first),
  );
  assert.ok(
    first.changes.every((c) => c.allowed),
    describe(first),
  );
  assert.notEqual(first.indication, 'TOTAL_FAILED');
}

test('P=1: a new signature after certification is not permitted', async () => {
  const out = h.out('p1-signature');
  await addSignatureField(certified[1]!, out, 'Witness');
  const { result, first } = await verify(out);
  assert.equal(first.permissions.docMdp, 1);
  assertForbidden(result, first, 'CHANGE_SIGNATURE_ADDED');
});

test('P=1: a new empty signature field after certification is not permitted', async () => {
  const out = h.out('p1-field');
  await addEmptySignatureField(certified[1]!, out, 'Witness');
  const { result, first } = await verify(out);
  assertForbidden(result, first, 'CHANGE_SIGNATURE_FIELD_ADDED');
});

test('P=2: a second signature by our signer is permitted, and both signatures stand', async () => {
  const out = await sign(certified[2]!, 'p2-second');
  const { result, first } = await verify(out);
  assert.equal(first.permissions.docMdp, 2);
  assertPermitted(result, first, 'CHANGE_SIGNATURE_ADDED');
  assert.equal(result.signatures.length, 2);
  assert.notEqual(result.verdict, 'invalid');
});

test('P=2: a new signature in a new field, and an empty field for a later signer, are permitted', async () => {
  const signedOut = h.out('p2-signature');
  await addSignatureField(certified[2]!, signedOut, 'Witness');
  const signature = await verify(signedOut);
  assertPermitted(signature.result, signature.first, 'CHANGE_SIGNATURE_ADDED');
  const fieldOut = h.out('p2-field');
  await addEmptySignatureField(certified[2]!, fieldOut, 'Witness');
  const { result, first } = await verify(fieldOut);
  assertPermitted(result, first, 'CHANGE_SIGNATURE_FIELD_ADDED');
  assert.notEqual(result.verdict, 'invalid');
});

test('P=2: an empty "signature field" whose appearance paints over the signed text is an overlay, not signing', async () => {
  const out = h.out('p2-field-overlay');
  await addEmptySignatureField(certified[2]!, out, 'Witness', { rect: [50, 770, 300, 800], text: 'PAID IN FULL' });
  const { result, first } = await verify(out);
  assertForbidden(result, first, 'CHANGE_OVERLAY_TEXT');
  assert.ok(first.attacks.some((a) => a.class === 'annotation-overlay'));
});

test('P=2: an annotation is not permitted (P=3 permits the same one)', async () => {
  const p2 = h.out('p2-annotation');
  await overlayAnnotation(certified[2]!, p2, [400, 100, 500, 150]);
  const two = await verify(p2);
  assertForbidden(two.result, two.first, 'CHANGE_ANNOTATION_ADDED');
  const p3 = h.out('p3-annotation');
  await overlayAnnotation(certified[3]!, p3, [400, 100, 500, 150]);
  const three = await verify(p3);
  assert.equal(three.first.permissions.docMdp, 3);
  assertPermitted(three.result, three.first, 'CHANGE_ANNOTATION_ADDED');
});

test('P=2: a content change is not permitted, even when a signature comes with it', async () => {
  const changed = h.out('p2-content');
  await changeContentStream(certified[2]!, changed);
  const out = h.out('p2-content-then-signature');
  await addSignatureField(changed, out, 'Witness');
  const { result, first } = await verify(out);
  assertForbidden(result, first, 'CHANGE_DRAWN_CHANGED');
  assert.ok(
    first.changes.some((c) => c.message.code === 'CHANGE_SIGNATURE_ADDED' && c.allowed),
    describe(first),
  );
});
