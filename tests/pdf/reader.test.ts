import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  PdfDocument,
  PdfDict,
  PdfRef,
  bufferSource,
  digestByteRange,
  documentId,
  fileSource,
  findSignatures,
  getDocMdp,
  getPage,
  listFields,
  listPages,
  pageCount,
  readDss,
} from '../../src-main/core/pdf/index.js';
import { PADES_CORPUS_DIR, allFixtures, hybridPdf, linearizedPdf, padesCorpusFiles, updatedPdf, manyPagesPdf, unsignedFieldPdf } from '../fixtures/pdfs.js';
import type { PdfFixture } from '../fixtures/pdfs.js';

interface ExpectedEntry {
  file: string;
  signatures: number | 'unknown';
  perSignature: Array<{ fieldName: string; byteRange: number[]; integrity: string }>;
}

let fixtures: PdfFixture[];
let expected: ExpectedEntry[];
before(async () => {
  fixtures = await allFixtures();
  expected = JSON.parse(readFileSync(path.join(PADES_CORPUS_DIR, 'expected.json'), 'utf8')) as ExpectedEntry[];
});

test('every generated fixture opens with the expected revisions, xref kind and page count', () => {
  for (const f of fixtures) {
    const doc = PdfDocument.openFile(f.path);
    try {
      assert.equal(doc.revisions.length, f.revisions, `${f.name}: revisions`);
      assert.equal(doc.revision.xrefKind, f.xrefKind, `${f.name}: xref kind`);
      assert.equal(pageCount(doc), f.pages, `${f.name}: pages`);
      assert.equal(doc.repaired, false, `${f.name}: not repaired`);
      assert.equal(doc.revision.endOffset, doc.size, `${f.name}: last revision ends at end of file`);
      assert.ok(doc.catalog.isName('Type', 'Catalog'));
    } finally {
      doc.close();
    }
  }
});

test('a linearized file is one revision made of its first-page and main sections', async () => {
  const doc = PdfDocument.openFile(await linearizedPdf());
  try {
    assert.equal(doc.revisions.length, 1);
    assert.equal(doc.revision.linearized, true);
    assert.ok(doc.revision.xrefOffset < 1024, 'startxref points at the first-page section near the start');
    assert.equal(pageCount(doc), 500);
  } finally {
    doc.close();
  }
});

test('pages carry inherited attributes; lookups by index are bounded', async () => {
  const doc = PdfDocument.openFile(await manyPagesPdf());
  try {
    const pages = listPages(doc);
    assert.equal(pages.length, 500);
    assert.deepEqual(pages[499].mediaBox, [0, 0, 595, 842]);
    assert.ok(getPage(doc, 123).ref.equals(pages[123].ref));
    assert.throws(
      () => getPage(doc, 500),
      (e: { code?: string; details?: { pageCount?: number } }) => e.code === 'PDF_NO_SUCH_PAGE' && e.details?.pageCount === 500,
    );
  } finally {
    doc.close();
  }
  const inherited = PdfDocument.open(
    bufferSource(
      (await import('./build.js')).buildPdf({
        2: '<< /Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 300 400] /Rotate 270 /Resources << /Font << >> >> >>',
        4: '<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 /Rotate -90 >>',
        3: '<< /Type /Page /Parent 4 0 R >>',
      }),
    ),
  );
  const [page] = listPages(inherited);
  assert.deepEqual(page.mediaBox, [0, 0, 300, 400]);
  assert.deepEqual(page.cropBox, [0, 0, 300, 400]);
  assert.equal(page.rotate, 270);
  assert.ok(page.resources instanceof PdfDict);
});

test('hybrid file: the object in the object stream resolves through /XRefStm', async () => {
  const doc = PdfDocument.openFile(await hybridPdf());
  try {
    assert.equal(doc.revision.xrefKind, 'hybrid');
    const font = doc.getDict(new PdfRef(5, 0));
    assert.equal(font?.name('BaseFont'), 'Helvetica');
    assert.deepEqual(doc.location(5), { kind: 'compressed', stream: 6, index: 0, revision: 0 });
  } finally {
    doc.close();
  }
});

