import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { findSignatures, PdfDocument } from '../../src-main/core/pdf/index.js';
import { OID, parseCertificate, parseSignedData, type CertificateInfo } from '../../src-main/core/pki/index.js';
import { padesCorpusFiles } from '../fixtures/pdfs.js';

/**
 * The extensions read from their DER (AIA, CRL distribution points, authority key identifier,
 * policies) against pkijs's own classes, on every certificate embedded in the EU DSS corpus's
 * signatures: real CAs from a dozen countries and three decades.
 */

function byPkijs(der: Uint8Array): Pick<CertificateInfo, 'ocspUrls' | 'caIssuerUrls' | 'crlUrls' | 'authorityKeyId' | 'policies'> {
  const cert = new pkijs.Certificate({ schema: asn1js.fromBER(new Uint8Array(der).buffer).result });
  const ext = <T>(oid: string) => cert.extensions?.find((e) => e.extnID === oid)?.parsedValue as T | undefined;
  const uris = (names: pkijs.GeneralName[] | undefined) => (names ?? []).filter((n) => n.type === 6).map((n) => n.value as string);
  const aia = ext<pkijs.InfoAccess>(OID.authorityInfoAccess);
  const access = (method: string) => uris(aia?.accessDescriptions.filter((d) => d.accessMethod === method).map((d) => d.accessLocation));
  const aki = ext<pkijs.AuthorityKeyIdentifier>(OID.authorityKeyIdentifier);
  return {
    ocspUrls: access(OID.accessOcsp),
    caIssuerUrls: access(OID.accessCaIssuers),
    crlUrls: (ext<pkijs.CRLDistributionPoints>(OID.crlDistributionPoints)?.distributionPoints ?? []).flatMap((dp) =>
      Array.isArray(dp.distributionPoint) ? uris(dp.distributionPoint) : [],
    ),
    authorityKeyId: aki?.keyIdentifier ? Buffer.from(aki.keyIdentifier.valueBlock.valueHexView).toString('hex') : undefined,
    policies: ext<pkijs.CertificatePolicies>(OID.certificatePolicies)?.certificatePolicies.map((p) => p.policyIdentifier) ?? [],
  };
}

test('certificate extensions read from DER agree with pkijs on every certificate of the corpus', () => {
  const seen = new Map<string, Uint8Array>();
  for (const file of padesCorpusFiles()) {
    const doc = PdfDocument.openFile(file);
    try {
      for (const sig of findSignatures(doc)) {
        if (!sig.contents) continue;
        try {
          for (const cert of parseSignedData(sig.contents).certificates) seen.set(cert.sha256, cert.der);
        } catch {
          // An undecodable CMS (BadEncodedCMS.pdf) has no certificates to compare.
        }
      }
    } finally {
      doc.close();
    }
  }
  assert.ok(seen.size >= 40, `${seen.size} certificates`);
  let withUrls = 0;
  for (const der of seen.values()) {
    const ours = parseCertificate(der);
    const expected = byPkijs(der);
    assert.deepEqual(
      { ocspUrls: ours.ocspUrls, caIssuerUrls: ours.caIssuerUrls, crlUrls: ours.crlUrls, authorityKeyId: ours.authorityKeyId, policies: ours.policies },
      expected,
      ours.subject.text,
    );
    if (ours.crlUrls.length && ours.ocspUrls.length) withUrls++;
  }
  assert.ok(withUrls >= 10, `${withUrls} certificates with both CRL and OCSP URLs`);
});
