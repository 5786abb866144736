import { PDFDocument, StandardFonts } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { cjkFontFor } from '../../src-main/core/fonts/index.js';

/**
 * A small text PDF for library and UI tests: a title in the document information dictionary and
 * lines of Chinese and/or English text drawn with the embedded CJK face, so pdf.js extracts them.
 */
export async function makeTextPdf(options: { title?: string; lines: string[]; pages?: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  if (options.title) doc.setTitle(options.title);
  const allText = options.lines.join('');
  const font = /[^\x20-\x7e]/.test(allText) ? await doc.embedFont(await cjkFontFor(allText), { subset: false }) : await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < (options.pages ?? 1); p++) {
    const page = doc.addPage([595, 842]);
    options.lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 22, size: 13, font }));
  }
  return doc.save();
}
