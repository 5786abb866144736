import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomBytes } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { type HashAlgorithm } from '../crypto-names/index.js';
import { decodedCertificate, isValidAt, toCertificateInfo, type CertificateInfo } from './certificate.js';
import { isSignedBy } from './certificate-path.js';
import { bytesEqual, decodeAsn1, encodeDer, integerHex, rawDer, toArrayBuffer, toHex } from './der.js';
import { digest, digestAlgorithmIdentifier, hashAlgorithmOfOid } from './digest.js';
import { pkiHttpOr } from './http.js';
import { decodeName, sameName, type NameInfo } from './names.js';
import { OID } from './oids.js';
import { type RevocationFacts, revocationReasonOf } from './revocation-reason.js';
import { decodeSignatureAlgorithm } from './signature-algorithm.js';
import { verifySignature } from './verify-signature.js';

/**
 * OCSP (RFC 6960): requests, and responses read and verified — signed by the issuing CA itself or
 * by a responder certificate that CA issued for OCSP signing. The raw response DER is kept because
 * the signer embeds it in the PDF's DSS for long-term validation.
 */

/** Which certificate a request or response is about. */
export interface OcspCertId {
  readonly hashAlgorithm: HashAlgorithm | string;
  /** Hex. */
  readonly issuerNameHash: string;
  /** Hex. */
  readonly issuerKeyHash: string;
  /** Hex. */
  readonly serialNumber: string;
}

/** One SingleResponse. */
export interface OcspSingleResponse extends RevocationFacts {
  readonly certId: OcspCertId;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
}

/** An OCSP response as read, before any trust decision. */
export interface OcspResponseInfo {
  readonly der: Uint8Array;
  readonly responseStatus: 'successful' | 'malformedRequest' | 'internalError' | 'tryLater' | 'sigRequired' | 'unauthorized' | 'unknown';
  /** The remaining fields are present when the status is successful. */
  readonly producedAt?: Date;
  readonly responderId?: { readonly name?: NameInfo; readonly keyHash?: string };
  readonly responses: readonly OcspSingleResponse[];
  readonly certificates: readonly CertificateInfo[];
  readonly nonce?: Uint8Array;
}

/** A verified answer about one certificate. */
export interface OcspStatus extends RevocationFacts {
  /** The whole OCSPResponse DER (for a DSS /OCSPs entry). */
  readonly der: Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly producedAt: Date;
  /** The certificate that signed the response. */
  readonly responder: CertificateInfo;
  /** A responder certificate issued for OCSP signing, rather than the CA itself. */
  readonly delegated: boolean;
  /** Certificates in the response (a delegated responder's), for the DSS. */
  readonly certificates: readonly CertificateInfo[];
  /** The response echoed the request's nonce; null when no nonce was sent or checked. */
  readonly nonceMatches: boolean | null;
  /** 'embedded', or the URL the response came from. */
  readonly source: string;
}

const RESPONSE_STATUS: readonly OcspResponseInfo['responseStatus'][] = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  'unknown',
  'sigRequired',
  'unauthorized',
];

function invalid(reason: string): never {
  throw new InkstoneError('PKI_OCSP_RESPONSE_INVALID', { reason });
}

/** The hash of the issuer's public key bits, as OCSP and key identifiers use it. */
function subjectPublicKeyBits(cert: CertificateInfo): Uint8Array {
  return decodedCertificate(cert).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
}

/** The CertID of `certificate` issued by `issuer` (SHA-1 unless asked otherwise: what responders expect). */
export function ocspCertIdFor(
  certificate: CertificateInfo | Uint8Array,
  issuer: CertificateInfo | Uint8Array,
  hashAlgorithm: HashAlgorithm = 'SHA-1',
): OcspCertId {
  const cert = toCertificateInfo(certificate);
  const ca = toCertificateInfo(issuer);
  return {
    hashAlgorithm,
    issuerNameHash: toHex(digest(hashAlgorithm, cert.issuer.der)),
    issuerKeyHash: toHex(digest(hashAlgorithm, subjectPublicKeyBits(ca))),
    serialNumber: cert.serialNumber,
  };
}

