import assert from 'node:assert/strict';
import { signDocument, type PadesLevel } from '../../src-main/core/signing/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { verifyPdf } from '../../src-main/core/verify/index.js';
import { VerificationResult } from '../../src-shared/api/verification.js';
import type { SigningHarness } from '../signing/harness.js';

/** Signing with our own engine and checking that our own verifier finds the result valid. */

/** Sign `input` with a freshly opened signer (closed afterwards), with a timestamp URL ready for B-T and up. */
export async function signWith(
  h: SigningHarness,
  open: () => Promise<Signer>,
  input: string,
  label: string,
  options: { level?: PadesLevel; certify?: 1 | 2 | 3; rsaPss?: boolean } = {},
): Promise<string> {
  const signer = await open();
  try {
    const output = h.out(label);
    await signDocument({ input, output, signer, timestampUrls: [h.pki.tsa.url], reason: '同意', commitment: 'proof-of-approval', ...options });
    return output;
  } finally {
    await signer.close();
  }
}

/** Verify with the test root trusted: the document and every signature valid, at the expected levels. */
export async function assertValid(h: SigningHarness, file: string, expected: { levels: string[]; online: boolean }): Promise<VerificationResult> {
  const result = await verifyPdf(file, { trustStore: h.pki.trustStore(), online: expected.online, lang: 'zh-CN' });
  VerificationResult.parse(result);
  const why = result.signatures.map((s) => `${s.fieldName}: ${s.indication} ${s.subIndication ?? ''} ${s.problems.map((p) => p.text).join('; ')}`).join(' | ');
  assert.equal(result.verdict, 'valid', why);
  assert.deepEqual(
    result.signatures.map((s) => s.level),
    expected.levels,
  );
  for (const s of result.signatures) {
    assert.equal(s.indication, 'TOTAL_PASSED', why);
    assert.equal(s.integrity, 'intact');
    assert.equal(s.chain.status, 'trusted');
    assert.equal(s.revocation.status, 'good');
    assert.notEqual(s.modifications, 'disallowed');
    assert.equal(s.article13.signatureIntegrity.status, 'met');
    assert.equal(s.article13.documentIntegrity.status, 'met');
  }
  return result;
}
