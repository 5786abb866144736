import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signDocument, SigningSession, type PadesLevel } from '../../src-main/core/signing/index.js';
import { OID, verifyTimestampToken } from '../../src-main/core/pki/index.js';
import type { Signer } from '../../src-main/core/tokens/index.js';
import { chinesePdf, simplePdf } from '../fixtures/pdfs.js';
import { assertNoOutput, readSigned, setUp, tearDown, typed, type SigningHarness } from './harness.js';
import { assertPdfsigValid, assertQpdfClean } from './judges.js';

let h: SigningHarness;
before(async () => {
  h = await setUp('signing-levels');
});
after(tearDown);

async function withSigner<T>(open: () => Promise<Signer>, use: (signer: Signer) => Promise<T>): Promise<T> {
  const signer = await open();
  try {
    return await use(signer);
  } finally {
    await signer.close();
  }
}

test('B-B from a SoftHSM RSA key: pdfsig valid and trusted, qpdf clean, CAdES attributes, signing record, input untouched', async () => {
  const input = await chinesePdf();
  const original = readFileSync(input);
  await withSigner(
    () => h.tokenSigner(h.leaves.zhangSan),
    async (signer) => {
      const output = h.out('bb-rsa');
      const record = await signDocument({ input, output, signer, reason: '同意本合同全部条款', location: '北京', commitment: 'proof-of-approval' });
      assert.deepEqual(readFileSync(input), original, 'the input is never modified');
      await assertQpdfClean(output);
      const [judged] = await assertPdfsigValid(output, h.nss, 1);
      assert.equal(judged.commonName, '张三');
      assert.equal(judged.type, 'ETSI.CAdES.detached');
      assert.ok(judged.totalDocument);

      const { signatures, revisions } = readSigned(output);
      assert.equal(revisions, 2, 'one incremental update on top of the original');
      const [{ info, cms }] = signatures;
      assert.equal(info.subFilter, 'ETSI.CAdES.detached');
      assert.equal(info.reason, '同意本合同全部条款');
      assert.equal(info.location, '北京');
      assert.ok(info.signingTime, 'the claimed time is in /M');
      const attrs = cms.signedAttributes!;
      assert.equal(attrs.contentType, OID.data);
      assert.equal(attrs.signingTime, undefined, 'no CMS signing-time in PAdES');
      assert.equal(attrs.commitmentType, 'proof-of-approval');
      assert.equal(attrs.signingCertificateV2?.length, 1);
      assert.equal(cms.certificates.length, 3, 'the signer with its chain');
      assert.equal(cms.signatureAlgorithm.scheme?.kind, 'rsa-pkcs1');
      assert.equal(cms.signatureTimestamps.length, 0);

      assert.equal(record.level, 'B-B');
      assert.equal(record.fieldName, info.fieldName);
      assert.equal(record.signer.commonName, '张三');
      assert.equal(record.signer.organisation, '北京某某律师事务所');
      assert.equal(record.signer.assurance, 'hardware-token');
      assert.equal(record.commitment, 'proof-of-approval');
      assert.equal(record.timestampTime, null);
      assert.equal(record.input.sha256, createHash('sha256').update(original).digest('hex'));
      assert.equal(record.output.sha256, createHash('sha256').update(readFileSync(output)).digest('hex'));
      assert.equal(record.output.size, readFileSync(output).length);
      assert.ok(record.reservation.used <= record.reservation.reserved);
      assert.ok(
        record.reservation.reserved - record.reservation.used < 3000,
        `the reservation fits the signature closely (${record.reservation.reserved} for ${record.reservation.used})`,
      );
    },
  );
});

