import { InkstoneError } from '../../../src-shared/errors/index.js';

/** What the library learns from a PDF when it is imported. */
export interface PdfFacts {
  pageCount: number;
  signatureFieldCount: number;
  /** Title from the document information dictionary, when the author set one. */
  title: string | null;
  /** Text for search, capped so one huge scan cannot bloat the index. */
  text: string;
}

const MAX_TEXT_CHARS = 1_000_000;

// pdf.js is large; load it once per worker, and only when a PDF is actually inspected.
let pdfjsPromise: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
function pdfjs() {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** True when the bytes start like a PDF (a header within the first KiB, as readers tolerate). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** A one-page PDF with a line of text: read once when a worker starts, so pdf.js's own worker code is loaded and compiled before a real file's time starts. */
const WARM_UP_PDF = (() => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 33 >>\nstream\nBT /F1 12 Tf 20 100 Td (warm) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.7\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${body}${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`;
})();

/** Load pdf.js and read a tiny PDF with it. */
export async function warmUpPdfReading(): Promise<void> {
  await readPdfFacts('warm-up.pdf', new TextEncoder().encode(WARM_UP_PDF));
}

/** The checks that need no reader: empty files and files that are not PDFs at all. */
export function checkPdfHeader(name: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new InkstoneError('IMPORT_EMPTY_FILE', { name });
  if (!looksLikePdf(bytes)) throw new InkstoneError('IMPORT_NOT_PDF', { name });
}

/**
 * Read page count, signature fields and text with pdf.js. Encrypted, damaged and non-PDF input
 * become typed errors named after the file, so the UI can say which of several imports failed.
 * pdf.js has no bounds of its own: this runs only inside the inspector's worker (pdf-inspector.ts),
 * after `preflightPdf`. It takes ownership of `bytes`.
 */
export async function readPdfFacts(name: string, bytes: Uint8Array): Promise<PdfFacts> {
  checkPdfHeader(name, bytes);
  const { getDocument } = await pdfjs();
  const task = getDocument({
    data: bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name === 'PasswordException') throw new InkstoneError('IMPORT_ENCRYPTED_PDF', { name });
    throw new InkstoneError('IMPORT_CORRUPT_PDF', { name, reason: e.message ?? 'unreadable' }, { cause: err });
  }
  try {
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    // An owner-password file opens without a password, but it cannot be signed or verified honestly.
    if (info.EncryptFilterName) throw new InkstoneError('IMPORT_ENCRYPTED_PDF', { name });
    const fields = (await doc.getFieldObjects().catch(() => null)) ?? {};
    // Fields, not widgets: a cross-page seal is one signature field with a widget on every page.
    const signatureFieldCount = Object.values(fields).filter((widgets) => widgets.some((f) => (f as { type?: string }).type === 'signature')).length;
    let text = '';
    for (let i = 1; i <= doc.numPages && text.length < MAX_TEXT_CHARS; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      text += '\n';
      page.cleanup();
    }
    const rawTitle = typeof info.Title === 'string' ? info.Title.trim() : '';
    return { pageCount: doc.numPages, signatureFieldCount, title: rawTitle || null, text: text.slice(0, MAX_TEXT_CHARS) };
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    throw new InkstoneError('IMPORT_CORRUPT_PDF', { name, reason: (err as Error).message }, { cause: err });
  } finally {
    await doc.destroy();
  }
}
