import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { signDocument } from '../../src-main/core/signing/index.js';
import { createCoreService } from '../../src-main/core/service/index.js';
import {
  checkBeforeSigning,
  extractSignedVersion,
  importTrustedCertificates,
  listTrustedCertificates,
  removeTrustedCertificate,
  renderVerificationReport,
  TRUSTED_CERTIFICATES_FOLDER,
  verifyPdf,
} from '../../src-main/core/verify/index.js';
import { VerificationResult } from '../../src-shared/api/verification.js';
import { PADES_CORPUS_DIR, simplePdf } from '../fixtures/pdfs.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { overlayAnnotation } from './support/tampering.js';
import { cliBundle } from '../support/bundles.js';
import { download, upload } from '../support/uploads.js';

/**
 * What a person gets from verification besides the JSON: the terminal summary and exit codes, the
 * PDF report in both languages, the signed version of a signature, the check before co-signing,
 * the `verify.document` operation, and the wording of every message.
 */

let h: SigningHarness;
let valid: string;
before(async () => {
  h = await setUp('verify-outputs', { token: false });
  const signer = await h.pkcs12Signer();
  valid = h.out('valid-lt');
  await signDocument({ input: await simplePdf(), output: valid, signer, level: 'B-LT', timestampUrls: [h.pki.tsa.url] });
  await signer.close();
});
after(tearDown);

