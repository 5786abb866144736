import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAtomicWriter } from '../../src-main/core/files/index.js';
import {
  IncrementalUpdate,
  PdfDict,
  PdfDocument,
  PdfRef,
  PdfString,
  addDss,
  addSignaturePlaceholder,
  documentId,
  findSignatures,
  getDocMdp,
  getFieldLock,
  getPage,
  listFields,
  name,
  readDss,
  vriKey,
  writeIncrementalUpdate,
  writeSignaturePlaceholder,
} from '../../src-main/core/pdf/index.js';
import type { SignatureDictionaryOptions, SignatureFieldOptions, PendingSignature } from '../../src-main/core/pdf/index.js';
import { PADES_CORPUS_DIR, allFixtures, hybridPdf, simplePdf, unsignedFieldPdf } from '../fixtures/pdfs.js';
import { buildPdf } from './build.js';

type Coded = { code?: string; details?: Record<string, unknown> };
let dir: string;
let counter = 0;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-pdf-writer-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const out = (label: string): string => path.join(dir, `${counter++}-${label.replace(/\W+/g, '_')}.pdf`);

const SIG: SignatureDictionaryOptions = { kind: 'signature', signingTime: new Date(Date.UTC(2025, 4, 20, 8, 0, 0)), contentsSize: 4096 };
/** A stand-in for a CMS blob: DER-shaped bytes, enough to check placement. */
const FAKE_DER = Buffer.from('3082010a0201010203040506', 'hex');

/** Sign `input` into a new file with one placeholder; `sign` turns the pending signature into DER. */
async function signInto(
  input: string,
  field: SignatureFieldOptions,
  sig: SignatureDictionaryOptions = SIG,
  sign: (p: PendingSignature) => Promise<Uint8Array> = async () => FAKE_DER,
  /** Adds objects to the update first; may return more field options (e.g. an appearance it added). */
  extra?: (u: IncrementalUpdate) => Partial<SignatureFieldOptions> | void,
): Promise<{ path: string; pending: PendingSignature }> {
  const target = out(path.basename(input));
  const doc = PdfDocument.openFile(input);
  const writer = await openAtomicWriter(target);
  try {
    const update = new IncrementalUpdate(doc);
    const more = extra?.(update) ?? {};
    const placeholder = addSignaturePlaceholder(update, { ...field, ...more }, sig);
    const pending = await writeSignaturePlaceholder(update, placeholder, writer);
    await pending.embed(await sign(pending));
    await writer.commit();
    return { path: target, pending };
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    doc.close();
  }
}

function qpdfCheck(file: string): void {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `qpdf --check ${path.basename(file)}: ${r.stdout}${r.stderr}`);
}

function assertPrefix(original: string, updated: string): void {
  const a = readFileSync(original);
  const b = readFileSync(updated);
  assert.ok(b.length > a.length && b.subarray(0, a.length).equals(a), `${path.basename(original)} is a byte-for-byte prefix`);
}

test('every fixture kind: object + signature placeholder, then a second update on top', async () => {
  for (const f of await allFixtures()) {
    const fieldName = f.name === 'unsigned field' ? 'Signer1' : 'Sig1';
    const first = await signInto(
      f.path,
      { fieldName },
      SIG,
      async () => FAKE_DER,
      (u) => {
        u.add(new PdfDict({ Note: PdfString.fromText('附件') }));
      },
    );
    qpdfCheck(first.path);
    assertPrefix(f.path, first.path);
    const doc1 = PdfDocument.openFile(first.path);
    try {
      assert.equal(doc1.revisions.length, f.revisions + 1, `${f.name}: one more revision`);
      assert.equal(doc1.revision.xrefKind, f.xrefKind === 'stream' ? 'stream' : 'table', `${f.name}: xref kind follows the file`);
      assert.equal(doc1.revision.endOffset, doc1.size);
      const [sig] = findSignatures(doc1);
      assert.equal(sig.fieldName, fieldName);
      assert.deepEqual(sig.byteRange, [...first.pending.byteRange]);
      assert.equal(sig.byteRange![2] + sig.byteRange![3], doc1.size, `${f.name}: covers the whole file`);
      assert.deepEqual([sig.contentsSpan!.start, sig.contentsSpan!.end], [sig.byteRange![1], sig.byteRange![2]], `${f.name}: the gap is the Contents string`);
      assert.deepEqual(Buffer.from(sig.contents!.subarray(0, FAKE_DER.length)), FAKE_DER);
      assert.equal(sig.contents!.length, 4096);
      assert.equal(sig.revision, doc1.revisions.length - 1);
    } finally {
      doc1.close();
    }
    const second = await signInto(first.path, { fieldName: 'Sig2' });
    qpdfCheck(second.path);
    assertPrefix(first.path, second.path);
    const doc2 = PdfDocument.openFile(second.path);
    try {
      assert.equal(doc2.revisions.length, f.revisions + 2);
      assert.deepEqual(
        findSignatures(doc2)
          .map((s) => s.fieldName)
          .sort(),
        [fieldName, 'Sig2'].sort(),
      );
      assert.equal(findSignatures(doc2.asOf(f.revisions)).length, 1, `${f.name}: one signature as of the first signed revision`);
    } finally {
      doc2.close();
    }
  }
});

