import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { PdfDocument, PdfRef, PdfStream, bufferSource } from '../../src-main/core/pdf/index.js';
import { buildPdf } from './build.js';

/** Decode a stream object built from `dict` entries and raw data. */
function decode(dictEntries: string, data: Uint8Array): Buffer {
  const doc = PdfDocument.open(bufferSource(buildPdf({ 4: [`<< /Length ${data.length} ${dictEntries} >>\nstream\n`, data, '\nendstream'] })));
  return Buffer.from(doc.decodeStream(doc.get(new PdfRef(4, 0)) as PdfStream));
}

/** PNG-predict rows (all five row types) the way writers do, for the decoder to undo. */
function pngPredict(rows: number[][], bpp: number): Buffer {
  const out: number[] = [];
  let prev = new Array(rows[0].length).fill(0);
  rows.forEach((row, r) => {
    const type = r % 5;
    out.push(type);
    row.forEach((v, i) => {
      const left = i >= bpp ? row[i - bpp] : 0;
      const up = prev[i];
      const upLeft = i >= bpp ? prev[i - bpp] : 0;
      const p = left + up - upLeft;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const pred = [0, left, up, (left + up) >> 1, paeth][type];
      out.push((v - pred) & 0xff);
    });
    prev = row;
  });
  return Buffer.from(out);
}

test('FlateDecode with PNG predictors (None, Sub, Up, Average, Paeth rows)', () => {
  const rows = Array.from({ length: 10 }, (_, r) => Array.from({ length: 12 }, (_, i) => (r * 37 + i * 11 + ((r * i) % 7)) & 0xff));
  const encoded = deflateSync(pngPredict(rows, 3));
  const decoded = decode('/Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /Columns 4 >>', encoded);
  assert.deepEqual([...decoded], rows.flat());
});

test('FlateDecode with the TIFF predictor', () => {
  const pixels = [10, 20, 30, 15, 25, 35, 5, 5, 5, 200, 100, 0];
  const diffs = pixels.map((v, i) => (i >= 3 ? (v - pixels[i - 3]) & 0xff : v));
  const decoded = decode('/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 3 /Columns 4 >>', deflateSync(Buffer.from(diffs)));
  assert.deepEqual([...decoded], pixels);
});

test('ASCIIHexDecode and ASCII85Decode chained before FlateDecode', () => {
  const text = 'Man is distinguished';
  assert.equal(decode('/Filter /ASCIIHexDecode', Buffer.from('4D 61 6e\n20 69 73>')).toString(), 'Man is');
  assert.equal(decode('/Filter /ASCII85Decode', Buffer.from('9jqo^BlbD-BleB1DJ+*+F(f,q~>')).toString(), text);
  assert.deepEqual([...decode('/Filter /A85', Buffer.from('z~>'))], [0, 0, 0, 0]);
  const hexOfFlate = Buffer.from(deflateSync(Buffer.from(text)).toString('hex') + '>');
  assert.equal(decode('/Filter [/ASCIIHexDecode /FlateDecode]', hexOfFlate).toString(), text);
});

test('LZWDecode (the ISO 32000 example) and RunLengthDecode', () => {
  assert.equal(decode('/Filter /LZWDecode', Buffer.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01])).toString(), '-----A---B');
  assert.equal(decode('/Filter /RunLengthDecode', Buffer.from([2, 0x61, 0x62, 0x63, 254, 0x78, 128])).toString(), 'abcxxx');
});

test('image codecs are reported as unsupported, not guessed at', () => {
  assert.throws(
    () => decode('/Filter /DCTDecode', Buffer.from([0xff, 0xd8])),
    (e: { code?: string; details?: { filter?: string } }) => e.code === 'PDF_UNSUPPORTED_FILTER' && e.details?.filter === 'DCTDecode',
  );
});

test('a damaged Adler-32 checksum still decodes (raw deflate fallback)', () => {
  const good = deflateSync(Buffer.from('checksum damaged but data intact'));
  good[good.length - 1] ^= 0xff;
  assert.equal(decode('/Filter /FlateDecode', good).toString(), 'checksum damaged but data intact');
});
