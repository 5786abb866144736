import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { signDocumentBatch, type BatchSignStep } from '../../src-main/core/service/index.js';
import { parseCertificate } from '../../src-main/core/pki/index.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { countingLoader } from '../tokens/counting-cryptoki.js';
import { FakeToken } from '../tokens/fake-cryptoki.js';
import { simplePdf } from '../fixtures/pdfs.js';
import { assertNoOutput, setUp, tearDown, type SigningHarness } from '../signing/harness.js';
import { assertPdfsigValid } from '../signing/judges.js';

/**
 * The batch's key work as its long-work thread runs it, with the Cryptoki calls counted or faked
 * (in-process, where a test can see them): 100 documents on one C_Login, and a token pulled out
 * in the middle — the documents before it signed, each after it TOKEN_REMOVED with no output.
 */

let h: SigningHarness;
before(async () => {
  h = await setUp('signing-batch-work');
});
after(tearDown);

async function documents(name: string, count: number): Promise<Array<{ input: string; output: string }>> {
  const dir = path.join(h.dir, name);
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  mkdirSync(path.join(dir, 'out'), { recursive: true });
  const source = await simplePdf();
  return Array.from({ length: count }, (_, i) => {
    const input = path.join(dir, 'in', `contract-${i}.pdf`);
    copyFileSync(source, input);
    return { input, output: path.join(dir, 'out', `contract-${i}.pdf`) };
  });
}

const trustFolder = () => {
  const folder = path.join(h.dir, 'trust');
  mkdirSync(folder, { recursive: true });
  return folder;
};

test('100 documents on one login: the PIN is used once, each document reported as it is signed', async () => {
  const docs = await documents('hundred', 100);
  const counting = countingLoader();
  const leaf = h.leaves.zhangSan;
  const steps: BatchSignStep[] = [];
  const result = await signDocumentBatch(
    {
      documents: docs,
      key: { kind: 'pkcs11', module: SOFTHSM_MODULE, tokenLabel: h.leaves.token.label, keyId: leaf.id },
      pin: new Uint8Array(Buffer.from(h.leaves.token.pin)),
      expected: { certificateSha256: parseCertificate(leaf.certificate).sha256, assurance: 'hardware-token' },
      level: 'B-B',
      commitment: 'proof-of-approval',
      trustFolder: trustFolder(),
    },
    (s) => steps.push(s),
    counting.loader,
  );
  assert.deepEqual(result, { signed: 100, failed: 0 });
  assert.equal(counting.calls.get('C_Login'), 1, 'one PIN entry for the whole batch');
  assert.equal(counting.calls.get('C_OpenSession'), 1, 'one session throughout');
  assert.equal(steps[0].kind, 'key-opened');
  assert.deepEqual(
    steps
      .slice(1)
      .map((s) => (s.kind === 'signed' ? s.index : -1))
      .sort((a, b) => a - b),
    docs.map((_, i) => i),
  );
  await assertPdfsigValid(docs[99].output, h.nss, 1);
});

test('another key than the one consented to signs nothing', async () => {
  const docs = await documents('other-key', 2);
  const counting = countingLoader();
  await assert.rejects(
    signDocumentBatch(
      {
        documents: docs,
        key: { kind: 'pkcs11', module: SOFTHSM_MODULE, tokenLabel: h.leaves.token.label, keyId: h.leaves.liSi.id },
        pin: new Uint8Array(Buffer.from(h.leaves.token.pin)),
        expected: { certificateSha256: parseCertificate(h.leaves.zhangSan.certificate).sha256, assurance: 'hardware-token' },
        level: 'B-B',
        commitment: 'proof-of-approval',
        trustFolder: trustFolder(),
      },
      () => undefined,
      counting.loader,
    ),
    (err: Error & { code?: string }) => err.code === 'SIGNING_KEY_CHANGED',
  );
  for (const d of docs) assertNoOutput(d.output);
});

test('a token pulled out mid-batch: the documents before it are signed, each after fails with TOKEN_REMOVED and leaves no file', async () => {
  const leaf = await h.pki.issueSoftwareLeaf({ subject: { commonName: '赵六', organisation: '深圳某某律师事务所', country: 'CN' } });
  const token = new FakeToken({
    label: 'Pulled',
    keys: [{ id: 'c1', label: 'zhao', privateKey: leaf.privateKey, publicKey: createPublicKey(leaf.privateKey), certificate: leaf.certificate }],
    certificates: [...leaf.chain],
  });
  const docs = await documents('pulled', 10);
  token.removeAfterSignatures = 4;
  const steps: BatchSignStep[] = [];
  const result = await signDocumentBatch(
    {
      documents: docs,
      key: { kind: 'pkcs11', module: '/fake/batch-pulled.so', tokenLabel: 'Pulled', keyId: 'c1' },
      pin: new Uint8Array(Buffer.from('246810')),
      expected: { certificateSha256: parseCertificate(leaf.certificate).sha256, assurance: 'hardware-token' },
      level: 'B-B',
      commitment: 'proof-of-approval',
      trustFolder: trustFolder(),
    },
    (s) => steps.push(s),
    token.loader,
  );
  assert.deepEqual(result, { signed: 4, failed: 6 });
  const fate = new Map(steps.flatMap((s) => (s.kind === 'key-opened' ? [] : [[s.index, s.kind === 'failed' ? s.error.code : 'signed'] as const])));
  assert.deepEqual(
    docs.map((_, i) => fate.get(i)),
    ['signed', 'signed', 'signed', 'signed', ...Array(6).fill('TOKEN_REMOVED')],
  );
  await assertPdfsigValid(docs[3].output, h.nss, 1);
  for (const d of docs.slice(4)) assertNoOutput(d.output);
});