test('a real detached CMS (openssl) in the placeholder: pdfsig reports the signature valid', async () => {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=Inkstone Test Signer/O=Inkstone'],
    { stdio: 'ignore' },
  );
  let streamed: Buffer = Buffer.alloc(0);
  const signed = await signInto(
    await simplePdf(),
    { fieldName: 'Approval' },
    { ...SIG, reason: '同意签署本合同', location: '北京', contentsSize: 8192 },
    async (pending) => {
      streamed = await pending.digest('sha256');
      // Hand the signed ranges to openssl exactly as a verifier would cut them from the file.
      const [, a, b, c] = pending.byteRange;
      const temp = readdirSync(dir).find((n) => n.startsWith('.inkstone-tmp-'))!;
      const bytes = readFileSync(path.join(dir, temp));
      const data = Buffer.concat([bytes.subarray(0, a), bytes.subarray(b, b + c)]);
      assert.deepEqual(streamed, createHash('sha256').update(data).digest(), 'the streamed digest equals the digest of the ranges');
      const dataFile = path.join(dir, 'signed-ranges.bin');
      writeFileSync(dataFile, data);
      return execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-in', dataFile, '-signer', cert, '-inkey', key, '-outform', 'DER']);
    },
  );
  qpdfCheck(signed.path);
  const r = spawnSync('pdfsig', [signed.path], { encoding: 'utf8' });
  assert.match(r.stdout, /Signature Validation: Signature is Valid\./, r.stdout + r.stderr);
  assert.match(r.stdout, /Signed Ranges: \[0 - \d+\], \[\d+ - \d+\]/);
  assert.match(r.stdout, /Total document signed/);
  const doc = PdfDocument.openFile(signed.path);
  try {
    const [sig] = findSignatures(doc);
    assert.equal(sig.reason, '同意签署本合同');
    assert.equal(sig.location, '北京');
    assert.equal(sig.signingTime, 'D:20250520080000Z');
    assert.equal(sig.subFilter, 'ETSI.CAdES.detached');
    assert.equal(sig.filter, 'Adobe.PPKLite');
  } finally {
    doc.close();
  }
});

test('existing unsigned field: signed in place; indirect /Annots and direct /AcroForm respected', async () => {
  const input = await unsignedFieldPdf();
  const before = PdfDocument.openFile(input);
  const field = listFields(before)[0];
  const pageRef = getPage(before, 0).ref;
  const annotsRef = before.getDict(pageRef)!.get('Annots') as PdfRef;
  before.close();
  assert.ok(annotsRef instanceof PdfRef);
  const { path: signed } = await signInto(input, { fieldName: 'Signer1' });
  const doc = PdfDocument.openFile(signed);
  try {
    const defined = doc.revision.definedObjects;
    assert.ok(defined.includes(field.ref!.num), 'the field gets its /V');
    assert.ok(!defined.includes(pageRef.num), 'the page is not rewritten');
    assert.ok(!defined.includes(annotsRef.num), 'no annotation added for an existing widget');
    const fields = listFields(doc);
    assert.equal(fields.length, 1);
    assert.ok(fields[0].ref!.equals(field.ref!));
    const acroForm = doc.catalog.get('AcroForm');
    assert.ok(acroForm instanceof PdfDict, 'AcroForm stays direct in the catalog');
    assert.equal(acroForm.get('SigFlags'), 3);
  } finally {
    doc.close();
  }
  // A new field on the same page appends to the indirect /Annots array, not to the page.
  const { path: twice } = await signInto(signed, { fieldName: 'Witness', rect: [300, 100, 500, 160] });
  const doc2 = PdfDocument.openFile(twice);
  try {
    assert.ok(doc2.revision.definedObjects.includes(annotsRef.num));
    assert.ok(!doc2.revision.definedObjects.includes(pageRef.num));
    assert.equal(doc2.getArray(annotsRef)!.length, 2);
    assert.deepEqual(listFields(doc2).find((f) => f.name === 'Witness')!.widgets[0].rect, [300, 100, 500, 160]);
  } finally {
    doc2.close();
  }
});

