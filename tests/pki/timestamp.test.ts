import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  buildCertificatePath,
  buildTimestampRequest,
  createTimestampAuthority,
  createTsaIdentity,
  digest,
  loadTsaIdentity,
  OID,
  requestTimestamp,
  TrustStore,
  verifyTimestampToken,
} from '../../src-main/core/pki/index.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { inkstoneError, openssl, tempDir } from './helpers.js';

let pki: TestPki;
const tmp = tempDir('inkstone-pki-tsa-');

before(async () => {
  pki = await getTestPki();
});
after(() => tmp.cleanup());

const imprintOf = (data: Uint8Array) => digest('SHA-256', data);

test('a token from the loopback TSA is checked, chains to the root at genTime, and OpenSSL agrees', async () => {
  const data = randomBytes(1000);
  const before = Date.now();
  const ts = await requestTimestamp({ urls: [pki.tsa.url], imprint: imprintOf(data), hashAlgorithm: 'SHA-256', timeoutMs: 5000 });
  assert.ok(ts.genTime.getTime() >= before - 1000 && ts.genTime.getTime() <= Date.now() + 1000);
  assert.equal(ts.accuracyMs, 1000);
  assert.equal(ts.policy, pki.tsa.policyOid);
  assert.equal(ts.url, pki.tsa.url);
  assert.equal(ts.tsaCertificate.subject.commonName, 'Inkstone Test TSA 测试时间戳服务');
  assert.match(ts.serial, /^[0-9a-f]+$/);

  const check = verifyTimestampToken(ts.token, { imprint: imprintOf(data), hashAlgorithm: 'SHA-256' });
  assert.equal(check.valid, true, check.problem);
  assert.equal(check.imprintMatches, true);
  assert.equal(check.tsaCertificateUsageOk, true);
  assert.equal(check.signature.signingCertV2Matches, true);
  assert.equal(check.tstInfo.tsaName, ts.tsaCertificate.subject.text);
  const path_ = buildCertificatePath(check.tsaCertificate!, { trustStore: pki.trustStore(), pool: check.cms.certificates, at: check.tstInfo.genTime });
  assert.ok(path_.ok);
  assert.equal(path_.anchor.sha256, pki.root.info.sha256);

  // OpenSSL's RFC 3161 verifier checks signature, ESS binding, critical EKU and the chain.
  const tokenFile = path.join(tmp.dir, 'token.der');
  const dataFile = path.join(tmp.dir, 'data.bin');
  writeFileSync(tokenFile, ts.token);
  writeFileSync(dataFile, data);
  const out = openssl(['ts', '-verify', '-token_in', '-in', tokenFile, '-data', dataFile, '-CAfile', pki.rootPemPath]);
  assert.ok(out.ok && /Verification: OK/.test(out.out), out.out);

  // Asked to, the client also insists on a trusted TSA.
  const trusted = await requestTimestamp({ urls: [pki.tsa.url], imprint: imprintOf(data), hashAlgorithm: 'SHA-256', trustStore: pki.trustStore() });
  assert.equal(trusted.tsaCertificate.sha256, ts.tsaCertificate.sha256);
  await assert.rejects(
    requestTimestamp({ urls: [pki.tsa.url], imprint: imprintOf(data), hashAlgorithm: 'SHA-256', trustStore: new TrustStore() }),
    inkstoneError('PKI_TSA_RESPONSE_INVALID', (d) => /UNTRUSTED_ROOT/.test(String(d.reason))),
  );

  // Other data, or a changed token, do not pass.
  assert.equal(verifyTimestampToken(ts.token, { imprint: imprintOf(randomBytes(5)) }).imprintMatches, false);
  assert.equal(verifyTimestampToken(ts.token, { imprint: imprintOf(randomBytes(5)) }).valid, false);
  const tstAt = Buffer.from(ts.token).indexOf(Buffer.from(check.tstInfo.imprint));
  const altered = new Uint8Array(ts.token);
  altered[tstAt] ^= 1;
  const alteredCheck = verifyTimestampToken(altered);
  assert.equal(alteredCheck.valid, false);
  assert.equal(alteredCheck.signature.digestMatches, false);
});

