import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toPlainDraft, type PlainDraft } from '../../src-shared/drafting/index.js';
import { exportPdf, layoutOfDraft, runsText, type LayoutDocument } from '../../src-main/core/drafting-export/index.js';
import { PdfDocument, bufferSource, listFields, pageIndexOf } from '../../src-main/core/pdf/index.js';
import { isInkstoneError } from '../../src-shared/errors/index.js';
import { serviceAgreement, serviceAgreementEn } from './sample-draft.js';

const RESULTS = path.resolve(import.meta.dirname, '../../results/drafting-export');
mkdirSync(RESULTS, { recursive: true });
const CREATED = new Date('2026-12-07T10:00:00Z');

async function exported(draft: PlainDraft, name: string): Promise<{ file: string; layout: LayoutDocument; bytes: Uint8Array }> {
  const layout = layoutOfDraft(draft);
  const bytes = await exportPdf(layout, { createdAt: CREATED });
  const file = path.join(RESULTS, `${name}.pdf`);
  writeFileSync(file, bytes);
  return { file, layout, bytes };
}

/** What a reader sees in the body: every block's text in order (tables cell by cell). */
function layoutText(layout: LayoutDocument): string[] {
  return layout.blocks.flatMap((b) => {
    switch (b.kind) {
      case 'table':
        return b.rows.flatMap((row) => row.map(runsText));
      case 'signature':
        return b.lines.map(runsText);
      case 'pageBreak':
        return [];
      default:
        return [runsText(b.runs)];
    }
  });
}

