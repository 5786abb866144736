import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extendDocument, signDocument } from '../../src-main/core/signing/index.js';
import { PdfDocument, getDocMdp, getFieldLock } from '../../src-main/core/pdf/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { PADES_CORPUS_DIR, simplePdf, unsignedFieldPdf } from '../fixtures/pdfs.js';
import { assertNoOutput, readSigned, setUp, tearDown, typed, type SigningHarness } from './harness.js';
import { assertPdfsigValid, assertQpdfClean, pdfsig } from './judges.js';

let h: SigningHarness;
let zhang: Signer;
let li: Signer;
let wang: Signer;
let tsa: string[];
before(async () => {
  h = await setUp('signing-multi');
  zhang = await h.tokenSigner(h.leaves.zhangSan);
  li = await h.tokenSigner(h.leaves.liSi);
  wang = await h.pkcs12Signer();
  tsa = [h.pki.servers.urls.tsa];
});
after(async () => {
  await Promise.all([zhang, li, wang].map((s) => s.close()));
  await tearDown();
});

test('a second and a third signature keep the first valid (B-B, then B-T, then B-LT on top)', async () => {
  const first = h.out('first');
  await signDocument({ input: await simplePdf(), output: first, signer: zhang, reason: '甲方签署' });
  const second = h.out('second');
  await signDocument({ input: first, output: second, signer: li, level: 'B-T', timestampUrls: tsa, reason: '乙方签署' });
  const third = h.out('third');
  await signDocument({ input: second, output: third, signer: wang, level: 'B-LT', timestampUrls: tsa, reason: '见证' });
  for (const [file, count] of [
    [first, 1],
    [second, 2],
    [third, 3],
  ] as const) {
    await assertQpdfClean(file);
    const sigs = await assertPdfsigValid(file, h.nss, count);
    assert.deepEqual(
      sigs.map((s) => s.commonName),
      ['张三', '李四', '王五'].slice(0, count),
    );
  }
  assert.deepEqual(
    readSigned(third).signatures.map((s) => s.info.fieldName),
    ['Signature1', 'Signature2', 'Signature3'],
  );
  // Each signed file is a byte prefix of the next: nothing signed was rewritten.
  assert.ok(readFileSync(third).subarray(0, readFileSync(second).length).equals(readFileSync(second)));
});

test('an existing unsigned signature field is filled in place', async () => {
  const output = h.out('field');
  const record = await signDocument({ input: await unsignedFieldPdf(), output, signer: zhang, fieldName: 'Signer1' });
  assert.equal(record.fieldName, 'Signer1');
  await assertQpdfClean(output);
  const [sig] = await assertPdfsigValid(output, h.nss, 1);
  assert.equal(sig.fieldName, 'Signer1');
});

test('certification: P=2 allows a further signature, P=1 refuses one but allows B-LTA, P=3 too; a certification must come first', async () => {
  const p2 = h.out('certify-2');
  const record = await signDocument({ input: await simplePdf(), output: p2, signer: zhang, certify: 2, reason: '定稿' });
  assert.equal(record.certification, 2);
  const doc = PdfDocument.openFile(p2);
  assert.equal(getDocMdp(doc)?.permission, 2);
  doc.close();
  const cosigned = h.out('certify-2-cosigned');
  await signDocument({ input: p2, output: cosigned, signer: li });
  await assertQpdfClean(cosigned);
  await assertPdfsigValid(cosigned, h.nss, 2);
  await assert.rejects(signDocument({ input: cosigned, output: h.out('late-certify'), signer: wang, certify: 2 }), typed('SIGN_CERTIFY_NOT_FIRST'));

  const p1 = h.out('certify-1');
  await signDocument({ input: await simplePdf(), output: p1, signer: zhang, certify: 1 });
  const refused = h.out('certify-1-cosign');
  await assert.rejects(signDocument({ input: p1, output: refused, signer: li }), typed('SIGN_DOCUMENT_LOCKED'));
  assertNoOutput(refused);
  const archived = h.out('certify-1-lta');
  const extension = await extendDocument({ input: p1, output: archived, level: 'B-LTA', timestampUrls: tsa });
  assert.equal(extension.documentTimestampsAdded, 2, 'a timestamp for the untimed signature, then the archive timestamp');
  await assertQpdfClean(archived);
  await assertPdfsigValid(archived, h.nss, 3);

  const p3 = h.out('certify-3');
  await signDocument({ input: await simplePdf(), output: p3, signer: li, certify: 3 });
  await assertPdfsigValid(p3, h.nss, 1);
});

