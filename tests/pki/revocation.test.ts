import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import {
  buildOcspRequest,
  checkRevocation,
  crlStatusOf,
  fetchCrlStatus,
  fetchOcspStatus,
  parseCrl,
  parseOcspRequest,
  parseOcspResponse,
  parseSignedData,
  verifyCrl,
  verifyOcspResponse,
} from '../../src-main/core/pki/index.js';
import { getTestPki, type SoftwareLeaf, type TestPki } from '../support/test-pki.js';
import { inkstoneError, openssl, opensslAsync, tempDir } from './helpers.js';

let pki: TestPki;
let good: SoftwareLeaf;
let revoked: SoftwareLeaf;
const revokedAt = new Date(Date.now() - 3 * 3600_000);
const tmp = tempDir('inkstone-pki-rev-');

before(async () => {
  pki = await getTestPki();
  good = await pki.issueSoftwareLeaf({ subject: { commonName: '状态良好' } });
  revoked = await pki.issueSoftwareLeaf({ subject: { commonName: '已吊销' } });
  pki.revoke(revoked.info, 'keyCompromise', revokedAt);
});
after(() => tmp.cleanup());

test('OCSP: good from the delegated responder, with the nonce echoed', async () => {
  const status = await fetchOcspStatus(good.info, pki.intermediate.info);
  assert.equal(status.status, 'good');
  assert.equal(status.delegated, true);
  assert.equal(status.responder.sha256, pki.ocspResponder.info.sha256);
  assert.equal(status.nonceMatches, true);
  assert.equal(status.source, pki.servers.urls.ocsp);
  assert.ok(status.nextUpdate && status.nextUpdate > new Date());
  assert.deepEqual(
    parseOcspResponse(status.der).certificates.map((c) => c.sha256),
    [pki.ocspResponder.info.sha256],
  );
});

test('OCSP: revoked, with the revocation time and reason', async () => {
  const status = await fetchOcspStatus(revoked.certificate, pki.intermediate.certificate);
  assert.equal(status.status, 'revoked');
  assert.equal(status.revocationReason, 'keyCompromise');
  assert.equal(status.revocationTime?.getTime(), Math.floor(revokedAt.getTime() / 1000) * 1000);
});

test('OCSP: the intermediate is answered by the root itself (not delegated)', async () => {
  const status = await fetchOcspStatus(pki.intermediate.info, pki.root.info);
  assert.equal(status.status, 'good');
  assert.equal(status.delegated, false);
  assert.equal(status.responder.sha256, pki.root.info.sha256);
});

test('OpenSSL accepts our OCSP request and the responder’s answer', async () => {
  const leafFile = path.join(tmp.dir, 'revoked.pem');
  const issuerFile = path.join(tmp.dir, 'intermediate.pem');
  writeFileSync(leafFile, revoked.pem);
  writeFileSync(issuerFile, pki.intermediate.pem);
  const out = await opensslAsync(['ocsp', '-issuer', issuerFile, '-cert', leafFile, '-url', pki.servers.urls.ocsp, '-CAfile', pki.rootPemPath, '-resp_text']);
  assert.ok(out.ok, out.out);
  assert.match(out.out, /Response verify OK/);
  assert.match(out.out, /revoked\.pem: revoked/);
  assert.match(out.out, /Reason: keyCompromise/);

  const request = buildOcspRequest(good.info, pki.intermediate.info);
  const requestFile = path.join(tmp.dir, 'req.der');
  writeFileSync(requestFile, request.der);
  const printed = openssl(['ocsp', '-reqin', requestFile, '-req_text']);
  assert.ok(printed.ok, printed.out);
  assert.match(printed.out, new RegExp(`Serial Number: ${good.info.serialNumber}`, 'i'));
  assert.match(printed.out, /OCSP Nonce/);
  assert.deepEqual(parseOcspRequest(request.der), { certIds: [request.certId], nonce: request.nonce });
});

test('an OCSP response is refused when altered, about another certificate, or from an unauthorised signer', async () => {
  const status = await fetchOcspStatus(good.info, pki.intermediate.info);
  const altered = new Uint8Array(status.der);
  const at = Buffer.from(altered).indexOf(Buffer.from(good.info.serialNumber, 'hex'));
  altered[at + 2] ^= 1;
  assert.throws(() => verifyOcspResponse(altered, good.info, pki.intermediate.info), inkstoneError('PKI_OCSP_RESPONSE_INVALID'));
  assert.throws(
    () => verifyOcspResponse(status.der, revoked.info, pki.intermediate.info),
    inkstoneError('PKI_OCSP_RESPONSE_INVALID', (d) => /does not answer/.test(String(d.reason))),
  );
  // The root did not issue the delegated responder, so it cannot vouch for the root's certificates.
  const intermediateStatus = await fetchOcspStatus(pki.intermediate.info, pki.root.info);
  assert.throws(() => verifyOcspResponse(intermediateStatus.der, good.info, pki.intermediate.info), inkstoneError('PKI_OCSP_RESPONSE_INVALID'));
  // A nonce that is not ours.
  assert.throws(
    () => verifyOcspResponse(status.der, good.info, pki.intermediate.info, { nonce: new Uint8Array(16) }),
    inkstoneError('PKI_OCSP_RESPONSE_INVALID', (d) => /nonce/.test(String(d.reason))),
  );
  assert.throws(() => parseOcspResponse(new Uint8Array([1, 2, 3])), inkstoneError('PKI_OCSP_RESPONSE_INVALID'));
});

