import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { signDocument } from '../../src-main/core/signing/index.js';
import { PdfDocument, listFields } from '../../src-main/core/pdf/index.js';
import { resourcesDir } from '../../src-main/core/fonts/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { chinesePdf, simplePdf } from '../fixtures/pdfs.js';
import { assertNoOutput, setUp, tearDown, typed, type SigningHarness } from './harness.js';
import { assertOpensslVerifies, assertPdfsigValid, assertQpdfClean } from './judges.js';

let h: SigningHarness;
let signer: Signer;
let seal: Uint8Array;
before(async () => {
  h = await setUp('signing-appearance');
  signer = await h.tokenSigner(h.leaves.zhangSan);
  // A red round company seal on a transparent background.
  const file = path.join(h.dir, 'seal.png');
  execFileSync('convert', [
    '-size',
    '400x400',
    'xc:none',
    '-stroke',
    '#d0021b',
    '-strokewidth',
    '14',
    '-fill',
    'none',
    '-draw',
    'circle 200,200 200,20',
    '-fill',
    '#d0021b',
    '-stroke',
    'none',
    '-draw',
    'polygon 200,110 221,170 285,170 233,208 253,270 200,232 147,270 167,208 115,170 179,170',
    '-font',
    path.join(resourcesDir(), 'fonts', 'InkstoneSans-SC.ttf'),
    '-pointsize',
    '40',
    '-gravity',
    'center',
    '-annotate',
    '+0+95',
    '合同专用章',
    file,
  ]);
  seal = readFileSync(file);
});
after(async () => {
  await signer.close();
  await tearDown();
});

/** Render one page at 60 dpi (1 pt = 60/72 px); poppler must not complain. */
function render(file: string, page: number, name: string): string {
  const prefix = path.join(h.dir, name);
  const r = execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.equal(r.length, 0);
  return `${prefix}.png`;
}

/** A rendered page's pixels, read once, addressed in PDF points of a page `heightPt` tall (60 dpi). */
function raster(png: string, heightPt: number): (x: number, y: number) => [number, number, number] {
  const [width] = execFileSync('identify', ['-format', '%w %h', png]).toString().split(' ').map(Number);
  const rgb = execFileSync('convert', [png, '-depth', '8', 'rgb:-'], { maxBuffer: 64 << 20 });
  return (x, y) => {
    const i = 3 * (Math.round(((heightPt - y) * 60) / 72) * width + Math.round((x * 60) / 72));
    return [rgb[i], rgb[i + 1], rgb[i + 2]];
  };
}
const isRed = ([r, g, b]: number[]) => r > 150 && g < 90 && b < 90;
const isWhite = ([r, g, b]: number[]) => r > 240 && g > 240 && b > 240;

test('visible signature: the seal with transparency (image + soft mask) beside the signer, time and reason in the CJK font', async () => {
  const output = h.out('visible');
  const record = await signDocument({
    input: await chinesePdf(),
    output,
    signer,
    reason: '同意本合同全部条款',
    location: '北京',
    appearance: { placement: { page: 1, x: 300, y: 60, width: 260, height: 110 }, seal },
  });
  assert.ok(record.visible);
  await assertQpdfClean(output);
  await assertPdfsigValid(output, h.nss, 1);

  const fonts = execFileSync('pdffonts', [output]).toString();
  const appearanceFont =
    fonts
      .split('\n')
      .filter((l) => l.startsWith('NotoSansCJKsc'))
      .pop() ?? '';
  assert.match(
    appearanceFont,
    /CID TrueType\s+Identity-H\s+yes\s+no\s+yes/,
    `the appearance font is embedded whole (a harfbuzz subset) with a ToUnicode map:\n${fonts}`,
  );
  const text = execFileSync('pdftotext', ['-layout', output, '-']).toString();
  for (const line of ['签署人：张三', '单位：北京某某律师事务所', '事由：同意本合同全部条款', '地点：北京'])
    assert.ok(text.includes(line), `"${line}" in:\n${text}`);

  const at = raster(render(output, 1, 'visible'), 842);
  const centre = { x: 300 + 4 + 51, y: 60 + 55 }; // the seal fills a 102 pt square at the left of the box
  assert.ok(isRed(at(centre.x, centre.y)), 'the star in the middle of the seal is red');
  assert.ok(isRed(at(centre.x - 46, centre.y)), 'the ring is red');
  assert.ok(isWhite(at(300 + 6, 60 + 6)), 'outside the ring the page shows through (transparency kept)');
});

