// A draft's files through the library: the exported PDF is the contract's document (version 1, then
// 2), a returned DOCX becomes a draft version with its redline, a bad DOCX leaves the draft as it was.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { draftRedline, draftRedlinePdf, exportDraftDocx, exportDraftPdf, importDraftDocx } from '../../src-main/core/draft-files/index.js';
import { exportDocx, layoutOfDraft } from '../../src-main/core/drafting-export/index.js';
import { isInkstoneError } from '../../src-shared/errors/index.js';
import { serviceAgreement } from '../drafting-export/sample-draft.js';
import { zipOf } from '../drafting-export/zip-builder.js';

let dir: string;
let library: Library;
let drafts: Drafts;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-draft-files-'));
  library = new Library(dir);
  drafts = new Drafts(library);
});
afterEach(() => {
  library.close();
  rmSync(dir, { recursive: true, force: true });
});

function contractWithDraft(): string {
  const contract = library.createContract(
    { title: '技术服务协议' },
    {
      parties: [
        { role: '甲方', name: '北京墨石科技有限公司' },
        { role: '乙方', name: '上海云帆信息技术有限公司' },
      ],
    },
  );
  drafts.create(contract.id, 'zh-CN', serviceAgreement());
  return contract.id;
}

test('the exported PDF becomes version 1 of the contract’s drafted document, the next export version 2', async () => {
  const contractId = contractWithDraft();
  const first = await exportDraftPdf({ library, drafts }, contractId);
  assert.equal(first.number, 1);
  const contract = library.getContract(contractId);
  const document = contract.documents.find((d) => d.id === first.documentId)!;
  assert.equal(document.name, '技术服务协议.pdf');
  assert.deepEqual(
    document.versions.map((v) => [v.number, v.origin, v.signatureFieldCount]),
    [[1, 'drafting', 2]],
  );
  // The library read and stored the very bytes (its own inspection found both empty signature fields).
  assert.equal(library.store.has?.(document.versions[0]!.sha256) ?? true, true);
  const audit = library.audit(contractId).events.map((e) => e.action);
  assert.ok(audit.includes('document.added'));

  const second = await exportDraftPdf({ library, drafts }, contractId, { createdAt: new Date('2027-01-01T00:00:00Z') });
  assert.equal(second.documentId, first.documentId);
  assert.equal(second.number, 2);
  assert.equal(library.getContract(contractId).documents.length, 1);
});

test('a returned DOCX becomes a named draft version; its redline against the sent version shows the counterparty’s edits', async () => {
  const contractId = contractWithDraft();
  const sent = drafts.saveVersion(drafts.open(contractId).draftId, '发给对方 v1');
  // The counterparty edits the DOCX we sent: 十五个工作日 → 十个工作日.
  const layout = layoutOfDraft(drafts.plain(contractId));
  const edited = JSON.parse(JSON.stringify(layout).replace('十五个工作日内支付总额的百分之三十', '十个工作日内支付总额的百分之五十')) as typeof layout;
  const bytes = await exportDocx(edited);

  const result = await importDraftDocx({ library, drafts }, contractId, { name: '对方修改稿.docx', bytes }, 'zh-CN');
  assert.equal(result.previousVersionId, sent.id);
  const versions = drafts.versions(contractId);
  assert.equal(versions.at(-1)!.name, '对方修改稿.docx');
  assert.ok(drafts.plain(contractId).body.length > 0);

  const { redline } = draftRedline({ library, drafts }, contractId, { versionId: sent.id }, { versionId: result.versionId });
  const changed = redline.blocks.filter((b) => b.status !== 'unchanged');
  assert.deepEqual(
    changed.map((b) => b.segments.filter((s) => s.op !== 'equal').map((s) => `${s.op}:${s.text}`)),
    [['delete:五', 'delete:三', 'insert:五']],
  );
  assert.equal(changed[0]!.toLabel, '（一）');

  const pdf = await draftRedlinePdf(
    { library, drafts },
    contractId,
    { versionId: sent.id },
    { versionId: result.versionId },
    { from: '发给对方 v1', to: '对方修改稿.docx' },
  );
  const file = path.join(dir, 'redline.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  assert.ok(text.includes('修订对照：技术服务协议'));
  assert.ok(text.includes('由“发给对方v1”至“对方修改稿.docx”'));
  assert.ok(text.includes('甲方应于本协议签订之日起十五〔1〕个工作日内支付总额的百分之三五〔2〕十'), text.slice(0, 400));
});

test('a DOCX that fails to import leaves the draft exactly as it was', async () => {
  const contractId = contractWithDraft();
  const before = drafts.open(contractId).stateBase64;
  const versions = drafts.versions(contractId).length;
  const bomb = zipOf([{ name: 'word/document.xml', data: new Uint8Array([0x4b, 0x4c]), declaredSize: 3_000_000_000 }]);
  await assert.rejects(
    importDraftDocx({ library, drafts }, contractId, { name: 'bomb.docx', bytes: bomb }, 'zh-CN'),
    (e) => isInkstoneError(e) && e.code === 'DOCX_LIMIT_EXCEEDED',
  );
  assert.equal(drafts.open(contractId).stateBase64, before);
  assert.equal(drafts.versions(contractId).length, versions);
});

test('a contract without a draft gets one from the DOCX; the DOCX export reads back the same articles', async () => {
  const source = contractWithDraft();
  const { bytes } = await exportDraftDocx({ library, drafts }, source);
  const other = library.createContract({ title: '导入的合同' }, { parties: [{ role: '甲方', name: '北京墨石科技有限公司' }] });
  const result = await importDraftDocx({ library, drafts }, other.id, { name: 'in.docx', bytes }, 'zh-CN');
  assert.equal(result.previousVersionId, null);
  const headings = (id: string) =>
    drafts
      .plain(id)
      .body.filter((b) => b.kind === 'article')
      .map((b) => (b.kind === 'article' ? b.number : ''));
  assert.deepEqual(headings(other.id), headings(source));
});
