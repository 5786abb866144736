import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureScheme } from '../crypto-names/index.js';
import { toPem } from './der.js';
import { signatureAlgorithmIdentifier } from './signature-algorithm.js';

/** The subject of a certificate request, in the words of a CA's application form. */
export interface RequestSubject {
  readonly commonName: string;
  readonly organisation?: string;
  readonly organisationalUnit?: string;
  /** Two-letter ISO 3166 code. */
  readonly country?: string;
  /**
   * X.520 organizationIdentifier (2.5.4.97), for a legal person's registration number. ETSI EN 319
   * 412-1 §5.1.4 gives its form: "NTR" + country + "-" + number, so a 统一社会信用代码 is written
   * "NTRCN-91110000…" (the form quoted in cabforum/smime#118).
   */
  readonly organizationIdentifier?: string;
}

const ATTRIBUTE_TYPES = {
  country: '2.5.4.6',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  organizationIdentifier: '2.5.4.97',
  commonName: '2.5.4.3',
} as const;

/**
 * A PKCS#10 request (RFC 2986) whose signature is made elsewhere — by a key on a token. `toBeSigned`
 * is the DER CertificationRequestInfo; `complete` wraps it with the signature into the request.
 */
export function certificationRequest(subject: RequestSubject, subjectPublicKeyInfo: Uint8Array) {
  const csr = new pkijs.CertificationRequest();
  csr.version = 0;
  // Country first, common name last: the order certificates carry names in. Each attribute is an RDN
  // of its own (pkijs would put them all in one multi-valued RDN, "CN=…+O=…"), so the Name is built here.
  const rdns = (['country', 'organisation', 'organisationalUnit', 'organizationIdentifier', 'commonName'] as const).flatMap((key) => {
    const value = subject[key];
    if (!value) return [];
    const encoded = key === 'country' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    return [new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type: ATTRIBUTE_TYPES[key], value: encoded }).toSchema()] })];
  });
  csr.subject = new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false)).result });
  csr.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(subjectPublicKeyInfo);
  csr.attributes = [];
  // pkijs signs with WebCrypto keys only; its TBS encoder is what it would sign, so it is used directly.
  const toBeSigned = new Uint8Array((csr as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER(false));
  return {
    toBeSigned,
    complete(signature: Uint8Array, scheme: SignatureScheme): { der: Uint8Array; pem: string } {
      csr.tbsView = toBeSigned;
      csr.signatureAlgorithm = signatureAlgorithmIdentifier(scheme);
      csr.signatureValue = new asn1js.BitString({ valueHex: signature });
      const der = new Uint8Array(csr.toSchema().toBER(false));
      return { der, pem: toPem(der, 'CERTIFICATE REQUEST') };
    },
  };
}