test('a TSA answering with another nonce is refused (PKI_TSA_RESPONSE_INVALID)', async () => {
  await assert.rejects(
    requestTimestamp({ urls: [pki.servers.urls.tsaWrongNonce], imprint: imprintOf(randomBytes(8)), hashAlgorithm: 'SHA-256' }),
    inkstoneError('PKI_TSA_RESPONSE_INVALID', (d) => /nonce/.test(String(d.reason)) && d.url === pki.servers.urls.tsaWrongNonce),
  );
});

test('a TSA whose certificate lacks the critical timeStamping usage is refused', async () => {
  await assert.rejects(
    requestTimestamp({ urls: [pki.servers.urls.tsaWrongEku], imprint: imprintOf(randomBytes(8)), hashAlgorithm: 'SHA-256' }),
    inkstoneError('PKI_TSA_RESPONSE_INVALID', (d) => /not critical/.test(String(d.reason))),
  );
  // And such a certificate cannot be used to run a TSA here at all.
  const leaf = await pki.issueSoftwareLeaf({ subject: { commonName: 'Not a TSA' }, extendedKeyUsage: [OID.kpTimeStamping] });
  const key = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    leaf.privateKey.export({ type: 'pkcs8', format: 'der' }),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  assert.throws(() => createTimestampAuthority({ certificate: leaf.certificate, privateKey: key, policyOid: '1.2.3' }), inkstoneError('PKI_TSA_CONFIGURATION'));
  assert.throws(
    () => createTimestampAuthority({ certificate: pki.tsa.certificate, privateKey: key, policyOid: '1.2.3' }),
    inkstoneError('PKI_TSA_CONFIGURATION', (d) => /does not belong/.test(String(d.reason))),
  );
  assert.throws(
    () => createTimestampAuthority({ ...pki.tsa, policyOid: 'tsa-policy' }),
    inkstoneError('PKI_TSA_CONFIGURATION', (d) => /object identifier/.test(String(d.reason))),
  );
});

test('the client fails over across TSAs and reports every URL when all fail', async () => {
  const { urls } = pki.servers;
  const ts = await requestTimestamp({
    urls: [urls.unreachable, urls.tsaServerError, urls.tsa],
    imprint: imprintOf(randomBytes(8)),
    hashAlgorithm: 'SHA-256',
    timeoutMs: 3000,
  });
  assert.equal(ts.url, urls.tsa);

  await assert.rejects(
    requestTimestamp({ urls: [urls.unreachable, urls.tsaServerError], imprint: imprintOf(randomBytes(8)), hashAlgorithm: 'SHA-256', timeoutMs: 3000 }),
    inkstoneError('PKI_TSA_UNREACHABLE', (d) => {
      const attempts = d.attempts as { url: string }[];
      return attempts.length === 2 && attempts[0].url === urls.unreachable && /HTTP 500/.test(String(d.reasons));
    }),
  );
  // A TSA that answered wrongly is the error reported, even after an unreachable one.
  await assert.rejects(
    requestTimestamp({ urls: [urls.unreachable, urls.tsaWrongNonce], imprint: imprintOf(randomBytes(8)), hashAlgorithm: 'SHA-256', timeoutMs: 3000 }),
    inkstoneError('PKI_TSA_RESPONSE_INVALID'),
  );
});

test('a TSA refusal comes back as PKI_TSA_REJECTED with the RFC 3161 failure reason', async () => {
  await assert.rejects(
    requestTimestamp({ urls: [pki.tsa.url], imprint: imprintOf(randomBytes(8)), hashAlgorithm: 'SHA-256', policyOid: '1.2.3.4.5' }),
    inkstoneError('PKI_TSA_REJECTED', (d) => d.status === 'rejection' && /unacceptedPolicy/.test(String(d.failure))),
  );
});