test('EC P-256 and P-384, RSA-PSS (RSA 3072), SHA-384/512 and a PKCS#12 file: each accepted by pdfsig and qpdf', async () => {
  const input = await simplePdf();
  const cases = [
    { name: 'p256', open: () => h.tokenSigner(h.leaves.liSi), kind: 'ecdsa', hash: 'SHA-256' },
    { name: 'p384', open: () => h.tokenSigner(h.leaves.bob), kind: 'ecdsa', hash: 'SHA-384' },
    { name: 'pss', open: () => h.tokenSigner(h.leaves.alice), kind: 'rsa-pss', hash: 'SHA-256', rsaPss: true },
    { name: 'rsa-sha512', open: () => h.tokenSigner(h.leaves.zhangSan), kind: 'rsa-pkcs1', hash: 'SHA-512' },
    { name: 'pkcs12', open: () => h.pkcs12Signer(), kind: 'rsa-pkcs1', hash: 'SHA-256' },
  ] as const;
  for (const c of cases) {
    await withSigner(c.open, async (signer) => {
      const output = h.out(c.name);
      const record = await signDocument({ input, output, signer, digestAlgorithm: c.hash, ...('rsaPss' in c ? { rsaPss: true } : {}) });
      await assertQpdfClean(output);
      await assertPdfsigValid(output, h.nss, 1);
      const [{ cms }] = readSigned(output).signatures;
      assert.equal(cms.signatureAlgorithm.scheme?.kind, c.kind, c.name);
      assert.equal(cms.digestAlgorithm.name, c.hash, c.name);
      assert.equal(record.digestAlgorithm, c.hash);
      if (c.name === 'pkcs12') assert.equal(record.signer.assurance, 'software-key', 'a PKCS#12 key says it is a copyable file');
    });
  }
});

test('refused before the key is used: expired, not yet valid, no signing key usage (typed, no output)', async () => {
  const input = await simplePdf();
  const cases = [
    [h.leaves.expired, 'PKI_CERT_EXPIRED'],
    [h.leaves.notYetValid, 'PKI_CERT_NOT_YET_VALID'],
    [h.leaves.noSigningUsage, 'PKI_CERT_KEY_USAGE'],
  ] as const;
  for (const [leaf, code] of cases) {
    await withSigner(
      () => h.tokenSigner(leaf),
      async (signer) => {
        let used = 0;
        const counting: Signer = {
          ...signer,
          certificate: signer.certificate,
          chain: signer.chain,
          sign: (d, p) => (used++, signer.sign(d, p)),
          close: () => signer.close(),
        };
        const output = h.out(code);
        await assert.rejects(signDocument({ input, output, signer: counting }), typed(code));
        assert.equal(used, 0, 'the key was never asked to sign');
        assertNoOutput(output);
      },
    );
  }
});

test('B-T: a signature timestamp from the loopback TSA, failing over past dead and broken servers', async () => {
  const urls = h.pki.servers.urls;
  await withSigner(
    () => h.tokenSigner(h.leaves.liSi),
    async (signer) => {
      const output = h.out('bt');
      const record = await signDocument({
        input: await simplePdf(),
        output,
        signer,
        level: 'B-T',
        timestampUrls: [urls.unreachable, urls.tsaServerError, urls.tsa],
      });
      await assertQpdfClean(output);
      await assertPdfsigValid(output, h.nss, 1);
      const [{ cms }] = readSigned(output).signatures;
      assert.equal(cms.signatureTimestamps.length, 1);
      const token = verifyTimestampToken(cms.signatureTimestamps[0], {
        imprint: createHash('sha256').update(cms.signatureValue).digest(),
        hashAlgorithm: 'SHA-256',
      });
      assert.ok(token.valid, token.problem);
      assert.equal(record.level, 'B-T');
      assert.ok(record.timestampTime && Math.abs(record.timestampTime.getTime() - Date.now()) < 60_000);

      // Every server failing is a typed error and leaves nothing behind.
      const none = h.out('bt-none');
      await assert.rejects(
        signDocument({ input: await simplePdf(), output: none, signer, level: 'B-T', timestampUrls: [urls.unreachable, urls.tsaServerError] }),
        typed('PKI_TSA_UNREACHABLE'),
      );
      assertNoOutput(none);
      // A TSA whose token cannot be trusted is refused, not embedded.
      const wrong = h.out('bt-wrong-eku');
      await assert.rejects(
        signDocument({ input: await simplePdf(), output: wrong, signer, level: 'B-T', timestampUrls: [urls.tsaWrongEku] }),
        typed('PKI_TSA_RESPONSE_INVALID'),
      );
      assertNoOutput(wrong);
      await assert.rejects(signDocument({ input: await simplePdf(), output: h.out('bt-no-tsa'), signer, level: 'B-T' }), typed('SIGN_TSA_REQUIRED'));
    },
  );
});

