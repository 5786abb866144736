import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { signBatch, signDocument, type SignDocumentRequest, type SigningRecord } from '../../src-main/core/signing/index.js';
import { issueCertificate } from '../../src-main/core/pki/index.js';
import { openPkcs11Signer, type Signer } from '../../src-main/core/tokens/index.js';
import { importTrustedCertificates, TRUSTED_CERTIFICATES_FOLDER } from '../../src-main/core/verify/index.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { readSigned, setUp, tearDown, type SigningHarness } from './harness.js';
import { pdfsig } from './judges.js';
import { cliBundle } from '../support/bundles.js';

/**
 * Issue 12: a token that holds only the signer's certificate, issued by an intermediate CA, with
 * only the root trusted by the validator (pdfsig's NSS database). The signature must carry the
 * intermediate, found in what the caller supplied or through the certificate's caIssuers URL, or
 * say that it could not.
 */

let h: SigningHarness;
let token: SoftHsmToken;
const KEY = 'leaf-only';
/** A second leaf whose caIssuers URL leads nowhere (connection refused). */
const UNREACHABLE_KEY = 'leaf-dead-aia';

before(async () => {
  h = await setUp('signing-chain', { token: false });
  token = createSoftHsmToken({ label: 'Leaf Only' });
  token.generateKey({ id: '01', label: KEY, type: 'EC:prime256v1' });
  token.generateKey({ id: '02', label: UNREACHABLE_KEY, type: 'EC:prime256v1' });
  const now = Date.now();
  const leafOf = (id: string, commonName: string, caIssuerUrl: string) =>
    issueCertificate({
      subject: { commonName, organisation: '深圳某某律师事务所', country: 'CN' },
      publicKey: new Uint8Array(token.readPublicKey(id)),
      issuer: { certificate: h.pki.intermediate.certificate, privateKey: h.pki.intermediate.privateKey },
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 365 * 86_400_000),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      caIssuerUrls: [caIssuerUrl],
    });
  // The leaves alone: no CA certificate on the token.
  token.writeCertificate('01', KEY, await leafOf('01', '赵六', h.pki.servers.urls.caCertificate('intermediate')));
  token.writeCertificate('02', UNREACHABLE_KEY, await leafOf('02', '钱七', h.pki.servers.urls.unreachable));
});
after(async () => {
  await tearDown();
  token.cleanup();
});

const openSigner = (key = KEY): Promise<Signer> =>
  openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: token.label }, key: { label: key }, pin: token.pin });

async function sign(label: string, options: Partial<SignDocumentRequest>, key = KEY): Promise<{ output: string; record: SigningRecord }> {
  const signer = await openSigner(key);
  try {
    assert.equal(signer.chain.length, 0, 'the token holds no issuer');
    const output = h.out(label);
    return { output, record: await signDocument({ input: await simplePdf(), output, signer, ...options }) };
  } finally {
    await signer.close();
  }
}

/** pdfsig's verdict on the certificate of the file's only signature, with only the root in NSS. */
async function pdfsigCertificate(file: string): Promise<string> {
  const [sig] = await pdfsig(file, h.nss);
  assert.equal(sig.validation, 'Signature is Valid.');
  return sig.certificate;
}

const INTERMEDIATE = 'Inkstone Test Signing CA';
const ROOT = 'Inkstone Test Root CA';

test('offline and nothing supplied: the chain cannot be completed, and the record says which issuer is missing', async () => {
  const { output, record } = await sign('offline-leaf-only', { allowOnline: false });
  assert.equal(record.chain.complete, false);
  assert.deepEqual(record.chain.issuers, []);
  assert.match(record.chain.problem ?? '', new RegExp(INTERMEDIATE));
  assert.equal(readSigned(output).signatures[0].cms.certificates.length, 1);
  assert.notEqual(await pdfsigCertificate(output), 'Certificate is Trusted.', 'pdfsig cannot chain a lone leaf to the root');
});

