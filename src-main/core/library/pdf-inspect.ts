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

// pdf.js is large; load it once, and only when a PDF is actually inspected.
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

/**
 * Read page count, signature fields and text with pdf.js. Encrypted, damaged and non-PDF input
 * become typed errors named after the file, so the UI can say which of several imports failed.
 */
export async function inspectPdf(name: string, bytes: Uint8Array): Promise<PdfFacts> {
  if (bytes.length === 0) throw new InkstoneError('IMPORT_EMPTY_FILE', { name });
  if (!looksLikePdf(bytes)) throw new InkstoneError('IMPORT_NOT_PDF', { name });
  const { getDocument } = await pdfjs();
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
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
