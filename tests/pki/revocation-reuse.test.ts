import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { checkRevocation, RevocationReuse } from '../../src-main/core/pki/index.js';
import { getTestPki, type SoftwareLeaf, type TestPki } from '../support/test-pki.js';

/**
 * A batch's revocation answers reused (pki/revocation-reuse.ts): fetched once per certificate and
 * issuer, never handed to another certificate, verified again where reused, and asked again once
 * older than the reuse window (so a revocation published meanwhile is seen).
 */

let pki: TestPki;
let first: SoftwareLeaf;
let second: SoftwareLeaf;
const ocspHits = () => pki.servers.hits(new URL(pki.servers.urls.ocsp).pathname);

before(async () => {
  pki = await getTestPki();
  first = await pki.issueSoftwareLeaf({ subject: { commonName: '复用一' } });
  second = await pki.issueSoftwareLeaf({ subject: { commonName: '复用二' } });
});

test('one online answer per certificate: asked again for the same pair it comes from the kept answer; another certificate is asked for itself', async () => {
  const reuse = new RevocationReuse();
  const before = ocspHits();
  const a = await checkRevocation(first.info, pki.intermediate.info, { allowOnline: true, reuse });
  const again = await checkRevocation(first.info, pki.intermediate.info, { allowOnline: true, reuse });
  assert.equal(ocspHits() - before, 1);
  assert.deepEqual([a.status, again.status, again.kind, again.source], ['good', 'good', 'ocsp', pki.servers.urls.ocsp]);
  assert.deepEqual(again.der, a.der);

  // The first certificate's answer is not the second's: it is fetched for itself.
  const b = await checkRevocation(second.info, pki.intermediate.info, { allowOnline: true, reuse });
  assert.equal(ocspHits() - before, 2);
  assert.equal(b.status, 'good');
  assert.equal(reuse.answer(second.info, pki.root.info), undefined, 'kept per certificate and issuer');
  // Handed on as plain data (to the next long-work task), it answers there too.
  const handed = new RevocationReuse(reuse.answers);
  assert.equal(handed.answer(first.info, pki.intermediate.info)?.status, 'good');
});

test('a kept answer is verified again: altered bytes, one past its nextUpdate or older than the window are not reused', async () => {
  const reuse = new RevocationReuse();
  const fetched = await checkRevocation(first.info, pki.intermediate.info, { allowOnline: true, reuse });
  const [kept] = reuse.answers;
  const altered = kept.der.slice();
  altered[altered.length - 10] ^= 0xff;
  assert.equal(new RevocationReuse([{ ...kept, der: altered }]).answer(first.info, pki.intermediate.info), undefined, 'altered signature');
  assert.ok(fetched.nextUpdate);
  assert.equal(reuse.answer(first.info, pki.intermediate.info, fetched.nextUpdate.getTime() + 1), undefined, 'past nextUpdate');
  assert.equal(new RevocationReuse(reuse.answers, 0).answer(first.info, pki.intermediate.info, kept.fetchedAt + 1), undefined, 'older than the window');

  // Revoked meanwhile: once the window has passed, the next question goes online and sees it.
  const later = await pki.issueSoftwareLeaf({ subject: { commonName: '稍后吊销' } });
  const short = new RevocationReuse([], 0);
  assert.equal((await checkRevocation(later.info, pki.intermediate.info, { allowOnline: true, reuse: short })).status, 'good');
  pki.revoke(later.info, 'keyCompromise', new Date(Date.now() - 1000));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal((await checkRevocation(later.info, pki.intermediate.info, { allowOnline: true, reuse: short })).status, 'revoked');
});
