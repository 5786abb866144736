import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { signDocument } from '../../src-main/core/signing/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import type { SignatureResult, VerificationResult } from '../../src-shared/api/verification.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { appendRawUpdate, signedShape, textStream } from './support/raw-updates.js';

/**
 * Issue 12, attack class 1: updates after the signed revision that only a repairing reader can
 * read — a trailer that is not a dictionary, object bodies without delimiters, cross-reference
 * entries pointing at another object's bytes, objects appended with no cross-reference data. Each
 * is invalid, with the content change it makes named; an update of the same shape written
 * properly stays allowed.
 */

let h: SigningHarness;
let signed: string;

before(async () => {
  h = await setUp('verify-hidden-updates', { token: false });
  const signer = await h.pkcs12Signer();
  try {
    signed = h.out('signed');
    await signDocument({ input: await simplePdf(), output: signed, signer, reason: 'approve' });
  } finally {
    await signer.close();
  }
});
after(tearDown);

async function verify(file: string): Promise<{ result: VerificationResult; first: SignatureResult }> {
  const result = await verifyPdf(file, { trustStore: h.pki.trustStore() });
  return { result, first: result.signatures[0] };
}

const codes = (s: SignatureResult) => s.changes.map((c) => c.message.code);
const classes = (s: SignatureResult) => s.attacks.map((a) => a.class);

/** The signature itself verifies; what came after it does not pass. */
function assertCaught(result: VerificationResult, first: SignatureResult, code: string): void {
  const why = codes(first).join(',');
  assert.equal(first.integrity, 'intact', 'the signed bytes are untouched');
  assert.equal(result.verdict, 'invalid', why);
  assert.equal(first.modifications, 'disallowed', why);
  assert.ok(
    first.changes.some((c) => c.message.code === code && !c.allowed),
    why,
  );
}

test('the same shape written properly (a metadata update by hand): allowed, not invalid, nothing repaired', async () => {
  const shape = signedShape(signed);
  const out = h.out('clean');
  appendRawUpdate(signed, out, [{ num: shape.size, body: '<< /Title (Service Agreement, final) >>' }]);
  const { result, first } = await verify(out);
  assert.equal(result.document.repaired, false);
  assert.equal(result.document.revisions, 3);
  assert.notEqual(result.verdict, 'invalid', codes(first).join(','));
  assert.equal(first.integrity, 'intact');
  assert.notEqual(first.modifications, 'disallowed');
});

test('a trailer without << >>: the update is read as a repairing viewer reads it — repaired, content changed, invalid', async () => {
  const shape = signedShape(signed);
  const out = h.out('bare-trailer');
  appendRawUpdate(signed, out, [{ num: shape.content.num, body: textStream('SERVICE AGREEMENT - fees doubled') }], { trailer: 'bare' });
  const { result, first } = await verify(out);
  assert.equal(result.document.repaired, true);
  assertCaught(result, first, 'CHANGE_REPAIRED_UPDATE');
  assert.ok(codes(first).includes('CHANGE_DRAWN_CHANGED'), codes(first).join(','));
  assert.ok(classes(first).includes('incremental-saving'));
});

test('objects appended with no cross-reference data at all: read by scanning, invalid', async () => {
  const shape = signedShape(signed);
  const out = h.out('no-xref');
  appendRawUpdate(signed, out, [{ num: shape.content.num, body: textStream('SERVICE AGREEMENT - fees doubled') }], { trailer: 'none' });
  const { result, first } = await verify(out);
  assert.equal(result.document.repaired, true);
  assertCaught(result, first, 'CHANGE_REPAIRED_UPDATE');
  assert.ok(classes(first).includes('incremental-saving'));
});

test('a page object whose body lacks << >>: its meaning depends on the reader, invalid', async () => {
  const shape = signedShape(signed);
  const out = h.out('no-delimiters');
  const content = shape.size;
  appendRawUpdate(signed, out, [
    { num: content, body: textStream('SERVICE AGREEMENT - fees doubled') },
    { num: shape.page.num, body: `/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${content} 0 R` },
  ]);
  const { result, first } = await verify(out);
  assertCaught(result, first, 'CHANGE_AMBIGUOUS_OBJECT');
  const ambiguous = first.changes.find((c) => c.message.code === 'CHANGE_AMBIGUOUS_OBJECT')!;
  assert.deepEqual(ambiguous.objects, [shape.page.num]);
});

test("an entry pointing the content stream's number at another object's bytes: invalid", async () => {
  const shape = signedShape(signed);
  const out = h.out('misplaced');
  const decoy = shape.size;
  // Object `decoy` holds the new text; the entry for the page's content stream points at it too.
  appendRawUpdate(signed, out, [{ num: decoy, body: textStream('SERVICE AGREEMENT - fees doubled') }], { pointAt: { [shape.content.num]: decoy } });
  const { result, first } = await verify(out);
  assertCaught(result, first, 'CHANGE_AMBIGUOUS_OBJECT');
  assert.ok(first.changes.find((c) => c.message.code === 'CHANGE_AMBIGUOUS_OBJECT')!.objects.includes(shape.content.num));
});

test('an entry whose bytes define the right number with another generation: invalid', async () => {
  const shape = signedShape(signed);
  const out = h.out('generation');
  appendRawUpdate(signed, out, [{ num: shape.content.num, gen: 1, body: textStream('SERVICE AGREEMENT - fees doubled') }]);
  // The update lists the object with generation 1; rewrite that entry to claim generation 0.
  const bytes = readFileSync(out, 'latin1');
  const entry = /(\d{10}) 00001 n\r\n(?=trailer)/.exec(bytes)!;
  writeFileSync(out, Buffer.from(bytes.slice(0, entry.index) + `${entry[1]} 00000 n\r\n` + bytes.slice(entry.index + entry[0].length), 'latin1'));
  const { result, first } = await verify(out);
  assertCaught(result, first, 'CHANGE_AMBIGUOUS_OBJECT');
});
