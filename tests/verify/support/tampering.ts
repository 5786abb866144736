import { readFileSync, writeFileSync } from 'node:fs';
import { openAtomicWriter } from '../../../src-main/core/files/index.js';
import {
  addSignaturePlaceholder,
  findSignatures,
  getPage,
  IncrementalUpdate,
  listFields,
  name,
  PdfDict,
  PdfDocument,
  PdfRef,
  PdfStream,
  PdfString,
  writeIncrementalUpdate,
  writeSignaturePlaceholder,
} from '../../../src-main/core/pdf/index.js';

/**
 * Attacks made on real signed files, with the pdf layer's own incremental writer (so each update is
 * exactly what a tool would append): the tampering cases of issue 3. Every generator reads `signed`
 * and writes a new file `out`.
 */

/** Append an update built by `edit` to `signed`, written to `out`. */
export async function appendUpdate(signed: string, out: string, edit: (update: IncrementalUpdate, doc: PdfDocument) => void): Promise<void> {
  const doc = PdfDocument.openFile(signed);
  try {
    const update = new IncrementalUpdate(doc);
    edit(update, doc);
    const writer = await openAtomicWriter(out);
    try {
      await writeIncrementalUpdate(update, writer);
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
  } finally {
    doc.close();
  }
}

/** The byte range of the first signature, as written. */
export function firstByteRange(file: string): [number, number, number, number] {
  const doc = PdfDocument.openFile(file);
  try {
    const br = findSignatures(doc)[0].byteRange!;
    return [br[0], br[1], br[2], br[3]];
  } finally {
    doc.close();
  }
}

/** Flip one bit of a byte inside the first signed range (in the page content, not in the signature). */
export function flipByteInRange(signed: string, out: string): void {
  const bytes = readFileSync(signed);
  const [, a] = firstByteRange(signed);
  const at = bytes.indexOf('SERVICE AGREEMENT');
  const target = at > 0 && at < a ? at : Math.floor(a / 2);
  bytes[target] ^= 0x01;
  writeFileSync(out, bytes);
}

/** Replace what page 1 draws with other text (incremental saving attack). */
export function changeContentStream(signed: string, out: string): Promise<void> {
  return appendUpdate(signed, out, (update, doc) => {
    const page = getPage(doc, 0);
    const contents = page.dict.get('Contents');
    const ref = contents instanceof PdfRef ? contents : (doc.getArray(contents)?.find((c): c is PdfRef => c instanceof PdfRef) ?? null);
    if (!ref) throw new Error('page 1 has no content stream reference');
    update.set(ref, PdfStream.fromBytes(new PdfDict().freeze(), Buffer.from('BT /F1 13 Tf 56 780 Td (SERVICE AGREEMENT - fees doubled) Tj ET', 'latin1')));
  });
}

/** Replace the first font page 1 uses by another one (shadow replace). */
export function replaceFont(signed: string, out: string): Promise<void> {
  return appendUpdate(signed, out, (update, doc) => {
    const page = getPage(doc, 0);
    const fonts = doc.getDict(doc.getDict(page.resources)?.get('Font'));
    const first = fonts ? [...fonts.entries()].map(([, v]) => v).find((v): v is PdfRef => v instanceof PdfRef) : undefined;
    if (!first) throw new Error('page 1 uses no indirect font');
    update.set(first, new PdfDict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Courier'), Encoding: name('WinAnsiEncoding') }));
  });
}

/** Add a page at the end of the document. */
export function addPage(signed: string, out: string): Promise<void> {
  return appendUpdate(signed, out, (update, doc) => {
    const pagesRef = doc.catalog.get('Pages') as PdfRef;
    const content = update.addStream({}, Buffer.from('BT /F1 13 Tf 56 780 Td (Annex: the buyer waives all rights) Tj ET', 'latin1'));
    const page = update.add(new PdfDict({ Type: name('Page'), Parent: pagesRef, MediaBox: [0, 0, 595, 842], Contents: content }));
    const pages = update.editDict(pagesRef);
    pages.set('Kids', [...(doc.getArray(pages.get('Kids')) ?? []), page]);
    pages.set('Count', (doc.getNumber(pages.get('Count')) ?? 0) + 1);
  });
}

/** Put an opaque annotation over the first line of signed text on page 1 (overlay). */
export function overlayAnnotation(signed: string, out: string, rect: [number, number, number, number] = [50, 770, 300, 800]): Promise<void> {
  return appendUpdate(signed, out, (update, doc) => {
    const page = getPage(doc, 0);
    const [x0, y0, x1, y1] = rect;
    const appearance = update.addStream(
      { Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, x1 - x0, y1 - y0] },
      Buffer.from(`1 1 1 rg 0 0 ${x1 - x0} ${y1 - y0} re f BT /Helv 12 Tf 4 8 Td (PAID IN FULL) Tj ET`, 'latin1'),
    );
    const annot = update.add(
      new PdfDict({ Type: name('Annot'), Subtype: name('Square'), Rect: [...rect], F: 4, P: page.ref, AP: new PdfDict({ N: appearance }) }),
    );
    const pageDict = update.editDict(page.ref);
    pageDict.set('Annots', [...(doc.getArray(page.dict.get('Annots')) ?? []), annot]);
  });
}

/** Fill in the form field `fieldName` (value and appearance), as a form filler would. */
export function fillField(signed: string, out: string, fieldName: string, value: string): Promise<void> {
  return appendUpdate(signed, out, (update, doc) => {
    const field = listFields(doc).find((f) => f.name === fieldName);
    if (!field?.ref) throw new Error(`no field ${fieldName}`);
    update.editDict(field.ref).set('V', PdfString.fromText(value));
    for (const widget of field.widgets) {
      if (!widget.ref) continue;
      const r = widget.rect ?? [0, 0, 100, 20];
      const ap = update.addStream(
        { Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, r[2] - r[0], r[3] - r[1]] },
        Buffer.from(`BT /Helv 10 Tf 2 5 Td (${value}) Tj ET`, 'latin1'),
      );
      update.editDict(widget.ref).set('AP', new PdfDict({ N: ap }));
    }
  });
}

