import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import {
  DEFAULT_PDF_LIMITS,
  PdfDocument,
  PdfRef,
  PdfStream,
  bufferSource,
  findSignatures,
  listFields,
  listPages,
  readDss,
} from '../../src-main/core/pdf/index.js';
import type { OpenPdfOptions } from '../../src-main/core/pdf/index.js';
import { encryptedPdf, simplePdf, updatedPdf } from '../fixtures/pdfs.js';
import { buildPdf } from './build.js';

type Coded = { code?: string; details?: Record<string, unknown> };
const code = (expected: string, detail?: (d: Record<string, unknown>) => boolean) => (e: Coded) => e.code === expected && (!detail || detail(e.details ?? {}));
const open = (bytes: Uint8Array, options?: OpenPdfOptions) => PdfDocument.open(bufferSource(bytes), options);

test('empty and non-PDF input: PDF_NOT_A_PDF', () => {
  assert.throws(() => open(new Uint8Array(0)), code('PDF_NOT_A_PDF'));
  assert.throws(() => open(Buffer.from('PK\x03\x04 this is a zip, not a contract')), code('PDF_NOT_A_PDF'));
  assert.throws(() => open(Buffer.from('%PDF-1.7\nnothing else')), code('PDF_CORRUPT'));
});

test('encrypted file (qpdf AES-256): PDF_ENCRYPTED', async () => {
  const encrypted = await encryptedPdf();
  assert.throws(() => PdfDocument.openFile(encrypted), code('PDF_ENCRYPTED'));
  // `/Encrypt null` in a trailer means unencrypted (seen in real signed files).
  assert.doesNotThrow(() => open(buildPdf({}, { trailerExtra: '/Encrypt null' })));
});

test('truncated files: the tail cut off is rebuilt and flagged; the catalog cut off is PDF_CORRUPT', async () => {
  const bytes = readFileSync(await simplePdf());
  const xref = bytes.lastIndexOf('xref');
  const noTail = open(bytes.subarray(0, xref));
  assert.equal(noTail.repaired, true);
  assert.equal(listPages(noTail).length, 1);
  assert.match(noTail.warnings.join(' '), /rebuilt by scanning/);
  const catalogAt = bytes.indexOf('/Type /Catalog');
  assert.ok(catalogAt > 0);
  assert.throws(() => open(bytes.subarray(0, catalogAt - 20)), code('PDF_CORRUPT'));
});

test('startxref a few bytes off is tolerated and reported, without a rebuild', () => {
  const bytes = buildPdf({});
  const text = bytes.toString('latin1');
  const m = /startxref\n(\d+)/.exec(text)!;
  const shifted = Buffer.from(text.replace(`startxref\n${m[1]}`, `startxref\n${Number(m[1]) - 7}`), 'latin1');
  const doc = open(shifted);
  assert.equal(doc.repaired, false);
  assert.equal(listPages(doc).length, 1);
  assert.match(doc.warnings.join(' '), /section starts at/);
});

test('a wrong object offset is repaired by a scan and flagged', () => {
  const bytes = buildPdf({});
  const text = bytes.toString('latin1');
  // Point object 3 (the page) four bytes too far.
  const entry = /xref\n0 4\n(?:.{20}){3}(\d{10})/s.exec(text)!;
  const wrong = String(Number(entry[1]) + 4).padStart(10, '0');
  const damaged = Buffer.from(text.slice(0, entry.index + entry[0].length - 10) + wrong + text.slice(entry.index + entry[0].length), 'latin1');
  const doc = open(damaged);
  assert.equal(listPages(doc).length, 1);
  assert.equal(doc.repaired, true);
  assert.match(doc.warnings.join(' '), /object 3/);
});

test('a /Prev chain that loops is cut, and the document still reads', () => {
  // Two sections whose /Prev entries point at each other.
  const base = buildPdf({}, { trailerExtra: '/Prev 0000000000 ' }).toString('latin1');
  const firstXref = Number(/startxref\n(\d+)/.exec(base)![1]);
  const obj = '4 0 obj\n(added)\nendobj\n';
  const secondXref = base.length + obj.length;
  const update = `${obj}xref\n4 1\n${String(base.length).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${firstXref} >>\nstartxref\n${secondXref}\n%%EOF\n`;
  const looped = Buffer.from(base.replace('/Prev 0000000000', `/Prev ${String(secondXref).padStart(10, '0')}`) + update, 'latin1');
  const doc = open(looped);
  assert.equal(doc.revisions.length, 2);
  assert.equal(doc.repaired, false);
  assert.match(doc.warnings.join(' '), /loops/);
  assert.equal(doc.getString(new PdfRef(4, 0))?.text, 'added');
});

