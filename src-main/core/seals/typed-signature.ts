import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { resourcesDir } from '../fonts/index.js';
import type { Segment } from './path-data.js';
import { cropToInk, INK } from './signature-ink.js';
import type { InkShape, VectorArt } from './vector-art.js';

/**
 * A typed name written in handwriting faces and kept as outlines, so the signature looks the same
 * wherever it is stamped and no font has to travel with it. Chinese characters are written in
 * AR PL KaitiM GB (楷体, Arphic Public License, Debian's fonts-arphic-gkai00mp), Latin letters in
 * Dancing Script (SIL OFL, fonts-dancingscript); both licences allow embedding. A Kai face is
 * regular brush script, not a person's hand: it is what Chinese forms print a typed name in.
 */

type Font = ReturnType<typeof fontkit.create>;
/** fontkit's outline, which its type declarations leave out. */
interface GlyphPath {
  commands: Array<{ command: string; args: number[] }>;
}

const FACES = ['DancingScript-Regular.otf', 'gkai00mp.ttf'] as const;
/** Units per em of the outlines the signature keeps. */
const EM = 100;
const MAX_CHARACTERS = 40;

let faces: Font[] | null = null;
function handwritingFaces(): Font[] {
  faces ??= FACES.map((file) => fontkit.create(readFileSync(path.join(resourcesDir(), 'fonts', file))));
  return faces;
}

/** Runs of consecutive characters drawn by the same face (Latin first, then Kai). */
function runs(text: string): Array<{ font: Font; text: string }> {
  const fonts = handwritingFaces();
  const out: Array<{ font: Font; text: string }> = [];
  const missing: string[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const font = char === ' ' ? (out.at(-1)?.font ?? fonts[0]) : fonts.find((f) => f.hasGlyphForCodePoint(cp));
    if (!font) {
      missing.push(char);
      continue;
    }
    if (out.at(-1)?.font === font) out[out.length - 1].text += char;
    else out.push({ font, text: char });
  }
  if (missing.length) throw new InkstoneError('SIGNATURE_TEXT_UNSUPPORTED', { characters: missing.join('') });
  return out;
}

export async function typedSignatureArt(text: string): Promise<VectorArt> {
  const name = text.trim().replace(/\s+/g, ' ');
  if (!name || Array.from(name).length > MAX_CHARACTERS) throw new InkstoneError('INVALID_INPUT', { issues: `text: 1 to ${MAX_CHARACTERS} characters` });
  const shapes: InkShape[] = [];
  let penX = 0;
  for (const run of runs(name)) {
    const scale = EM / run.font.unitsPerEm;
    const { glyphs, positions } = run.font.layout(run.text);
    glyphs.forEach((glyph, i) => {
      const pos = positions[i];
      const ox = penX + pos.xOffset * scale;
      const oy = EM - pos.yOffset * scale; // baseline at y = EM, y down
      const X = (x: number) => ox + x * scale;
      const Y = (y: number) => oy - y * scale;
      const segs: Segment[] = [];
      let [cx, cy] = [0, 0];
      for (const { command, args } of (glyph.path as unknown as GlyphPath).commands) {
        if (command === 'moveTo' || command === 'lineTo') {
          segs.push({ op: command === 'moveTo' ? 'M' : 'L', x: X(args[0]), y: Y(args[1]) });
          [cx, cy] = [args[0], args[1]];
        } else if (command === 'quadraticCurveTo') {
          const [qx, qy, x, y] = args;
          segs.push({
            op: 'C',
            x1: X(cx + (2 / 3) * (qx - cx)),
            y1: Y(cy + (2 / 3) * (qy - cy)),
            x2: X(x + (2 / 3) * (qx - x)),
            y2: Y(y + (2 / 3) * (qy - y)),
            x: X(x),
            y: Y(y),
          });
          [cx, cy] = [x, y];
        } else if (command === 'bezierCurveTo') {
          segs.push({ op: 'C', x1: X(args[0]), y1: Y(args[1]), x2: X(args[2]), y2: Y(args[3]), x: X(args[4]), y: Y(args[5]) });
          [cx, cy] = [args[4], args[5]];
        } else if (command === 'closePath') segs.push({ op: 'Z' });
      }
      if (segs.length) shapes.push({ segments: segs, fill: INK, stroke: null, strokeWidth: 0, evenOdd: false, roundCaps: false });
      penX += pos.xAdvance * scale;
    });
  }
  return cropToInk({ width: penX, height: EM * 1.4, shapes });
}
