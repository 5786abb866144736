import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createCoreService } from '../../src-main/core/service/index.js';
import { PdfDocument, findSignatures, getPage } from '../../src-main/core/pdf/index.js';
import path from 'node:path';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { cliBundle } from '../support/bundles.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { pdfsigReport } from '../signing/judges.js';

/**
 * `inkstone contract sign` and `contract versions` (the bundled CLI) on a library folder, with the
 * SoftHSM token: the signed copy is the contract's version 2, verified valid; a wrong PIN leaves
 * the library as it was.
 */

let h: SigningHarness;
let dataDir: string;
before(async () => {
  h = await setUp('contract-cli');
  dataDir = mkdtempSync(path.join(h.dir, 'library-'));
});
after(tearDown);

function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBundle(), '--lang', 'en', ...args, '--data-dir', dataDir], {
      env: h.leaves.token.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('contract sign adds version 2 to the same contract, verified valid; a wrong PIN changes nothing', async () => {
  const pdf = path.join(h.dir, '借款合同.pdf');
  writeFileSync(pdf, await makeTextPdf({ title: '借款合同', lines: ['第一条 借款金额', '甲方：北京某某律师事务所'] }));
  assert.equal((await cli(['trust', 'import', h.pki.rootPemPath])).code, 0);
  const imported = await cli(['library', 'import', pdf, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  const contractId = (JSON.parse(imported.stdout) as Array<{ contractId: string }>)[0].contractId;
  const key = ['--pkcs11-module', SOFTHSM_MODULE, '--token', h.leaves.token.label, '--key', h.leaves.zhangSan.label, '--pin-stdin'];

  const wrong = await cli(['contract', 'sign', contractId, ...key, '--json'], '000000\n');
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /TOKEN_PIN_INCORRECT/);
  const unchanged = JSON.parse((await cli(['contract', 'versions', contractId, '--json'])).stdout) as { documents: Array<{ versions: unknown[] }> };
  assert.equal(unchanged.documents[0].versions.length, 1);

  const signed = await cli(
    ['contract', 'sign', contractId, ...key, '--level', 'B-LT', '--tsa', h.pki.servers.urls.tsa, '--page', '1', '--rect', '380,60,180,80', '--json'],
    `${h.leaves.token.pin}\n`,
  );
  assert.equal(signed.code, 0, signed.stderr);
  assert.match(signed.stderr, /I have read “借款合同.pdf” of “借款合同”/, 'the consent it records is shown');
  const outcome = JSON.parse(signed.stdout) as { contractId: string; documentId: string; version: number; sha256: string; verdict: string };
  assert.deepEqual(Object.keys(outcome).sort(), ['contractId', 'documentId', 'sha256', 'verdict', 'version']);
  assert.equal(outcome.contractId, contractId);
  assert.equal(outcome.version, 2);
  assert.equal(outcome.verdict, 'valid');
  assert.equal(signed.stdout.includes(h.leaves.token.pin) || signed.stderr.includes(h.leaves.token.pin), false);

  const versions = JSON.parse((await cli(['contract', 'versions', contractId, '--json'])).stdout) as {
    status: string;
    documents: Array<{ documentId: string; versions: Array<{ version: number; origin: string; verdict: string | null; sha256: string }> }>;
  };
  assert.equal(versions.status, 'signed');
  assert.deepEqual(
    versions.documents[0].versions.map((v) => [v.version, v.origin, v.verdict]),
    [
      [1, 'import', null],
      [2, 'signing', 'valid'],
    ],
  );
  assert.equal(versions.documents[0].documentId, outcome.documentId);
  const stored = path.join(dataDir, 'documents', outcome.sha256.slice(0, 2), outcome.sha256.slice(2, 4), outcome.sha256);
  assert.match(await pdfsigReport(stored, h.nss), /Signature is Valid/);
});

test('contract sign --at-keyword puts the seal beside the text; --cross-page-seal slices it over every page; text not found changes nothing', async () => {
  const pdf = path.join(h.dir, '租赁合同.pdf');
  writeFileSync(pdf, await makeTextPdf({ title: '租赁合同', lines: ['第一条 租赁物', '甲方（盖章）：', '乙方（盖章）：'], pages: 2 }));
  const imported = await cli(['library', 'import', pdf, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  const contractId = (JSON.parse(imported.stdout) as Array<{ contractId: string }>)[0].contractId;
  const core = createCoreService({ dataDir });
  try {
    const org = { legalName: '北京某某律师事务所', creditCode: '91110108MA01A1B2C7', legalRepresentative: '张三', address: '北京市海淀区' };
    assert.ok((await core.invoke('organisation.update', org)).ok);
    assert.ok((await core.invoke('seals.generate', { sealType: '合同专用章', name: '合同章' })).ok);
  } finally {
    core.close();
  }
  const key = ['--pkcs11-module', SOFTHSM_MODULE, '--token', h.leaves.token.label, '--key', h.leaves.zhangSan.label, '--pin-stdin', '--seal', '合同章'];

  const missing = await cli(['contract', 'sign', contractId, ...key, '--at-keyword', '丙方（盖章）', '--json'], `${h.leaves.token.pin}\n`);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /PLACEMENT_TEXT_NOT_FOUND/);
  const both = await cli(['contract', 'sign', contractId, ...key, '--at-keyword', '甲方', '--page', '1', '--rect', '1,1,10,10'], `${h.leaves.token.pin}\n`);
  assert.notEqual(both.code, 0, 'a keyword or a page and rectangle, not both');
  const unchanged = JSON.parse((await cli(['contract', 'versions', contractId, '--json'])).stdout) as { documents: Array<{ versions: unknown[] }> };
  assert.equal(unchanged.documents[0].versions.length, 1);

  const signed = await cli(
    ['contract', 'sign', contractId, ...key, '--at-keyword', '乙方（盖章）', '--cross-page-seal', '--level', 'B-LT', '--tsa', h.pki.servers.urls.tsa, '--json'],
    `${h.leaves.token.pin}\n`,
  );
  assert.equal(signed.code, 0, signed.stderr);
  const outcome = JSON.parse(signed.stdout) as { version: number; sha256: string; verdict: string };
  assert.equal(outcome.version, 2);
  assert.equal(outcome.verdict, 'valid');
  const stored = path.join(dataDir, 'documents', outcome.sha256.slice(0, 2), outcome.sha256.slice(2, 4), outcome.sha256);
  const doc = PdfDocument.openFile(stored);
  try {
    const [sig] = findSignatures(doc);
    const pages = [getPage(doc, 0).ref, getPage(doc, 1).ref];
    const widgets = sig.field.widgets.map((w) => ({ page: pages.findIndex((p) => w.page !== null && p.equals(w.page)) + 1, rect: w.rect! }));
    // The seal beside 乙方（盖章）on page 1 (third line, baseline 736, text from x = 56), then a slice on each page's right edge.
    assert.equal(widgets.length, 3);
    assert.equal(widgets[0].page, 1);
    assert.ok(widgets[0].rect[0] > 120 && widgets[0].rect[0] < 150, `beside the text: x ${widgets[0].rect[0]}`);
    assert.ok(Math.abs((widgets[0].rect[1] + widgets[0].rect[3]) / 2 - 740) < 8, 'centred on its line');
    assert.deepEqual(
      widgets.slice(1).map((w) => [w.page, Math.round(w.rect[2])]),
      [
        [1, 595],
        [2, 595],
      ],
    );
  } finally {
    doc.close();
  }
  assert.match(await pdfsigReport(stored, h.nss), /Signature is Valid/);
});