test('FieldMDP: the signature locks the fields it names', async () => {
  const output = h.out('lock');
  await signDocument({ input: await unsignedFieldPdf(), output, signer: zhang, fieldName: 'Signer1', lockFields: { action: 'All', fields: [] } });
  await assertPdfsigValid(output, h.nss, 1);
  const [{ info }] = readSigned(output).signatures;
  assert.deepEqual(info.fieldMdp, { action: 'All', fields: [] });
  const doc = PdfDocument.openFile(output);
  assert.deepEqual(getFieldLock(doc, info.field), { action: 'All', fields: [] });
  doc.close();
});

test('extend our own B-B step by step to B-T, B-LT, B-LTA: every signature stays valid', async () => {
  const bb = h.out('extend-bb');
  await signDocument({ input: await simplePdf(), output: bb, signer: li });
  const bt = h.out('extend-bt');
  const t = await extendDocument({ input: bb, output: bt, level: 'B-T', timestampUrls: tsa });
  assert.equal(t.documentTimestampsAdded, 1);
  assert.equal(t.dss, null);
  await assert.rejects(extendDocument({ input: bt, output: h.out('extend-bt-again'), level: 'B-T', timestampUrls: tsa }), typed('SIGN_LEVEL_ALREADY_REACHED'));
  const blt = h.out('extend-blt');
  const lt = await extendDocument({ input: bt, output: blt, level: 'B-LT' });
  assert.equal(lt.documentTimestampsAdded, 0, 'B-LT needs no TSA once every signature is timestamped');
  assert.ok(lt.dss && lt.dss.certificates >= 4 && lt.dss.ocspResponses >= 2, JSON.stringify(lt.dss));
  const blta = h.out('extend-blta');
  const lta = await extendDocument({ input: blt, output: blta, level: 'B-LTA', timestampUrls: tsa });
  assert.equal(lta.documentTimestampsAdded, 1);
  for (const [file, count] of [
    [bt, 2],
    [blt, 2],
    [blta, 3],
  ] as const) {
    await assertQpdfClean(file);
    await assertPdfsigValid(file, h.nss, count);
  }
  const { revisions, dss } = readSigned(blta);
  assert.equal(revisions, 6, 'original, signature, timestamp, DSS, DSS, archive timestamp');
  assert.ok(dss && dss.certs.length >= 5);

  await assert.rejects(extendDocument({ input: await simplePdf(), output: h.out('unsigned'), level: 'B-T', timestampUrls: tsa }), typed('SIGN_NO_SIGNATURES'));
  await assert.rejects(extendDocument({ input: bb, output: h.out('no-tsa'), level: 'B-T' }), typed('SIGN_TSA_REQUIRED'));
});

test('extend someone else’s signed PDF (EU DSS corpus): a document timestamp, then B-LTA from the DSS it already carries', async () => {
  const original = path.join(PADES_CORPUS_DIR, 'pdf-signed-original.pdf');
  const input = h.out('corpus-original');
  copyFileSync(original, input);
  const before = await pdfsig(input, h.nss);
  const output = h.out('corpus-bt');
  await extendDocument({ input, output, level: 'B-T', timestampUrls: tsa });
  await assertQpdfClean(output);
  const after = await assertPdfsigValid(output, h.nss, before.length + 1, { trusted: false });
  assert.equal(after[0].validation, before[0].validation);

  // Its certificates' revocation services are not reachable from here: B-LT says so, typed, with no output.
  const offline = h.out('corpus-blt-offline');
  await assert.rejects(extendDocument({ input: output, output: offline, level: 'B-LT', allowOnline: false }), typed('PKI_REVOCATION_OFFLINE'));
  assertNoOutput(offline);

  // A B-LT file whose DSS already answers for its certificates is archived (B-LTA) offline.
  const lt = h.out('corpus-lt');
  copyFileSync(path.join(PADES_CORPUS_DIR, 'doc-firmado-LT.pdf'), lt);
  const ltBefore = await pdfsig(lt, h.nss);
  const lta = h.out('corpus-lta');
  const record = await extendDocument({ input: lt, output: lta, level: 'B-LTA', allowOnline: false, timestampUrls: tsa });
  assert.ok(record.dss && record.dss.ocspResponses + record.dss.crls > 0, 'the new DSS carries the revocation data found in the file');
  await assertQpdfClean(lta);
  const ltAfter = await pdfsig(lta, h.nss);
  assert.deepEqual(
    ltAfter.slice(0, ltBefore.length).map((s) => s.validation),
    ltBefore.map((s) => s.validation),
    'earlier signatures judged as before',
  );
  assert.equal(ltAfter.length, ltBefore.length + 1);
});
