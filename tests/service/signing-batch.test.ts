import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import type { Contract, CoreEvent, RpcResult, SigningBatchOutcome, SigningBatchPreview, SigningOutcome, SigningPreview } from '../../src-shared/api/index.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { getTestPki, type TestPki, type TokenLeaves } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { download, upload } from '../support/uploads.js';

/**
 * Batch signing through the core's operations with the SoftHSM token of the test PKI: 100 one-page
 * contracts prepared and signed in one ceremony (one consent listing every hash, one PIN), each
 * becoming version 2 of its contract, verified valid, audited per document; cancellation, a
 * document that changed meanwhile, retries that need the PIN again, the summary report.
 */

let dir: string;
let core: CoreService;
let pki: TestPki;
let leaves: TokenLeaves;
const logged: string[] = [];
const events: CoreEvent[] = [];

async function call<T>(operation: string, input: unknown, jobId?: string): Promise<RpcResult<T>> {
  return (await core.invoke(operation, input, { ...(jobId ? { jobId } : {}), emit: (e) => events.push(e) })) as RpcResult<T>;
}
async function ok<T>(operation: string, input: unknown, jobId?: string): Promise<T> {
  const r = await call<T>(operation, input, jobId);
  if (!r.ok) assert.fail(`${operation}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const key = () => ({ kind: 'pkcs11' as const, module: SOFTHSM_MODULE, tokenLabel: leaves.token.label, keyId: leaves.zhangSan.id });

/** `count` one-page contracts, imported in one call. */
async function contracts(prefix: string, count: number): Promise<string[]> {
  const files = [];
  for (let i = 0; i < count; i++) {
    const title = `${prefix}-${String(i + 1).padStart(3, '0')}`;
    files.push({ uploadId: await upload(core, await makeTextPdf({ title, lines: [`第一条 ${title}`, '甲方：北京某某律师事务所'] }), `${title}.pdf`) });
  }
  const { outcomes } = await ok<{ outcomes: Array<{ ok: boolean; contractId: string }> }>('library.import', { files });
  assert.deepEqual(
    outcomes.filter((o) => !o.ok),
    [],
  );
  return outcomes.map((o) => o.contractId);
}

const tempFolders = () => readdirSync(dir).filter((n) => n.startsWith('.inkstone-tmp'));
const batchEvents = (jobId: string) =>
  events.filter((e): e is Extract<CoreEvent, { type: 'signing.batchDocument' }> => e.type === 'signing.batchDocument' && e.jobId === jobId);

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-batch-'));
  pki = await getTestPki();
  leaves = await pki.tokenLeaves();
  core = createCoreService({ dataDir: dir, log: (m) => logged.push(m) });
  await ok('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') });
  // The test CAs answer OCSP on loopback: the verification right after signing asks them.
  await ok('settings.update', { verifyOnline: true });
});
after(async () => {
  core.close();
  await pki.servers.close();
  rmSync(dir, { recursive: true, force: true });
});

test('100 one-page contracts: one consent listing every hash, one PIN, each becomes version 2 verified valid, audited per document', async () => {
  const ids = await contracts('批量合同', 100);
  const preview = await ok<SigningBatchPreview>('signing.batchPrepare', { contractIds: ids, key: key(), lang: 'zh-CN' });
  assert.equal(preview.documents.length, 100);
  assert.deepEqual(preview.skipped, []);
  assert.equal(preview.certificate.commonName, '张三');
  assert.equal(preview.assurance, 'hardware-token');
  for (const d of preview.documents) assert.deepEqual([d.check, d.pageCount, d.nextVersionNumber], [{ clean: true, findings: [] }, 1, 2], d.documentName);
  for (const d of preview.documents) assert.ok(preview.consentText.includes(`SHA-256：${d.sha256}`), `the consent lists ${d.documentName}`);
  assert.match(preview.consentText, /^本人确认已阅读以下 100 份文件/);

  const jobId = 'batch-100';
  const started = performance.now();
  const result = await ok<SigningBatchOutcome>(
    'signing.batchSign',
    {
      versionIds: preview.documents.map((d) => d.versionId),
      key: key(),
      lang: 'zh-CN',
      pin: leaves.token.pin,
      consent: { accepted: true, text: preview.consentText },
    },
    jobId,
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `# batch of 100 one-page contracts signed, verified and stored in ${seconds.toFixed(2)} s (${(100 / seconds).toFixed(1)} docs/s; shared machine)`,
  );
  assert.equal(result.signed, 100, JSON.stringify(result.documents.find((d) => d.status !== 'signed')));
  for (const d of result.documents) assert.deepEqual([d.signed?.version, d.signed?.verdict], [2, 'valid'], d.documentName);
  // One event per document, as it is stored.
  assert.equal(batchEvents(jobId).length, 100);
  assert.deepEqual(tempFolders(), []);

  const c = await ok<Contract>('contracts.get', { id: ids[42] });
  assert.deepEqual(
    c.documents[0].versions.map((v) => [v.number, v.origin, v.verdict]),
    [
      [1, 'import', null],
      [2, 'signing', 'valid'],
    ],
  );
  assert.equal(c.status, 'signed');
  const audit = await ok<{ events: Array<{ action: string; details: Record<string, unknown> }> }>('contracts.audit', { id: ids[42] });
  const consent = audit.events.find((e) => e.action === 'signing.consented');
  assert.ok(consent);
  assert.equal(consent.details.documentSha256, preview.documents[42].sha256);
  assert.match(
    String(consent.details.consentText),
    new RegExp(`^本人确认已阅读以下 100 份文件[^\\n]*\\n43\\. 《批量合同-043》.*SHA-256：${preview.documents[42].sha256}`),
  );
  assert.equal((consent.details.certificate as { sha256: string }).sha256, preview.certificate.sha256);
  assert.equal((consent.details.batch as { id: string; documents: number }).id, result.batchId);
  const everything = JSON.stringify(audit) + logged.join('\n') + readFileSync(path.join(dir, 'settings.json'), 'utf8');
  assert.equal(everything.includes(leaves.token.pin), false, 'the PIN is nowhere');

  // The summary report, in both languages, built from what the core recorded.
  for (const lang of ['zh-CN', 'en'] as const) {
    const report = await ok<{ fileId: string; name: string }>('signing.batchReport', { batchId: result.batchId, lang });
    const bytes = await download(core, report);
    const file = path.join(dir, `report-${lang}.pdf`);
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    assert.match(text, lang === 'en' ? /100 documents: 100 signed, 0 failed, 0 cancelled/ : /共 100 份：已签署 100 份/);
    assert.ok(text.replace(/\s+/g, '').includes(result.documents[99].signed!.sha256), 'the new hash of the last document');
  }
});