const corpus = (file: string) => path.join(PADES_CORPUS_DIR, file);

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBundle(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Fonts embedded, expected text present, and poppler renders page 1 without complaint. */
async function assertReport(report: string, expected: RegExp, sha256: string): Promise<void> {
  const fonts = execFileSync('pdffonts', [report]).toString();
  assert.match(fonts, /CID TrueType\s+Identity-H\s+yes/, 'the subset font is embedded');
  const text = execFileSync('pdftotext', ['-layout', report, '-']).toString();
  assert.ok(text.includes(sha256.slice(0, 40)), 'the document hash');
  assert.match(text, expected);
  const render = spawn('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', report, `${report}-page`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  render.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  assert.equal(await new Promise((r) => render.on('exit', r)), 0);
  assert.equal(stderr, '', 'poppler renders it without complaint');
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('inkstone verify: exit 0 valid, 1 invalid, 2 indeterminate, 3 unreadable, 64 usage; --json follows the schema; --report in both languages', async () => {
  const reportEn = path.join(h.dir, 'report-en.pdf');
  const ok = await cli(['verify', valid, '--trust', h.pki.rootPemPath, '--json', '--report', reportEn, '--lang', 'en']);
  assert.equal(ok.code, 0, ok.stderr);
  const json = VerificationResult.parse(JSON.parse(ok.stdout));
  assert.equal(json.verdict, 'valid');
  assert.equal(json.document.sha256, sha256Of(valid));
  await assertReport(reportEn, /Signature verification report[\s\S]*Verdict: VALID[\s\S]*article 13/, sha256Of(valid));

  const reportZh = path.join(h.dir, 'report-zh.pdf');
  const invalid = await cli(['verify', corpus('siwa.pdf'), '--report', reportZh, '--lang', 'zh-CN']);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stdout, /验证结论: 无效/);
  assert.match(invalid.stdout, /签名包装攻击/);
  await assertReport(reportZh, /电子签名验证技术报告[\s\S]*验证结论: 无效[\s\S]*第十三条/, sha256Of(corpus('siwa.pdf')));

  const indeterminate = await cli(['verify', valid, '--lang', 'en']);
  assert.equal(indeterminate.code, 2, 'nothing is trusted without --trust');
  assert.match(indeterminate.stdout, /CANNOT BE CONFIRMED/);

  const unreadable = await cli(['verify', path.join(h.dir, 'missing.pdf'), '--lang', 'en']);
  assert.equal(unreadable.code, 3);
  assert.match(unreadable.stderr, /IO_ERROR/);

  const existing = await cli(['verify', valid, '--report', reportEn, '--lang', 'en']);
  assert.equal(existing.code, 64, 'an existing report is never overwritten');
});

test('the report names every signature of a multi-signature file', async () => {
  const result = await verifyPdf(corpus('Signature-P-HU_POL-7.pdf'), { lang: 'zh-CN' });
  const bytes = await renderVerificationReport(result);
  const file = path.join(h.dir, 'hu.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
  for (const s of result.signatures) assert.ok(text.includes(s.fieldName), s.fieldName);
});

test('signed version: the exact bytes the signature covers, verifiable on their own', async () => {
  const spoofed = corpus('pades-spoofing-replaced-reason.pdf');
  const out = path.join(h.dir, 'signed-version.pdf');
  const version = await extractSignedVersion(spoofed, 1, out);
  assert.equal(version.revision, 1);
  const original = readFileSync(spoofed);
  assert.deepEqual(readFileSync(out), original.subarray(0, version.bytes));
  const result = await verifyPdf(out);
  assert.equal(result.signatures[0].integrity, 'intact');
  assert.equal(result.signatures[0].coverage, 'entire-file');
  assert.equal(
    result.signatures[0].stated.reason !== (await verifyPdf(spoofed)).signatures[0].stated.reason,
    true,
    'the signed reason differs from the spoofed one',
  );
  await assert.rejects(extractSignedVersion(spoofed, 2, path.join(h.dir, 'none.pdf')), (e: { code?: string }) => e.code === 'VERIFY_NO_SUCH_SIGNATURE');
  await assert.rejects(
    extractSignedVersion(corpus('siwa.pdf'), 1, path.join(h.dir, 'siwa.pdf')),
    (e: { code?: string }) => e.code === 'VERIFY_SIGNED_VERSION_UNAVAILABLE',
  );
  const run = await cli(['signed-version', spoofed, '1', '-o', path.join(h.dir, 'cli-version.pdf'), '--lang', 'en']);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(existsSync(path.join(h.dir, 'cli-version.pdf')));
});

test('check before signing: a clean file is clean; overlays, hidden content and failing signatures are reported', async () => {
  const clean = await checkBeforeSigning(valid, { trustStore: h.pki.trustStore() });
  assert.equal(clean.clean, true, clean.findings.map((f) => f.text).join('; '));
  assert.equal(clean.findings[0].code, 'PRESIGN_CLEAN');

  const overlaid = path.join(h.dir, 'overlaid.pdf');
  await overlayAnnotation(valid, overlaid);
  const check = await checkBeforeSigning(overlaid, { lang: 'zh-CN' });
  const codes = check.findings.map((f) => f.code);
  assert.ok(codes.includes('PRESIGN_OVERLAY'), codes.join(','));
  assert.ok(codes.includes('PRESIGN_EXISTING_PROBLEM'), 'the overlay already breaks the existing signature');

  const hide = await checkBeforeSigning(corpus('dss-2236/hide.pdf'));
  assert.equal(hide.clean, false);
  const run = await cli(['check-before-signing', overlaid, '--json', '--lang', 'en']);
  assert.equal(run.code, 1);
  assert.equal(JSON.parse(run.stdout).clean, false);
});

test('verify.document: a picked file or a stored version, answered in the settings language, schema-checked', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-verify-service-'));
  const core = createCoreService({ dataDir, log: () => undefined });
  try {
    const bytes = readFileSync(corpus('pdf-signed-added-page.pdf'));
    const picked = await core.invoke('verify.document', { uploadId: await upload(core, bytes, 'added-page.pdf'), lang: 'zh-CN' });
    assert.ok(picked.ok, JSON.stringify(picked));
    const result = VerificationResult.parse(picked.value);
    assert.equal(result.verdict, 'invalid');
    assert.equal(result.document.name, 'added-page.pdf');
    assert.equal(result.lang, 'zh-CN');

    const imported = await core.invoke('library.import', { files: [{ uploadId: await upload(core, readFileSync(valid), 'valid.pdf') }] });
    assert.ok(imported.ok);
    const outcome = (imported.value as { outcomes: Array<{ ok: boolean; contractId: string }> }).outcomes[0];
    const contract = await core.invoke('contracts.get', { id: outcome.contractId });
    assert.ok(contract.ok);
    const versionId = (contract.value as { documents: Array<{ versions: Array<{ id: string }> }> }).documents[0].versions[0].id;
    const stored = await core.invoke('verify.document', { versionId, lang: 'en' });
    assert.ok(stored.ok, JSON.stringify(stored));
    assert.equal((stored.value as VerificationResult).verdict, 'indeterminate', 'no certificate is trusted in a fresh library');

    // The user trusts the test root in the library's folder: the same version is now valid.
    const folder = path.join(dataDir, TRUSTED_CERTIFICATES_FOLDER);
    await assert.rejects(
      importTrustedCertificates(folder, readFileSync(valid).subarray(0, 10), 'junk'),
      (e: { code?: string }) => e.code === 'VERIFY_TRUST_NOT_A_CERTIFICATE',
    );
    await assert.rejects(
      importTrustedCertificates(folder, (await h.pki.pkcs12()).leaf.certificate, 'leaf.cer'),
      (e: { code?: string }) => e.code === 'VERIFY_TRUST_NOT_A_CA',
      'a signer certificate is no anchor',
    );
    const [root] = await importTrustedCertificates(folder, Buffer.from(h.pki.root.pem), 'root.pem');
    assert.equal(root.sha256, h.pki.root.info.sha256);
    assert.deepEqual(
      (await listTrustedCertificates(folder)).map((c) => c.sha256),
      [root.sha256],
    );
    const trusted = await core.invoke('verify.document', { versionId, lang: 'en' });
    assert.ok(trusted.ok);
    assert.equal((trusted.value as VerificationResult).verdict, 'valid');
    assert.equal(await removeTrustedCertificate(folder, root.sha256), true);
    assert.deepEqual(await listTrustedCertificates(folder), []);

    const bad = await core.invoke('verify.document', { uploadId: await upload(core, 'not a pdf', 'x.pdf') });
    assert.equal(!bad.ok && bad.error.code, 'PDF_NOT_A_PDF');
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('verify.report, verify.signedVersion and verify.trust.*: validated inputs, typed errors, trust used by verification and by import', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-verify-ops-'));
  const core = createCoreService({ dataDir, log: () => undefined });
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await core.invoke(op, input);
    assert.ok(r.ok, `${op}: ${JSON.stringify(!r.ok && r.error)}`);
    return r.value as T;
  };
  const failure = async (op: string, input: unknown): Promise<string> => {
    const r = await core.invoke(op, input);
    assert.equal(r.ok, false, `${op} should fail`);
    return r.ok ? '' : r.error.code;
  };
  try {
    const bytes = readFileSync(valid);
    const picked = { uploadId: await upload(core, bytes, '合同.pdf') };
    const file = async (name: string, content: Uint8Array | string) => ({ uploadId: await upload(core, content, name) });

    // The report: a PDF whose text carries the document's SHA-256, in the asked language.
    const report = await call<{ name: string; fileId: string; documentSha256: string; verdict: string }>('verify.report', { ...picked, lang: 'zh-CN' });
    assert.equal(report.documentSha256, sha256Of(valid));
    assert.equal(report.verdict, 'indeterminate');
    assert.equal(report.name, '合同-验证报告.pdf');
    const reportFile = path.join(h.dir, 'ops-report.pdf');
    writeFileSync(reportFile, await download(core, report));
    await assertReport(reportFile, /电子签名验证技术报告/, sha256Of(valid));

    // The signed version: the bytes up to the end of the signed revision.
    const version = await call<{ fileId: string; index: number; bytes: number; revision: number; name: string }>('verify.signedVersion', {
      ...picked,
      index: 1,
    });
    assert.equal(version.index, 1);
    assert.deepEqual(await download(core, version), bytes.subarray(0, version.bytes));
    assert.equal(await failure('verify.signedVersion', { ...picked, index: 2 }), 'VERIFY_NO_SUCH_SIGNATURE');
    assert.equal(await failure('verify.signedVersion', { ...picked, index: 0 }), 'INVALID_INPUT');
    assert.equal(await failure('verify.report', { uploadId: '%%%' }), 'INVALID_INPUT');
    assert.equal(await failure('verify.report', { uploadId: '0'.repeat(32) }), 'TRANSFER_NOT_FOUND');

    // Trust: every input validated, nothing trusted until imported, then used by verify and import.
    assert.deepEqual(await call('verify.trust.list', {}), { certificates: [] });
    assert.equal(await failure('verify.trust.import', { name: 'x.pem' }), 'INVALID_INPUT');
    assert.equal(await failure('verify.trust.import', { uploadId: '' }), 'INVALID_INPUT');
    assert.equal(await failure('verify.trust.import', await file('big.pem', 'A'.repeat(1_500_000))), 'BODY_TOO_LARGE');
    assert.equal(await failure('verify.trust.import', await file('junk.der', 'junk')), 'VERIFY_TRUST_NOT_A_CERTIFICATE');
    assert.equal(
      await failure('verify.trust.import', await file('key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')),
      'VERIFY_TRUST_NOT_A_CERTIFICATE',
    );
    const leaf = (await h.pki.pkcs12()).leaf.certificate;
    assert.equal(await failure('verify.trust.import', await file('leaf.cer', leaf)), 'VERIFY_TRUST_NOT_A_CA');
    const bundle = Buffer.from(h.pki.root.pem + '\n' + toPemLeaf(leaf));
    assert.equal(await failure('verify.trust.import', await file('mixed.pem', bundle)), 'VERIFY_TRUST_NOT_A_CA', 'all or nothing');
    assert.deepEqual(await call('verify.trust.list', {}), { certificates: [] });
    assert.equal(await failure('verify.trust.remove', { sha256: 'ABC' }), 'INVALID_INPUT');
    assert.equal(await failure('verify.trust.remove', { sha256: '0'.repeat(64) }), 'VERIFY_TRUST_NOT_FOUND');

    // DER works as well as PEM; importing twice changes nothing.
    const der = await call<{ imported: Array<{ sha256: string; subject: string }>; certificates: unknown[] }>(
      'verify.trust.import',
      await file('root.cer', h.pki.root.certificate),
    );
    assert.equal(der.imported[0].sha256, h.pki.root.info.sha256);
    const pem = await call<{ certificates: unknown[] }>('verify.trust.import', await file('root.pem', h.pki.root.pem));
    assert.equal(pem.certificates.length, 1);
    assert.equal((await call<VerificationResult>('verify.document', { ...picked, lang: 'en' })).verdict, 'valid');
    assert.equal((await call<{ verdict: string }>('verify.report', picked)).verdict, 'valid');

    // Import's automatic verification uses the same trust.
    const imported = await call<{ outcomes: Array<{ ok: boolean; contractId: string }> }>('library.import', {
      files: [await file('valid.pdf', bytes)],
    });
    const contract = await call<{ documents: Array<{ versions: Array<{ id: string; verdict: string | null }> }> }>('contracts.get', {
      id: imported.outcomes[0].contractId,
    });
    const stored = contract.documents[0].versions[0];
    assert.equal(stored.verdict, 'valid', 'the import verified with the trusted root');
    assert.equal((await call<{ index: number }>('verify.signedVersion', { versionId: stored.id, index: 1 })).index, 1);
    assert.equal((await call<{ verdict: string }>('verify.report', { versionId: stored.id })).verdict, 'valid');

    const removed = await call<{ certificates: unknown[] }>('verify.trust.remove', { sha256: h.pki.root.info.sha256 });
    assert.deepEqual(removed.certificates, []);
    assert.equal((await call<VerificationResult>('verify.document', picked)).verdict, 'indeterminate');
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("inkstone trust list|import|remove and verify --library-trust: the library's trusted certificates from a terminal", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-trust-cli-'));
  try {
    const none = await cli(['verify', valid, '--library-trust', '--data-dir', dataDir, '--lang', 'en']);
    assert.equal(none.code, 2, 'an empty library trusts nothing');
    const leafFile = path.join(h.dir, 'leaf.cer');
    writeFileSync(leafFile, (await h.pki.pkcs12()).leaf.certificate);
    const refused = await cli(['trust', 'import', leafFile, '--data-dir', dataDir, '--lang', 'en']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /VERIFY_TRUST_NOT_A_CA/);
    const imported = await cli(['trust', 'import', h.pki.rootPemPath, '--data-dir', dataDir]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.ok(imported.stdout.includes(h.pki.root.info.sha256));
    const listed = await cli(['trust', 'list', '--json', '--data-dir', dataDir]);
    assert.deepEqual(
      JSON.parse(listed.stdout).map((c: { sha256: string }) => c.sha256),
      [h.pki.root.info.sha256],
    );
    const trusted = await cli(['verify', valid, '--library-trust', '--data-dir', dataDir, '--lang', 'en']);
    assert.equal(trusted.code, 0, trusted.stdout);
    assert.equal((await cli(['verify', valid, '--lang', 'en'])).code, 2, 'without --library-trust nothing is trusted');
    const colons = h.pki.root.info.sha256.toUpperCase().match(/.{2}/g)!.join(':');
    assert.equal((await cli(['trust', 'remove', colons, '--data-dir', dataDir])).code, 0);
    assert.equal((await cli(['trust', 'remove', colons, '--data-dir', dataDir, '--lang', 'en'])).code, 3);
    assert.equal((await cli(['trust', 'remove', 'xyz', '--data-dir', dataDir])).code, 64);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function toPemLeaf(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
