import upngModule from '@pdf-lib/upng';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/** pdf-lib's PNG codec. Its CommonJS build sets `exports.default`, which Node's ESM import sees one level deeper than a bundler does. */
const UPNG: typeof upngModule = (upngModule as unknown as { default?: typeof upngModule }).default ?? upngModule;

/** Any PNG (palette, grey, 16-bit, interlaced …) as 8-bit RGBA. */
export function decodePng(bytes: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const image = UPNG.decode(new Uint8Array(bytes).buffer); // a copy: a Buffer's .buffer may be a shared pool
  return { width: image.width, height: image.height, rgba: new Uint8Array(UPNG.toRGBA8(image)[0]) };
}

export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  return new Uint8Array(UPNG.encode([new Uint8Array(rgba).buffer], width, height, 0));
}

/**
 * An imported PNG seal (a scan or a photo of a stamp on paper), with the paper taken out: white
 * becomes transparent and the ink keeps its colour ("colour to alpha" against white, so the pink
 * edge of red ink becomes red at partial opacity instead of a pink halo on the contract).
 */

export const PNG_MAX_BYTES = 4 * 1024 * 1024;
/** Larger than any sensible scan of a 42 mm seal (4,096 px is 2,500 dpi). */
const MAX_SIDE = 4096;
/** Paper noise below this opacity is dropped entirely. */
const MIN_ALPHA = 26;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngSeal {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

function refuse(reason: string): InkstoneError {
  return new InkstoneError('SEAL_IMAGE_INVALID', { reason });
}

/** Width and height from the IHDR chunk, read before anything is decoded (a 100,000 px image is refused unread). */
function declaredSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw refuse('the file is not a PNG image');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function readPngSeal(bytes: Uint8Array): PngSeal {
  if (bytes.length > PNG_MAX_BYTES) throw new InkstoneError('SEAL_FILE_TOO_LARGE', { limit: `${PNG_MAX_BYTES / 1024 / 1024} MiB` });
  const { width, height } = declaredSize(bytes);
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) throw new InkstoneError('SEAL_IMAGE_TOO_LARGE', { width, height, max: MAX_SIDE });
  let rgba: Uint8Array;
  try {
    rgba = decodePng(bytes).rgba;
  } catch (err) {
    throw new InkstoneError('SEAL_IMAGE_INVALID', { reason: 'the PNG data cannot be decoded' }, { cause: err });
  }
  if (rgba.length !== width * height * 4) throw refuse('the PNG data does not match its declared size');
  let ink = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
    // How far the colour is from white is how much ink covers the paper there.
    const cover = Math.max(255 - r, 255 - g, 255 - b);
    const alpha = Math.round((cover * rgba[i + 3]) / 255);
    if (alpha < MIN_ALPHA) {
      rgba[i] = rgba[i + 1] = rgba[i + 2] = rgba[i + 3] = 0;
      continue;
    }
    const a = cover / 255;
    rgba[i] = Math.round(255 - (255 - r) / a);
    rgba[i + 1] = Math.round(255 - (255 - g) / a);
    rgba[i + 2] = Math.round(255 - (255 - b) / a);
    rgba[i + 3] = alpha;
    ink++;
  }
  if (ink === 0) throw new InkstoneError('SEAL_IMAGE_EMPTY');
  const png = encodePng(rgba, width, height);
  return { png, width, height };
}
