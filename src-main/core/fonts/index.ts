import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

/**
 * The typeface Inkstone draws Chinese and English with in the PDFs it writes (reports, evidence
 * certificates, signature appearances): the Simplified Chinese face of Noto Sans CJK, cut to GB2312
 * and Latin (resources/fonts/InkstoneSans-SC.ttf, built by scripts/make-cjk-font.py).
 *
 * pdf-lib's own subsetting silently drops glyphs of CFF CJK fonts, so each document embeds a
 * harfbuzz subset of exactly the characters it uses, and pdf-lib embeds that as is:
 *   const font = await pdf.embedFont(await cjkFontFor(allText), { subset: false });
 */
const FONT_FILE = 'InkstoneSans-SC.ttf';

/** Find resources/ from the source tree, the build (dist/), or a packaged app (process.resourcesPath). */
export function resourcesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.INKSTONE_RESOURCES,
    (process as { resourcesPath?: string }).resourcesPath && path.join((process as { resourcesPath?: string }).resourcesPath!, 'resources'),
    path.resolve(here, '../../../resources'),
    path.resolve(here, '../../../../resources'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'fonts', FONT_FILE)));
  if (!found) throw new Error(`Inkstone resources not found (looked in ${candidates.join(', ')})`);
  return found;
}

let fullFont: Buffer | null = null;

/** The whole face (3.5 MB): load once. */
export function cjkFontBytes(): Buffer {
  fullFont ??= readFileSync(path.join(resourcesDir(), 'fonts', FONT_FILE));
  return fullFont;
}

/** An OpenType subset holding just the glyphs for `text` (plus basic Latin so numbers always render). */
export async function cjkFontFor(text: string): Promise<Uint8Array> {
  const chars = new Set(Array.from(text));
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  const subset = await subsetFont(cjkFontBytes(), [...chars].join(''), { targetFormat: 'sfnt' });
  return new Uint8Array(subset);
}
