import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFArray, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { inspectPdf } from '../../src-main/core/library/index.js';

/** A PDF with an ordinary signature field (one widget) and a cross-page seal field (one widget per page). */
async function sealedPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  const ctx = doc.context;
  const widget = (page: number, parent: ReturnType<typeof ctx.nextRef>) => {
    const ref = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [560, 300, 595, 420], P: doc.getPage(page).ref, Parent: parent, F: 4 }));
    doc.getPage(page).node.addAnnot(ref);
    return ref;
  };
  const sealRef = ctx.nextRef();
  const sealKids = Array.from({ length: pages }, (_, i) => widget(i, sealRef));
  ctx.assign(sealRef, ctx.obj({ FT: 'Sig', T: PDFString.of('CrossPageSeal'), Kids: sealKids }));
  const signature = ctx.register(
    ctx.obj({ FT: 'Sig', T: PDFString.of('Signature1'), Type: 'Annot', Subtype: 'Widget', Rect: [300, 80, 500, 180], P: doc.getPage(pages - 1).ref, F: 4 }),
  );
  doc.getPage(pages - 1).node.addAnnot(signature);
  const fields = PDFArray.withContext(ctx);
  fields.push(sealRef);
  fields.push(signature);
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: fields, SigFlags: 3 }));
  return doc.save({ useObjectStreams: false });
}

test('import counts signature fields, not widgets: a cross-page seal over three pages is one', async () => {
  const facts = await inspectPdf('sealed.pdf', await sealedPdf(3));
  assert.equal(facts.pageCount, 3);
  assert.equal(facts.signatureFieldCount, 2);
});