function readCertId(id: pkijs.CertID): OcspCertId {
  const oid = id.hashAlgorithm.algorithmId;
  return {
    hashAlgorithm: hashAlgorithmOfOid(oid) ?? oid,
    issuerNameHash: toHex(id.issuerNameHash.valueBlock.valueHexView),
    issuerKeyHash: toHex(id.issuerKeyHash.valueBlock.valueHexView),
    serialNumber: integerHex(id.serialNumber),
  };
}

/** Encode a CertID. */
export function encodeCertId(id: OcspCertId): pkijs.CertID {
  const hash = hashAlgorithmOfOid(String(id.hashAlgorithm)) ?? (id.hashAlgorithm as HashAlgorithm);
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: digestAlgorithmIdentifier(hash).algorithmId, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: toArrayBuffer(Buffer.from(id.issuerNameHash, 'hex')) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: toArrayBuffer(Buffer.from(id.issuerKeyHash, 'hex')) }),
    serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from(id.serialNumber.length % 2 ? `0${id.serialNumber}` : id.serialNumber, 'hex')) }),
  });
}

function sameCertId(a: OcspCertId, b: OcspCertId): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm && a.issuerNameHash === b.issuerNameHash && a.issuerKeyHash === b.issuerKeyHash && a.serialNumber === b.serialNumber
  );
}

/** The nonce extension value (RFC 8954: an OCTET STRING wrapping the nonce). */
function nonceExtension(nonce: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.ocspNonce,
    extnValue: encodeDer(new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) })).slice().buffer as ArrayBuffer,
  });
}

/** Build a DER OCSPRequest for one certificate, with a 16-byte nonce unless `nonce` is false. */
export function buildOcspRequest(
  certificate: CertificateInfo | Uint8Array,
  issuer: CertificateInfo | Uint8Array,
  options: { nonce?: boolean; hashAlgorithm?: HashAlgorithm } = {},
): { der: Uint8Array; certId: OcspCertId; nonce?: Uint8Array } {
  const certId = ocspCertIdFor(certificate, issuer, options.hashAlgorithm ?? 'SHA-1');
  const nonce = options.nonce === false ? undefined : new Uint8Array(randomBytes(16));
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: encodeCertId(certId) })],
      ...(nonce ? { requestExtensions: [nonceExtension(nonce)] } : {}),
    }),
  });
  return { der: encodeDer(request.toSchema(true)), certId, nonce };
}

