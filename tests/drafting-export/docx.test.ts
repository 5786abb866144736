import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path';
import { draftSchema, toPlainDraft } from '../../src-shared/drafting/index.js';
import { comparableBlocks, draftFromImport, exportDocx, importDocx, layoutOfDraft, type ImportedDraft } from '../../src-main/core/drafting-export/index.js';
import { isInkstoneError } from '../../src-shared/errors/index.js';
import { PARTIES, PARTIES_EN, serviceAgreement, serviceAgreementEn } from './sample-draft.js';
import { BASIC_PARTS, deflated, repeatedDeflate, zipOf } from './zip-builder.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/docx');

const typedError = (code: string) => (err: unknown) => {
  assert.ok(isInkstoneError(err), `expected an InkstoneError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return true;
};

/** A DOCX whose parts are given as text (deflated honestly). */
const docxOf = (parts: Record<string, string>): Buffer =>
  zipOf(Object.entries(parts).map(([name, text]) => ({ name, data: deflated(text), declaredSize: Buffer.byteLength(text) })));

for (const [language, build, parties] of [
  ['zh-CN', serviceAgreement, PARTIES],
  ['en', serviceAgreementEn, PARTIES_EN],
] as const) {
  test(`round trip of our own DOCX export (${language}): every unit comes back with its text, in order, as the same kind of unit`, async () => {
    const original = toPlainDraft(build(), language);
    const bytes = await exportDocx(layoutOfDraft(original));
    const imported = await importDocx('roundtrip.docx', bytes);
    const doc = draftFromImport(imported, { title: original.title, parties, language });
    draftSchema.nodeFromJSON(doc).check(); // a valid draft for the editor
    const back = toPlainDraft(doc, language);
    const strip = (blocks: ReturnType<typeof comparableBlocks>) => blocks.map((b) => ({ label: b.label ?? null, text: b.text }));
    assert.deepEqual(strip(comparableBlocks(back)), strip(comparableBlocks(original)));
    assert.equal(back.body.filter((b) => b.kind === 'article').length, 4);
    // Our own header (title) and footer (page numbers) are the only things a DOCX of ours loses.
    assert.deepEqual(imported.lost, [{ kind: 'headerFooter', count: 2 }]);
    // The footer counts pages with Word's own fields, around the words of the contract's language.
    const parts = unzipSync(bytes);
    const footer = strFromU8(parts[Object.keys(parts).find((n) => /^word\/footer\d*\.xml$/.test(n))!]!);
    assert.match(footer, /PAGE/);
    assert.match(footer, /NUMPAGES/);
    assert.match(footer, language === 'en' ? />Page </ : />第 </);
  });
}

test('headings, numbered lists and typed article numbers become articles; bold and italic are kept', async () => {
  const p = (text: string, props = '') => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const body = [
    p('第一条 定义'),
    p('（一）“保密信息”是指一方披露的信息。'),
    '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>粗体</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>斜体</w:t></w:r></w:p>',
    p('3.2 Payment is due in 30 days.'),
    p('2026年12月7日签订。'),
  ].join('');
  const imported = await importDocx(
    'typed.docx',
    docxOf({ '[Content_Types].xml': BASIC_PARTS.contentTypes, '_rels/.rels': BASIC_PARTS.rels, 'word/document.xml': BASIC_PARTS.document(body) }),
  );
  assert.deepEqual(
    imported.blocks.map((b) => (b.kind === 'article' ? `article ${b.level}: ${b.runs.map((r) => r.text).join('')}` : `${b.kind}`)),
    ['article 1: 定义', 'article 2: “保密信息”是指一方披露的信息。', 'paragraph', 'article 2: Payment is due in 30 days.', 'paragraph'],
  );
  assert.deepEqual((imported.blocks[2] as Extract<ImportedDraft['blocks'][number], { kind: 'paragraph' }>).runs, [
    { text: '粗体', bold: true },
    { text: '斜体', italic: true },
  ]);
});

test('a zip bomb that declares its real size is refused before anything is inflated', async () => {
  const zeros = new Uint8Array(64 * 1024 * 1024);
  const bomb = zipOf([{ name: 'word/document.xml', data: deflated(zeros), declaredSize: zeros.length }]);
  await assert.rejects(importDocx('bomb.docx', bomb), typedError('DOCX_LIMIT_EXCEEDED'));
});

test('a part that lies about its size stops inflating at the limit: 1 GB of text in bounded time and memory', async () => {
  const text = Buffer.from('甲方应当按时付款。'.repeat(20_000)); // ~540 KB per copy
  const copies = Math.ceil(1024 ** 3 / text.length);
  const data = repeatedDeflate(text, copies);
  for (const declaredSize of [1000, 8 * 1024 * 1024]) {
    const file = zipOf([
      { name: '[Content_Types].xml', data: deflated(BASIC_PARTS.contentTypes), declaredSize: BASIC_PARTS.contentTypes.length },
      { name: 'word/document.xml', data, declaredSize },
    ]);
    const rssBefore = process.memoryUsage().rss;
    // Processor time, not wall time: the machine running the tests may be busy with other work.
    const cpuBefore = process.cpuUsage();
    await assert.rejects(importDocx('gigabyte.docx', file), typedError('DOCX_LIMIT_EXCEEDED'));
    const cpu = process.cpuUsage(cpuBefore);
    const ms = (cpu.user + cpu.system) / 1000;
    const grew = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    assert.ok(ms < 3000, `${ms} ms of processor time`);
    assert.ok(grew < 120, `memory grew ${grew} MB`);
  }
});

test('a high compression ratio is refused even under the size limits', async () => {
  const zeros = new Uint8Array(8 * 1024 * 1024);
  const file = zipOf([{ name: 'word/document.xml', data: deflated(zeros), declaredSize: zeros.length }]);
  await assert.rejects(importDocx('ratio.docx', file), typedError('DOCX_LIMIT_EXCEEDED'));
});

test('thousands of entries are refused from the table of contents alone', async () => {
  const entries = Array.from({ length: 2_500 }, (_, i) => ({ name: `word/media/${i}.png`, data: deflated('x'), declaredSize: 1 }));
  await assert.rejects(importDocx('many.docx', zipOf(entries)), typedError('DOCX_LIMIT_EXCEEDED'));
});

test('XML entity expansion (billion laughs) is refused before any XML parser sees it', async () => {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>';
  await assert.rejects(
    importDocx('laughs.docx', docxOf({ '[Content_Types].xml': BASIC_PARTS.contentTypes, 'word/document.xml': laughs })),
    typedError('DOCX_UNSAFE_XML'),
  );
});

test('missing parts, other files and damaged archives are typed errors', async () => {
  await assert.rejects(importDocx('nobody.docx', docxOf({ '[Content_Types].xml': BASIC_PARTS.contentTypes })), typedError('DOCX_MISSING_PART'));
  await assert.rejects(importDocx('text.docx', Buffer.from('not a zip at all, just text')), typedError('DOCX_NOT_DOCX'));
  const good = await exportDocx(layoutOfDraft(toPlainDraft(serviceAgreement(), 'zh-CN')));
  await assert.rejects(
    importDocx('cut.docx', good.subarray(0, good.length - 200)),
    (err) => isInkstoneError(err) && ['DOCX_NOT_DOCX', 'DOCX_CORRUPT'].includes(err.code),
  );
  const garbage = zipOf([{ name: 'word/document.xml', data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declaredSize: 100 }]);
  await assert.rejects(importDocx('garbage.docx', garbage), typedError('DOCX_CORRUPT'));
});

/**
 * Real-world files (../shared/corpus/docx, sources in its README). Expected from each file's
 * word/document.xml: the kinds of blocks in order, what is reported lost, and the first text.
 */
const CORPUS_EXPECTATIONS: Record<string, { blocks: string; lost: Record<string, number>; first?: string }> = {
  'mammoth-comments.docx': { blocks: 'paragraph', lost: { comment: 2 }, first: 'Ouch.' },
  'mammoth-embedded-style-map.docx': { blocks: 'paragraph', lost: {}, first: 'Walking on imported air' },
  'mammoth-empty.docx': { blocks: '', lost: {} },
  'mammoth-endnotes.docx': { blocks: 'paragraph', lost: { footnote: 2 }, first: 'Ouch.' },
  'mammoth-external-picture.docx': { blocks: '', lost: { image: 1 } },
  'mammoth-footnote-hyperlink.docx': { blocks: '', lost: { footnote: 1 } },
  'mammoth-footnotes.docx': { blocks: 'paragraph', lost: { footnote: 2 }, first: 'Ouch.' },
  'mammoth-simple-list.docx': { blocks: 'paragraph paragraph', lost: { bullet: 2 }, first: 'Apple' },
  'mammoth-single-paragraph.docx': { blocks: 'paragraph', lost: {}, first: 'Walking on imported air' },
  'mammoth-strict-format.docx': { blocks: 'paragraph', lost: {}, first: 'Test' },
  'mammoth-strikethrough.docx': { blocks: 'paragraph', lost: { strikethrough: 1 }, first: "Today's Special: Salmon Sold out" },
  'mammoth-tables.docx': { blocks: 'paragraph table paragraph', lost: {}, first: 'Above' },
  'mammoth-text-box.docx': { blocks: 'paragraph', lost: {}, first: 'Datum plane' },
  'mammoth-tiny-picture-target-base-relative.docx': { blocks: '', lost: { image: 1 } },
  'mammoth-tiny-picture.docx': { blocks: '', lost: { image: 1 } },
  'mammoth-underline.docx': { blocks: 'paragraph', lost: {}, first: 'The Sunset Tree' },
  'mammoth-utf8-bom.docx': { blocks: 'paragraph', lost: {}, first: 'This XML has a byte order mark.' },
  'python-docx-blk-paras-and-tables.docx': { blocks: 'table paragraph table paragraph table', lost: { nestedTable: 1, headerFooter: 2 } },
  'python-docx-comments-rich-para.docx': { blocks: 'paragraph '.repeat(7).trim(), lost: { comment: 4 }, first: 'Document text' },
  'python-docx-doc-odd-even-hdrs.docx': { blocks: 'paragraph paragraph', lost: { headerFooter: 6 }, first: 'First Page.' },
  'python-docx-hdr-header-footer.docx': { blocks: 'paragraph paragraph', lost: { headerFooter: 6 }, first: 'section with header' },
  'python-docx-num-having-numbering-part.docx': { blocks: 'article', lost: {}, first: 'Paragraph having List Number style.' },
  'python-docx-par-hyperlinks.docx': { blocks: 'paragraph paragraph paragraph', lost: { hyperlink: 4 }, first: 'No hyperlinks' },
  'python-docx-par-known-styles.docx': { blocks: 'paragraph paragraph article paragraph', lost: {}, first: 'no specified style' },
  'python-docx-run-char-style.docx': { blocks: 'paragraph', lost: {} },
  'python-docx-sct-section-props.docx': { blocks: 'paragraph '.repeat(5).trim(), lost: {}, first: 'Section 1 paragraph.' },
  'python-docx-tbl-2x2-table.docx': { blocks: 'table', lost: {} },
  'python-docx-tbl-cell-props.docx': { blocks: 'table', lost: {} },
  'python-docx-tbl-having-tables.docx': { blocks: 'table table table', lost: {} },
  'python-docx-test.docx': { blocks: 'article paragraph', lost: {}, first: 'python-docx was here!' },
};

test('real-world DOCX files import as recorded: block kinds in order, losses listed, first text', async () => {
  for (const [file, expected] of Object.entries(CORPUS_EXPECTATIONS)) {
    const imported = await importDocx(file, readFileSync(path.join(CORPUS, file)));
    assert.equal(imported.blocks.map((b) => b.kind).join(' '), expected.blocks, file);
    assert.deepEqual(Object.fromEntries(imported.lost.map((l) => [l.kind, l.count])), expected.lost, file);
    const first = imported.blocks.find((b) => b.kind !== 'table');
    if (expected.first) assert.equal(first && 'runs' in first ? first.runs.map((r) => r.text).join('') : null, expected.first, file);
  }
});
