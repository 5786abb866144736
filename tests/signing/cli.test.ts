import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { assertNoOutput, readSigned, setUp, tearDown, type SigningHarness } from './harness.js';
import { assertOpensslVerifies, assertPdfsigValid, assertQpdfClean } from './judges.js';
import { cliBundle } from '../support/bundles.js';

let h: SigningHarness;
before(async () => {
  h = await setUp('signing-cli');
});
after(tearDown);

/** Run the CLI with `stdin` as its standard input; resolves with exit code and output. */
function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBundle(), ...args, '--lang', 'en'], { env: h.leaves.token.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const token = () => ['--pkcs11-module', SOFTHSM_MODULE, '--token', h.leaves.token.label];

test('sign B-LTA from the SoftHSM token with a visible seal and a cross-page seal; the PIN from stdin, never argv', async () => {
  const seal = path.join(h.dir, 'seal.png');
  execFileSync('convert', ['-size', '300x300', 'xc:none', '-stroke', '#d0021b', '-strokewidth', '12', '-fill', 'none', '-draw', 'circle 150,150 150,15', seal]);
  const output = h.out('cli-lta');
  const run = await cli(
    [
      'sign',
      await simplePdf(),
      '-o',
      output,
      ...token(),
      '--key',
      h.leaves.zhangSan.label,
      '--pin-stdin',
      '--level',
      'B-LTA',
      '--tsa',
      h.pki.servers.urls.unreachable,
      '--tsa',
      h.pki.servers.urls.tsa,
      '--seal',
      seal,
      '--page',
      '1',
      '--rect',
      '380,60,180,80',
      '--cross-page-seal',
      '--reason',
      '同意',
      '--location',
      '上海',
      '--commitment',
      'proof-of-approval',
    ],
    `${h.leaves.token.pin}\n`,
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Signed: .*\n {2}Signer: 张三, 北京某某律师事务所\n {2}Level: PAdES B-LTA/);
  await assertQpdfClean(output);
  await assertOpensslVerifies(output, 'Signature1', h.pki.rootPemPath);
  // Poppler 22 lists the signature once per widget (the seal and the one page's slice), then the document timestamp.
  const listed = await assertPdfsigValid(output, h.nss, 3, { trusted: false });
  assert.deepEqual(listed.map((s) => s.fieldName).sort(), ['DocumentTimestamp1', 'Signature1', 'Signature1']);
  assert.equal(listed.find((s) => s.fieldName === 'Signature1')?.certificate, 'Certificate is Trusted.');
  const { signatures, dss } = readSigned(output);
  assert.deepEqual(
    signatures.map((s) => s.info.type),
    ['Sig', 'DocTimeStamp'],
  );
  assert.equal(signatures[0].cms.signedAttributes?.commitmentType, 'proof-of-approval');
  assert.ok(dss && dss.ocsps.length > 0);
});

test('sign with a PKCS#12 file, the password from stdin, the record as JSON; then extend it to B-LT', async () => {
  const p12 = await h.pki.pkcs12();
  const output = h.out('cli-p12');
  const run = await cli(
    ['sign', await simplePdf(), '-o', output, '--p12', p12.path, '--pin-stdin', '--level', 'B-T', '--tsa', h.pki.servers.urls.tsa, '--json'],
    p12.password,
  );
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout) as {
    level: string;
    signer: { commonName: string; assurance: string; certificate: string };
    output: { sha256: string };
  };
  assert.equal(record.level, 'B-T');
  assert.equal(record.signer.commonName, '王五');
  assert.equal(record.signer.assurance, 'software-key');
  assert.equal(Buffer.from(record.signer.certificate, 'base64').length, p12.leaf.certificate.length);
  await assertPdfsigValid(output, h.nss, 1);

  const extended = h.out('cli-extended');
  const ext = await cli(['extend', output, '-o', extended, '--level', 'B-LT']);
  assert.equal(ext.code, 0, ext.stderr);
  assert.match(ext.stdout, /Extended to B-LT/);
  await assertPdfsigValid(extended, h.nss, 1);
});

test('batch: a folder under one PIN entry, a JSON summary, a bad file reported without stopping the rest', async () => {
  const dir = path.join(h.dir, 'batch-in');
  mkdirSync(dir);
  for (let i = 0; i < 4; i++) copyFileSync(await simplePdf(), path.join(dir, `contract-${i}.pdf`));
  writeFileSync(path.join(dir, 'broken.pdf'), 'not a pdf at all');
  const outDir = path.join(h.dir, 'batch-out');
  const run = await cli(['sign', '--batch', dir, '--out-dir', outDir, ...token(), '--key-id', h.leaves.liSi.id, '--pin-stdin', '--json'], h.leaves.token.pin);
  assert.equal(run.code, 3, 'a failed document makes the batch exit non-zero');
  const summary = JSON.parse(run.stdout) as { signed: number; failed: number; outcomes: { status: string; input: string; error?: { code: string } }[] };
  assert.equal(summary.signed, 4);
  assert.equal(summary.failed, 1);
  assert.equal(summary.outcomes.find((o) => o.status === 'failed')?.error?.code, 'PDF_NOT_A_PDF');
  await assertPdfsigValid(path.join(outDir, 'contract-3.pdf'), h.nss, 1);
});

test('errors are one typed line and a non-zero exit: wrong PIN, usage', async () => {
  const wrong = h.out('cli-wrong-pin');
  const pin = await cli(['sign', await simplePdf(), '-o', wrong, ...token(), '--key', h.leaves.zhangSan.label, '--pin-stdin'], '000000\n');
  assert.equal(pin.code, 3);
  assert.match(pin.stderr, /^inkstone: TOKEN_PIN_INCORRECT: .+\n$/);
  assertNoOutput(wrong);

  const noOutput = await cli(['sign', await simplePdf(), ...token(), '--pin-stdin'], h.leaves.token.pin);
  assert.equal(noOutput.code, 64);
  assert.match(noOutput.stderr, /^inkstone: USAGE: /);
});
