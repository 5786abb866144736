import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { parseCertificate, toCertificateInfo, type CertificateInfo } from './certificate.js';
import { decodeAsn1, encodeDer } from './der.js';
import { pkiHttp, PkiHttpError } from './http.js';
import { OID } from './oids.js';

/**
 * "AIA chasing": downloading the issuer of a certificate from its caIssuers URL, for when a token or
 * a document carries the signer's certificate without its intermediates. The answer is a DER
 * certificate or a PKCS#7 certs-only bundle (RFC 5280 §4.2.2.1); nothing downloaded is trusted, it
 * only joins the pool path building draws from.
 */
export async function fetchIssuerCertificates(certificate: CertificateInfo | Uint8Array, options: { timeoutMs?: number } = {}): Promise<CertificateInfo[]> {
  const cert = toCertificateInfo(certificate);
  const found: CertificateInfo[] = [];
  const reasons: string[] = [];
  for (const url of cert.caIssuerUrls) {
    try {
      found.push(...readCertificates(await pkiHttp({ url, timeoutMs: options.timeoutMs ?? 10_000 })));
    } catch (err) {
      if (!(err instanceof PkiHttpError) && !(err instanceof InkstoneError)) throw err;
      reasons.push(`${url}: ${err.message}`);
    }
  }
  if (found.length === 0 && reasons.length)
    throw new InkstoneError('PKI_CERT_MALFORMED', { reason: `the issuer certificate could not be downloaded (${reasons.join('; ')})` });
  return found;
}

function readCertificates(bytes: Uint8Array): CertificateInfo[] {
  const asn1 = decodeAsn1(bytes);
  if (!asn1.ok) throw new InkstoneError('PKI_CERT_MALFORMED', { reason: asn1.reason });
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.value });
    if (contentInfo.contentType === OID.signedData) {
      const signedData = new pkijs.SignedData({ schema: contentInfo.content });
      return (signedData.certificates ?? []).filter((c) => c instanceof pkijs.Certificate).map((c) => parseCertificate(encodeDer(c.toSchema())));
    }
  } catch {
    // Not a PKCS#7 bundle: a bare certificate, read below.
  }
  return [parseCertificate(bytes)];
}