test('revisions: boundaries, defined objects and views as of an earlier revision', async () => {
  const file = await updatedPdf();
  const bytes = readFileSync(file);
  const doc = PdfDocument.open(fileSource(file));
  try {
    const [r0, r1] = doc.revisions;
    assert.equal(r0.startOffset, 0);
    assert.equal(bytes.subarray(r0.endOffset - 6, r0.endOffset).toString('latin1'), '%%EOF\n');
    assert.equal(r0.eofOffset, r0.endOffset - 1);
    assert.equal(r1.startOffset, r0.endOffset);
    assert.equal(r1.endOffset, bytes.length);
    assert.equal(r1.definedObjects.length, 1);
    const infoNum = r1.definedObjects[0];
    assert.equal(doc.getString(doc.getDict(doc.trailer.get('Info'))?.get('Title'))?.text, 'Service Agreement, revised');
    const before = doc.asOf(0);
    assert.equal(before.get(new PdfRef(infoNum, 0)), null, 'the new object does not exist as of revision 0');
    assert.equal(before.getString(before.getDict(before.trailer.get('Info'))?.get('Title'))?.text, 'Service Agreement');
    assert.deepEqual(
      doc.objectNumbers().filter((n) => !before.objectNumbers().includes(n)),
      [infoNum],
    );
    assert.equal(doc.location(infoNum)?.revision, 1);
  } finally {
    doc.close();
  }
});

test('form fields: fully qualified names, inherited /FT, widgets on pages', async () => {
  const doc = PdfDocument.openFile(await unsignedFieldPdf());
  try {
    const [field] = listFields(doc);
    assert.equal(field.name, 'Signer1');
    assert.equal(field.type, 'Sig');
    assert.equal(field.value, null);
    assert.equal(field.widgets.length, 1);
    assert.ok(field.widgets[0].page?.equals(getPage(doc, 0).ref));
    assert.deepEqual(field.widgets[0].rect, [56, 100, 256, 160]);
  } finally {
    doc.close();
  }
  const nested = PdfDocument.open(
    bufferSource(
      (await import('./build.js')).buildPdf(
        {
          4: '<< /T (parties) /FT /Tx /Kids [5 0 R 6 0 R] >>',
          5: '<< /T (buyer) /Parent 4 0 R /V (Acme) /Subtype /Widget /Rect [0 0 10 10] >>',
          6: '<< /T (seller) /Parent 4 0 R /Kids [7 0 R 4 0 R] >>',
          7: '<< /Parent 6 0 R /Subtype /Widget /Rect [0 0 5 5] >>',
        },
        { catalog: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 4 0 R] >> >>' },
      ),
    ),
  );
  const fields = listFields(nested);
  assert.deepEqual(
    fields.map((f) => [f.name, f.type]),
    [
      ['parties.buyer', 'Tx'],
      ['parties.seller', 'Tx'],
    ],
    'inherited type; the loop back to the parent and the duplicate root are skipped',
  );
  assert.equal(fields[1].widgets.length, 1);
});

test('every PDF of the shared corpus opens, and its signatures match the expected ByteRanges', () => {
  const files = padesCorpusFiles();
  assert.ok(files.length >= 40, 'corpus present');
  for (const file of files) {
    const rel = path.relative(PADES_CORPUS_DIR, file);
    const entry = expected.find((e) => e.file === rel);
    assert.ok(entry, `${rel} is listed in expected.json`);
    const doc = PdfDocument.openFile(file);
    try {
      assert.ok(doc.revisions.length >= 1);
      assert.ok(pageCount(doc) >= 1, `${rel}: pages`);
      const sigs = findSignatures(doc);
      assert.deepEqual(sigs.map((s) => s.byteRange).sort(byEnd), entry.perSignature.map((p) => p.byteRange).sort(byEnd), `${rel}: ByteRanges`);
      for (const s of sigs) {
        assert.ok(s.contents && s.contents.length > 0, `${rel}: contents read`);
        assert.ok(s.revision >= 0 && s.revision < doc.revisions.length, `${rel}: revision`);
        // An intact signature's ByteRange gap is exactly the /Contents string of the dictionary
        // in the revision it signs (a later revision may replace the dictionary: spoofing).
        const exp = entry.perSignature.find((p) => p.fieldName === s.fieldName && sameRange(p.byteRange, s.byteRange));
        if (exp?.integrity !== 'intact') continue;
        const br = s.byteRange!;
        const signed = doc.revisions.findIndex((r) => r.endOffset === br[2] + br[3] || r.eofOffset === br[2] + br[3]);
        assert.ok(signed >= 0, `${rel} ${s.fieldName}: the ByteRange ends a revision`);
        const asSigned = findSignatures(doc.asOf(signed)).find((x) => sameRange(br, x.byteRange));
        assert.ok(asSigned?.contentsSpan && asSigned.byteRangeSpan, `${rel}: spans known`);
        assert.equal(asSigned.contentsSpan.start, br[1], `${rel} ${s.fieldName}: gap start`);
        assert.equal(asSigned.contentsSpan.end, br[2], `${rel} ${s.fieldName}: gap end`);
        const text = Buffer.from(doc.source.read(asSigned.byteRangeSpan.start, asSigned.byteRangeSpan.end - asSigned.byteRangeSpan.start)).toString('latin1');
        assert.match(text, /^\[\s*0\s+\d+\s+\d+\s+\d+\s*\]$/, `${rel}: ByteRange span`);
      }
    } finally {
      doc.close();
    }
  }
});

