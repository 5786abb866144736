import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IncrementalUpdate, name, PdfDict, PdfRef, PdfStream, PdfString, type PdfDocument } from '../../src-main/core/pdf/index.js';
import { signDocument } from '../../src-main/core/signing/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import type { AttackClass, ChangeCategory, SignatureResult, VerificationResult } from '../../src-shared/api/verification.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { OBJ, writeSharedObjectsPdf } from './support/shared-objects.js';
import { appendUpdate } from './support/tampering.js';

/**
 * Issue 12, attack classes 2 and 3, on one signed order form (support/shared-objects.ts): a fill
 * that rewrites an appearance other things also show, and hidden content revealed by changing only
 * an object the hidden thing references (optional content, indirect flags) or drawn inside another
 * field's appearance (form-in-form). The signature is an approval signature, so a proper fill is
 * allowed; each attack must still be invalid, with its class, and the proper fills must not be.
 */

let h: SigningHarness;
let signed: string;

before(async () => {
  h = await setUp('verify-shared-objects', { token: false });
  const signer = await h.pkcs12Signer();
  try {
    signed = h.out('signed');
    await signDocument({ input: writeSharedObjectsPdf(h.out('form')), output: signed, signer, reason: 'approve' });
  } finally {
    await signer.close();
  }
});
after(tearDown);

async function verify(file: string): Promise<{ result: VerificationResult; first: SignatureResult }> {
  const result = await verifyPdf(file, { trustStore: h.pki.trustStore() });
  return { result, first: result.signatures[0] };
}

const ref = (num: number) => new PdfRef(num, 0);
const describe = (s: SignatureResult) => s.changes.map((c) => `${c.message.code}${c.allowed ? '' : '!'}`).join(',');

/** A new appearance stream for a widget, drawing `text`, with the old stream's dictionary. */
function redrawn(doc: PdfDocument, stream: number, text: string): PdfStream {
  const old = doc.get(ref(stream)) as PdfStream;
  return PdfStream.fromBytes(old.dict, Buffer.from(`BT /Helv 10 Tf 2 6 Td (${text}) Tj ET`, 'latin1'));
}

/** Fill a field as a form filler does: a new value and a new appearance stream of its own. */
function fill(update: IncrementalUpdate, doc: PdfDocument, widget: number, stream: number, text: string): void {
  const ap = update.add(redrawn(doc, stream, text));
  const w = update.editDict(ref(widget));
  w.set('V', PdfString.fromText(text));
  w.set('AP', new PdfDict({ N: ap }));
}

async function attack(label: string, edit: (update: IncrementalUpdate, doc: PdfDocument) => void): Promise<SignatureResult> {
  const out = h.out(label);
  await appendUpdate(signed, out, edit);
  const { result, first } = await verify(out);
  assert.equal(first.integrity, 'intact');
  assert.equal(result.verdict, 'invalid', describe(first));
  assert.equal(first.modifications, 'disallowed', describe(first));
  return first;
}

function assertChange(s: SignatureResult, code: string, category: ChangeCategory, cls: AttackClass): void {
  assert.ok(
    s.changes.some((c) => c.message.code === code && c.category === category && !c.allowed),
    describe(s),
  );
  assert.ok(
    s.attacks.some((a) => a.class === cls),
    s.attacks.map((a) => a.class).join(','),
  );
}

test('the signed form itself: intact, nothing changed, not invalid', async () => {
  const { result, first } = await verify(signed);
  assert.equal(first.integrity, 'intact');
  assert.equal(first.modifications, 'none');
  assert.notEqual(result.verdict, 'invalid');
});

test('proper fills of the fields that share objects (a new appearance of their own): allowed, not invalid', async () => {
  const out = h.out('proper-fills');
  await appendUpdate(signed, out, (update, doc) => {
    fill(update, doc, OBJ.amount, OBJ.shared.widgets, '250');
    fill(update, doc, OBJ.qty, OBJ.shared.pageDrawn, '5');
    fill(update, doc, OBJ.ref, OBJ.shared.info, 'PO-2');
    fill(update, doc, OBJ.note, OBJ.nested.inner, 'deliver by Friday');
  });
  const { result, first } = await verify(out);
  assert.notEqual(result.verdict, 'invalid', describe(first));
  assert.equal(first.modifications, 'allowed', describe(first));
  assert.ok(
    first.changes.every((c) => c.allowed && (c.category === 'form-fill' || c.category === 'annotation')),
    describe(first),
  );
});

