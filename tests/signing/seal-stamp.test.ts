import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src-main/core/db/index.js';
import { SealLibrary, updateOrganisationProfile } from '../../src-main/core/seals/index.js';
import { documentLanguage, localSigningTime, signDocument } from '../../src-main/core/signing/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { chinesePdf, simplePdf } from '../fixtures/pdfs.js';
import { setUp, tearDown, type SigningHarness } from './harness.js';
import { assertOpensslVerifies, assertPdfsigValid, assertQpdfClean } from './judges.js';

/**
 * Seals from the seal library stamped by the signing engine: the generated round seal as vectors
 * with its name as extractable text, signatures as vector ink, and the text block in the
 * document's language with the local time and its offset, never over the seal.
 */
const RESULTS = path.resolve(import.meta.dirname, '../../results/seals');
const ORG = '北京墨石科技有限公司';
// 15:26 in Beijing.
const SIGNING_TIME = new Date('2026-12-07T07:26:00Z');

let h: SigningHarness;
let signer: Signer;
let seals: SealLibrary;
before(async () => {
  h = await setUp('seal-stamp', { token: false });
  signer = await h.pkcs12Signer();
  const db = openDatabase(path.join(h.dir, 'library.sqlite'));
  seals = new SealLibrary(db, h.dir, 'tester');
  updateOrganisationProfile(db, 'tester', { legalName: ORG, creditCode: '', legalRepresentative: '', address: '' });
  mkdirSync(RESULTS, { recursive: true });
});
after(async () => {
  await signer.close();
  await tearDown();
});

function keep(file: string, name: string): string {
  execFileSync('pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', '1', '-singlefile', file, path.join(RESULTS, name)]);
  copyFileSync(file, path.join(RESULTS, `${name}.pdf`));
  return path.join(RESULTS, `${name}.png`);
}

/** Words pdftotext finds, with their boxes in points from the page's top left. */
function words(file: string): Array<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }> {
  const html = execFileSync('pdftotext', ['-bbox', file, '-']).toString();
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5],
  }));
}

test('the signing time is local with its offset, written as the language writes dates', () => {
  assert.equal(localSigningTime(SIGNING_TIME, 'zh-CN', 'Asia/Shanghai'), '2026年12月7日 15:26 +08:00');
  assert.equal(localSigningTime(SIGNING_TIME, 'en', 'Asia/Shanghai'), '7 Dec 2026 15:26 +08:00');
  assert.equal(localSigningTime(SIGNING_TIME, 'en', 'UTC'), '7 Dec 2026 07:26 +00:00');
  assert.equal(localSigningTime(SIGNING_TIME, 'zh-CN', 'America/New_York'), '2026年12月7日 02:26 -05:00');
});

test('the document’s language is read from its text: a Chinese contract naming an English party is Chinese, and the reverse', () => {
  const zh = '技术服务合同 甲方：北京墨石科技有限公司 乙方：Acme Consulting Ltd. 第一条 服务内容：乙方向甲方提供法律技术咨询服务。';
  const en =
    'SERVICE AGREEMENT between Acme Consulting Ltd. and 北京墨石科技有限公司 (the Client). Clause 1. The Consultant shall provide legal technology services to the Client.';
  assert.equal(documentLanguage(zh, 'en'), 'zh-CN');
  assert.equal(documentLanguage(en, 'zh-CN'), 'en');
  assert.equal(documentLanguage('', 'en'), 'en', 'a scan without text keeps the default');
});

