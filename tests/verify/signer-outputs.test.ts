import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import { chinesePdf, simplePdf } from '../fixtures/pdfs.js';
import { setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { assertValid as assertValidIn, signWith as signWithHarness } from './own-signatures.js';

/**
 * What Inkstone signs, Inkstone verifies as valid when the test root is trusted: RSA and EC keys
 * on a token, a PKCS#12 file, every level, several signatures, a certification, and an extension.
 * B-B and B-T carry no revocation data, so they are checked online against the loopback OCSP
 * responder; B-LT and B-LTA carry it, so they are checked offline.
 */

let h: SigningHarness;
before(async () => {
  h = await setUp('verify-signer-outputs');
});
after(tearDown);

const signWith = (open: () => Promise<Signer>, input: string, label: string, options?: Parameters<typeof signWithHarness>[4]) =>
  signWithHarness(h, open, input, label, options);
const assertValid = (file: string, expected: { levels: string[]; online: boolean }) => assertValidIn(h, file, expected);

test('RSA on the token at every level: valid, with the level reached, proven time from B-T up', async () => {
  const input = await chinesePdf();
  for (const level of ['B-B', 'B-T', 'B-LT', 'B-LTA'] as const) {
    const file = await signWith(() => h.tokenSigner(h.leaves.zhangSan), input, `rsa-${level}`, { level });
    const result = await assertValid(file, { levels: level === 'B-LTA' ? ['B-LTA', 'n/a'] : [level], online: level === 'B-B' || level === 'B-T' });
    const [sig] = result.signatures;
    assert.equal(sig.signer?.commonName, '张三');
    assert.equal(sig.provenTime === null, level === 'B-B', `${level}: proven time ${sig.provenTime?.time}`);
    if (level !== 'B-B') assert.ok(sig.timestamps.some((t) => t.kind === 'signature-timestamp' && t.valid));
    assert.equal(sig.revocation.online, level === 'B-B' || level === 'B-T');
    assert.ok(sig.revocation.certificates.every((c) => c.source === (level === 'B-B' || level === 'B-T' ? 'online' : 'dss')));
  }
});

test('EC P-256 and RSA-PSS on the token: valid at B-LT', async () => {
  const input = await simplePdf();
  await assertValid(await signWith(() => h.tokenSigner(h.leaves.liSi), input, 'ec', { level: 'B-LT' }), { levels: ['B-LT'], online: false });
  await assertValid(await signWith(() => h.tokenSigner(h.leaves.alice), input, 'pss', { level: 'B-LT', rsaPss: true }), { levels: ['B-LT'], online: false });
});

test('a revoked signer: invalid once revocation predates the proven time, indeterminate without proof of time', async () => {
  const input = await simplePdf();
  const noProof = await signWith(() => h.tokenSigner(h.leaves.revoked), input, 'revoked-bb', { level: 'B-B' });
  const r1 = await verifyPdf(noProof, { trustStore: h.pki.trustStore(), online: true });
  assert.equal(r1.signatures[0].revocation.status, 'revoked');
  assert.equal(r1.signatures[0].subIndication, 'REVOKED_NO_POE');
  const proven = await signWith(() => h.tokenSigner(h.leaves.revoked), input, 'revoked-bt', { level: 'B-T' });
  const r2 = await verifyPdf(proven, { trustStore: h.pki.trustStore(), online: true });
  assert.equal(r2.verdict, 'invalid', 'revoked an hour before the timestamp proves the signature');
  assert.equal(r2.signatures[0].subIndication, 'REVOKED');
});