test('class 2: filling Amount rewrites the appearance stream Total also uses — shared appearance, shadow replace', async () => {
  const s = await attack('shared-widget-stream', (update, doc) => {
    update.editDict(ref(OBJ.amount)).set('V', PdfString.fromText('1000000'));
    update.set(ref(OBJ.shared.widgets), redrawn(doc, OBJ.shared.widgets, '1000000'));
  });
  assertChange(s, 'CHANGE_SHARED_APPEARANCE', 'other', 'shadow-replace');
  assert.deepEqual(s.changes.find((c) => c.message.code === 'CHANGE_SHARED_APPEARANCE')!.message.params, { field: 'Amount', other: 'Total' });
});

test('class 2: filling Price rewrites the /AP dictionary Tax also uses — shared appearance', async () => {
  const s = await attack('shared-ap-dict', (update, doc) => {
    update.editDict(ref(OBJ.price)).set('V', PdfString.fromText('4000'));
    update.set(ref(OBJ.shared.apDict), new PdfDict({ N: update.add(redrawn(doc, OBJ.shared.apDictStream, '4000')) }));
  });
  assertChange(s, 'CHANGE_SHARED_APPEARANCE', 'other', 'shadow-replace');
});

test("class 2: filling Qty rewrites a stream the page's own content draws — a content change outside the field", async () => {
  const s = await attack('shared-page-drawn', (update, doc) => {
    update.editDict(ref(OBJ.qty)).set('V', PdfString.fromText('300'));
    update.set(ref(OBJ.shared.pageDrawn), redrawn(doc, OBJ.shared.pageDrawn, '300'));
  });
  assertChange(s, 'CHANGE_SHARED_APPEARANCE_ELSEWHERE', 'content', 'shadow-replace');
});

test('class 2: filling Ref rewrites a stream /Info also references — shared appearance', async () => {
  const s = await attack('shared-info', (update, doc) => {
    update.editDict(ref(OBJ.ref)).set('V', PdfString.fromText('PO-9'));
    update.set(ref(OBJ.shared.info), redrawn(doc, OBJ.shared.info, 'PO-9'));
  });
  assertChange(s, 'CHANGE_SHARED_APPEARANCE_ELSEWHERE', 'other', 'shadow-replace');
});

test("class 3: a page's hidden form XObject revealed by changing only its optional-content membership — shadow hide", async () => {
  const s = await attack('reveal-page-xobject', (update, doc) => {
    const ocmd = (doc.get(ref(OBJ.hidden.pageOcmd)) as PdfDict).clone();
    update.set(ref(OBJ.hidden.pageOcmd), ocmd.set('P', name('AllOn')));
  });
  assertChange(s, 'CHANGE_DRAWN_CHANGED', 'content', 'shadow-hide');
});

test('class 3: a hidden stamp annotation revealed by changing only its optional-content membership — shadow hide', async () => {
  const s = await attack('reveal-annotation-oc', (update, doc) => {
    const ocmd = (doc.get(ref(OBJ.hidden.annotOcmd)) as PdfDict).clone();
    update.set(ref(OBJ.hidden.annotOcmd), ocmd.set('P', name('AllOn')));
  });
  assertChange(s, 'CHANGE_ANNOTATION_BEHIND', 'other', 'shadow-hide');
});

test('class 3: a hidden annotation revealed by changing only its indirect /F object — shadow hide', async () => {
  const s = await attack('reveal-annotation-flags', (update) => {
    update.set(ref(OBJ.hidden.flags), 4);
  });
  assertChange(s, 'CHANGE_ANNOTATION_BEHIND', 'other', 'shadow-hide');
});

test("class 3: form-in-form — filling the hidden Note rewrites the appearance Memo's appearance draws — shadow hide", async () => {
  const s = await attack('form-in-form', (update, doc) => {
    update.editDict(ref(OBJ.note)).set('V', PdfString.fromText('PAID IN FULL'));
    update.set(ref(OBJ.nested.inner), redrawn(doc, OBJ.nested.inner, 'PAID IN FULL'));
  });
  assertChange(s, 'CHANGE_SHARED_APPEARANCE', 'other', 'shadow-hide');
  assert.deepEqual(s.changes.find((c) => c.message.code === 'CHANGE_SHARED_APPEARANCE')!.message.params, { field: 'Note', other: 'Memo' });
});