test('a generated contract seal stamped on a Chinese contract: vector seal with the company name as text, zh-CN labels, Beijing time, text beside the seal', async () => {
  const seal = await seals.generate({ sealType: '合同专用章' });
  const { drawing } = await seals.stamp(seal.id);
  const output = h.out('round-seal');
  const box = { page: 1, x: 300, y: 60, width: 270, height: 110 };
  await signDocument({
    input: await chinesePdf(),
    output,
    signer,
    reason: '同意本合同全部条款',
    signingTime: SIGNING_TIME,
    appearance: { placement: box, seal: drawing, language: 'zh-CN', timeZone: 'Asia/Shanghai' },
  });
  await assertQpdfClean(output);
  await assertPdfsigValid(output, h.nss, 1);
  const text = execFileSync('pdftotext', ['-raw', output, '-']).toString();
  assert.ok(text.includes('时间：2026年12月7日 15:26 +08:00'), text);
  assert.ok(text.includes('事由：同意本合同全部条款'), text);
  assert.doesNotMatch(text, /Signed by|Date:|UTC|Z\b/);
  const compact = text.replace(/\s+/g, '');
  for (const ch of `${ORG}合同专用章`) assert.ok(compact.includes(ch), `${ch} of the seal is extractable`);
  const png = keep(output, 'signed-round-seal-zh');

  // The seal is a 102 pt square at the box's left; every word of the text block lies right of it.
  const page = 842;
  const sealRight = box.x + 4 + 102;
  const labels = words(output).filter((w) => /签署人|时间|事由|单位/.test(w.text));
  assert.ok(labels.length >= 3, 'the labels are found');
  for (const w of labels)
    assert.ok(w.xMin >= sealRight - 0.5 && page - w.yMax >= box.y, `${w.text} at x ${w.xMin} is clear of the seal (ends at ${sealRight})`);
  assert.ok(png.endsWith('.png'));
});

test('an English document gets English labels and dates; in a narrow box the text goes below the seal, never over it', async () => {
  const seal = await seals.generate({ sealType: '公章' });
  const { drawing } = await seals.stamp(seal.id);
  const output = h.out('narrow');
  const box = { page: 1, x: 380, y: 80, width: 150, height: 190 };
  await signDocument({
    input: await simplePdf(),
    output,
    signer,
    reason: 'Approved',
    signingTime: SIGNING_TIME,
    appearance: { placement: box, seal: drawing, language: 'en', timeZone: 'Asia/Shanghai' },
  });
  await assertPdfsigValid(output, h.nss, 1);
  const text = execFileSync('pdftotext', ['-raw', output, '-']).toString();
  assert.ok(text.includes('Date: 7 Dec 2026 15:26 +08:00'), text);
  assert.doesNotMatch(text, /签署人|时间：/);
  keep(output, 'signed-narrow-en');
  // The seal's name characters (on the ring) sit above every word of the text block.
  const all = words(output);
  const sealWords = all.filter((w) => w.text && [...w.text].every((c) => `${ORG}公章`.includes(c)));
  const textWords = all.filter((w) => /Signed|Date|Reason/.test(w.text));
  assert.ok(sealWords.length && textWords.length);
  const sealBottom = Math.max(...sealWords.map((w) => w.yMax));
  const textTop = Math.min(...textWords.map((w) => w.yMin));
  assert.ok(textTop > sealBottom, `text (from y ${textTop}) starts below the seal (to y ${sealBottom})`);
});

test('signatures and imported seals stamp too: drawn ink as vector paths, a cross-page seal from the round drawing', async () => {
  const drawn = await seals.drawSignature({
    name: '张三',
    width: 300,
    height: 120,
    strokes: [
      {
        points: [
          [20, 80, 0.3],
          [60, 30, 0.6],
          [100, 90, 0.9],
          [160, 40, 0.5],
          [260, 70, 0.4],
        ],
      },
    ],
  });
  const round = await seals.generate({ sealType: '合同专用章' });
  const output = h.out('signature');
  const record = await signDocument({
    input: await chinesePdf(),
    output,
    signer,
    signingTime: SIGNING_TIME,
    appearance: { placement: { page: 1, x: 60, y: 60, width: 150, height: 60 }, seal: (await seals.stamp(drawn.id)).drawing, showText: false },
    crossPageSeal: { image: (await seals.stamp(round.id)).drawing },
  });
  await assertQpdfClean(output);
  // Poppler lists the field once per widget and NSS judges trust on the first listing only (see appearance.test.ts).
  await assertPdfsigValid(output, h.nss, 2, { trusted: false });
  await assertOpensslVerifies(output, record.fieldName, h.pki.rootPemPath);
  keep(output, 'signed-drawn-signature');
  assert.ok(execFileSync('pdftotext', ['-raw', output, '-']).toString().replace(/\s+/g, '').includes('墨石'), 'the cross-page slice shows the seal as text');
});