test('invisible signature: no appearance, zero rectangle', async () => {
  const output = h.out('invisible');
  const record = await signDocument({ input: await simplePdf(), output, signer });
  assert.equal(record.visible, false);
  const doc = PdfDocument.openFile(output);
  assert.deepEqual(listFields(doc)[0].widgets[0].rect, [0, 0, 0, 0]);
  doc.close();
});

test('cross-page seal (骑缝章): one seal sliced across the right edge of every page, all slices widgets of the one signature', async () => {
  const input = path.join(h.dir, 'five-pages.pdf');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 5; i++) doc.addPage([595, 842]).drawText(`Page ${i} of 5`, { x: 56, y: 780, size: 14, font });
  doc.getPage(3).setRotation(degrees(90)); // a landscape page in the middle: its slice sits at its visible right edge
  writeFileSync(input, await doc.save({ useObjectStreams: false }));

  const output = h.out('cross-page');
  const record = await signDocument({
    input,
    output,
    signer,
    reason: '骑缝',
    appearance: { placement: { page: 5, x: 330, y: 80, width: 200, height: 100 }, seal },
    crossPageSeal: { image: seal, size: 120 },
  });
  assert.ok(record.crossPageSeal);
  await assertQpdfClean(output);
  await assertOpensslVerifies(output, record.fieldName, h.pki.rootPemPath);
  // Poppler 22 lists the field once per widget: six entries of one name, each a valid signature.
  // They are one CMS; NSS in one pdfsig run judges the certificate of the first listings only and
  // then reports a generic error for the same certificate, so trust is read from the first entry
  // (and proven independently by OpenSSL above).
  const listed = await assertPdfsigValid(output, h.nss, 6, { trusted: false });
  assert.deepEqual([...new Set(listed.map((s) => s.fieldName))], [record.fieldName]);
  assert.equal(listed[0].certificate, 'Certificate is Trusted.');

  const signed = PdfDocument.openFile(output);
  const [field] = listFields(signed);
  assert.equal(field.widgets.length, 6, 'the main seal and one slice per page, all of one field');
  signed.close();

  const slice = 120 / 5;
  for (let page = 1; page <= 5; page++) {
    if (page === 4) continue; // rotated: checked below in its own geometry
    const at = raster(render(output, page, `cross-${page}`), 842);
    // Slice k shows columns [k·24, (k+1)·24) of the seal; each holds some of its red ring or star.
    const hasRed = Array.from({ length: 24 }, (_, i) => 595 - slice + i + 0.5).some((x) =>
      Array.from({ length: 120 }, (_, j) => 421 - 60 + j).some((y) => isRed(at(x, y))),
    );
    assert.ok(hasRed, `page ${page} shows its slice of the seal at the right edge`);
    assert.ok(
      Array.from({ length: 120 }, (_, j) => 421 - 60 + j).every((y) => isWhite(at(595 - slice - 3, y))),
      `page ${page}: nothing of the seal left of its slice`,
    );
  }
  const landscape = render(output, 4, 'cross-4');
  const size = execFileSync('identify', ['-format', '%w %h', landscape]).toString();
  assert.equal(size, `${Math.round((842 * 60) / 72)} ${Math.round((595 * 60) / 72)}`, 'page 4 shows landscape');
  const at = raster(landscape, 595);
  assert.ok(
    Array.from({ length: 120 }, (_, j) => 297 - 60 + j).some((y) => Array.from({ length: 24 }, (_, i) => 842 - slice + i).some((x) => isRed(at(x, y)))),
    'the rotated page carries its slice at its visible right edge',
  );
});

test('placement errors are typed and leave no output', async () => {
  const cases = [
    [{ appearance: { placement: { page: 2, x: 10, y: 10, width: 100, height: 50 }, seal } }, 'PDF_NO_SUCH_PAGE'],
    [{ appearance: { placement: { page: 1, x: 500, y: 10, width: 200, height: 50 }, seal } }, 'SIGN_PLACEMENT_INVALID'],
    [{ appearance: { placement: { page: 1, x: 10, y: 10, width: 100, height: 50 }, seal: new Uint8Array([1, 2, 3]) } }, 'SIGN_SEAL_IMAGE_INVALID'],
    [{ crossPageSeal: { image: seal, firstPage: 1, lastPage: 3 } }, 'SIGN_PLACEMENT_INVALID'],
  ] as const;
  for (const [extra, code] of cases) {
    const output = h.out(code);
    await assert.rejects(signDocument({ input: await simplePdf(), output, signer, ...extra }), typed(code));
    assertNoOutput(output);
  }
});