/** pdftotext's reading without each page's running header (the title, first) and footer (page x of y, last). */
function bodyText(file: string, title: string, footer: RegExp): string {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((page) => page.trim())
    .map((page) => {
      const lines = page.split('\n').filter((l) => l.trim());
      assert.equal(lines[0]!.trim(), title, 'header');
      assert.match(lines.at(-1)!.trim(), footer);
      return lines.slice(1, -1).join('\n');
    })
    .join('\n');
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

test('Chinese export: fonts embedded with ToUnicode, text reads exactly as the draft, qpdf clean, empty signature fields beside 甲方（盖章）', async () => {
  const draft = toPlainDraft(serviceAgreement(), 'zh-CN');
  const { file, layout, bytes } = await exported(draft, 'service-zh');

  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  assert.ok(fonts.length >= 1);
  for (const row of fonts) {
    const cols = row.trim().split(/\s+/);
    // name type… emb sub uni object gen: emb and uni are the 5th and 3rd from the end
    assert.deepEqual([cols.at(-5), cols.at(-3)], ['yes', 'yes'], row);
  }

  const body = bodyText(file, '技术服务协议', /^第\s*\d+\s*页\s*共\s*\d+\s*页$/);
  // Every character of the draft, in order, and nothing else: CJK has no spaces, so compare without them.
  assert.equal(squeeze(body), squeeze(layoutText(layout).join('')));
  // …and no space read into Chinese (uneven justification gaps would be extracted as spaces).
  assert.doesNotMatch(body, /[\u4e00-\u9fff，。（）] +[\u4e00-\u9fff，。（）]/);
  assert.ok(body.includes('第一条'), 'article numbers are in the text');
  assert.ok(body.includes('见第一条'), 'the cross-reference reads as numbered');
  // Chinese line-breaking rules, as extracted: no line starts with closing or ends with opening punctuation.
  for (const line of body.split('\n').filter((l) => l.trim())) {
    assert.ok(!/^[。，、；：？！）】」]/.test(line.trim()), `line starts with punctuation: ${line}`);
    assert.ok(!/[（【「]$/.test(line.trim()), `line ends with an opening bracket: ${line}`);
  }

  assert.equal(spawnSync('qpdf', ['--check', file]).status, 0, 'qpdf --check');

  const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
  for (const name of ['inkstone-sign-p1', 'inkstone-sign-p2'])
    assert.match(sig, new RegExp(`Signature Field Name: ${name}\\n\\s+The signature form field is not signed`));

  // The field sits right of the keyword the signing ceremony searches for, on the same page and height.
  const doc = PdfDocument.open(bufferSource(bytes));
  const field = listFields(doc).find((f) => f.name === 'inkstone-sign-p1');
  assert.ok(field && field.widgets.length === 1);
  const widget = field.widgets[0]!;
  assert.ok(widget.page && widget.rect);
  const page = String(pageIndexOf(doc, widget.page) + 1);
  const bbox = execFileSync('pdftotext', ['-bbox', '-f', page, '-l', page, file, '-'], { encoding: 'utf8' });
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">甲方（盖章）：?<\/word>/.exec(bbox);
  assert.ok(word, 'the keyword is one word on the field’s page');
  const [x1, y1, x2, y2] = widget.rect;
  const pageHeight = 841.89;
  assert.ok(Math.abs(x1 - Number(word[3])) < 12, `field starts ${x1 - Number(word[3])} pt after the keyword`);
  const keywordMiddle = pageHeight - (Number(word[2]) + Number(word[4])) / 2;
  assert.ok(keywordMiddle > y1 && keywordMiddle < y2, 'the keyword is level with the field');
  assert.ok(x2 - x1 >= 119 && y2 - y1 >= 119, 'room for a 42 mm seal');

  // PDF/A-2b identification, output intent and file identifier are there.
  const raw = Buffer.from(bytes).toString('latin1');
  assert.match(raw, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(raw, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(raw, /\/OutputIntents \[<< \/Type \/OutputIntent \/S \/GTS_PDFA1/);
  assert.match(raw, /\/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]/);

  const png = path.join(RESULTS, 'service-zh-page');
  const render = spawnSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', file, png], { encoding: 'utf8' });
  assert.equal(render.status, 0);
  assert.equal(render.stderr, '', 'pdftoppm renders without complaint');
  assert.ok(readFileSync(`${png}-1.png`).length > 10_000);
});

test('English export: words and spaces read back exactly, page numbers say "Page x of y"', async () => {
  const draft = toPlainDraft(serviceAgreementEn(), 'en');
  const { file, layout } = await exported(draft, 'service-en');
  const all = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.match(all, /Page 1 of 2/);
  const body = bodyText(file, 'Technical Services Agreement', /^Page \d+ of \d+$/);
  assert.equal(collapse(body), collapse(layoutText(layout).join(' ')));
  assert.equal(spawnSync('qpdf', ['--check', file]).status, 0);
  spawnSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', file, path.join(RESULTS, 'service-en-page')]);
});

test('a long contract runs over pages, each numbered 第 x 页 共 n 页 under the title header', async () => {
  const draft = toPlainDraft(serviceAgreement(40), 'zh-CN');
  const { file, layout } = await exported(draft, 'service-zh-long');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  assert.ok(pages >= 5, `${pages} pages`);
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
    assert.match(squeeze(text), new RegExp(`^技术服务协议.*第${p}页共${pages}页$`, 's'));
  }
  assert.equal(squeeze(bodyText(file, '技术服务协议', /^第\s*\d+\s*页\s*共\s*\d+\s*页$/)), squeeze(layoutText(layout).join('')));
});

test('a character the typeface cannot draw is a typed error naming it, not a blank box', async () => {
  const draft = toPlainDraft(serviceAgreement(), 'zh-CN');
  draft.title = '技术服务协议（𠮷野家）';
  await assert.rejects(
    exportPdf(layoutOfDraft(draft)),
    (err) => isInkstoneError(err) && err.code === 'DRAFT_EXPORT_MISSING_GLYPHS' && String(err.details.characters).includes('𠮷'),
  );
});

test('justified Chinese lines are spaced evenly, so extraction reads no spaces into them', async () => {
  // This paragraph's first line must end early (“本协议”）， cannot start a line), so it stretches a lot.
  const para = '甲乙双方经友好协商，就乙方向甲方提供技术服务事宜，达成如下协议（以下简称“本协议”），以资共同遵守。本协议自双方签字盖章之日起生效。';
  const layout: LayoutDocument = { title: '技术服务协议', language: 'zh-CN', blocks: [{ kind: 'paragraph', runs: [{ text: para + para }] }] };
  const file = path.join(RESULTS, 'justified.pdf');
  writeFileSync(file, await exportPdf(layout, { createdAt: CREATED }));
  const body = bodyText(file, '技术服务协议', /^第\s*\d+\s*页\s*共\s*\d+\s*页$/);
  assert.equal(body.replace(/\n/g, ''), para + para);
});
