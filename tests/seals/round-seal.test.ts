import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { cjkFontFor } from '../../src-main/core/fonts/index.js';
import { roundSealLayout, roundSealSvg, sealOperators, sealText } from '../../src-main/core/seals/index.js';

const RESULTS = path.resolve(import.meta.dirname, '../../results/seals');

async function sealPdf(name: string, kind: string): Promise<Uint8Array> {
  const layout = roundSealLayout({ name, kind, diameter: 120 });
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await cjkFontFor(sealText(layout)), { subset: false });
  const page = doc.addPage([160, 160]);
  const key = page.node.newFontDictionary(font.name, font.ref);
  page.pushOperators(...sealOperators(layout, { font, key }, 80, 80));
  return doc.save();
}

/** Red pixels of a PPM along a ring of radius `r` (pixels) around the image centre. */
function redOnCircle(ppm: Buffer, r: number): number {
  const header = ppm.toString('latin1', 0, 20).split(/\s+/);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const offset = ppm.length - w * h * 3;
  let red = 0;
  for (let k = 0; k < 72; k++) {
    const a = (k * Math.PI) / 36;
    const x = Math.round(w / 2 + r * Math.cos(a));
    const y = Math.round(h / 2 - r * Math.sin(a));
    const i = offset + (y * w + x) * 3;
    if (ppm[i] > 150 && ppm[i + 1] < 90 && ppm[i + 2] < 90) red++;
  }
  return red;
}

test('the round seal: a red ring all round, the name along the arc as real text, the kind below; rendered and looked at', async () => {
  const name = '北京星河数据科技有限公司';
  const bytes = await sealPdf(name, '合同专用章');
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-seal-'));
  const file = path.join(dir, 'seal.pdf');
  writeFileSync(file, bytes);
  execFileSync('qpdf', ['--check', file]);
  // Every character is drawn with the embedded subset face (pdffonts: emb yes), and comes back as text.
  assert.match(execFileSync('pdffonts', [file]).toString(), /Identity-H\s+yes\s+\w+\s+yes/); // embedded, with a ToUnicode map
  const text = execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, '');
  for (const ch of name + '合同专用章') assert.ok(text.includes(ch), `${ch} extractable from ${text}`);
  // 72 dpi: 1 pt = 1 px; the ring's centre line is at 60 - 1.8 pt from the centre.
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-singlefile', file]);
  assert.ok(redOnCircle(ppm, 58) >= 70, 'the ring is closed and red');
  assert.ok(redOnCircle(ppm, 30) < 20, 'inside the ring, between name and star, is mostly blank');
  mkdirSync(RESULTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', file, path.join(RESULTS, 'round-seal')]);
  copyFileSync(file, path.join(RESULTS, 'round-seal.pdf'));
  assert.ok(readFileSync(path.join(RESULTS, 'round-seal.png')).length > 1000);
});

test('long names get smaller characters and never run past 250 degrees of arc; the star is regular', () => {
  const short = roundSealLayout({ name: '星河公司', kind: '公章' });
  const long = roundSealLayout({ name: '苏州工业园区恒信会计师事务所（特殊普通合伙）北京分所', kind: '公章' });
  assert.ok(long.name[0].size < short.name[0].size);
  const arc = (l: typeof long) => Math.atan2(l.name[0].y, l.name[0].x) - Math.atan2(l.name.at(-1)!.y, l.name.at(-1)!.x);
  assert.ok(arc(long) <= (250 * Math.PI) / 180 + 1e-9);
  // Left to right over the top: the first character is left of the last, all above the centre line for a short name.
  assert.ok(short.name[0].x < short.name.at(-1)!.x && short.name.every((g) => g.y > 0));
  const outer = short.star.filter((_, i) => i % 2 === 0).map(([x, y]) => Math.hypot(x, y));
  assert.ok(outer.every((r) => Math.abs(r - outer[0]) < 1e-9));
  assert.match(roundSealSvg(short), /<svg[^>]+viewBox="-60 -60 120 120"[\s\S]*<polygon[\s\S]*>星<\/text>[\s\S]*>公章<\/text>/);
});