/** Read an OCSPRequest (what a responder does). Throws PKI_OCSP_RESPONSE_INVALID when it is not one. */
export function parseOcspRequest(der: Uint8Array): { certIds: OcspCertId[]; nonce?: Uint8Array } {
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) invalid(`the request is not DER: ${asn1.reason}`);
  try {
    const request = new pkijs.OCSPRequest({ schema: asn1.value });
    return { certIds: request.tbsRequest.requestList.map((r) => readCertId(r.reqCert)), nonce: readNonce(request.tbsRequest.requestExtensions) };
  } catch (err) {
    return invalid(`the request cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readSingle(single: pkijs.SingleResponse): OcspSingleResponse {
  const status = single.certStatus as asn1js.BaseBlock;
  const base = { certId: readCertId(single.certID), thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate };
  if (status.idBlock.tagClass !== 3) invalid('a certificate status cannot be read');
  if (status.idBlock.tagNumber === 0) return { ...base, status: 'good' };
  if (status.idBlock.tagNumber === 2) return { ...base, status: 'unknown' };
  if (status.idBlock.tagNumber !== 1 || !(status instanceof asn1js.Constructed)) invalid('a certificate status cannot be read');
  const [time, reason] = status.valueBlock.value;
  if (!(time instanceof asn1js.GeneralizedTime)) invalid('a revocation time cannot be read');
  const code =
    reason instanceof asn1js.Constructed && reason.valueBlock.value[0] instanceof asn1js.Enumerated
      ? reason.valueBlock.value[0].valueBlock.valueDec
      : undefined;
  return { ...base, status: 'revoked', revocationTime: time.toDate(), revocationReason: code === undefined ? undefined : revocationReasonOf(code) };
}

function readNonce(extensions: pkijs.Extension[] | undefined): Uint8Array | undefined {
  const ext = extensions?.find((e) => e.extnID === OID.ocspNonce);
  if (!ext) return undefined;
  const raw = ext.extnValue.valueBlock.valueHexView;
  const inner = decodeAsn1(raw);
  // RFC 8954 wraps the nonce in an OCTET STRING; older responders put the bytes bare.
  return inner.ok && inner.value instanceof asn1js.OctetString ? new Uint8Array(inner.value.valueBlock.valueHexView) : new Uint8Array(raw);
}

interface DecodedOcsp {
  info: OcspResponseInfo;
  basic?: pkijs.BasicOCSPResponse;
}

function decodeOcsp(der: Uint8Array): DecodedOcsp {
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) invalid(asn1.reason);
  try {
    const response = new pkijs.OCSPResponse({ schema: asn1.value });
    const statusCode = response.responseStatus.valueBlock.valueDec;
    const responseStatus = RESPONSE_STATUS[statusCode] ?? 'unknown';
    const exact = new Uint8Array(asn1.value.valueBeforeDecodeView);
    if (responseStatus !== 'successful' || !response.responseBytes) return { info: { der: exact, responseStatus, responses: [], certificates: [] } };
    if (response.responseBytes.responseType !== OID.ocspBasic) invalid(`response type ${response.responseBytes.responseType} is not id-pkix-ocsp-basic`);
    const inner = decodeAsn1(response.responseBytes.response.valueBlock.valueHexView);
    if (!inner.ok) invalid(inner.reason);
    const basic = new pkijs.BasicOCSPResponse({ schema: inner.value });
    const data = basic.tbsResponseData;
    const rid = data.responderID as unknown;
    const responderId =
      rid instanceof pkijs.RelativeDistinguishedNames
        ? { name: decodeName(rid) }
        : rid instanceof asn1js.OctetString
          ? { keyHash: toHex(rid.valueBlock.valueHexView) }
          : invalid('the responder cannot be identified');
    // certs [0] EXPLICIT SEQUENCE OF Certificate, taken as received (not re-encoded).
    const certsField = (inner.value as asn1js.Sequence).valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0);
    const certList = certsField instanceof asn1js.Constructed ? certsField.valueBlock.value[0] : undefined;
    const certificates = certList instanceof asn1js.Sequence ? certList.valueBlock.value.map((c) => toCertificateInfo(rawDer(c))) : [];
    return {
      basic,
      info: {
        der: exact,
        responseStatus,
        producedAt: data.producedAt,
        responderId,
        responses: data.responses.map(readSingle),
        certificates,
        nonce: readNonce(data.responseExtensions),
      },
    };
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    return invalid(err instanceof Error ? err.message : String(err));
  }
}

/** Read an OCSPResponse (from the network, a DSS or a CMS) without judging it. Throws PKI_OCSP_RESPONSE_INVALID. */
export function parseOcspResponse(der: Uint8Array): OcspResponseInfo {
  return decodeOcsp(der).info;
}

function responderMatches(info: OcspResponseInfo, cert: CertificateInfo): boolean {
  const id = info.responderId;
  if (id?.name) return sameName(id.name, cert.subject);
  return id?.keyHash !== undefined && id.keyHash === toHex(digest('SHA-1', subjectPublicKeyBits(cert)));
}

/**
 * Verify an OCSP response about `certificate` (issued by `issuer`): successful status, a
 * SingleResponse for exactly this certificate, a valid signature by the issuer or by a responder
 * certificate the issuer issued with id-kp-OCSPSigning and valid when the response was produced,
 * and (when `nonce` is given) that an echoed nonce is the request's (its absence fails only with
 * `requireNonce`). Freshness (thisUpdate/nextUpdate against a time) is
 * the caller's judgement. Throws PKI_OCSP_REJECTED or PKI_OCSP_RESPONSE_INVALID.
 */
export function verifyOcspResponse(
  response: Uint8Array,
  certificate: CertificateInfo | Uint8Array,
  issuer: CertificateInfo | Uint8Array,
  options: { nonce?: Uint8Array; requireNonce?: boolean; source?: string } = {},
): OcspStatus {
  const cert = toCertificateInfo(certificate);
  const ca = toCertificateInfo(issuer);
  const { info, basic } = decodeOcsp(response);
  if (info.responseStatus !== 'successful' || !basic || !info.producedAt) {
    throw new InkstoneError('PKI_OCSP_REJECTED', { url: options.source ?? 'embedded', status: info.responseStatus });
  }
  const single = info.responses.find((r) => {
    const alg = r.certId.hashAlgorithm;
    return (alg === 'SHA-1' || alg === 'SHA-256' || alg === 'SHA-384' || alg === 'SHA-512') && sameCertId(r.certId, ocspCertIdFor(cert, ca, alg));
  });
  if (!single) invalid(`it does not answer for certificate ${cert.serialNumber} of ${ca.subject.text}`);

  const responder = [ca, ...info.certificates].find((c) => responderMatches(info, c));
  if (!responder) invalid('the certificate of the responder that signed it is not available');
  const delegated = responder.sha256 !== ca.sha256;
  if (delegated) {
    if (!isSignedBy(responder, ca)) invalid(`the responder ${responder.subject.text} was not issued by ${ca.subject.text}`);
    if (!responder.extendedKeyUsage?.includes(OID.kpOcspSigning)) invalid(`the responder ${responder.subject.text} is not authorised for OCSP signing`);
    if (!isValidAt(responder, info.producedAt)) invalid(`the responder certificate was not valid when the response was produced`);
  }
  const alg = decodeSignatureAlgorithm(basic.signatureAlgorithm);
  if (!alg.ok) invalid(alg.reason);
  if (!verifySignature(alg.scheme, responder.publicKey.spki, basic.tbsResponseData.tbsView, basic.signature.valueBlock.valueHexView)) {
    invalid('its signature does not verify');
  }
  let nonceMatches: boolean | null = null;
  if (options.nonce) {
    // A nonce that came back must be ours; a missing one is tolerated unless required, since many
    // responders serve cached, pre-signed answers.
    if (info.nonce && !bytesEqual(info.nonce, options.nonce)) invalid('the answer is not for this request (nonce differs)');
    nonceMatches = info.nonce !== undefined;
    if (!nonceMatches && options.requireNonce) invalid('the answer does not echo the request’s nonce');
  }
  return {
    der: info.der,
    status: single.status,
    revocationTime: single.revocationTime,
    revocationReason: single.revocationReason,
    thisUpdate: single.thisUpdate,
    nextUpdate: single.nextUpdate,
    producedAt: info.producedAt,
    responder,
    delegated,
    certificates: info.certificates,
    nonceMatches,
    source: options.source ?? 'embedded',
  };
}

/** Clock tolerance for a fresh online answer. */
const SKEW_MS = 5 * 60_000;

/**
 * Ask the certificate's OCSP responders (AIA, or `urls`) in turn, verifying the answer and its
 * freshness. Responders that do not echo nonces (many cache responses) are accepted when the
 * answer is fresh. Throws PKI_REVOCATION_NO_SOURCE, PKI_OCSP_UNREACHABLE, PKI_OCSP_REJECTED or
 * PKI_OCSP_RESPONSE_INVALID (the last failure when all responders fail).
 */
export async function fetchOcspStatus(
  certificate: CertificateInfo | Uint8Array,
  issuer: CertificateInfo | Uint8Array,
  options: { urls?: readonly string[]; timeoutMs?: number; nonce?: boolean } = {},
): Promise<OcspStatus> {
  const cert = toCertificateInfo(certificate);
  const urls = options.urls ?? cert.ocspUrls;
  if (urls.length === 0) throw new InkstoneError('PKI_REVOCATION_NO_SOURCE', { subject: cert.subject.text });
  let lastError: InkstoneError | undefined;
  for (const url of urls) {
    try {
      const request = buildOcspRequest(cert, issuer, { nonce: options.nonce ?? true });
      const body = await pkiHttpOr(
        {
          url,
          timeoutMs: options.timeoutMs ?? 10_000,
          body: { contentType: 'application/ocsp-request', bytes: request.der },
          accept: 'application/ocsp-response',
        },
        (reason) => new InkstoneError('PKI_OCSP_UNREACHABLE', { url, reason }),
      );
      const status = verifyOcspResponse(body, cert, issuer, { source: url, nonce: request.nonce });
      const now = Date.now();
      if (status.thisUpdate.getTime() > now + SKEW_MS) invalid('it claims to be from the future');
      if (status.nextUpdate && status.nextUpdate.getTime() < now - SKEW_MS) invalid('it is out of date (nextUpdate has passed)');
      return status;
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      lastError = err;
    }
  }
  throw lastError!;
}
