import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import {
  PdfDocument,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  bufferSource,
  decodeTextString,
  encodeTextString,
  formatPdfDate,
  parsePdfDate,
} from '../../src-main/core/pdf/index.js';
import type { PdfObject } from '../../src-main/core/pdf/index.js';
import { buildPdf } from './build.js';

/** Parse one object by wrapping it in a minimal document as object 4. */
function parse(body: string): PdfObject {
  const doc = PdfDocument.open(bufferSource(buildPdf({ 4: body })));
  return doc.get(new PdfRef(4, 0));
}

test('numbers, booleans, null and references', () => {
  assert.deepEqual(parse('[1 -2 +3 4.5 -.25 6. true false null 7 0 R 8 9]'), [1, -2, 3, 4.5, -0.25, 6, true, false, null, new PdfRef(7, 0), 8, 9]);
  // Sloppy numbers seen in the wild read as their leading number.
  assert.deepEqual(parse('[--3 0.5-1]'), [-3, 0.5]);
});

test('literal strings: escapes, octal, balanced parentheses, line continuation, CR normalisation', () => {
  const s = parse('(a\\(b\\)c \\n\\r\\t\\b\\f \\101\\60x \\\\ (nested (deep)) line\\\ncont\rnext)') as PdfString;
  assert.ok(s instanceof PdfString && !s.hex);
  assert.equal(Buffer.from(s.bytes).toString('latin1'), 'a(b)c \n\r\t\b\f A0x \\ (nested (deep)) linecont\nnext');
});

test('hex strings: whitespace ignored, odd digit padded', () => {
  const s = parse('<48 65 6C6c 6F7>') as PdfString;
  assert.ok(s.hex);
  assert.deepEqual([...s.bytes], [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x70]);
});

test('names decode #xx escapes; dictionaries keep order and read nested values', () => {
  const d = parse('<< /Type /Annot /A#20B /x#2Fy /Nested << /K [1 2] >> /Empty >>') as PdfDict;
  assert.ok(d instanceof PdfDict);
  assert.deepEqual([...d.keys()], ['Type', 'A B', 'Nested', 'Empty']);
  assert.equal((d.get('A B') as PdfName).value, 'x/y');
  assert.deepEqual((d.get('Nested') as PdfDict).get('K'), [1, 2]);
  assert.equal(d.get('Empty'), null);
  assert.throws(
    () => d.set('X', 1),
    (e: { code?: string; details?: { reason?: string } }) => e.code === 'INTERNAL' && /clone/.test(e.details?.reason ?? ''),
  );
  assert.equal(d.clone().set('X', 1).get('X'), 1);
});

test('comments are skipped anywhere whitespace may appear', () => {
  assert.deepEqual(parse('[1 % a comment ]\n 2]'), [1, 2]);
});

test('streams: direct /Length, indirect /Length, and a wrong /Length recovered at endstream', () => {
  const data = 'BT /F1 12 Tf (hello) Tj ET';
  const doc = PdfDocument.open(
    bufferSource(
      buildPdf({
        4: `<< /Length ${data.length} >>\nstream\n${data}\nendstream`,
        5: `<< /Length 6 0 R >>\nstream\n${data}\nendstream`,
        6: String(data.length),
        7: `<< /Length 3 >>\nstream\n${data}\r\nendstream`,
      }),
    ),
  );
  for (const num of [4, 5, 7]) {
    const s = doc.get(new PdfRef(num, 0));
    assert.ok(s instanceof PdfStream, `object ${num} is a stream`);
    assert.equal(Buffer.from(doc.decodeStream(s)).toString('latin1'), data, `object ${num}`);
  }
});

test('a self-referencing /Length does not recurse forever', () => {
  const doc = PdfDocument.open(bufferSource(buildPdf({ 4: '<< /Length 4 0 R >>\nstream\nabc\nendstream' })));
  const s = doc.get(new PdfRef(4, 0)) as PdfStream;
  assert.equal(Buffer.from(doc.decodeStream(s)).toString(), 'abc');
});

test('Flate with an indirect /Filter is decoded through the view', () => {
  const raw = deflateSync(Buffer.from('compressed content'));
  const doc = PdfDocument.open(bufferSource(buildPdf({ 4: [`<< /Length ${raw.length} /Filter 5 0 R >>\nstream\n`, raw, '\nendstream'], 5: '/FlateDecode' })));
  assert.equal(Buffer.from(doc.decodeStream(doc.get(new PdfRef(4, 0)) as PdfStream)).toString(), 'compressed content');
});

test('text strings: PDFDocEncoding, UTF-16BE and UTF-8 with BOM; encoding round-trips', () => {
  assert.equal(decodeTextString(Uint8Array.from([0x41, 0x80, 0xa0])), 'A\u2022\u20ac');
  assert.equal(decodeTextString(Uint8Array.from([0xfe, 0xff, 0x75, 0x32, 0x65, 0xb9])), '甲方');
  assert.equal(decodeTextString(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('乙方')])), '乙方');
  for (const text of ['Signed in Beijing', '北京市朝阳区', 'Zoë']) assert.equal(decodeTextString(encodeTextString(text)), text);
  assert.equal(PdfString.fromText('ASCII').hex, false);
  assert.equal(PdfString.fromText('中文').hex, true);
});

test('PDF dates: written in UTC, read with offsets and omitted fields', () => {
  const d = new Date(Date.UTC(2025, 0, 31, 9, 30, 5));
  assert.equal(formatPdfDate(d), 'D:20250131093005Z');
  assert.equal(parsePdfDate('D:20250131093005Z')?.getTime(), d.getTime());
  assert.equal(parsePdfDate("D:20250131173005+08'00'")?.getTime(), d.getTime());
  assert.equal(parsePdfDate('D:2025')?.getTime(), Date.UTC(2025, 0, 1));
  assert.equal(parsePdfDate('yesterday'), null);
});