test('B-LT: a DSS with the chain, the TSA and OCSP answers fetched from AIA, and a supplied CRL; B-LTA: a document timestamp over it', async () => {
  const urls = h.pki.servers.urls;
  const rootCrl = new Uint8Array(await (await fetch(urls.crl('root'))).arrayBuffer());
  await withSigner(
    () => h.tokenSigner(h.leaves.zhangSan),
    async (signer) => {
      for (const level of ['B-LT', 'B-LTA'] as PadesLevel[]) {
        const output = h.out(level);
        const ocspBefore = h.pki.servers.hits('/ocsp');
        const record = await signDocument({ input: await simplePdf(), output, signer, level, timestampUrls: [urls.tsa], validationData: { crls: [rootCrl] } });
        assert.equal(record.level, level);
        await assertQpdfClean(output);
        const { signatures, revisions, dss } = readSigned(output);
        await assertPdfsigValid(output, h.nss, signatures.length);
        assert.ok(dss, 'the document has a DSS');
        const certs = dss.certs.map((c) => createHash('sha256').update(c.bytes).digest('hex'));
        for (const der of [h.leaves.zhangSan.certificate, h.pki.intermediate.certificate, h.pki.root.certificate, h.pki.tsa.certificate]) {
          assert.ok(certs.includes(createHash('sha256').update(der).digest('hex')), 'the DSS holds the signer chain and the TSA certificate');
        }
        assert.ok(certs.includes(createHash('sha256').update(h.pki.ocspResponder.certificate).digest('hex')), 'and the OCSP responder that answered');
        assert.ok(dss.ocsps.length >= 1, 'the leaf’s status came from its OCSP responder');
        assert.ok(h.pki.servers.hits('/ocsp') > ocspBefore, 'OCSP was asked online');
        assert.deepEqual(
          dss.crls.map((c) => Buffer.from(c.bytes)),
          [Buffer.from(rootCrl)],
          'the supplied CRL answered for the certificates the root issued',
        );
        if (level === 'B-LT') {
          assert.equal(revisions, 3, 'signature, then DSS');
          assert.equal(signatures.length, 1);
        } else {
          assert.equal(revisions, 4, 'signature, DSS, document timestamp');
          const dts = signatures.find((s) => s.info.type === 'DocTimeStamp')!;
          assert.equal(dts.info.subFilter, 'ETSI.RFC3161');
          assert.equal(dts.info.revision, 3, 'the document timestamp covers the DSS revision');
        }
      }
    },
  );
});

test('B-LT refuses a revoked signer before signing; a session shares the TSA size probe and revocation answers', async () => {
  const urls = h.pki.servers.urls;
  await withSigner(
    () => h.tokenSigner(h.leaves.revoked),
    async (signer) => {
      const output = h.out('revoked');
      await assert.rejects(
        signDocument({ input: await simplePdf(), output, signer, level: 'B-LT', timestampUrls: [urls.tsa] }),
        typed('SIGN_CERTIFICATE_REVOKED'),
      );
      assertNoOutput(output);
    },
  );
  await withSigner(
    () => h.tokenSigner(h.leaves.liSi),
    async (signer) => {
      const session = new SigningSession({ timestampUrls: [urls.tsa] });
      const tsaBefore = h.pki.servers.hits('/tsa');
      const ocspBefore = h.pki.servers.hits('/ocsp');
      for (let i = 0; i < 3; i++) await signDocument({ input: await simplePdf(), output: h.out(`session-${i}`), signer, level: 'B-LT', session });
      assert.equal(h.pki.servers.hits('/tsa') - tsaBefore, 1 + 3, 'one size probe, then one token per signature');
      const ocspPerDocument = h.pki.servers.hits('/ocsp') - ocspBefore;
      assert.ok(ocspPerDocument <= 3, `revocation answers are reused across the session (${ocspPerDocument} OCSP requests for 3 documents)`);
    },
  );
});
