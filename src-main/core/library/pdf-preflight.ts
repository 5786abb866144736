import { InkstoneError } from '../../../src-shared/errors/index.js';
import { bufferSource, PdfDocument, PdfRef, PdfStream, type PdfLimits } from '../pdf/index.js';

/**
 * The reader limits an imported file must keep before pdf.js sees it: the verifier's bounds, with
 * a smaller decoded size per stream (a page's content, a font or the XMP packet is a few MB at most;
 * images are not decoded, pdf.js does not read them for text) and a total over all streams.
 */
export const IMPORT_PDF_LIMITS: Partial<PdfLimits> = { maxDecodedStreamBytes: 32 * 1024 * 1024 };
export const IMPORT_MAX_DECODED_BYTES = 256 * 1024 * 1024;

/**
 * Read every object of the file with Inkstone's bounded reader and decode every stream pdf.js might
 * read for text, so a decompression bomb, a nesting bomb or an object flood ends here as
 * IMPORT_PDF_LIMIT_EXCEEDED, in milliseconds, instead of inside pdf.js, which has no such bounds.
 * Files or objects the reader cannot read for other reasons (damage, encryption, filters it does
 * not decode) are left to pdf.js, which still runs under the inspector's time and memory limits.
 */
export function preflightPdf(name: string, bytes: Uint8Array): void {
  try {
    let doc: PdfDocument;
    try {
      doc = PdfDocument.open(bufferSource(bytes), { limits: IMPORT_PDF_LIMITS });
    } catch (err) {
      throwIfLimit(err);
      return; // pdf.js judges files the reader cannot open: it repairs more, and names encryption.
    }
    let decoded = 0;
    for (const num of doc.objectNumbers()) {
      try {
        const obj = doc.get(new PdfRef(num, 0));
        if (!(obj instanceof PdfStream) || doc.getName(obj.dict.get('Subtype')) === 'Image') continue;
        decoded += doc.decodeStream(obj).length;
      } catch (err) {
        throwIfLimit(err); // one damaged object or an unknown filter is pdf.js's to judge
      }
      if (decoded > IMPORT_MAX_DECODED_BYTES) throw new InkstoneError('PDF_LIMIT_EXCEEDED', { limit: 'decodedBytes', max: IMPORT_MAX_DECODED_BYTES });
    }
  } catch (err) {
    if (err instanceof InkstoneError && err.code === 'PDF_LIMIT_EXCEEDED') {
      throw new InkstoneError('IMPORT_PDF_LIMIT_EXCEEDED', { name, limit: err.details.limit, max: err.details.max }, { cause: err });
    }
    throw err;
  }
}

function throwIfLimit(err: unknown): void {
  if (err instanceof InkstoneError && err.code === 'PDF_LIMIT_EXCEEDED') throw err;
}