test('a page tree that loops is PDF_CORRUPT, not a hang', () => {
  const doc = open(buildPdf({ 2: '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>' }));
  assert.throws(() => listPages(doc), code('PDF_CORRUPT'));
});

test('limits: deep nesting, long strings, huge /Length, decompression bombs, xref entries, revisions', () => {
  const started = Date.now();
  // 100 000 nested arrays would overflow a naive recursive parser's stack.
  const deep = open(buildPdf({ 4: '['.repeat(100_000) + ']'.repeat(100_000) }));
  assert.throws(
    () => deep.get(new PdfRef(4, 0)),
    code('PDF_LIMIT_EXCEEDED', (d) => d.limit === 'maxNestingDepth'),
  );
  assert.throws(
    () => open(buildPdf({}, { catalog: '<< /Type /Catalog /Pages 2 0 R /X ' + '<< /A '.repeat(5000) + ' >>'.repeat(5000) + ' >>' })),
    code('PDF_LIMIT_EXCEEDED'),
  );

  const longString = open(buildPdf({ 4: `(${'x'.repeat(5000)})` }), { limits: { maxStringBytes: 1000 } });
  assert.throws(
    () => longString.get(new PdfRef(4, 0)),
    code('PDF_LIMIT_EXCEEDED', (d) => d.limit === 'maxStringBytes'),
  );

  // A /Length far beyond the file: the data is found at endstream; without endstream it is corrupt.
  const huge = open(buildPdf({ 4: '<< /Length 99999999999 >>\nstream\nreal data\nendstream', 5: '<< /Length 99999999999 >>\nstream\nno end' }));
  assert.equal(Buffer.from(huge.decodeStream(huge.get(new PdfRef(4, 0)) as PdfStream)).toString(), 'real data');
  assert.throws(() => huge.get(new PdfRef(5, 0)), code('PDF_CORRUPT'));

  const bomb = deflateSync(Buffer.alloc(16 * 1024 * 1024));
  const bombDoc = open(buildPdf({ 4: [`<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`, bomb, '\nendstream'] }), {
    limits: { maxDecodedStreamBytes: 1024 * 1024 },
  });
  assert.throws(
    () => bombDoc.decodeStream(bombDoc.get(new PdfRef(4, 0)) as PdfStream),
    code('PDF_LIMIT_EXCEEDED', (d) => d.limit === 'maxDecodedStreamBytes'),
  );
  assert.equal(DEFAULT_PDF_LIMITS.maxDecodedStreamBytes, 64 * 1024 * 1024);

  const bigTable = Buffer.from(
    buildPdf({})
      .toString('latin1')
      .replace(/xref\n0 4\n/, 'xref\n0 4\n')
      .replace(/xref\n0 (\d+)\n/, 'xref\n0 30000000\n'),
    'latin1',
  );
  assert.throws(
    () => open(bigTable, { limits: { maxXrefEntries: 1000 } }),
    code('PDF_LIMIT_EXCEEDED', (d) => d.limit === 'maxXrefEntries'),
  );

  assert.ok(Date.now() - started < 5000, 'limits trip quickly');
});

test('too many revisions: PDF_LIMIT_EXCEEDED', async () => {
  const bytes = readFileSync(await updatedPdf());
  assert.throws(
    () => open(bytes, { limits: { maxRevisions: 1 } }),
    code('PDF_LIMIT_EXCEEDED', (d) => d.limit === 'maxRevisions'),
  );
});

test('mutated files end in a typed error or a result, never a crash (seeded fuzz)', async () => {
  const sources = [readFileSync(await simplePdf()), readFileSync(await updatedPdf()), buildPdf({ 4: '<< /Length 5 >>\nstream\nhello\nendstream' })];
  let seed = 20240601;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let typed = 0;
  let ok = 0;
  for (let i = 0; i < 400; i++) {
    const buf = Buffer.from(sources[i % sources.length]);
    for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) {
      const at = Math.floor(rnd() * buf.length);
      buf[at] = rnd() < 0.5 ? Math.floor(rnd() * 256) : '0123456789<>[]()/ R'.charCodeAt(Math.floor(rnd() * 19));
    }
    try {
      const doc = open(buf);
      listPages(doc);
      listFields(doc);
      findSignatures(doc);
      readDss(doc);
      ok++;
    } catch (err) {
      assert.match(String((err as Coded).code), /^PDF_/, `iteration ${i}: ${(err as Error).stack}`);
      typed++;
    }
  }
  assert.equal(ok + typed, 400);
  assert.ok(ok > 100, 'most lightly damaged files are still readable');
});
