// The signing engine signs a batch of documents under one PIN entry: 1,000 signatures on one
// login, each verified, with the rate printed (not asserted: the machine is shared).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { openPkcs11Signer, type SignParams } from '../../src-main/core/tokens/index.js';
import { createTestCa, issueCertificate, verifySignature } from './test-pki.js';
import { countingLoader } from './counting-cryptoki.js';

const BATCH = 1000;
let token: SoftHsmToken;

before(async () => {
  token = createSoftHsmToken({ label: 'Batch Token' });
  const ca = await createTestCa();
  for (const k of [
    { id: '01', label: 'rsa', type: 'rsa:2048' },
    { id: '02', label: 'ec', type: 'EC:prime256v1' },
  ] as const) {
    token.generateKey(k);
    token.writeCertificate(k.id, k.label, await issueCertificate(ca, token.readPublicKey(k.id), `CN=Batch ${k.label}`));
  }
});
after(() => token?.cleanup());

for (const [id, params] of [
  ['01', { hash: 'SHA-256', kind: 'rsa-pkcs1' }],
  ['02', { hash: 'SHA-256', kind: 'ecdsa' }],
] as const satisfies ReadonlyArray<readonly [string, SignParams]>) {
  test(`${BATCH} ${params.kind} signatures under one login`, async () => {
    const counting = countingLoader();
    const signer = await openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: 'Batch Token' }, key: { id }, pin: token.pin, loader: counting.loader });
    // What CMS signs per document: ~100 bytes of DER signed attributes.
    const documents = Array.from({ length: BATCH }, (_, i) =>
      Buffer.from(`31 66 signed attributes of contract no. ${i.toString().padStart(6, '0')} ${'·'.repeat(40)}`),
    );
    const signatures: Uint8Array[] = [];
    const started = performance.now();
    for (const doc of documents) signatures.push(await signer.sign(doc, params));
    const seconds = (performance.now() - started) / 1000;
    await signer.close();
    console.log(
      `# ${BATCH} ${params.kind} signatures on SoftHSM in ${seconds.toFixed(2)} s: ${(BATCH / seconds).toFixed(0)}/s, ${((seconds * 1000) / BATCH).toFixed(2)} ms each`,
    );
    assert.equal(counting.calls.get('C_Login'), 1, 'one PIN entry for the whole batch');
    assert.equal(counting.calls.get('C_OpenSession'), 1, 'one session throughout');
    assert.equal(counting.calls.get('C_SignAsync'), BATCH);
    const publicKey = createPublicKey({ key: token.readPublicKey(id), format: 'der', type: 'spki' });
    documents.forEach((doc, i) => assert.ok(verifySignature(publicKey, doc, signatures[i], params), `signature ${i}`));
  });
}
