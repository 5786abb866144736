import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import type { Contract, CoreEvent, RpcResult, SigningOutcome, SigningPreview } from '../../src-shared/api/index.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { getTestPki, type TestPki, type TokenLeaf, type TokenLeaves } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { download, upload } from '../support/uploads.js';
import { pdfsigReport } from '../signing/judges.js';

/**
 * The signing ceremony through the core's operations, with a real SoftHSM token from the test PKI:
 * a signature is the document's next version, verified at once; the contract's status follows the
 * signatures; a wrong PIN is reported with the token's state and never retried; nothing is left
 * behind by a failure; the consent is in the audit trail and the PIN nowhere.
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

const keyOf = (leaf: TokenLeaf) => ({ kind: 'pkcs11' as const, module: SOFTHSM_MODULE, tokenLabel: leaves.token.label, keyId: leaf.id });

async function newContract(title: string, parties: Array<{ role: string; name: string; organisation: string }>): Promise<Contract> {
  const pdf = await makeTextPdf({ title, lines: ['第一条 合同标的', '甲方：北京某某律师事务所', '乙方：上海某某律师事务所'] });
  const { outcomes } = await ok<{ outcomes: Array<{ ok: true; contractId: string }> }>('library.import', {
    files: [{ uploadId: await upload(core, pdf, `${title}.pdf`) }],
  });
  let contract = await ok<Contract>('contracts.get', { id: outcomes[0].contractId });
  for (const party of parties) contract = await ok<Contract>('contracts.addParty', { contractId: contract.id, party });
  return contract;
}

const latestVersion = (c: Contract) => c.documents[0].versions[c.documents[0].versions.length - 1];

async function signAs(contract: Contract, leaf: TokenLeaf, pin: string, lang: 'zh-CN' | 'en' = 'zh-CN', level: 'B-B' | 'B-LT' = 'B-B') {
  const request = { versionId: latestVersion(contract).id, key: keyOf(leaf), lang, level, ...(level === 'B-B' ? {} : { tsaUrl: pki.servers.urls.tsa }) };
  const preview = await ok<SigningPreview>('signing.prepare', request);
  return call<SigningOutcome>('signing.sign', { ...request, pin, consent: { accepted: true, text: preview.consentText } }, `sign-${leaf.id}-${Date.now()}`);
}

const tempFolders = () => readdirSync(dir).filter((n) => n.startsWith('.inkstone-tmp'));

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-ceremony-'));
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

test('the dialog is shown the document, its hash, the certificate, the key kind, the PIN state and the consent sentence', async () => {
  const contract = await newContract('保密协议', []);
  const v1 = latestVersion(contract);
  const preview = await ok<SigningPreview>('signing.prepare', { versionId: v1.id, key: keyOf(leaves.zhangSan), lang: 'zh-CN' });
  assert.equal(preview.sha256, v1.sha256);
  assert.equal(preview.pageCount, 1);
  assert.equal(preview.nextVersionNumber, 2);
  assert.equal(preview.certificate.commonName, '张三');
  assert.equal(preview.certificate.organisation, '北京某某律师事务所');
  assert.deepEqual(preview.certificate.problems, []);
  assert.equal(preview.assurance, 'hardware-token');
  assert.equal(preview.commitment, 'proof-of-approval');
  assert.deepEqual(preview.pin, { tokenLabel: leaves.token.label, pinPad: false, countLow: false, finalTry: false, locked: false });
  assert.equal(preview.check.clean, true);
  assert.match(preview.consentText, new RegExp(`SHA-256：${v1.sha256}`));
  assert.match(preview.consentText, /本人确认已阅读《保密协议》/);
  const en = await ok<SigningPreview>('signing.prepare', { versionId: v1.id, key: keyOf(leaves.zhangSan), lang: 'en' });
  assert.match(en.consentText, /^I have read/);

  const expired = await ok<SigningPreview>('signing.prepare', { versionId: v1.id, key: keyOf(leaves.expired), lang: 'en' });
  assert.equal(expired.certificate.problems.length, 1);
  assert.match(expired.certificate.problems[0], /expired/i);
});

test('a wrong PIN is reported with the token state, not retried, and leaves nothing behind; the right one adds version 2, verified valid', async () => {
  const contract = await newContract('采购合同', [
    { role: '甲方', name: '张三', organisation: '北京某某律师事务所' },
    { role: '乙方', name: '李四', organisation: '上海某某律师事务所' },
  ]);
  const auditBefore = (await ok<{ events: unknown[] }>('contracts.audit', { id: contract.id })).events.length;
  const wrong = await signAs(contract, leaves.zhangSan, '999999-wrong');
  assert.equal(!wrong.ok && wrong.error.code, 'TOKEN_PIN_INCORRECT');
  assert.equal(!wrong.ok && wrong.error.details.countLow, true, 'SoftHSM says a wrong PIN was entered');
  const after = await ok<Contract>('contracts.get', { id: contract.id });
  assert.equal(after.documents[0].versions.length, 1, 'no version from a failed signing');
  assert.deepEqual(tempFolders(), []);
  assert.equal((await ok<{ events: unknown[] }>('contracts.audit', { id: contract.id })).events.length, auditBefore, 'nothing audited');

  const progress: CoreEvent[] = [];
  events.length = 0;
  const signed = await signAs(contract, leaves.zhangSan, leaves.token.pin);
  progress.push(...events.filter((e) => e.type === 'progress'));
  if (!signed.ok) assert.fail(signed.error.message);
  assert.equal(signed.value.version, 2);
  assert.equal(signed.value.verdict, 'valid');
  assert.equal(signed.value.signatureState, 'partially_signed');
  assert.deepEqual(
    progress.map((e) => e.type === 'progress' && e.done),
    [0, 1, 2, 3, 4],
  );
  assert.deepEqual(tempFolders(), []);

  const c2 = await ok<Contract>('contracts.get', { id: contract.id });
  assert.equal(c2.documents.length, 1, 'a signature is a version, not a new document');
  assert.deepEqual(
    c2.documents[0].versions.map((v) => [v.number, v.origin, v.verdict]),
    [
      [1, 'import', null],
      [2, 'signing', 'valid'],
    ],
  );
  assert.equal(c2.status, 'signing');
  assert.equal(c2.signatures.state, 'partially_signed');
  assert.deepEqual(c2.signatures.signedPartyIds, [c2.parties[0].id]);
  // "Signed" may not be claimed while 李四 has not signed.
  const claim = await call('contracts.setStatus', { id: contract.id, status: 'signed' });
  assert.equal(!claim.ok && claim.error.code, 'CONTRACT_NOT_SIGNED');

  // The consent is recorded with the document hash, the certificate, the sentence and the time; the PIN nowhere.
  const audit = await ok<{ events: Array<{ action: string; details: Record<string, unknown> }> }>('contracts.audit', { id: contract.id });
  const consent = audit.events.find((e) => e.action === 'signing.consented');
  assert.ok(consent);
  assert.equal(consent.details.documentSha256, c2.documents[0].versions[0].sha256);
  assert.match(String(consent.details.consentText), /本人确认/);
  assert.equal((consent.details.certificate as { subject: string }).subject.includes('张三'), true);
  assert.ok(consent.details.consentedAt);
  const everything = JSON.stringify(audit) + logged.join('\n') + readFileSync(path.join(dir, 'settings.json'), 'utf8');
  assert.equal(everything.includes(leaves.token.pin), false);
  assert.equal(everything.includes('999999-wrong'), false);

  // The stored bytes: pdfsig says valid, qpdf finds no damage, the CMS says proof of approval.
  const stored = path.join(dir, 'documents', signed.value.sha256.slice(0, 2), signed.value.sha256.slice(2, 4), signed.value.sha256);
  const pdfsig = await pdfsigReport(stored, pki.makeNssDb(path.join(dir, 'nss')));
  assert.match(pdfsig, /Signature Validation: Signature is Valid/);
  assert.equal(spawnSync('qpdf', ['--check', stored]).status, 0);
  // /Contents is the CMS in hex: the commitment-type-indication attribute names id-cti-ets-proofOfApproval (1.2.840.113549.1.9.16.6.5).
  assert.match(readFileSync(stored, 'latin1'), /060b2a864886f70d0109100605/i, 'commitment type proof of approval in the CMS');

  // A second signer keeps the first signature valid; the contract becomes signed.
  const second = await signAs(c2, leaves.liSi, leaves.token.pin, 'en');
  if (!second.ok) assert.fail(second.error.message);
  assert.equal(second.value.version, 3);
  assert.equal(second.value.verdict, 'valid');
  assert.equal(second.value.signatureState, 'signed');
  const c3 = await ok<Contract>('contracts.get', { id: contract.id });
  assert.equal(c3.status, 'signed');
  assert.equal(c3.signatures.validSignatures, 2);
  const v3 = await ok<{ signatures: Array<{ indication: string }> }>('verify.document', { versionId: latestVersion(c3).id });
  assert.deepEqual(
    v3.signatures.map((s) => s.indication),
    ['TOTAL_PASSED', 'TOTAL_PASSED'],
  );
});

test('a consent that is not the sentence for this document and certificate does not sign; an older version cannot be signed', async () => {
  const contract = await newContract('租赁合同', []);
  const request = { versionId: latestVersion(contract).id, key: keyOf(leaves.zhangSan), lang: 'en' as const };
  const forged = await call('signing.sign', { ...request, pin: leaves.token.pin, consent: { accepted: true, text: 'I agree to anything.' } });
  assert.equal(!forged.ok && forged.error.code, 'SIGNING_CONSENT_MISMATCH');
  const unticked = await call('signing.sign', { ...request, pin: leaves.token.pin, consent: { accepted: false, text: 'x' } });
  assert.equal(!unticked.ok && unticked.error.code, 'INVALID_INPUT');
  const signed = await signAs(contract, leaves.zhangSan, leaves.token.pin);
  assert.ok(signed.ok);
  const old = await call('signing.prepare', request);
  assert.equal(!old.ok && old.error.code, 'SIGNING_VERSION_NOT_LATEST');
  // With no parties recorded, one valid signature makes the contract signed.
  assert.equal((await ok<Contract>('contracts.get', { id: contract.id })).status, 'signed');
});

test('cancelling a signing leaves no version, no stored bytes and no temp files', async () => {
  const contract = await newContract('委托合同', []);
  const request = { versionId: latestVersion(contract).id, key: keyOf(leaves.zhangSan), lang: 'zh-CN' as const };
  const preview = await ok<SigningPreview>('signing.prepare', request);
  const storedBefore = readdirSync(path.join(dir, 'documents'), { recursive: true }).length;
  const jobId = 'cancel-me';
  const pending = call('signing.sign', { ...request, pin: leaves.token.pin, consent: { accepted: true, text: preview.consentText } }, jobId);
  await new Promise((r) => setTimeout(r, 5));
  await ok('jobs.cancel', { jobId });
  const r = await pending;
  assert.equal(!r.ok && r.error.code, 'CANCELLED');
  assert.equal((await ok<Contract>('contracts.get', { id: contract.id })).documents[0].versions.length, 1);
  assert.equal(readdirSync(path.join(dir, 'documents'), { recursive: true }).length, storedBefore);
  assert.deepEqual(tempFolders(), []);
});

test('a signed copy imported later becomes the next version of its document; status follows its verdict', async () => {
  // A second library holds version 1; the signed copy made in the first comes back by import.
  const contract = await newContract('服务合同', []);
  // B-LT: the revocation data travels in the document, so the other library's offline check of the import says valid.
  const signed = await signAs(contract, leaves.zhangSan, leaves.token.pin, 'zh-CN', 'B-LT');
  if (!signed.ok) assert.fail(signed.error.message);
  const v1 = await download(core, await ok<{ fileId: string }>('documents.read', { versionId: contract.documents[0].versions[0].id }));
  const v2 = await download(core, await ok<{ fileId: string }>('documents.read', { versionId: signed.value.versionId }));
  const otherDir = mkdtempSync(path.join(tmpdir(), 'inkstone-ceremony-other-'));
  const other = createCoreService({ dataDir: otherDir });
  try {
    await other.invoke('verify.trust.import', { uploadId: await upload(other, readFileSync(pki.rootPemPath), 'root.pem') });
    const first = await other.invoke('library.import', { files: [{ uploadId: await upload(other, v1, '服务合同.pdf') }] });
    const firstId = first.ok && (first.value as { outcomes: Array<{ contractId: string }> }).outcomes[0].contractId;
    const back = await other.invoke('library.import', { files: [{ uploadId: await upload(other, v2, '服务合同-已签.pdf') }] });
    assert.ok(back.ok);
    const outcome = (back.value as { outcomes: Array<{ contractId: string; version?: number | null }> }).outcomes[0];
    assert.equal(outcome.contractId, firstId, 'the same contract, not a new one');
    assert.equal(outcome.version, 2);
    const c = await other.invoke('contracts.get', { id: String(firstId) });
    const value = c.ok ? (c.value as Contract) : assert.fail('contract');
    assert.deepEqual(
      value.documents.map((d) => d.versions.map((v) => v.verdict)),
      [[null, 'valid']],
    );
    assert.equal(value.status, 'signed');

    // A re-saved copy (qpdf rewrites every byte) keeps the original identifier: also the next version.
    const resavedIn = path.join(otherDir, 'in.pdf');
    const resavedOut = path.join(otherDir, 'out.pdf');
    writeFileSync(resavedIn, v2);
    execFileSync('qpdf', ['--object-streams=generate', resavedIn, resavedOut]);
    const again = await other.invoke('library.import', { files: [{ uploadId: await upload(other, readFileSync(resavedOut), 'resaved.pdf') }] });
    const againOutcome = again.ok ? (again.value as { outcomes: Array<{ contractId: string; version?: number | null }> }).outcomes[0] : undefined;
    assert.equal(againOutcome?.contractId, firstId);
    assert.equal(againOutcome?.version, 3);
    const after = await other.invoke('contracts.get', { id: String(firstId) });
    const afterValue = after.ok ? (after.value as Contract) : assert.fail('contract');
    // The rewrite broke the signature: the document says invalid, and the contract no longer says signed.
    assert.equal(afterValue.documents[0].versions[2].verdict, 'invalid');
    assert.equal(afterValue.status, 'signing');
    assert.equal(afterValue.signatures.state, 'unsigned');
    assert.equal(afterValue.signatures.failingDocuments, 1);
  } finally {
    other.close();
    rmSync(otherDir, { recursive: true, force: true });
  }
});
