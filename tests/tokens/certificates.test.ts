// Which certificates found beside a key form its chain, and in what order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuingChain } from '../../src-main/core/tokens/index.js';
import { createTestCa, issueCertificate, softwareKeyPair } from './test-pki.js';

test('the path from the signer to its root, nearest issuer first, leaving out unrelated certificates', async () => {
  const root = await createTestCa('CN=Root CA, C=CN');
  const intermediate = await createTestCa('CN=Issuing CA, C=CN', root);
  const signer = await issueCertificate(intermediate, softwareKeyPair('P-256').spki, 'CN=钱律师, C=CN');
  const encryptionCert = await issueCertificate(intermediate, softwareKeyPair('P-256').spki, 'CN=钱律师 (encryption), C=CN');
  const otherRoot = await createTestCa('CN=Someone else, C=CN');
  const chain = issuingChain(signer, [otherRoot.der, root.der, encryptionCert, signer, intermediate.der]);
  assert.deepEqual(
    chain.map((c) => Buffer.from(c)),
    [Buffer.from(intermediate.der), Buffer.from(root.der)],
  );
});

test('a renewed CA with the same name but another key is not taken for the issuer', async () => {
  const root = await createTestCa('CN=Same Name CA, C=CN');
  const renewed = await createTestCa('CN=Same Name CA, C=CN');
  const signer = await issueCertificate(root, softwareKeyPair('P-256').spki, 'CN=孙律师, C=CN');
  assert.deepEqual(
    issuingChain(signer, [renewed.der, root.der]).map((c) => Buffer.from(c)),
    [Buffer.from(root.der)],
  );
  assert.deepEqual(issuingChain(signer, [renewed.der]), []);
});
