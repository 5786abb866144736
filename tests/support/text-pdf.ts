import { PDFDocument, StandardFonts } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { cjkFontFor } from '../../src-main/core/fonts/index.js';

/**
 * A small text PDF for library and UI tests: a title in the document information dictionary and
 * lines of Chinese and/or English text drawn with the embedded CJK face, so pdf.js extracts them.
 */
export async function makeTextPdf(options: { title?: string; lines: string[]; pages?: number; wrap?: boolean }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  if (options.title) doc.setTitle(options.title);
  const allText = options.lines.join('');
  const font = /[^\x20-\x7e]/.test(allText) ? await doc.embedFont(await cjkFontFor(allText), { subset: false }) : await doc.embedFont(StandardFonts.Helvetica);
  // With `wrap`, long lines break at the right margin as a word processor would (pdf.js drops text
  // drawn beyond the page), on a new page when one is full.
  const lines = options.wrap ? options.lines.flatMap((l) => wrapToWidth(l, (t) => font.widthOfTextAtSize(t, 13), 483)) : options.lines;
  const perPage = options.wrap ? 34 : lines.length;
  for (let p = 0; p < (options.pages ?? 1); p++) {
    for (let first = 0; first < Math.max(lines.length, 1); first += perPage) {
      const page = doc.addPage([595, 842]);
      lines.slice(first, first + perPage).forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 22, size: 13, font }));
    }
  }
  return doc.save();
}

function wrapToWidth(line: string, width: (text: string) => number, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (width(rest) > max) {
    let cut = rest.length;
    while (cut > 1 && width(rest.slice(0, cut)) > max) cut--;
    // Latin text breaks at the last space; CJK text may break between any two characters.
    const space = rest.lastIndexOf(' ', cut);
    if (space > cut * 0.6 && /[A-Za-z]/.test(rest[cut] ?? '')) cut = space + 1;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}