test('a batch asks the OCSP responder once per certificate of the chain, not once per document, and every copy still verifies valid online', async () => {
  const ids = await contracts('吊销查询', 10);
  const preview = await ok<SigningBatchPreview>('signing.batchPrepare', { contractIds: ids, key: key(), lang: 'zh-CN' });
  const ocspPath = new URL(pki.servers.urls.ocsp).pathname;
  const crlPaths = ['root', 'intermediate'].map((ca) => new URL(pki.servers.urls.crl(ca)).pathname);
  const ocspBefore = pki.servers.hits(ocspPath);
  const crlBefore = crlPaths.map((p) => pki.servers.hits(p));
  const result = await ok<SigningBatchOutcome>('signing.batchSign', {
    versionIds: preview.documents.map((d) => d.versionId),
    key: key(),
    lang: 'zh-CN',
    pin: leaves.token.pin,
    consent: { accepted: true, text: preview.consentText },
  });
  assert.equal(result.signed, 10);
  // Valid needs a good revocation answer for the signer and its CA (online checking is on).
  for (const d of result.documents) assert.equal(d.signed?.verdict, 'valid', d.documentName);
  // The signer's certificate and its issuing CA (the root is the anchor): two questions for the whole batch.
  assert.equal(pki.servers.hits(ocspPath) - ocspBefore, 2, 'one OCSP request per certificate');
  assert.deepEqual(
    crlPaths.map((p, i) => pki.servers.hits(p) - crlBefore[i]),
    [0, 0],
  );
});

test('a consent that is not the sentence for these documents does not sign; nor does a document listed twice', async () => {
  const ids = await contracts('伪造', 2);
  const preview = await ok<SigningBatchPreview>('signing.batchPrepare', { contractIds: ids, key: key(), lang: 'en' });
  const versionIds = preview.documents.map((d) => d.versionId);
  const forged = await call('signing.batchSign', {
    versionIds: versionIds.slice(0, 1),
    key: key(),
    lang: 'en',
    pin: leaves.token.pin,
    consent: { accepted: true, text: preview.consentText },
  });
  assert.equal(!forged.ok && forged.error.code, 'SIGNING_CONSENT_MISMATCH');
  const twice = await call('signing.batchSign', {
    versionIds: [versionIds[0], versionIds[0]],
    key: key(),
    lang: 'en',
    pin: leaves.token.pin,
    consent: { accepted: true, text: 'x' },
  });
  assert.equal(!twice.ok && twice.error.code, 'SIGNING_BATCH_TWICE');
  for (const id of ids) assert.equal((await ok<Contract>('contracts.get', { id })).documents[0].versions.length, 1);
});

