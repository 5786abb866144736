// 证书申请 on a SoftHSM token: a key pair that never leaves it, a PKCS#10 request OpenSSL accepts
// with the subject a Chinese CA expects, then the certificate the test CA issues from that request
// imported beside the key, and a PDF signed with it that our verifier accepts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importIssuedCertificate, requestCertificateOnToken } from '../../src-main/core/devices/index.js';
import { TrustStore } from '../../src-main/core/pki/index.js';
import { signDocument } from '../../src-main/core/signing/index.js';
import { listTokenKeys, openPkcs11Signer } from '../../src-main/core/tokens/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { createTestCa, issueCertificate, type TestCa } from '../tokens/test-pki.js';

const CREDIT_CODE = '91350100M000100Y43';
let dir: string;
let token: SoftHsmToken;
let ca: TestCa;
let serial: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-csr-'));
  token = createSoftHsmToken({ label: '申请 Key' });
  ca = await createTestCa();
  const listing = await listTokenKeys({ module: SOFTHSM_MODULE, token: { label: '申请 Key' } });
  serial = listing.token.serial;
});
after(() => {
  token?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const address = () => ({ module: SOFTHSM_MODULE, tokenSerial: serial, tokenLabel: '申请 Key' });
const subject = { commonName: '墨石律师事务所', organisation: '墨石律师事务所', organisationalUnit: '合同部', creditCode: CREDIT_CODE };

/** What `openssl req` says of a request: its signature checked, its subject in RFC 2253 form. */
function openssl(pem: string): { verified: boolean; subject: string; key: string } {
  const file = path.join(dir, `req-${Math.random().toString(16).slice(2)}.pem`);
  writeFileSync(file, pem);
  const run = (args: string[]) => execFileSync('openssl', ['req', '-in', file, '-noout', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  // -verify exits non-zero when the self-signature does not check.
  const verify = spawnSync('openssl', ['req', '-in', file, '-noout', '-verify'], { encoding: 'utf8' });
  const verified = verify.status === 0 && /verify OK/.test(verify.stdout + verify.stderr);
  return { verified, subject: run(['-subject', '-nameopt', 'RFC2253,-esc_msb']).trim(), key: run(['-text']) };
}

describe('a certificate request made on the token', () => {
  for (const spec of ['RSA-2048', 'RSA-3072', 'P-256'] as const) {
    test(`${spec}: openssl req -verify accepts it; subject C=CN, O, OU, CN and the credit code as organizationIdentifier`, async () => {
      const result = await requestCertificateOnToken({ token: address(), pin: token.pin, spec, subject });
      assert.match(result.pem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
      const seen = openssl(result.pem);
      assert.equal(seen.verified, true);
      assert.equal(seen.subject, `subject=CN=墨石律师事务所,organizationIdentifier=NTRCN-${CREDIT_CODE},OU=合同部,O=墨石律师事务所,C=CN`);
      assert.match(seen.key, spec === 'P-256' ? /NIST CURVE: P-256/ : new RegExp(`Public-Key: \\(${spec.slice(4)} bit\\)`));
      assert.deepEqual(result.ref, { kind: 'pkcs11', ...address(), keyId: result.keyId });
    });
  }

  test('the private key is sensitive and never extractable', async () => {
    const { keyId } = await requestCertificateOnToken({ token: address(), pin: token.pin, spec: 'P-256', subject });
    const keys = await listTokenKeys({ module: SOFTHSM_MODULE, token: { serial }, login: { pin: token.pin } });
    const key = keys.keys.find((k) => k.id === keyId)!;
    assert.deepEqual({ extractable: key.privateKey?.extractable, sensitive: key.privateKey?.sensitive }, { extractable: false, sensitive: true });
    // And the token says so itself (pkcs11-tool reads the attributes with its own code).
    const listed = execFileSync(
      'pkcs11-tool',
      ['--module', SOFTHSM_MODULE, '--token-label', '申请 Key', '--login', '--pin', token.pin, '--list-objects', '--type', 'privkey'],
      {
        env: token.env,
      },
    ).toString();
    const block = listed.split(/^(?=Private Key Object)/m).find((b) => b.includes(`ID:         ${keyId}`))!;
    assert.match(block, /Access:\s+sensitive, always sensitive, never extractable/);
  });

  test('a bad credit code or an empty name is refused before the token is touched', async () => {
    await assert.rejects(
      requestCertificateOnToken({ token: address(), pin: token.pin, spec: 'P-256', subject: { ...subject, creditCode: '91350100M000100Y44' } }),
      {
        code: 'DEVICE_SUBJECT_INVALID',
      },
    );
    await assert.rejects(requestCertificateOnToken({ token: address(), pin: token.pin, spec: 'P-256', subject: { commonName: '  ' } }), {
      code: 'DEVICE_SUBJECT_INVALID',
    });
  });
});

describe('the issued certificate', () => {
  test('imports beside its key with its chain, and signs a PDF the verifier accepts', async () => {
    const { keyId, pem } = await requestCertificateOnToken({ token: address(), pin: token.pin, spec: 'RSA-2048', subject });
    const csrFile = path.join(dir, 'issue.csr');
    writeFileSync(csrFile, pem);
    const spki = execFileSync('openssl', ['req', '-in', csrFile, '-noout', '-pubkey']).toString();
    const spkiDer = Buffer.from(spki.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const issued = await issueCertificate(ca, spkiDer, `CN=墨石律师事务所, O=墨石律师事务所, C=CN`);
    const toPem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;

    const imported = await importIssuedCertificate({ token: address(), pin: token.pin, file: Buffer.from(toPem(issued) + toPem(ca.der)) });
    assert.deepEqual(imported, { keyId, stored: 2 });
    // Importing again stores nothing twice.
    assert.deepEqual(await importIssuedCertificate({ token: address(), pin: token.pin, file: Buffer.from(toPem(issued)) }), { keyId, stored: 0 });

    const signer = await openPkcs11Signer({ module: SOFTHSM_MODULE, token: { serial }, key: { id: keyId }, pin: token.pin });
    try {
      assert.equal(signer.assurance, 'hardware-token');
      assert.equal(signer.chain.length, 1, 'the CA certificate imported beside it forms the chain');
      const input = path.join(dir, 'contract.pdf');
      writeFileSync(input, await makeTextPdf({ title: '采购合同', lines: ['甲方：墨石律师事务所'] }));
      const output = path.join(dir, 'contract-signed.pdf');
      await signDocument({ input, output, signer });
      const result = await verifyPdf(output, { trustStore: new TrustStore([ca.der]) });
      const [sig] = result.signatures;
      assert.deepEqual(
        { integrity: sig.integrity, modifications: sig.modifications, chain: sig.chain.status, signer: sig.signer?.commonName },
        { integrity: 'intact', modifications: 'none', chain: 'trusted', signer: '墨石律师事务所' },
      );
      // The test CA publishes no CRL or OCSP service, so offline the one open question is revocation.
      assert.deepEqual([sig.indication, sig.subIndication, sig.problems.map((p) => p.code)], ['INDETERMINATE', 'TRY_LATER', ['PROBLEM_REVOCATION_OFFLINE']]);
    } finally {
      await signer.close();
    }
  });

  test('a certificate for a key this token does not hold is refused', async () => {
    const other = await issueCertificate(ca, stranger(), 'CN=Someone else');
    await assert.rejects(importIssuedCertificate({ token: address(), pin: token.pin, file: other }), { code: 'TOKEN_KEY_NOT_FOUND' });
  });
});

/** A public key whose private half is nowhere near the token. */
function stranger(): Uint8Array {
  const pem = execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
  const file = path.join(dir, 'stranger.key');
  writeFileSync(file, pem);
  const pub = execFileSync('openssl', ['pkey', '-in', file, '-pubout', '-outform', 'DER']);
  return pub;
}
