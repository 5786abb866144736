import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readCms, verifyPdf } from '../../src-main/core/verify/index.js';
import { PdfDocument, findSignatures } from '../../src-main/core/pdf/index.js';
import { TrustStore } from '../../src-main/core/pki/index.js';
import { VerificationResult } from '../../src-shared/api/verification.js';
import { PADES_CORPUS_DIR } from '../fixtures/pdfs.js';

/**
 * The EU DSS corpus (../shared/corpus/pades-dss): every file's verdict, and per signature the
 * integrity, modification class, kind and (where the DSS test asserts it) PAdES level. The corpus
 * judges no trust, so a "valid" file must not be invalid (it is indeterminate without anchors), and
 * every "invalid" file must be invalid. See the corpus README.
 */

interface Expected {
  file: string;
  verdict: 'valid' | 'invalid' | 'indeterminate';
  mustTerminateWithinMs?: number;
  perSignature: Array<{
    fieldName: string;
    kind: 'signature' | 'document-timestamp';
    integrity: 'intact' | 'broken' | 'unknown';
    modifiedAfterSigning: 'none' | 'allowed' | 'disallowed' | 'unknown';
    level: string;
    findings?: string[];
  }>;
}

const corpus: Expected[] = JSON.parse(readFileSync(path.join(PADES_CORPUS_DIR, 'expected.json'), 'utf8'));

/** Findings whose presence the verifier must reproduce when the corpus lists them. */
const REPRODUCED = [
  'BYTERANGE_INVALID',
  'SIGNATURE_DICTIONARY_INCONSISTENT',
  'PAGE_DIFFERENCE',
  'TIMESTAMP_IMPRINT_MISMATCH',
  'NON_DER_SIGNED_ATTRIBUTES',
  'ENCAPSULATED_CONTENT_IN_DETACHED_SIGNATURE',
  'CMS_UNDECODABLE',
  'DIGEST_MISMATCH',
];

/** The attack class each attack file must be reported with (first signature). */
const ATTACKS: Record<string, string> = {
  'siwa.pdf': 'signature-wrapping',
  'pdf-spoofing-attack.pdf': 'signature-spoofing',
  'pades-spoofing-replaced-reason.pdf': 'signature-spoofing',
  'dss-2236/hide.pdf': 'shadow-hide',
  'dss-2236/replace.pdf': 'shadow-replace',
  'dss-2236/annotation-and-visible-change.pdf': 'annotation-overlay',
  'pdf-signed-added-page.pdf': 'incremental-saving',
  'pdf-removed-pages.pdf': 'incremental-saving',
  'modified_after_signature.pdf': 'incremental-saving',
};

let matchedSignatures = 0;
let matchedFiles = 0;

for (const entry of corpus) {
  test(`corpus: ${entry.file} is ${entry.verdict}`, async () => {
    const started = Date.now();
    const result = await verifyPdf(path.join(PADES_CORPUS_DIR, entry.file));
    const elapsed = Date.now() - started;
    VerificationResult.parse(result);
    if (entry.mustTerminateWithinMs) assert.ok(elapsed < entry.mustTerminateWithinMs, `took ${elapsed} ms`);

    if (entry.verdict === 'invalid') assert.equal(result.verdict, 'invalid');
    else assert.notEqual(result.verdict, 'invalid', result.signatures.flatMap((s) => s.problems.map((p) => p.text)).join('; '));
    assert.equal(result.signatures.length, entry.perSignature.length, 'signatures found');

    entry.perSignature.forEach((expected, i) => {
      const got = result.signatures[i];
      const label = `${entry.file} #${i + 1} ${expected.fieldName}`;
      assert.equal(got.fieldName, expected.fieldName, label);
      assert.equal(got.kind, expected.kind, label);
      if (expected.integrity !== 'unknown') assert.equal(got.integrity, expected.integrity, `${label} integrity`);
      if (expected.modifiedAfterSigning !== 'unknown')
        assert.equal(got.modifications, expected.modifiedAfterSigning, `${label} modifications: ${got.changes.map((c) => c.message.text).join(' | ')}`);
      if (expected.level !== 'unknown') assert.equal(got.level, expected.level, `${label} level`);
      for (const f of expected.findings ?? []) {
        if (!REPRODUCED.includes(f)) continue;
        // A digest over bytes past the end of the file is never computed: ranges are not clamped.
        if (f === 'DIGEST_MISMATCH' && got.findings.includes('BYTERANGE_PAST_EOF')) continue;
        assert.ok(got.findings.includes(f), `${label} lacks finding ${f}: ${got.findings.join(',')}`);
      }
      if (expected.integrity === 'broken' || expected.modifiedAfterSigning === 'disallowed') assert.equal(got.indication, 'TOTAL_FAILED', label);
      matchedSignatures++;
    });
    const attack = ATTACKS[entry.file];
    if (attack)
      assert.ok(
        result.signatures[0].attacks.some((a) => a.class === attack),
        `${entry.file}: ${result.signatures[0].attacks.map((a) => a.class).join(',')}`,
      );
    matchedFiles++;
  });
}

test('corpus: every PDF in the folder has an expected verdict', () => {
  const pdfs = (readdirSync(PADES_CORPUS_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf')).map((f) => f.split(path.sep).join('/'));
  assert.deepEqual(pdfs.sort(), corpus.map((e) => e.file).sort());
});

test('corpus: every file and every signature matched', () => {
  // Runs after the per-file tests (node:test runs top-level tests in order).
  assert.equal(matchedFiles, corpus.length);
  assert.equal(
    matchedSignatures,
    corpus.reduce((n, e) => n + e.perSignature.length, 0),
  );
});

test('corpus: an end-entity certificate used as a CA fails the chain when its issuer is trusted', async () => {
  const file = path.join(PADES_CORPUS_DIR, 'self-issued-qesig.pdf');
  const doc = PdfDocument.openFile(file);
  const [sig] = findSignatures(doc);
  doc.close();
  const certificates = readCms(sig.contents!).parsed!.certificates;
  const issuerOfSigner = certificates.find((c) => c.subject.commonName === 'Aleksandr Beliakov');
  assert.ok(issuerOfSigner);
  const result = await verifyPdf(file, { trustStore: new TrustStore([issuerOfSigner]) });
  assert.equal(result.verdict, 'indeterminate');
  assert.equal(result.signatures[0].indication, 'INDETERMINATE');
  assert.equal(result.signatures[0].subIndication, 'CERTIFICATE_CHAIN_GENERAL_FAILURE');
  assert.ok(result.signatures[0].findings.includes('CHAIN_GENERAL_FAILURE'));
});
