import { say } from '../../../src-shared/i18n/index.js';
import { cjkFontBytes, cjkFontFor } from '../fonts/index.js';
import { readFontMetrics, type FontMetrics } from './font-metrics.js';
import type { LayoutDocument } from './layout-input.js';
import { EXPORT_TEXT } from './messages.js';
import { writePdfFile } from './pdf-file.js';
import { Typesetter, type TypesetDocument } from './typeset.js';

let faceMetrics: FontMetrics | null = null;

/** The whole face's metrics, read once: layout measures with them, the file embeds a subset. */
function face(): FontMetrics {
  faceMetrics ??= readFontMetrics(cjkFontBytes());
  return faceMetrics;
}

/** Lay a document out on pages, with header and page numbers (what exportPdf writes; the bench's baseline draws the same lines). */
export function typeset(doc: LayoutDocument): TypesetDocument {
  const typesetter = new Typesetter(face());
  for (const block of doc.blocks) typesetter.block(block);
  typesetter.decorate(doc.title, (page, pages) => say(EXPORT_TEXT.pageOf, doc.language, { page, pages }));
  return typesetter.finish();
}

/**
 * A contract as a PDF: typeset (line breaking, justification, page breaks), header and page numbers
 * in the document's language, one font subset of exactly the characters on the pages.
 */
export async function exportPdf(doc: LayoutDocument, options: { createdAt?: Date } = {}): Promise<Uint8Array> {
  const { pages } = typeset(doc);
  let text = '';
  for (const page of pages) for (const t of page.texts) text += t.text;
  const subset = await cjkFontFor(text);
  return writePdfFile({
    title: doc.title,
    language: doc.language,
    pages,
    font: { bytes: subset, metrics: readFontMetrics(subset) },
    createdAt: options.createdAt ?? new Date(),
  });
}
