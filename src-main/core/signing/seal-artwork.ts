import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFFont, type PDFImage, type PDFOperator } from 'pdf-lib';
import { sealOperators, sealText, vectorArtOperators, type SealDrawing } from '../seals/index.js';
import { pt, type AppearanceCanvas } from './appearance-canvas.js';

/**
 * What a seal or signature stamp draws, whatever it is made of: a PNG (image XObject), the round
 * company seal (vector ring and star, the name as text in the embedded CJK face) or vector ink
 * (an imported SVG, a drawn or typed signature). Each is drawn into a box by the same call.
 */
export type StampArt = Uint8Array | SealDrawing;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface SealArtwork {
  /** Natural proportions (any unit). */
  readonly width: number;
  readonly height: number;
  readonly fonts: Record<string, PDFFont>;
  readonly images: Record<string, PDFImage>;
  /** Operators drawing the whole artwork stretched into `box` (the caller keeps the proportions). */
  draw(box: Box): PDFOperator[];
}

/** A scale factor kept to five decimals: two (as for positions) would shrink a large seal by a point. */
const factor = (v: number) => Number(v.toFixed(5));

const place = (box: Box, width: number, height: number, inner: PDFOperator[]): PDFOperator[] => [
  pushGraphicsState(),
  concatTransformationMatrix(factor(box.w / width), 0, 0, factor(box.h / height), pt(box.x), pt(box.y)),
  ...inner,
  popGraphicsState(),
];

/** Prepare `art` on `canvas`; its resources are named `SealF` (font) and `SealIm` (image). */
export async function sealArtwork(canvas: AppearanceCanvas, art: StampArt): Promise<SealArtwork> {
  if (art instanceof Uint8Array || art.format === 'png') {
    const image = await canvas.image(art instanceof Uint8Array ? art : art.png);
    return {
      width: image.width,
      height: image.height,
      fonts: {},
      images: { SealIm: image },
      draw: (box) => [
        pushGraphicsState(),
        concatTransformationMatrix(pt(box.w), 0, 0, pt(box.h), pt(box.x), pt(box.y)),
        drawObject('SealIm'),
        popGraphicsState(),
      ],
    };
  }
  if (art.format === 'round') {
    const { layout } = art;
    const font = await canvas.font(sealText(layout));
    const d = layout.diameter;
    return {
      width: d,
      height: d,
      fonts: { SealF: font },
      images: {},
      draw: (box) => place(box, d, d, sealOperators(layout, { font, key: 'SealF' }, d / 2, d / 2)),
    };
  }
  const vector = art.art;
  return {
    width: vector.width,
    height: vector.height,
    fonts: {},
    images: {},
    draw: (box) => place(box, vector.width, vector.height, vectorArtOperators(vector)),
  };
}

/** The largest box of the artwork's proportions inside `box`, centred. */
export function fitInto(art: { width: number; height: number }, box: Box): Box {
  const scale = Math.min(box.w / art.width, box.h / art.height);
  const w = art.width * scale;
  const h = art.height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}
