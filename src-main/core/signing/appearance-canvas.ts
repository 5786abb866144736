import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage, type PDFOperator, type PDFRef } from 'pdf-lib';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { cjkFontFor } from '../fonts/index.js';
import type { IncrementalUpdate, PdfRef } from '../pdf/index.js';
import { transferObjects } from './pdf-lib-transfer.js';

/**
 * A scratch pdf-lib document in which appearance streams are drawn: PNG decoding (with the alpha
 * channel as a soft mask), TrueType embedding and text encoding are pdf-lib's. The finished form
 * XObjects and everything they use are then copied into the incremental update.
 */
export class AppearanceCanvas {
  private constructor(private readonly doc: PDFDocument) {}

  static async create(): Promise<AppearanceCanvas> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    return new AppearanceCanvas(doc);
  }

  /** Embed a PNG; `SIGN_SEAL_IMAGE_INVALID` when it is not one pdf-lib can decode. */
  async image(png: Uint8Array): Promise<PDFImage> {
    const isPng = png.length > 8 && Buffer.from(png.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!isPng) throw new InkstoneError('SIGN_SEAL_IMAGE_INVALID', { reason: 'the file is not a PNG image' });
    try {
      return await this.doc.embedPng(png);
    } catch (err) {
      throw new InkstoneError('SIGN_SEAL_IMAGE_INVALID', { reason: (err as Error).message }, { cause: err });
    }
  }

  /**
   * Inkstone's CJK face cut to exactly the characters of `text` (harfbuzz), embedded whole: pdf-lib's
   * own subsetting loses CJK glyphs.
   */
  async font(text: string): Promise<PDFFont> {
    return this.doc.embedFont(await cjkFontFor(text), { subset: false });
  }

  /**
   * A form XObject of `width` × `height` points (as the reader sees it) drawing `operators` with
   * these named resources. On a page shown rotated (`/Rotate`), the form is turned the other way so
   * that it still reads upright.
   */
  form(
    operators: PDFOperator[],
    width: number,
    height: number,
    resources: { fonts?: Record<string, PDFFont>; images?: Record<string, PDFImage> },
    pageRotation: PageRotation = 0,
  ): PDFRef {
    const res: Record<string, Record<string, PDFRef>> = {};
    if (resources.fonts) res.Font = Object.fromEntries(Object.entries(resources.fonts).map(([k, f]) => [k, f.ref]));
    if (resources.images) res.XObject = Object.fromEntries(Object.entries(resources.images).map(([k, i]) => [k, i.ref]));
    const dict: Record<string, unknown> = { BBox: [0, 0, pt(width), pt(height)], Resources: res };
    if (pageRotation !== 0) dict.Matrix = UPRIGHT[pageRotation];
    const stream = this.doc.context.formXObject(operators, dict as Parameters<typeof this.doc.context.formXObject>[1]);
    return this.doc.context.register(stream);
  }

  /** Finish embedding (fonts measure the glyphs used only now) and copy `forms` into `update`. */
  async transfer(update: IncrementalUpdate, forms: readonly PDFRef[]): Promise<PdfRef[]> {
    await this.doc.flush();
    return transferObjects(this.doc.context, forms, update);
  }
}

/** A page's `/Rotate`: how far it is turned clockwise when shown. */
export type PageRotation = 0 | 90 | 180 | 270;

/** Form matrices turning content counter-clockwise by the page's rotation. */
const UPRIGHT: Readonly<Record<Exclude<PageRotation, 0>, number[]>> = { 90: [0, 1, -1, 0, 0, 0], 180: [-1, 0, 0, -1, 0, 0], 270: [0, -1, 1, 0, 0, 0] };

/** Points with at most two decimals: appearance streams stay readable and deterministic. */
export function pt(value: number): number {
  return Math.round(value * 100) / 100;
}