/** Rewrite the first signature's /ByteRange in place (same width), e.g. to move its gap. */
export function rewriteByteRange(signed: string, out: string, next: (br: [number, number, number, number]) => [number, number, number, number]): void {
  const bytes = readFileSync(signed);
  const doc = PdfDocument.openFile(signed);
  const sig = findSignatures(doc)[0];
  doc.close();
  const span = sig.byteRangeSpan!;
  const width = span.end - span.start;
  const text = `[${next(sig.byteRange as [number, number, number, number]).join(' ')}`;
  Buffer.from(`${text}${' '.repeat(width - text.length - 1)}]`, 'latin1').copy(bytes, span.start);
  writeFileSync(out, bytes);
}

/**
 * Signature wrapping: unsigned bytes are inserted right after the /Contents string and the
 * ByteRange is rewritten so the signed ranges still hash to the signed bytes, now moved. Later
 * objects shift, so readers find them by scanning, as viewers do.
 */
export function wrapSignature(signed: string, out: string): void {
  const original = readFileSync(signed);
  const [, a, b, c] = firstByteRange(signed);
  // A dictionary entry (the insertion point is inside the signature dictionary): unsigned, yet read.
  const injected = Buffer.from('\n/Reason (Approved without reservation)\n', 'latin1');
  const wrapped = Buffer.concat([original.subarray(0, b), injected, original.subarray(b)]);
  writeFileSync(out, wrapped);
  rewriteByteRange(out, out, () => [0, a, b + injected.length, c]);
}

/**
 * A second signature in a new field, appended with the pdf layer directly (our signer refuses to
 * sign a document certified "no changes"). Its CMS is the first signature's, so it is itself not
 * valid: what is judged is what its arrival means for the first one.
 */
export async function addSignatureField(signed: string, out: string, fieldName: string): Promise<void> {
  const doc = PdfDocument.openFile(signed);
  try {
    const cms = findSignatures(doc)[0].contents!;
    const update = new IncrementalUpdate(doc);
    const placeholder = addSignaturePlaceholder(update, { fieldName }, { kind: 'signature', contentsSize: cms.length + 16 });
    const writer = await openAtomicWriter(out);
    try {
      const pending = await writeSignaturePlaceholder(update, placeholder, writer);
      await pending.embed(cms);
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
  } finally {
    doc.close();
  }
}

/**
 * An empty signature field for a later signer, on page 1; `rect` and `text` give its widget a
 * visible appearance (an empty field needs none: text there is content posing as a field).
 */
export function addEmptySignatureField(
  signed: string,
  out: string,
  fieldName: string,
  visible?: { rect: [number, number, number, number]; text: string },
): Promise<void> {
  return appendUpdate(signed, out, (update, doc) => {
    const page = getPage(doc, 0);
    const widget = new PdfDict({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: PdfString.fromText(fieldName),
      F: 132,
      Rect: visible ? [...visible.rect] : [0, 0, 0, 0],
      P: page.ref,
    });
    if (visible) {
      const [x0, y0, x1, y1] = visible.rect;
      const ap = update.addStream(
        { Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, x1 - x0, y1 - y0] },
        Buffer.from(`1 1 1 rg 0 0 ${x1 - x0} ${y1 - y0} re f BT /Helv 12 Tf 4 8 Td (${visible.text}) Tj ET`, 'latin1'),
      );
      widget.set('AP', new PdfDict({ N: ap }));
    }
    const ref = update.add(widget);
    update.editDict(page.ref).set('Annots', [...(doc.getArray(page.dict.get('Annots')) ?? []), ref]);
    const formRef = doc.catalog.get('AcroForm');
    const form = formRef instanceof PdfRef ? update.editDict(formRef) : (doc.getDict(formRef) ?? new PdfDict()).clone();
    form.set('Fields', [...(doc.getArray(form.get('Fields')) ?? []), ref]);
    if (!(formRef instanceof PdfRef)) update.editDict(doc.catalogRef!).set('AcroForm', form);
  });
}