test('online: the intermediate and the root come from the caIssuers URLs, and pdfsig trusts the signer with only the root in NSS', async () => {
  const before = h.pki.servers.hits('/ca/intermediate.cer');
  const { output, record } = await sign('aia', {});
  assert.ok(h.pki.servers.hits('/ca/intermediate.cer') > before, 'the intermediate was downloaded');
  assert.equal(record.chain.complete, true);
  assert.equal(record.chain.problem, null);
  assert.equal(record.chain.issuers.length, 2);
  assert.match(record.chain.issuers[0], new RegExp(INTERMEDIATE));
  assert.match(record.chain.issuers[1], new RegExp(ROOT));
  assert.equal(readSigned(output).signatures[0].cms.certificates.length, 3, 'leaf, intermediate and root');
  assert.equal(await pdfsigCertificate(output), 'Certificate is Trusted.');
});

test('online, but the caIssuers server cannot be reached: the B-B signature is made, and the record says why its chain is incomplete', async () => {
  const { output, record } = await sign('dead-aia', {}, UNREACHABLE_KEY);
  assert.equal(record.chain.complete, false);
  assert.match(record.chain.problem ?? '', /could not be downloaded/);
  assert.equal(readSigned(output).signatures[0].cms.certificates.length, 1);
});

test('offline with the person’s trusted certificates supplied: the chain is completed from them', async () => {
  const { output, record } = await sign('supplied', {
    allowOnline: false,
    validationData: { certificates: [h.pki.root.certificate, h.pki.intermediate.certificate, h.pki.tsa.certificate] },
  });
  assert.equal(record.chain.complete, true);
  const certificates = readSigned(output).signatures[0].cms.certificates;
  assert.equal(certificates.length, 3, 'only certificates on the signer’s path are embedded (not the TSA)');
  assert.equal(await pdfsigCertificate(output), 'Certificate is Trusted.');
});

test('a batch downloads the signer’s issuers once', async () => {
  const signer = await openSigner();
  const before = h.pki.servers.hits('/ca/intermediate.cer');
  try {
    const input = await simplePdf();
    const result = await signBatch({
      signer,
      documents: [0, 1, 2].map((i) => ({ input, output: h.out(`batch-${i}`) })),
    });
    assert.equal(result.signed, 3);
    for (const o of result.outcomes) assert.ok(o.status === 'signed' && o.record.chain.complete);
  } finally {
    await signer.close();
  }
  assert.equal(h.pki.servers.hits('/ca/intermediate.cer') - before, 1);
});

/** Run `inkstone sign` against the leaf-only token, offline, with `extra` arguments. */
function cliSign(label: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string; output: string }> {
  const output = h.out(label);
  return simplePdf().then(
    (input) =>
      new Promise((resolve, reject) => {
        const args = ['sign', input, '-o', output, '--pkcs11-module', SOFTHSM_MODULE, '--token', token.label, '--key', KEY, '--pin-stdin', '--offline'];
        const child = spawn(process.execPath, [cliBundle(), ...args, ...extra, '--lang', 'en'], { env: token.env, stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
        child.stdin.end(`${token.pin}\n`);
      }),
  );
}

test('CLI: the library’s trusted certificates complete the chain; without them the output warns', async () => {
  const library = path.join(h.dir, 'library');
  mkdirSync(path.join(library, TRUSTED_CERTIFICATES_FOLDER), { recursive: true });
  await importTrustedCertificates(path.join(library, TRUSTED_CERTIFICATES_FOLDER), Buffer.from(h.pki.root.pem + h.pki.intermediate.pem), 'chain.pem');
  const trusted = await cliSign('cli-trusted', ['--data-dir', library]);
  assert.equal(trusted.code, 0, trusted.stderr);
  assert.doesNotMatch(trusted.stdout, /chain is incomplete/);
  assert.equal(await pdfsigCertificate(trusted.output), 'Certificate is Trusted.');

  const empty = path.join(h.dir, 'empty-library');
  const alone = await cliSign('cli-alone', ['--data-dir', empty]);
  assert.equal(alone.code, 0, alone.stderr);
  assert.match(alone.stdout, /Note: the certificate chain is incomplete \(the certificate of its issuer .*Inkstone Test Signing CA.* is not at hand\)/);

  const given = await cliSign('cli-given', ['--data-dir', empty, '--chain-certs', h.pki.chainPemPath]);
  assert.equal(given.code, 0, given.stderr);
  assert.doesNotMatch(given.stdout, /chain is incomplete/);
  assert.equal(await pdfsigCertificate(given.output), 'Certificate is Trusted.');
});