test('indirect /AcroForm with an indirect /Fields array: the array gets a new version', async () => {
  const input = path.join(dir, 'indirect-fields.pdf');
  writeFileSync(
    input,
    buildPdf(
      { 4: '<< /Fields 5 0 R /DA (/Helv 0 Tf 0 g) >>', 5: '[6 0 R]', 6: '<< /FT /Tx /T (Buyer) /Subtype /Widget /Rect [0 0 1 1] /P 3 0 R >>' },
      { catalog: '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>' },
    ),
  );
  const { path: signed } = await signInto(input, { fieldName: 'Sig1' });
  qpdfCheck(signed);
  const doc = PdfDocument.openFile(signed);
  try {
    const defined = doc.revision.definedObjects;
    assert.ok(defined.includes(5), 'the /Fields array is rewritten');
    assert.ok(defined.includes(4), 'the AcroForm gets /SigFlags');
    assert.ok(!defined.includes(1), 'the catalog is untouched');
    assert.deepEqual(
      listFields(doc).map((f) => f.name),
      ['Buyer', 'Sig1'],
    );
    assert.equal(doc.getDict(new PdfRef(4, 0))?.get('SigFlags'), 3);
    assert.equal(doc.getString(doc.getDict(new PdfRef(4, 0))?.get('DA'))?.text, '/Helv 0 Tf 0 g', 'other AcroForm entries kept');
  } finally {
    doc.close();
  }
});

