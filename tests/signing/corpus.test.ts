import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PendingOutput, signDocument } from '../../src-main/core/signing/index.js';
import { IncrementalUpdate, PdfDocument, addSignaturePlaceholder } from '../../src-main/core/pdf/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { PADES_CORPUS_DIR, allFixtures, encryptedPdf, simplePdf } from '../fixtures/pdfs.js';
import { assertNoOutput, setUp, tearDown, typed, type SigningHarness } from './harness.js';
import { assertPdfsigValid, assertQpdfClean, pdfsig } from './judges.js';

let h: SigningHarness;
let signer: Signer;
before(async () => {
  h = await setUp('signing-corpus');
  signer = await h.tokenSigner(h.leaves.liSi);
});
after(async () => {
  await signer.close();
  await tearDown();
});

test('every structure of the generated corpus: classic tables, xref and object streams, hybrid, linearized, updated, CJK, 500 pages', async () => {
  for (const fixture of await allFixtures()) {
    const output = h.out(fixture.name);
    const original = readFileSync(fixture.path);
    // The fixture with an empty signature field is signed in that field.
    await signDocument({ input: fixture.path, output, signer, reason: fixture.name, ...(fixture.name === 'unsigned field' ? { fieldName: 'Signer1' } : {}) });
    assert.ok(readFileSync(output).subarray(0, original.length).equals(original), `${fixture.name}: the original bytes are a prefix of the output`);
    const doc = PdfDocument.openFile(output);
    assert.equal(doc.revisions.length, fixture.revisions + 1, fixture.name);
    // A hybrid file is continued with a classic table, which every reader follows.
    assert.equal(
      doc.revision.xrefKind,
      fixture.xrefKind === 'stream' ? 'stream' : 'table',
      `${fixture.name}: the update uses the kind of cross-reference the file uses`,
    );
    doc.close();
    await assertQpdfClean(output);
    await assertPdfsigValid(output, h.nss, 1);
  }
});

test('already-signed PDFs from the EU DSS corpus: our signature is added and theirs is judged exactly as before', async () => {
  for (const name of [
    'pdf-signed-original.pdf',
    'doc-firmado-LT.pdf',
    'dss-PLAIN-ECDSA/TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf',
    'dss-2554/certified-changes-permitted.pdf',
  ]) {
    const input = h.out(`corpus-${path.basename(name)}`);
    copyFileSync(path.join(PADES_CORPUS_DIR, name), input);
    const before = await pdfsig(input, h.nss);
    const output = h.out(`signed-${path.basename(name)}`);
    await signDocument({ input, output, signer });
    await assertQpdfClean(output);
    const after = await pdfsig(output, h.nss);
    assert.equal(after.length, before.length + 1, name);
    assert.deepEqual(
      after.slice(0, before.length).map((s) => s.validation),
      before.map((s) => s.validation),
      `${name}: earlier signatures unchanged`,
    );
    const ours = after.at(-1)!;
    assert.equal(ours.validation, 'Signature is Valid.', name);
    assert.equal(ours.certificate, 'Certificate is Trusted.', name);
  }
});

test('refused documents: encrypted, certified with no changes allowed (EU DSS), not a PDF; the input path as output', async () => {
  const encrypted = h.out('encrypted');
  await assert.rejects(signDocument({ input: await encryptedPdf(), output: encrypted, signer }), typed('PDF_ENCRYPTED'));
  assertNoOutput(encrypted);
  const locked = h.out('locked');
  await assert.rejects(
    signDocument({ input: path.join(PADES_CORPUS_DIR, 'dss-2554/certified-no-change-permitted.pdf'), output: locked, signer }),
    typed('SIGN_DOCUMENT_LOCKED'),
  );
  assertNoOutput(locked);
  const input = h.out('same');
  copyFileSync(await simplePdf(), input);
  await assert.rejects(signDocument({ input, output: input, signer }), typed('SIGN_OUTPUT_IS_INPUT'));
  assert.deepEqual(readFileSync(input), readFileSync(await simplePdf()));
});

test('a value larger than its reservation is a typed error and leaves no file', async () => {
  const doc = PdfDocument.openFile(await simplePdf());
  const output = h.out('overflow');
  const pending = await PendingOutput.open(doc, output, ['SHA-256']);
  try {
    const update = new IncrementalUpdate(doc);
    const placeholder = addSignaturePlaceholder(update, { fieldName: 'Overflow' }, { kind: 'signature', contentsSize: 100 });
    await assert.rejects(
      pending.appendSignature(update, placeholder, 'SHA-256', async () => new Uint8Array(101)),
      typed('PDF_PLACEHOLDER_TOO_SMALL'),
    );
  } finally {
    await pending.abort();
    doc.close();
  }
  assertNoOutput(output);
});

test('a digest algorithm outside SHA-256/384/512 is INVALID_INPUT before anything is written', async () => {
  const output = h.out('md5');
  for (const digestAlgorithm of ['SHA-1', 'MD5', 'sha256']) {
    await assert.rejects(
      // Requests come from scripts and JSON too, where the type checker cannot help.
      signDocument({ input: await simplePdf(), output, signer, digestAlgorithm: digestAlgorithm as 'SHA-256' }),
      typed('INVALID_INPUT'),
    );
    assertNoOutput(output);
  }
});