test('CRL: downloaded, verified against the issuer, revoked and good serials looked up', async () => {
  const onCrl = await fetchCrlStatus(revoked.info, pki.intermediate.info);
  assert.equal(onCrl.status, 'revoked');
  assert.equal(onCrl.revocationReason, 'keyCompromise');
  assert.equal(onCrl.revocationTime?.getTime(), Math.floor(revokedAt.getTime() / 1000) * 1000);
  assert.equal(crlStatusOf(onCrl.crl, good.info).status, 'good');
  assert.ok(onCrl.crl.crlNumber);
  assert.equal(onCrl.crl.authorityKeyId, pki.intermediate.info.subjectKeyId);

  // OpenSSL reads and verifies the same CRL.
  const crlFile = path.join(tmp.dir, 'intermediate.crl');
  const issuerFile = path.join(tmp.dir, 'int-for-crl.pem');
  writeFileSync(crlFile, onCrl.crl.der);
  writeFileSync(issuerFile, pki.intermediate.pem);
  const out = openssl(['crl', '-inform', 'DER', '-in', crlFile, '-CAfile', issuerFile, '-noout', '-text']);
  assert.ok(out.ok, out.out);
  assert.match(out.out, /verify OK/);
  assert.match(out.out.replace(/:/g, '').toLowerCase(), new RegExp(`serial number ${revoked.info.serialNumber}`));

  // Verified only by its own issuer; a damaged CRL is refused.
  assert.throws(() => verifyCrl(onCrl.crl.der, pki.root.info), inkstoneError('PKI_CRL_INVALID'));
  const damaged = new Uint8Array(onCrl.crl.der);
  damaged[damaged.length - 3] ^= 1;
  assert.throws(
    () => verifyCrl(damaged, pki.intermediate.info),
    inkstoneError('PKI_CRL_INVALID', (d) => /signature/.test(String(d.reason))),
  );
  assert.equal(parseCrl(onCrl.crl.der).revoked.get(revoked.info.serialNumber)?.reason, 'keyCompromise');

  // A CMS that carries the CRL (RevocationInfoChoices) hands it back byte for byte.
  const keyFile = path.join(tmp.dir, 'good.key');
  const certFile = path.join(tmp.dir, 'good.pem');
  const cmsFile = path.join(tmp.dir, 'signed.p7s');
  writeFileSync(keyFile, good.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(certFile, good.pem);
  const made = openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-in', crlFile, '-signer', certFile, '-inkey', keyFile, '-out', cmsFile]);
  assert.ok(made.ok, made.out);
  const contentInfo = pkijs.ContentInfo.fromBER(readFileSync(cmsFile));
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  signedData.crls = [pkijs.CertificateRevocationList.fromBER(new Uint8Array(onCrl.crl.der))];
  const withCrl = new Uint8Array(new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema() }).toSchema().toBER(false));
  const carried = parseSignedData(withCrl).revocationValues;
  assert.deepEqual(carried.crls, [onCrl.crl.der]);
  assert.equal(verifyCrl(carried.crls[0], pki.intermediate.info).crlNumber, onCrl.crl.crlNumber);
});

test('checkRevocation uses what is at hand first and goes online only when allowed', async () => {
  const leaf = await pki.issueSoftwareLeaf({ subject: { commonName: 'Offline' } });
  await assert.rejects(checkRevocation(leaf.info, pki.intermediate.info, { allowOnline: false }), inkstoneError('PKI_REVOCATION_OFFLINE'));

  const hitsBefore = pki.servers.hits('/ocsp');
  const online = await checkRevocation(leaf.info, pki.intermediate.info, { allowOnline: true });
  assert.equal(online.kind, 'ocsp');
  assert.equal(online.status, 'good');
  assert.equal(pki.servers.hits('/ocsp'), hitsBefore + 1);
  assert.deepEqual(
    online.certificates.map((c) => c.sha256),
    [pki.ocspResponder.info.sha256],
  );

  // The same DER, as a DSS would hold it, answers offline without a request.
  const embedded = await checkRevocation(leaf.info, pki.intermediate.info, { allowOnline: false, embedded: { ocspResponses: [online.der] } });
  assert.equal(embedded.source, 'embedded');
  assert.equal(embedded.status, 'good');
  assert.equal(pki.servers.hits('/ocsp'), hitsBefore + 1);

  // A CRL at hand answers too; data about other certificates does not.
  const crl = await fetchCrlStatus(revoked.info, pki.intermediate.info);
  const fromCrl = await checkRevocation(revoked.info, pki.intermediate.info, {
    allowOnline: false,
    embedded: { crls: [crl.crl.der], ocspResponses: [online.der] },
  });
  assert.deepEqual([fromCrl.kind, fromCrl.status], ['crl', 'revoked']);
  await assert.rejects(
    checkRevocation(good.info, pki.root.info, { allowOnline: false, embedded: { crls: [crl.crl.der] } }),
    inkstoneError('PKI_REVOCATION_OFFLINE'),
  );

  // The root names no revocation source.
  await assert.rejects(checkRevocation(pki.root.info, pki.root.info, { allowOnline: true }), inkstoneError('PKI_REVOCATION_NO_SOURCE'));
});