test('unusable fields are refused with typed errors; a too-small placeholder leaves no file', async () => {
  const textField = path.join(dir, 'text-field.pdf');
  writeFileSync(
    textField,
    buildPdf(
      { 4: '<< /FT /Tx /T (Buyer) /Subtype /Widget /Rect [0 0 1 1] >>' },
      { catalog: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>' },
    ),
  );
  await assert.rejects(signInto(textField, { fieldName: 'Buyer' }), (e: Coded) => e.code === 'PDF_FIELD_NOT_SIGNATURE');
  const { path: once } = await signInto(await simplePdf(), { fieldName: 'Sig1' });
  await assert.rejects(signInto(once, { fieldName: 'Sig1' }), (e: Coded) => e.code === 'PDF_FIELD_ALREADY_SIGNED');
  await assert.rejects(signInto(once, { fieldName: 'a.b' }), (e: Coded) => e.code === 'INVALID_INPUT');

  const before = new Set(readdirSync(dir));
  const tooBig = Buffer.alloc(200, 0x30);
  await assert.rejects(
    signInto(await simplePdf(), { fieldName: 'Sig1' }, { ...SIG, contentsSize: 100 }, async () => tooBig),
    (e: Coded) => e.code === 'PDF_PLACEHOLDER_TOO_SMALL' && e.details?.needed === 200 && e.details?.available === 100,
  );
  assert.deepEqual(new Set(readdirSync(dir)), before, 'neither the target nor a temp file is left behind');
});

test('certification (DocMDP), FieldMDP lock, document timestamp, visible appearance with an image and soft mask', async () => {
  const certified = await signInto(await simplePdf(), { fieldName: 'Certify', lock: { action: 'Include', fields: ['Certify'] } }, { ...SIG, certify: 2 });
  qpdfCheck(certified.path);
  const doc = PdfDocument.openFile(certified.path);
  try {
    assert.equal(getDocMdp(doc)?.permission, 2);
    const [sig] = findSignatures(doc);
    assert.ok(getDocMdp(doc)?.signatureRef?.equals(sig.ref!));
    assert.equal(sig.docMdp, 2);
    assert.deepEqual(sig.fieldMdp, { action: 'Include', fields: ['Certify'] });
    assert.deepEqual(getFieldLock(doc, sig.field), { action: 'Include', fields: ['Certify'] });
  } finally {
    doc.close();
  }
  await assert.rejects(signInto(certified.path, { fieldName: 'Again' }, { ...SIG, certify: 1 }), (e: Coded) => e.code === 'PDF_ALREADY_CERTIFIED');

  const stamped = await signInto(
    certified.path,
    { fieldName: 'Timestamp' },
    { kind: 'document-timestamp', contentsSize: 2048, signingTime: new Date(), reason: 'ignored' },
  );
  qpdfCheck(stamped.path);
  const ts = PdfDocument.openFile(stamped.path);
  try {
    const dts = findSignatures(ts).find((s) => s.fieldName === 'Timestamp')!;
    assert.equal(dts.type, 'DocTimeStamp');
    assert.equal(dts.subFilter, 'ETSI.RFC3161');
    assert.equal(dts.signingTime, null, 'a document timestamp carries its time in the token, not /M');
    assert.equal(dts.reason, null);
  } finally {
    ts.close();
  }

  // A visible seal: an RGB image with a soft mask, drawn by the appearance form XObject.
  const seal = await signInto(
    await simplePdf(),
    { fieldName: 'Seal', rect: [350, 60, 450, 160] },
    SIG,
    async () => FAKE_DER,
    (u) => {
      const mask = u.addStream(
        { Type: name('XObject'), Subtype: name('Image'), Width: 2, Height: 2, ColorSpace: name('DeviceGray'), BitsPerComponent: 8 },
        Uint8Array.from([255, 0, 0, 255]),
      );
      const image = u.addStream(
        { Type: name('XObject'), Subtype: name('Image'), Width: 2, Height: 2, ColorSpace: name('DeviceRGB'), BitsPerComponent: 8, SMask: mask },
        Uint8Array.from([200, 0, 0, 200, 0, 0, 200, 0, 0, 200, 0, 0]),
      );
      const ap = u.addStream(
        { Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 100, 100], Resources: new PdfDict({ XObject: new PdfDict({ Im0: image }) }) },
        Buffer.from('q 100 0 0 100 0 0 cm /Im0 Do Q'),
      );
      return { appearance: ap };
    },
  );
  qpdfCheck(seal.path);
  const sealed = PdfDocument.openFile(seal.path);
  try {
    const widget = listFields(sealed)[0].widgets[0];
    const ap = sealed.getStream(sealed.getDict(widget.dict.get('AP'))?.get('N'));
    assert.ok(ap, 'the widget shows the appearance stream');
    const image = sealed.getStream(sealed.getDict(sealed.getDict(ap.dict.get('Resources'))?.get('XObject'))?.get('Im0'));
    assert.deepEqual([...sealed.decodeStream(sealed.getStream(image!.dict.get('SMask'))!)], [255, 0, 0, 255], 'the soft mask round-trips');
    assert.deepEqual(widget.rect, [350, 60, 450, 160]);
  } finally {
    sealed.close();
  }
  const render = spawnSync('pdftoppm', ['-r', '20', '-png', '-singlefile', seal.path, path.join(dir, 'seal')], { encoding: 'utf8' });
  assert.equal(render.status, 0);
  assert.equal(render.stderr, '', 'poppler renders the appearance without complaint');
});

