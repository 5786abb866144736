import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { PdfDocument, findSignatures, getPage } from '../../src-main/core/pdf/index.js';
import { decodePng } from '../../src-main/core/seals/index.js';
import type { Contract, RpcResult, Seal, SigningOutcome, SigningPreview } from '../../src-shared/api/index.js';
import type { VerificationResult } from '../../src-shared/api/verification.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { getTestPki, type TestPki, type TokenLeaves } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { upload } from '../support/uploads.js';
import { pdfsigReport } from '../signing/judges.js';

/**
 * Several boxes in one signing: a company seal on page 1, a handwritten signature and a date box on
 * page 2, and a cross-page seal over both pages, all drawn by the one signature in its own revision.
 * Checked with our verifier (valid, nothing changed after signing), pdfsig, qpdf, the widgets' places
 * in the file, and pdftoppm's rendering (PNGs left in results/signing-boxes/ to be looked at).
 */

const RESULTS = path.resolve(import.meta.dirname, '../../results/signing-boxes');
let dir: string;
let core: CoreService;
let pki: TestPki;
let leaves: TokenLeaves;

async function ok<T>(operation: string, input: unknown): Promise<T> {
  const r = (await core.invoke(operation, input)) as RpcResult<T>;
  if (!r.ok) assert.fail(`${operation}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-boxes-'));
  pki = await getTestPki();
  leaves = await pki.tokenLeaves();
  core = createCoreService({ dataDir: dir });
  await ok('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') });
  // The test CAs answer OCSP on loopback: the verification right after signing asks them.
  await ok('settings.update', { verifyOnline: true });
  await ok('organisation.update', {
    legalName: '北京某某律师事务所',
    creditCode: '91110108MA01A1B2C7',
    legalRepresentative: '张三',
    address: '北京市海淀区中关村大街1号',
  });
});
after(async () => {
  core.close();
  await pki.servers.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The widgets of the document's only signature field: page number (1-based) and rectangle of each. */
function signatureWidgets(file: string): Array<{ page: number; rect: number[] }> {
  const doc = PdfDocument.openFile(file);
  try {
    const [sig] = findSignatures(doc);
    const pages = [getPage(doc, 0).ref, getPage(doc, 1).ref];
    return sig.field.widgets.map((w) => ({ page: pages.findIndex((p) => w.page !== null && p.equals(w.page)) + 1, rect: (w.rect ?? []).map(Math.round) }));
  } finally {
    doc.close();
  }
}

test('a seal, a signature and a date box on two pages and a cross-page seal are all stamped by one signature, covered by it', async () => {
  const pdf = await makeTextPdf({ title: '技术服务合同', lines: ['技术服务合同', '甲方（盖章）：北京某某律师事务所', '乙方（签字）：'], pages: 2 });
  const { outcomes } = await ok<{ outcomes: Array<{ contractId: string }> }>('library.import', {
    files: [{ uploadId: await upload(core, pdf, '技术服务合同.pdf') }],
  });
  const contract = await ok<Contract>('contracts.get', { id: outcomes[0].contractId });
  const version = contract.documents[0].versions[0];
  const seal = await ok<Seal>('seals.generate', { sealType: '合同专用章' });
  const signature = await ok<Seal>('seals.typeSignature', { name: '张三签名', text: '张三' });

  const boxes = [
    { page: 2, x: 330, y: 150, width: 120, height: 26, kind: 'date' as const },
    { page: 1, x: 300, y: 560, width: 119, height: 119, kind: 'seal' as const },
    { page: 2, x: 330, y: 200, width: 140, height: 56, kind: 'signature' as const, sealId: signature.id },
  ];
  const request = {
    versionId: version.id,
    key: { kind: 'pkcs11' as const, module: SOFTHSM_MODULE, tokenLabel: leaves.token.label, keyId: leaves.zhangSan.id },
    lang: 'zh-CN' as const,
    placements: boxes,
    sealId: seal.id,
    crossPageSeal: { firstPage: 1, lastPage: 2, size: 113.4, y: 300 },
  };
  const preview = await ok<SigningPreview>('signing.prepare', request);
  // The consent step lists every box, the one carrying the signature's appearance (the seal) first.
  assert.deepEqual(
    preview.boxes.map((b) => [b.kind, b.page, b.sealName]),
    [
      ['seal', 1, seal.name],
      ['date', 2, null],
      ['signature', 2, signature.name],
    ],
  );
  const outcome = await ok<SigningOutcome>('signing.sign', { ...request, pin: leaves.token.pin, consent: { accepted: true, text: preview.consentText } });
  assert.equal(outcome.verdict, 'valid');

  const stored = path.join(dir, 'documents', outcome.sha256.slice(0, 2), outcome.sha256.slice(2, 4), outcome.sha256);
  // One signature field: the seal box, the date, the signature, then a slice of the cross-page seal on each page.
  const widgets = signatureWidgets(stored);
  assert.deepEqual(
    widgets.slice(0, 3),
    [
      { page: 1, rect: [300, 560, 419, 679] },
      { page: 2, rect: [330, 150, 450, 176] },
      { page: 2, rect: [330, 200, 470, 256] },
    ],
    'every placed box is a widget where it was placed',
  );
  assert.deepEqual(
    widgets.slice(3).map((w) => [w.page, w.rect[1], w.rect[2]]),
    [
      [1, 300, 595],
      [2, 300, 595],
    ],
    'a slice of the cross-page seal at the right edge of each page, at the height placed',
  );

  // Our verifier: valid, covering the whole file, nothing changed after signing.
  const verification = await ok<VerificationResult>('verify.document', { versionId: outcome.versionId });
  assert.equal(verification.verdict, 'valid');
  assert.equal(verification.signatures.length, 1);
  assert.equal(verification.signatures[0].indication, 'TOTAL_PASSED');
  assert.equal(verification.signatures[0].modifications, 'none');
  assert.deepEqual(verification.signatures[0].changes, []);

  // pdfsig: valid. Poppler before 23 lists every widget of a field as a signature of its own (each
  // repeats /V): the five it may list are then one signature, the same signed ranges each time.
  const pdfsig = await pdfsigReport(stored, pki.makeNssDb(path.join(dir, 'nss')));
  const listed = (pdfsig.match(/^Signature #/gm) ?? []).length;
  assert.ok(listed === 1 || listed === widgets.length, `pdfsig lists ${listed} signatures`);
  assert.equal((pdfsig.match(/Signature Validation: Signature is Valid/g) ?? []).length, listed);
  assert.equal(new Set(pdfsig.match(/Signed Ranges: .*/g)).size, 1, 'one signature, however many widgets');
  assert.equal(spawnSync('qpdf', ['--check', stored]).status, 0);

  // pdftoppm draws every box: the date and the signer's name come out as text where they were placed.
  const text = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', stored, '-']).toString();
  assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} [+-]\d{2}:\d{2}/, 'the date box shows the signing time');
  mkdirSync(RESULTS, { recursive: true });
  copyFileSync(stored, path.join(RESULTS, 'signed.pdf'));
  execFileSync('pdftoppm', ['-r', '60', '-png', stored, path.join(RESULTS, 'page')]);
  // Red ink of the seal inside the seal box on page 1 (rendered at 60 dpi: 1 pt = 60/72 px).
  const ink = redPixels(path.join(RESULTS, 'page-1.png'), { x: 300, y: 560, width: 119, height: 119 }, 842);
  assert.ok(ink > 200, `the seal is drawn in its box on page 1 (${ink} red pixels)`);
});

/** Red pixels inside a box (PDF points from the lower-left corner) of a page rendered at 60 dpi. */
function redPixels(png: string, box: { x: number; y: number; width: number; height: number }, pageHeight: number): number {
  const k = 60 / 72;
  const { width, rgba } = decodePng(readFileSync(png));
  const top = Math.round((pageHeight - box.y - box.height) * k);
  let red = 0;
  for (let y = top; y < top + Math.round(box.height * k); y++)
    for (let x = Math.round(box.x * k); x < Math.round((box.x + box.width) * k); x++) {
      const i = (y * width + x) * 4;
      if (rgba[i] > 150 && rgba[i + 1] < 110 && rgba[i + 2] < 110) red++;
    }
  return red;
}
