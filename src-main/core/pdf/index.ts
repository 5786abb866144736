/**
 * The PDF layer: a bounded, random-access reader and an append-only incremental writer, shared by
 * the signing engine and the verifier. Why Inkstone has its own: docs/decisions/pdf-reader.md.
 *
 * Reading:
 *   const doc = PdfDocument.openFile(path);           // or PdfDocument.open(fileSource(path))
 *   doc.revisions; doc.asOf(k); listPages(doc); findSignatures(doc); readDss(doc); doc.close();
 *
 * Signing (the signing engine orchestrates; the writer is an AtomicWriter from core/files):
 *   const update = new IncrementalUpdate(doc);
 *   const ap = update.addStream({ Type: name('XObject'), Subtype: name('Form'), BBox: [...] }, ops);
 *   const ph = addSignaturePlaceholder(update, { fieldName, page, rect, appearance: ap }, { kind: 'signature', signingTime, contentsSize });
 *   const pending = await writeSignaturePlaceholder(update, ph, writer);   // ByteRange already patched
 *   const digest = await pending.digest('sha256');                          // streamed from the temp file
 *   await pending.embed(cmsDer);                                            // PDF_PLACEHOLDER_TOO_SMALL if it does not fit
 *   await writer.commit();                                                  // or writer.abort() on any error
 *
 * LTV: `addDss(update, {...})` then `writeIncrementalUpdate(update, writer)`.
 */
export type { PdfSource } from './source.js';
export { fileSource, bufferSource } from './source.js';

export type { PdfLimits } from './limits.js';
export { DEFAULT_PDF_LIMITS } from './limits.js';

export type { PdfObject, PdfArray } from './objects.js';
export { PdfRef, PdfName, PdfString, PdfDict, PdfStream, PdfPlaceholder, name, isName, decodeTextString, encodeTextString } from './objects.js';

export type { ByteSpan } from './parser.js';
export { operations, type Operand, type Operation } from './content-lexer.js';
export type { FilterStep } from './filters.js';

export type { PdfRevision, OpenPdfOptions, ObjectLocation } from './document.js';
export { PdfDocument, PdfView } from './document.js';

export type { PdfPage, PdfRect } from './pages.js';
export { listPages, pageCount, getPage, pageIndexOf, walkPages } from './pages.js';

export type { PdfField, PdfWidget } from './forms.js';
export { getAcroForm, listFields, findField } from './forms.js';

export type { PdfSignatureInfo, MdpPermission, FieldLock } from './signatures.js';
export { findSignatures, getDocMdp, getFieldLock, documentId } from './signatures.js';

export type { DssEntry, DssVri, PdfDss, DssAddition } from './dss.js';
export { readDss, addDss, vriKey } from './dss.js';

export { formatPdfDate, parsePdfDate } from './dates.js';

export { digestByteRange, byteRangePairs } from './ranges.js';

export type { WrittenUpdate } from './incremental.js';
export { IncrementalUpdate, writeIncrementalUpdate } from './incremental.js';
// A whole new file (drafting export) is written with the same object syntax as an update.
export { ByteSink, writeIndirectObject, writeObject, formatNumber } from './serialize.js';

export type { SignatureFieldOptions, SignatureDictionaryOptions, SignaturePlaceholder, PendingSignature } from './signature-placeholder.js';
export { addSignaturePlaceholder, writeSignaturePlaceholder } from './signature-placeholder.js';
export { addSignatureWidgets, type SignatureWidget } from './signature-widgets.js';
