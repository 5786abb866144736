/**
 * The PDF layer: a bounded, random-access reader and an append-only incremental writer, shared by
 * the signing engine and the verifier. See docs/decisions/pdf-reader.md for why Inkstone has its
 * own.
 *
 * Reading: `PdfDocument.open(fileSource(path))` (or `PdfDocument.openFile(path)`) → revisions,
 * `asOf(k)` views, pages, fields, signatures, DSS, DocMDP.
 * Writing: `new IncrementalUpdate(doc)` → add / replace objects → `writeIncrementalUpdate` or, for
 * a signature, `addSignaturePlaceholder` + `writeSignaturePlaceholder` → digest → `embed` → commit.
 */
export type { PdfSource } from './source.js';
export { fileSource, bufferSource } from './source.js';

export type { PdfLimits } from './limits.js';
export { DEFAULT_PDF_LIMITS } from './limits.js';

export type { PdfObject, PdfArray } from './objects.js';
export { PdfRef, PdfName, PdfString, PdfDict, PdfStream, PdfPlaceholder, name, isName, decodeTextString, encodeTextString } from './objects.js';

export type { ByteSpan } from './parser.js';
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

export type { SignatureFieldOptions, SignatureDictionaryOptions, SignaturePlaceholder, PendingSignature } from './signature-placeholder.js';
export { addSignaturePlaceholder, writeSignaturePlaceholder } from './signature-placeholder.js';
