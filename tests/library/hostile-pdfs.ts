import zlib from 'node:zlib';
import { buildPdf } from '../pdf/build.js';

/**
 * A zlib stream that inflates to `mib` MiB of one byte value, built without compressing all of them:
 * a full flush leaves the compressor as if new, so every MiB of the same byte compresses to the
 * same raw deflate bytes, which are simply repeated. About 1 KiB per MiB (1 GiB from ~1 MB).
 */
export function deflateBomb(mib: number, fill = 0x20): Buffer {
  const oneMib = zlib.deflateRawSync(Buffer.alloc(1 << 20, fill), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const total = BigInt(mib) << 20n;
  // Adler-32 of `total` equal bytes in closed form: a = 1 + Σ fill, b = Σ over i of a after byte i.
  const m = 65521n;
  const f = BigInt(fill);
  const a = (1n + f * total) % m;
  const b = (total + (f * total * (total + 1n)) / 2n) % m;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(Number((b << 16n) | a));
  // 0x78 0xDA: zlib header, best compression. 0x03 0x00: the final, empty fixed-Huffman block.
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: mib }, () => oneMib), Buffer.from([0x03, 0x00]), adler]);
}

const stream = (dict: string, data: Buffer): Array<string | Buffer> => [`<< ${dict} /Length ${data.length} >>\nstream\n`, data, '\nendstream'];
const pageWithContents = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>';

/**
 * PDFs built to exhaust a reader, each ~1 MB or less. The first three are caught by Inkstone's
 * bounded reader before pdf.js sees them; the last passes it (the reader does not decode Brotli,
 * pdf.js does) and must be stopped by the inspector's own memory limit.
 */
export function hostilePdfs(): Record<string, Buffer> {
  const gib = deflateBomb(1024);
  return {
    // A FlateDecode stream inflating to 1 GiB: the XMP packet, which pdf.js reads for metadata.
    'metadata-bomb.pdf': buildPdf(
      { 4: stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode', gib) },
      { catalog: '<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>' },
    ),
    // A page whose content stream inflates to 1 GiB of spaces.
    'content-bomb.pdf': buildPdf({ 3: pageWithContents, 4: stream('/Filter /FlateDecode', gib) }),
    // Dictionaries nested 100,000 deep in the document information dictionary.
    'nested-objects.pdf': buildPdf({ 4: `<< /Title (t) /Nest ${'<< /A '.repeat(100_000)}${'>>'.repeat(100_000)} >>` }, { trailerExtra: '/Info 4 0 R' }),
    // A content stream in a filter pdf.js decodes and Inkstone's reader does not: 256 MiB of spaces.
    'brotli-bomb.pdf': buildPdf({
      3: pageWithContents,
      4: stream('/Filter /BrotliDecode', zlib.brotliCompressSync(Buffer.alloc(256 << 20, 0x20), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } })),
    }),
  };
}
