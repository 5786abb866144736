// A draft's output on a 100-page Chinese contract (300 articles with sub-clauses and a table every
// 30 articles): PDF export (typesetting, one font subset, writing) against pdf-lib writing the same
// lines with the same font in the same run, and the redline of two versions (edits, moves, deletions,
// insertions) against a plain token diff of the whole text.
//   node --import tsx bench/drafting-export.ts        (do not run on a shared machine)
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { diffArrays } from 'diff';
import { comparableBlocks, compareVersions, exportPdf, layoutOfDraft, tokenize, typeset } from '../src-main/core/drafting-export/index.js';
import { cjkFontFor } from '../src-main/core/fonts/index.js';
import { toPlainDraft, type DraftNodeJSON } from '../src-shared/drafting/index.js';
import { median, ms, writeResultsSection } from './results.js';

const ARTICLES = 300;
const RUNS = 5;
const SENTENCE = '双方应当按照本合同约定履行各自义务，任何一方违反本条约定的，应当赔偿守约方因此遭受的全部损失（包括但不限于诉讼费、律师费和差旅费）。';
const t = (text: string): DraftNodeJSON => ({ type: 'text', text });
const p = (text: string): DraftNodeJSON => ({ type: 'paragraph', content: [t(text)] });

/** ≈ 100 pages; `edit` changes the text of some articles, moves a few and drops and adds some (the second version). */
function contract(edit: boolean): DraftNodeJSON {
  const articles: DraftNodeJSON[] = [];
  for (let a = 0; a < ARTICLES; a++) {
    if (edit && a % 60 === 7) continue; // deleted
    const changed = edit && a % 10 === 3;
    const body = changed ? SENTENCE.replace('全部损失', '直接损失').replace('双方', '甲乙双方') : SENTENCE;
    const content: DraftNodeJSON[] = [
      { type: 'article_heading', content: [t(`条款标题${a + 1}`)] },
      p(body + SENTENCE),
      { type: 'clause', attrs: { id: `c${a}-1` }, content: [p(SENTENCE)] },
      { type: 'clause', attrs: { id: `c${a}-2` }, content: [p(SENTENCE.slice(0, 40))] },
    ];
    if (a % 30 === 0) {
      const cell = (text: string): DraftNodeJSON => ({ type: 'table_cell', content: [p(text)] });
      content.push({ type: 'table', content: [0, 1, 2].map((r) => ({ type: 'table_row', content: [cell(`项目${r}`), cell(`${(r + 1) * 1000}.00`)] })) });
    }
    articles.push({ type: 'article', attrs: { id: `a${a}` }, content });
    if (edit && a % 75 === 5)
      articles.push({ type: 'article', attrs: { id: `new${a}` }, content: [{ type: 'article_heading', content: [t('新增条款')] }, p(SENTENCE)] });
  }
  if (edit) for (const from of [250, 120, 40]) articles.splice(from - 30, 0, ...articles.splice(from, 1)); // moved up
  return {
    type: 'doc',
    content: [
      { type: 'title', content: [t('大型技术服务框架协议')] },
      {
        type: 'parties',
        content: [{ type: 'party', attrs: { partyId: 'p1', role: '甲方', name: '北京墨石科技有限公司', organisation: '', registrationNumber: '' } }],
      },
      { type: 'recitals', content: [] },
      { type: 'body', content: articles },
      {
        type: 'signatures',
        content: [{ type: 'signature_block', attrs: { partyId: 'p1', role: '甲方', name: '北京墨石科技有限公司', organisation: '', registrationNumber: '' } }],
      },
    ],
  };
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const v1 = toPlainDraft(contract(false), 'zh-CN');
const v2 = toPlainDraft(contract(true), 'zh-CN');
const layout = layoutOfDraft(v1);
const pages = typeset(layout).pages;

// Ours: typesetting + subset + writing, end to end.
await exportPdf(layout); // warm-up (font file read, subsetter compiled)
const ours: number[] = [];
let size = 0;
for (let i = 0; i < RUNS; i++) ours.push(await time(async () => (size = (await exportPdf(layout)).length)));

// Baseline: pdf-lib drawing the same lines at the same places with the same subset (line breaking not counted).
const lines = pages.flatMap((page) => page.texts.map((x) => x.text)).join('');
const baseline: number[] = [];
let baselineSize = 0;
for (let i = 0; i < RUNS + 1; i++) {
  const elapsed = await time(async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(await cjkFontFor(lines), { subset: false });
    for (const page of pages) {
      const out = doc.addPage([595.28, 841.89]);
      for (const x of page.texts) out.drawText(x.text, { x: x.x, y: x.y, size: x.size, font });
    }
    baselineSize = (await doc.save()).length;
  });
  if (i > 0) baseline.push(elapsed);
}

// Redline: the structured comparison against one token diff of the whole text.
const from = comparableBlocks(v1);
const to = comparableBlocks(v2);
compareVersions(from, to);
const redline: number[] = [];
let changes = 0;
for (let i = 0; i < RUNS; i++) redline.push(await time(() => (changes = compareVersions(from, to).changes.length)));
const plainFrom = tokenize(from.map((b) => b.text).join('\n'));
const plainTo = tokenize(to.map((b) => b.text).join('\n'));
const plainDiff: number[] = [];
for (let i = 0; i < RUNS; i++) plainDiff.push(await time(() => diffArrays(plainFrom, plainTo)));

const verdict = (value: number, budget: number) => (value <= budget ? `✔ within ${budget} ms` : `✘ over ${budget} ms`);
const report = `## Drafting export: PDF and redline (bench/drafting-export.ts)

A ${pages.length}-page Chinese contract (${ARTICLES} articles, sub-clauses, a table every 30 articles), medians of ${RUNS} runs.

| | median | budget | baseline in the same run |
|---|---|---|---|
| PDF export (typeset, subset, write; ${Math.round(size / 1024)} KiB) | ${ms(median(ours))} | ${verdict(median(ours), 2000)} | pdf-lib drawing the same lines, same font: ${ms(median(baseline))} (${Math.round(baselineSize / 1024)} KiB, no line breaking, no ToUnicode of its own checked) |
| Redline of two versions (${changes} changes: edits, 3 moves, deletions, insertions) | ${ms(median(redline))} | ${verdict(median(redline), 200)} | one token diff of the whole text (no moves, no units): ${ms(median(plainDiff))} |
`;
writeResultsSection('drafting-export', report);
process.stdout.write(report);
