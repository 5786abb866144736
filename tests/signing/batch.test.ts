import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signBatch, type BatchDocument, type BatchProgress } from '../../src-main/core/signing/index.js';
import { openPkcs11Signer } from '../../src-main/core/tokens/index.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { countingLoader } from '../tokens/counting-cryptoki.js';
import { FakeToken } from '../tokens/fake-cryptoki.js';
import { encryptedPdf, largePdf, simplePdf } from '../fixtures/pdfs.js';
import { assertNoOutput, setUp, tearDown, type SigningHarness } from './harness.js';
import { assertPdfsigValid, assertQpdfClean } from './judges.js';

let h: SigningHarness;
before(async () => {
  h = await setUp('signing-batch');
});
after(tearDown);

/** `count` copies of the simple contract in a folder of their own, with outputs in another. */
async function documents(name: string, count: number): Promise<BatchDocument[]> {
  const dir = path.join(h.dir, name);
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  const source = await simplePdf();
  return Array.from({ length: count }, (_, i) => {
    const input = path.join(dir, 'in', `contract-${i}.pdf`);
    copyFileSync(source, input);
    return { input, output: path.join(dir, 'out', `contract-${i}.pdf`) };
  });
}

test('a batch under one login: per-document results, progress events, bad documents fail alone with typed errors', async () => {
  const docs = await documents('mixed', 12);
  const notPdf = path.join(h.dir, 'mixed', 'in', 'notes.pdf');
  writeFileSync(notPdf, 'these are meeting notes, not a PDF');
  docs.splice(3, 0, { input: await encryptedPdf(), output: path.join(h.dir, 'mixed', 'out', 'encrypted.pdf') });
  docs.splice(7, 0, { input: notPdf, output: path.join(h.dir, 'mixed', 'out', 'notes.pdf') });
  docs.splice(9, 0, { input: docs[0].input, output: docs[1].output }); // the same output twice: the second must fail

  const counting = countingLoader();
  const signer = await openPkcs11Signer({
    module: SOFTHSM_MODULE,
    loader: counting.loader,
    token: { label: h.leaves.token.label },
    key: { label: h.leaves.liSi.label },
    pin: h.leaves.token.pin,
  });
  const events: BatchProgress[] = [];
  try {
    const result = await signBatch({ documents: docs, signer, reason: '批量签署', onProgress: (e) => events.push(e) });
    assert.equal(result.signed, 12);
    assert.equal(result.failed, 3);
    assert.equal(result.cancelled, 0);
    assert.deepEqual(
      result.outcomes.map((o) => (o.status === 'failed' ? o.error.code : o.status)),
      [
        'signed',
        'signed',
        'signed',
        'PDF_ENCRYPTED',
        'signed',
        'signed',
        'signed',
        'PDF_NOT_A_PDF',
        'signed',
        'SIGN_OUTPUT_EXISTS',
        'signed',
        'signed',
        'signed',
        'signed',
        'signed',
      ],
    );
    assert.deepEqual(counting.logins.length, 1, 'one PIN entry for the whole batch');
    assert.equal(counting.calls.get('C_Sign') ?? counting.calls.get('C_SignAsync'), 12, 'one signature per signed document');
    assert.equal(events.filter((e) => e.phase === 'started').length, docs.length);
    assert.equal(events.at(-1)?.completed, docs.length);
    assert.equal(events.at(-1)?.failed, 3);
    assert.ok(events.filter((e) => e.phase === 'failed').every((e) => e.error?.code));
  } finally {
    await signer.close();
  }
  for (const o of [docs[0], docs[5], docs.at(-1)!]) {
    await assertQpdfClean(o.output);
    await assertPdfsigValid(o.output, h.nss, 1);
  }
  assertNoOutput(docs[3].output);
  assertNoOutput(docs[7].output);
});

test('cancellation takes effect between documents: the one being signed completes, the rest are reported cancelled', async () => {
  const docs = await documents('cancel', 8);
  const signer = await h.tokenSigner(h.leaves.zhangSan);
  const controller = new AbortController();
  try {
    const result = await signBatch({
      documents: docs,
      signer,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'started' && e.index === 3) controller.abort();
      },
    });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['signed', 'signed', 'signed', 'signed', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
    );
    await assertPdfsigValid(docs[3].output, h.nss, 1);
    for (const d of docs.slice(4)) assert.equal(existsSync(d.output), false);
  } finally {
    await signer.close();
  }
});

test('a token pulled out mid-batch: the documents before it are signed, each one after fails with TOKEN_REMOVED and no output', async () => {
  const leaf = await h.pki.issueSoftwareLeaf({ subject: { commonName: '赵六', organisation: '深圳某某律师事务所', country: 'CN' } });
  const token = new FakeToken({
    keys: [{ id: 'c1', label: 'zhao', privateKey: leaf.privateKey, publicKey: createPublicKey(leaf.privateKey), certificate: leaf.certificate }],
    certificates: [...leaf.chain],
  });
  const signer = await openPkcs11Signer({ module: '/fake/batch-token.so', loader: token.loader, pin: '246810' });
  const docs = await documents('removed', 5);
  // The second document is 20 MB: hashing it takes longer than reading the small third one, so with
  // several documents in flight the third reaches the key first unless the batch keeps input order.
  copyFileSync(await largePdf(20), docs[1].input);
  try {
    token.removeAfterSignatures = 2;
    const result = await signBatch({ documents: docs, signer });
    assert.deepEqual(
      result.outcomes.map((o) => (o.status === 'failed' ? o.error.code : o.status)),
      ['signed', 'signed', 'TOKEN_REMOVED', 'TOKEN_REMOVED', 'TOKEN_REMOVED'],
    );
    await assertPdfsigValid(docs[1].output, h.nss, 1);
    for (const d of docs.slice(2)) assertNoOutput(d.output);
  } finally {
    await signer.close();
  }
});