test('a wrong PIN signs nothing; a document signed meanwhile fails alone; cancelled and failed ones are retried with the PIN again', async () => {
  const ids = await contracts('重试', 12);
  const empty = (await ok<Contract>('contracts.create', { title: '空合同' })).id;
  const preview = await ok<SigningBatchPreview>('signing.batchPrepare', { contractIds: [...ids, empty], key: key(), lang: 'en' });
  assert.equal(preview.skipped.length, 1);
  assert.equal(preview.skipped[0].error.code, 'SIGNING_BATCH_NO_DOCUMENT');
  const request = { versionIds: preview.documents.map((d) => d.versionId), key: key(), lang: 'en', consent: { accepted: true, text: preview.consentText } };

  const wrong = await call('signing.batchSign', { ...request, pin: '000000-wrong' });
  assert.equal(!wrong.ok && wrong.error.code, 'TOKEN_PIN_INCORRECT');
  for (const id of ids) assert.equal((await ok<Contract>('contracts.get', { id })).documents[0].versions.length, 1, 'nothing signed');

  // Document 3 gets a version of its own before the batch runs: it alone fails.
  const single = await ok<SigningPreview>('signing.prepare', { versionId: preview.documents[2].versionId, key: key(), lang: 'en' });
  const signedAlone = await ok<SigningOutcome>('signing.sign', {
    versionId: preview.documents[2].versionId,
    key: key(),
    lang: 'en',
    pin: leaves.token.pin,
    consent: { accepted: true, text: single.consentText },
  });
  assert.equal(signedAlone.version, 2);

  // Cancelled once four documents are stored: those stay signed, the rest are cancelled.
  const jobId = 'batch-cancel';
  let cancelling: Promise<unknown> | undefined;
  const pending = core.invoke(
    'signing.batchSign',
    { ...request, pin: leaves.token.pin },
    {
      jobId,
      emit: (e) => {
        events.push(e);
        if (!cancelling && batchEvents(jobId).filter((b) => b.result.status === 'signed').length >= 4) cancelling = call('jobs.cancel', { jobId });
      },
    },
  ) as Promise<RpcResult<SigningBatchOutcome>>;
  const first = await pending;
  if (!first.ok) assert.fail(first.error.message);
  const statuses = first.value.documents.map((d) => d.status);
  assert.equal(first.value.documents[2].error?.code, 'SIGNING_VERSION_NOT_LATEST');
  assert.ok(first.value.signed >= 4, statuses.join());
  assert.ok(first.value.cancelled >= 1, `some were cancelled: ${statuses.join()}`);
  assert.equal(first.value.signed + first.value.cancelled + first.value.failed, 12);
  assert.deepEqual(tempFolders(), []);
  for (const d of first.value.documents) {
    const c = await ok<Contract>('contracts.get', { id: d.contractId });
    const expected = d.status === 'signed' || d.position === 3 ? 2 : 1;
    assert.equal(c.documents[0].versions.length, expected, `${d.documentName} ${d.status}: no half-written version`);
  }

  // A retry needs the PIN again; then it signs only the cancelled ones.
  const noPin = await call('signing.batchRetry', { batchId: first.value.batchId, key: key() });
  assert.equal(noPin.ok, false);
  const retried = await ok<SigningBatchOutcome>('signing.batchRetry', { batchId: first.value.batchId, key: key(), pin: leaves.token.pin });
  assert.equal(retried.signed, 11);
  assert.equal(retried.failed, 1);
  assert.equal(retried.documents[2].error?.code, 'SIGNING_VERSION_NOT_LATEST');
  for (const d of retried.documents.filter((r) => r.status === 'signed')) {
    const c = await ok<Contract>('contracts.get', { id: d.contractId });
    assert.equal(c.documents[0].versions.length, 2, 'each signed exactly once');
  }
  const report = await ok<{ fileId: string }>('signing.batchReport', { batchId: first.value.batchId, lang: 'en' });
  const file = path.join(dir, 'retry-report.pdf');
  writeFileSync(file, await download(core, report));
  assert.match(execFileSync('pdftotext', [file, '-']).toString(), /12 documents: 11 signed, 1 failed, 0 cancelled/);
});
