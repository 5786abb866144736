import { readFile } from 'node:fs/promises';
import type { SigningPlacement } from '../../../src-shared/api/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { besideText, STANDARD_SEAL_SIZE } from '../../../src-shared/placement/geometry.js';
import { findText } from '../../../src-shared/placement/text-find.js';

/**
 * "Place at 甲方（盖章）" without the viewer: the seal box beside the first place the text occurs,
 * found with the viewer's own finder over pdf.js's text content. Reads a stored version (already
 * read once by the import's inspector), so pdf.js meets no file it has not opened before.
 */
export async function placeAtKeyword(file: string, text: string, size = { width: STANDARD_SEAL_SIZE, height: STANDARD_SEAL_SIZE }): Promise<SigningPlacement> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({
    data: new Uint8Array(await readFile(file)),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const [first] = await findText(doc, text, 1);
    if (!first) throw new InkstoneError('PLACEMENT_TEXT_NOT_FOUND', { text });
    const viewport = (await doc.getPage(first.page)).getViewport({ scale: 1 });
    const box = besideText(first.box, size, { width: viewport.width, height: viewport.height });
    return { page: first.page, ...box, kind: 'seal' };
  } finally {
    await doc.destroy();
  }
}