test('the TSA answers bad requests with rejections, never by throwing, and issues increasing serials', async () => {
  const tsa = createTimestampAuthority({
    certificate: pki.tsa.certificate,
    chain: pki.tsa.chain,
    privateKey: pki.tsa.privateKey,
    policyOid: pki.tsa.policyOid,
  });
  const status = async (der: Uint8Array) => {
    const resp = new pkijs.TimeStampResp({ schema: asn1js.fromBER((await tsa.respond(der)).slice().buffer).result });
    const failInfo = resp.status.failInfo ? Buffer.from(resp.status.failInfo.valueBlock.valueHexView).toString('hex') : '';
    return { status: resp.status.status as number, failInfo, token: resp.timeStampToken };
  };
  assert.deepEqual(await status(randomBytes(40)), { status: 2, failInfo: '04', token: undefined }); // badDataFormat (bit 5)
  const sha1Request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha1 }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(20).buffer }),
    }),
  });
  assert.deepEqual(await status(new Uint8Array(sha1Request.toSchema().toBER(false))), { status: 2, failInfo: '80', token: undefined }); // badAlg (bit 0)
  const shortImprint = buildTimestampRequest(new Uint8Array(32), 'SHA-256', 5n).slice();
  const granted = await status(shortImprint);
  assert.equal(granted.status, 0);
  assert.ok(granted.token);

  const serials: bigint[] = [];
  for (let i = 0; i < 5; i++) {
    const token = await tsa.stamp(imprintOf(new Uint8Array([i])), 'SHA-256');
    const check = verifyTimestampToken(token, { imprint: imprintOf(new Uint8Array([i])) });
    assert.ok(check.valid, check.problem);
    serials.push(BigInt(`0x${check.tstInfo.serialNumber}`));
  }
  for (let i = 1; i < serials.length; i++) assert.ok(serials[i] > serials[i - 1]);
  // stamp() carries the certificates; a response without certReq carries none.
  const bare = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(32).buffer }),
    }),
  });
  const noCerts = await status(new Uint8Array(bare.toSchema().toBER(false)));
  const tokenDer = new Uint8Array(noCerts.token!.toSchema().toBER(false));
  assert.equal(verifyTimestampToken(tokenDer).cms.certificates.length, 0);
  assert.equal(verifyTimestampToken(tokenDer).valid, false);
  assert.equal(verifyTimestampToken(tokenDer, { tsaCertificate: pki.tsa.certificate }).valid, true);
});

test('a self-hosted TSA identity is created, stored as PEM, reloaded, and its tokens verify against its own root', async () => {
  const identity = await createTsaIdentity({ commonName: '某某存证时间戳服务', organisation: '某某科技有限公司', country: 'CN' });
  const pem = await identity.toPem();
  assert.match(pem.privateKey, /-----BEGIN PRIVATE KEY-----/);
  const loaded = await loadTsaIdentity(pem);
  assert.deepEqual(loaded.certificate, identity.certificate);
  assert.deepEqual(loaded.rootCertificate, identity.rootCertificate);

  const tsa = createTimestampAuthority({
    certificate: loaded.certificate,
    chain: loaded.chain,
    privateKey: loaded.privateKey,
    policyOid: '1.3.6.1.4.1.99999.3',
  });
  const imprint = imprintOf(randomBytes(20));
  const token = await tsa.stamp(imprint, 'SHA-256');
  const check = verifyTimestampToken(token, { imprint });
  assert.ok(check.valid, check.problem);
  assert.equal(check.tsaCertificate?.subject.commonName, '某某存证时间戳服务');
  const chain = buildCertificatePath(check.tsaCertificate!, {
    trustStore: new TrustStore([identity.rootCertificate]),
    pool: check.cms.certificates,
    at: check.tstInfo.genTime,
  });
  assert.ok(chain.ok);
  assert.equal(buildCertificatePath(check.tsaCertificate!, { trustStore: pki.trustStore(), pool: check.cms.certificates }).ok, false);

  await assert.rejects(loadTsaIdentity({ ...pem, certificate: pki.root.pem }), inkstoneError('PKI_TSA_CONFIGURATION'));
});