test('corpus details: revision counts, document timestamps, DocMDP, DSS and /ID', () => {
  const open = (rel: string): PdfDocument => PdfDocument.openFile(path.join(PADES_CORPUS_DIR, rel));
  const lta = open('Signature-P-HU_POL-7.pdf');
  try {
    assert.equal(lta.revisions.length, 6);
    const kinds = findSignatures(lta).map((s) => `${s.type}/${s.subFilter}`);
    assert.deepEqual(kinds, ['Sig/ETSI.CAdES.detached', 'DocTimeStamp/ETSI.RFC3161', 'Sig/ETSI.CAdES.detached', 'DocTimeStamp/ETSI.RFC3161']);
    const dss = readDss(lta);
    assert.ok(dss && dss.certs.length > 0, 'DSS certificates');
    assert.equal(dss.certs[0].bytes[0], 0x30, 'a DER certificate');
    assert.equal(readDss(lta.asOf(0)), null, 'no DSS in the first revision');
    assert.equal(documentId(lta)?.[0].length, 16);
  } finally {
    lta.close();
  }
  const certified = open('dss-2554/certified-no-change-permitted.pdf');
  try {
    const mdp = getDocMdp(certified);
    assert.equal(mdp?.permission, 1);
    const [sig] = findSignatures(certified);
    assert.equal(sig.docMdp, 1);
    assert.ok(mdp?.signatureRef?.equals(sig.ref!));
  } finally {
    certified.close();
  }
  const nullType = open('pades-tst-with-null-type.pdf');
  try {
    const types = findSignatures(nullType).map((s) => [s.type, s.subFilter]);
    assert.deepEqual(types[1], [null, 'ETSI.RFC3161']);
  } finally {
    nullType.close();
  }
  const eof = open('pdf-eof.pdf');
  try {
    const [sig] = findSignatures(eof);
    assert.equal(digestByteRange(eof.source, sig.byteRange!), null, 'a ByteRange one byte past the end is not clamped');
  } finally {
    eof.close();
  }
  const plain = open('pdf-signed-original.pdf');
  try {
    const [sig] = findSignatures(plain);
    const [a, b, c, d] = sig.byteRange!;
    const bytes = readFileSync(path.join(PADES_CORPUS_DIR, 'pdf-signed-original.pdf'));
    const expectedDigest = createHash('sha256')
      .update(bytes.subarray(a, a + b))
      .update(bytes.subarray(c, c + d))
      .digest();
    assert.deepEqual(digestByteRange(plain.source, sig.byteRange!), expectedDigest);
    assert.equal(digestByteRange(plain.source, [0, 10, 20]), null, 'an odd count is malformed');
  } finally {
    plain.close();
  }
  const loop = open('pades_infinite_loop.pdf');
  try {
    assert.equal(loop.repaired, true, 'the broken xref is rebuilt and reported');
    assert.ok(loop.warnings.length > 0);
  } finally {
    loop.close();
  }
});

function byEnd(a: number[] | readonly number[] | null, b: number[] | readonly number[] | null): number {
  return (a?.[2] ?? 0) - (b?.[2] ?? 0) || (a?.[1] ?? 0) - (b?.[1] ?? 0);
}
function sameRange(a: readonly number[], b: readonly number[] | null): boolean {
  return !!b && a.length === b.length && a.every((v, i) => v === b[i]);
}