test('/ID keeps its first element and gets a fresh second one; /Info is carried over', async () => {
  const input = await hybridPdf();
  const a = PdfDocument.openFile(input);
  const idBefore = documentId(a);
  a.close();
  const { path: signed } = await signInto(input, { fieldName: 'Sig1' });
  const b = PdfDocument.openFile(signed);
  try {
    const idAfter = documentId(b)!;
    assert.ok(idBefore);
    assert.deepEqual(Buffer.from(idAfter[0]), Buffer.from(idBefore[0]));
    assert.notDeepEqual(Buffer.from(idAfter[1]), Buffer.from(idBefore[1]));
    assert.equal(b.trailer.get('Prev'), a.revision.xrefOffset);
  } finally {
    b.close();
  }
  // A file without /ID gets one; its /Info reference is carried over.
  const plain = await simplePdf();
  const c = PdfDocument.openFile(plain);
  const info = c.trailer.get('Info');
  assert.equal(documentId(c), null);
  c.close();
  const { path: withId } = await signInto(plain, { fieldName: 'Sig1' });
  const d = PdfDocument.openFile(withId);
  try {
    assert.equal(documentId(d)?.[0].length, 16);
    assert.ok((d.trailer.get('Info') as PdfRef).equals(info));
  } finally {
    d.close();
  }
});

test('DSS: added, then merged without duplicates; an existing DSS (real LTA file) keeps its entries', async () => {
  const cert = Buffer.from('3082000a0a0b0c0d0e0f', 'hex');
  const ocsp = Buffer.from('3082000b0102030405', 'hex');
  const crl = Buffer.from('3082000c0908070605', 'hex');
  const contents = Buffer.from('30820001', 'hex');
  const key = vriKey(contents);
  assert.equal(key, createHash('sha1').update(contents).digest('hex').toUpperCase());

  const writeDss = async (input: string, data: Parameters<typeof addDss>[1]): Promise<string> => {
    const target = out('dss');
    const doc = PdfDocument.openFile(input);
    const writer = await openAtomicWriter(target);
    try {
      const update = new IncrementalUpdate(doc);
      addDss(update, data);
      await writeIncrementalUpdate(update, writer);
      await writer.commit();
    } finally {
      doc.close();
    }
    qpdfCheck(target);
    assertPrefix(input, target);
    return target;
  };
  const first = await writeDss(await simplePdf(), { certs: [cert], vri: new Map([[key, { certs: [cert], ocsps: [ocsp] }]]), vriTime: new Date() });
  const second = await writeDss(first, { certs: [cert], crls: [crl], vri: new Map([[key, { crls: [crl] }]]) });
  const doc = PdfDocument.openFile(second);
  try {
    const dss = readDss(doc)!;
    assert.equal(dss.certs.length, 1, 'the same certificate is stored once');
    assert.deepEqual(Buffer.from(dss.certs[0].bytes), cert);
    assert.equal(dss.ocsps.length, 1);
    assert.equal(dss.crls.length, 1);
    const vri = dss.vri.get(key)!;
    assert.deepEqual([vri.certs.length, vri.ocsps.length, vri.crls.length], [1, 1, 1], 'VRI entries merged');
    assert.match(vri.time ?? '', /^D:\d{14}Z$/);
    assert.ok(!doc.revision.definedObjects.includes(dss.certs[0].ref!.num), 'the known certificate is referenced, not stored again');
  } finally {
    doc.close();
  }

  const lta = path.join(PADES_CORPUS_DIR, 'Signature-P-HU_POL-7.pdf');
  const original = PdfDocument.openFile(lta);
  const before = readDss(original)!;
  original.close();
  const merged = await writeDss(lta, { certs: [before.certs[0].bytes, cert] });
  const doc2 = PdfDocument.openFile(merged);
  try {
    const after = readDss(doc2)!;
    assert.equal(after.certs.length, before.certs.length + 1);
    assert.equal(after.ocsps.length, before.ocsps.length);
    assert.equal(after.vri.size, before.vri.size);
    assert.equal(findSignatures(doc2).length, 4, 'earlier signatures are still found');
  } finally {
    doc2.close();
  }
});

test('the writer refuses a document whose cross-reference data had to be rebuilt', async () => {
  const bytes = readFileSync(await simplePdf());
  const broken = path.join(dir, 'no-xref.pdf');
  writeFileSync(broken, bytes.subarray(0, bytes.lastIndexOf('xref')));
  const doc = PdfDocument.openFile(broken);
  try {
    assert.throws(
      () => new IncrementalUpdate(doc),
      (e: Coded) => e.code === 'PDF_CORRUPT',
    );
  } finally {
    doc.close();
  }
  assert.ok(!existsSync(path.join(dir, 'never-written.pdf')));
});
