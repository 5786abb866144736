import { constants as cryptoConstants, createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Offline verification of an RFC 3161 timestamp token over a checkpoint: the CMS signature, the
 * message imprint, the TSA certificate's critical id-kp-timeStamping usage, the ESS signing-certificate
 * binding, and a certificate path to a self-signed root valid at the token's genTime. Whether that
 * root is *trusted* is the caller's decision (pinned roots); this says which root it is.
 */

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_EKU = '2.5.29.37';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SIGNING_CERT_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_SIGNING_CERT_V1 = '1.2.840.113549.1.9.16.2.12';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

export interface TimestampFacts {
  readonly genTime: Date;
  readonly serialNumber: string;
  readonly policy: string;
  /** Accuracy in milliseconds, when the TSA states one. */
  readonly accuracyMs: number | null;
  readonly tsaSubject: string;
  readonly tsaCertificateSha256: string;
  /** SHA-256 of the self-signed root the path ends at: compare with a pinned root. */
  readonly rootSha256: string;
  readonly rootSubject: string;
  readonly chainLength: number;
}

/** Dotted OID text from DER content bytes; BigInt arcs, since asn1js prints large ones (UUID arcs) as hex. */
function oidText(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let acc = 0n;
  for (const byte of content) {
    acc = (acc << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(acc);
      acc = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

function policyOf(signed: pkijs.SignedData): string {
  const oid = (asn1js.fromBER(signed.encapContentInfo.eContent!.getValue()).result as asn1js.Sequence).valueBlock.value[1] as asn1js.ObjectIdentifier;
  const tlv = oid.valueBeforeDecodeView;
  return oidText(tlv.subarray(tlv.length - oid.lenBlock.length));
}

function fail(reason: string): never {
  throw new InkstoneError('EVIDENCE_TIMESTAMP_INVALID', { reason });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch {
    return fail('a certificate in the timestamp chain cannot be read');
  }
}

function certDer(cert: pkijs.Certificate): Buffer {
  return Buffer.from(cert.toSchema(true).toBER(false));
}

export function certificateSha256(cert: pkijs.Certificate | Uint8Array): string {
  const der = cert instanceof Uint8Array ? cert : certDer(cert);
  return createHash('sha256').update(der).digest('hex');
}

/** A readable one-line form of a distinguished name (CN, O, C), for reports. */
export function describeName(name: pkijs.RelativeDistinguishedNames): string {
  const labels: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST' };
  return name.typesAndValues.map((tv) => `${labels[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`).join(', ');
}

function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return Buffer.from(a.toSchema().toBER(false)).equals(Buffer.from(b.toSchema().toBER(false)));
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

function checkTsaUsage(cert: pkijs.Certificate): void {
  const eku = extension(cert, OID_EKU);
  if (!eku) fail('the TSA certificate has no extended key usage');
  if (!eku.critical) fail('the TSA certificate’s extended key usage is not critical');
  const usages = (eku.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (usages.length !== 1 || usages[0] !== OID_TIMESTAMPING) fail('the TSA certificate is not for timestamping only (id-kp-timeStamping)');
}

function isCa(cert: pkijs.Certificate): boolean {
  const bc = extension(cert, OID_BASIC_CONSTRAINTS)?.parsedValue as pkijs.BasicConstraints | undefined;
  return Boolean(bc?.cA);
}

function within(cert: pkijs.Certificate, at: Date): boolean {
  return cert.notBefore.value.getTime() <= at.getTime() && at.getTime() <= cert.notAfter.value.getTime();
}

/** Check the ESS signing-certificate(-v2) attribute names the certificate that signed. */
function checkSigningCertificateAttribute(signer: pkijs.SignerInfo, cert: pkijs.Certificate): void {
  const attrs = signer.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID_SIGNING_CERT_V2);
  const v1 = attrs.find((a) => a.type === OID_SIGNING_CERT_V1);
  const attr = v2 ?? v1;
  if (!attr) fail('the token lacks the ESS signing-certificate attribute');
  const der = certDer(cert);
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), … }; ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, … }
  const certs = (attr.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const first = certs?.valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  if (!first) fail('the ESS signing-certificate attribute is empty');
  const parts = first.valueBlock.value;
  let algorithm = v2 ? 'sha256' : 'sha1';
  let hashPart = parts[0];
  if (v2 && parts[0] instanceof asn1js.Sequence) {
    const oid = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
    algorithm = { [OID_SHA256]: 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' }[oid] ?? fail(`unsupported hash ${oid} in the signing-certificate attribute`);
    hashPart = parts[1];
  }
  const expected = Buffer.from((hashPart as asn1js.OctetString).valueBlock.valueHexView);
  if (!expected.equals(createHash(algorithm).update(der).digest())) fail('the ESS signing-certificate attribute names a different certificate');
}

const DIGESTS: Record<string, string> = { [OID_SHA256]: 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
const SIGNATURES: Record<string, { hash?: string; pss?: boolean }> = {
  '1.2.840.10045.4.3.2': { hash: 'sha256' },
  '1.2.840.10045.4.3.3': { hash: 'sha384' },
  '1.2.840.10045.4.3.4': { hash: 'sha512' },
  '1.2.840.113549.1.1.11': { hash: 'sha256' },
  '1.2.840.113549.1.1.12': { hash: 'sha384' },
  '1.2.840.113549.1.1.13': { hash: 'sha512' },
  '1.2.840.113549.1.1.1': {},
  '1.2.840.10045.2.1': {},
  '1.2.840.113549.1.1.10': { pss: true },
};

/**
 * The CMS signature, checked by hand rather than by pkijs's verify (which wants the timestamped data
 * itself, where a verifier of a checkpoint holds its hash): content-type and message-digest signed
 * attributes, then the signature over the DER of the signed attributes as a SET.
 */
function checkCmsSignature(signed: pkijs.SignedData, cert: pkijs.Certificate): void {
  const signer = signed.signerInfos[0];
  const attrs = signer.signedAttrs;
  if (!attrs) fail('the token has no signed attributes');
  const digestName = DIGESTS[signer.digestAlgorithm.algorithmId] ?? fail(`unsupported digest ${signer.digestAlgorithm.algorithmId}`);
  const contentType = attrs.attributes.find((a) => a.type === OID_CONTENT_TYPE);
  if (!contentType || (contentType.values[0] as asn1js.ObjectIdentifier).valueBlock.toString() !== OID_TST_INFO) fail('the signed content-type is not TSTInfo');
  const digestAttr = attrs.attributes.find((a) => a.type === OID_MESSAGE_DIGEST);
  const eContent = Buffer.from(signed.encapContentInfo.eContent!.getValue());
  if (!digestAttr || !Buffer.from((digestAttr.values[0] as asn1js.OctetString).valueBlock.valueHexView).equals(createHash(digestName).update(eContent).digest())) {
    fail('the signed message digest does not match the TSTInfo');
  }
  const tbs = Buffer.from(attrs.encodedValue.byteLength ? attrs.encodedValue : attrs.toSchema().toBER(false));
  tbs[0] = 0x31; // [0] IMPLICIT → SET OF, as signed
  const alg = SIGNATURES[signer.signatureAlgorithm.algorithmId] ?? fail(`unsupported signature algorithm ${signer.signatureAlgorithm.algorithmId}`);
  const key = createPublicKey({ key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)), format: 'der', type: 'spki' });
  const signature = Buffer.from(signer.signature.valueBlock.valueHexView);
  let ok: boolean;
  try {
    if (alg.pss) {
      const params = new pkijs.RSASSAPSSParams({ schema: signer.signatureAlgorithm.algorithmParams });
      const hash = DIGESTS[params.hashAlgorithm.algorithmId] ?? (params.hashAlgorithm.algorithmId === '1.3.14.3.2.26' ? 'sha1' : fail('unsupported PSS hash'));
      ok = verifySignature(hash, tbs, { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
    } else {
      ok = verifySignature(alg.hash ?? digestName, tbs, key, signature);
    }
  } catch {
    ok = false;
  }
  if (!ok) fail('the TSA’s signature over the token does not verify');
}

/**
 * Verify `token` (DER ContentInfo) covers `imprint` (SHA-256). `certificates` adds certificates
 * the token itself may not carry (the rest of the TSA's chain, as a receipt keeps it).
 */
export async function verifyTimestampToken(token: Uint8Array, options: { imprint: Uint8Array; certificates?: readonly Uint8Array[] }): Promise<TimestampFacts> {
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    const ci = pkijs.ContentInfo.fromBER(toArrayBuffer(token));
    if (ci.contentType !== OID_SIGNED_DATA) fail('the token is not CMS SignedData');
    signed = new pkijs.SignedData({ schema: ci.content });
    if (signed.encapContentInfo.eContentType !== OID_TST_INFO || !signed.encapContentInfo.eContent) fail('the token does not hold a TSTInfo');
    tst = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    return fail('the token cannot be decoded');
  }
  if (tst.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256) fail('the token’s imprint is not SHA-256');
  if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(options.imprint))) {
    fail('the token covers different data (imprint mismatch)');
  }
  if (signed.signerInfos.length !== 1) fail('the token must have exactly one signer');

  const pool = [...(signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate), ...(options.certificates ?? []).map(parseCertificate)];
  const sid = signed.signerInfos[0].sid;
  const signerCert = pool.find((c) =>
    sid instanceof pkijs.IssuerAndSerialNumber
      ? sameName(c.issuer, sid.issuer) && Buffer.from(c.serialNumber.valueBlock.valueHexView).equals(Buffer.from(sid.serialNumber.valueBlock.valueHexView))
      : false,
  );
  if (!signerCert) fail('the TSA certificate is not in the token or the receipt');

  checkCmsSignature(signed, signerCert);
  checkSigningCertificateAttribute(signed.signerInfos[0], signerCert);
  checkTsaUsage(signerCert);
  const genTime = tst.genTime;
  if (!within(signerCert, genTime)) fail('the TSA certificate was not valid at the token’s time');

  // Walk issuer links to a self-signed root, verifying each signature and validity at genTime.
  const path: pkijs.Certificate[] = [signerCert];
  let current = signerCert;
  for (let depth = 0; ; depth++) {
    if (depth > 8) fail('the TSA certificate chain is too long');
    if (sameName(current.subject, current.issuer) && (await current.verify().catch(() => false))) break;
    const issuer = pool.find((c) => sameName(c.subject, current.issuer) && c !== current);
    if (!issuer) fail(`the issuer of “${describeName(current.subject)}” is missing`);
    if (!isCa(issuer)) fail(`“${describeName(issuer.subject)}” is not a CA certificate`);
    if (!within(issuer, genTime)) fail(`“${describeName(issuer.subject)}” was not valid at the token’s time`);
    if (!(await current.verify(issuer).catch(() => false))) fail(`the signature on “${describeName(current.subject)}” does not verify`);
    path.push(issuer);
    current = issuer;
  }
  const root = path[path.length - 1];
  const acc = tst.accuracy;
  const accuracyMs = acc ? (acc.seconds ?? 0) * 1000 + (acc.millis ?? 0) + (acc.micros ?? 0) / 1000 : null;
  return {
    genTime,
    serialNumber: Buffer.from(tst.serialNumber.valueBlock.valueHexView).toString('hex'),
    policy: policyOf(signed),
    accuracyMs,
    tsaSubject: describeName(signerCert.subject),
    tsaCertificateSha256: certificateSha256(signerCert),
    rootSha256: certificateSha256(root),
    rootSubject: describeName(root.subject),
    chainLength: path.length,
  };
}
