import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { describeSignatureScheme, hashLength, type SignatureKind, type SignatureScheme, type SigningHashAlgorithm } from '../crypto-names/index.js';
import { parseCertificate, type CertificateInfo } from './certificate.js';
import {
  type EncodedAttribute,
  attributeSet,
  commitmentTypeAttribute,
  contentTypeAttribute,
  issuerAndSerialNumber,
  messageDigestAttribute,
  signingCertificateV2Attribute,
} from './cms-attributes.js';
import { derElement, encodeDer, toArrayBuffer } from './der.js';
import { digestAlgorithmIdentifier } from './digest.js';
import { curveFieldBytes, normaliseEcdsaSignature } from './ecdsa-signature.js';
import { type CommitmentType, OID } from './oids.js';
import { signatureAlgorithmIdentifier } from './signature-algorithm.js';
import { verifySignature } from './verify-signature.js';

/**
 * Producing CMS SignedData with an external signer: the private key never comes here, only a
 * `sign(tbs)` callback (a PKCS#11 token, a PKCS#12 key, a TSA key). The same assembly serves PAdES
 * signatures (detached, id-data) and RFC 3161 tokens (encapsulated TSTInfo).
 */

/** Produces the raw signature over the DER of the signed attributes (the callback hashes). */
export type SignCallback = (tbs: Uint8Array) => Promise<Uint8Array>;

/** What a CAdES detached signature for a PDF needs. */
export interface CadesSignatureRequest {
  /** Digest of the signed content (the PDF's ByteRange bytes), already computed with `digestAlgorithm`. */
  readonly contentDigest: Uint8Array;
  readonly digestAlgorithm: SigningHashAlgorithm;
  /** DER of the signer's certificate. */
  readonly signerCertificate: Uint8Array;
  /** DER of the issuing chain (intermediates, optionally the root) to embed beside it. */
  readonly chain?: readonly Uint8Array[];
  readonly signatureAlgorithm: SignatureKind;
  /**
   * Signs the DER SET OF signed attributes with the signer's key using `digestAlgorithm`. For
   * ECDSA it may return DER or raw r‖s; both are accepted and written as DER.
   */
  readonly sign: SignCallback;
  /** ETSI commitment type to state in the signature (omit when the PDF's /Reason says it). */
  readonly commitmentType?: CommitmentType;
}

/** Inputs of the general SignedData assembly. */
export interface SignedDataSpec {
  readonly eContentType: string;
  /** Encapsulated content (a TSTInfo); absent for a detached signature. */
  readonly eContent?: Uint8Array;
  readonly contentDigest: Uint8Array;
  readonly digestAlgorithm: SigningHashAlgorithm;
  readonly signer: CertificateInfo;
  /** All certificates to embed, signer first. */
  readonly certificates: readonly Uint8Array[];
  /** Signed attributes beyond content-type and message-digest. */
  readonly extraSignedAttributes: readonly EncodedAttribute[];
  readonly scheme: SignatureScheme;
  readonly sign: SignCallback;
}

/** The full scheme for a signature family, hash and signer key; PKI_ALGORITHM_UNSUPPORTED when they do not fit. */
export function signatureSchemeFor(kind: SignatureKind, hash: SigningHashAlgorithm, signer: CertificateInfo): SignatureScheme {
  const key = signer.publicKey.algorithm;
  const fits = kind === 'ecdsa' ? key === 'EC' : key === 'RSA' || (kind === 'rsa-pss' && key === 'RSA-PSS');
  if (!fits) throw new InkstoneError('PKI_ALGORITHM_UNSUPPORTED', { algorithm: `${kind} with a ${key} key`, purpose: 'signing' });
  if (kind === 'ecdsa' && !curveFieldBytes(signer.publicKey.curve ?? '')) {
    throw new InkstoneError('PKI_ALGORITHM_UNSUPPORTED', { algorithm: `ECDSA on ${signer.publicKey.curve ?? 'an unknown curve'}`, purpose: 'signing' });
  }
  return kind === 'rsa-pss' ? { kind, hash, saltLength: hashLength(hash) } : { kind, hash };
}

/** The signature value as CMS stores it, checked against the signer's certificate. */
function acceptSignatureValue(spec: SignedDataSpec, tbs: Uint8Array, raw: Uint8Array): Uint8Array {
  if (!(raw instanceof Uint8Array) || raw.length === 0) throw new InkstoneError('PKI_SIGNATURE_VALUE_INVALID', { reason: 'the key returned no signature' });
  let value = raw;
  if (spec.scheme.kind === 'ecdsa') {
    const normalised = normaliseEcdsaSignature(raw, curveFieldBytes(spec.signer.publicKey.curve ?? '') ?? 0);
    if (!normalised) throw new InkstoneError('PKI_SIGNATURE_VALUE_INVALID', { reason: `${raw.length} bytes are neither a DER nor a raw ECDSA signature` });
    value = normalised;
  }
  // A token holding a key and a certificate that do not belong together would otherwise produce a
  // signature that fails in every viewer; refuse it here, while the user is still at the desk.
  if (!verifySignature(spec.scheme, spec.signer.publicKey.spki, tbs, value)) {
    throw new InkstoneError('PKI_KEY_MISMATCH', {
      subject: spec.signer.subject.commonName ?? spec.signer.subject.text,
      algorithm: describeSignatureScheme(spec.scheme),
    });
  }
  return value;
}

/** Assemble and sign a SignedData; returns the DER ContentInfo. */
export async function buildSignedData(spec: SignedDataSpec): Promise<Uint8Array> {
  if (spec.contentDigest.length !== hashLength(spec.digestAlgorithm)) {
    throw new InkstoneError('PKI_SIGNATURE_VALUE_INVALID', {
      reason: `a ${spec.digestAlgorithm} digest is ${hashLength(spec.digestAlgorithm)} bytes, not ${spec.contentDigest.length}`,
    });
  }
  // The signature covers the attributes encoded as a SET (tag 0x31); the SignerInfo holds the
  // same bytes as its [0] IMPLICIT field.
  const tbs = attributeSet([contentTypeAttribute(spec.eContentType), messageDigestAttribute(spec.contentDigest), ...spec.extraSignedAttributes]);
  const signature = acceptSignatureValue(spec, tbs, await spec.sign(tbs.slice()));
  const signedAttrs = tbs.slice();
  signedAttrs[0] = 0xa0;
  const digestAlgorithm = encodeDer(digestAlgorithmIdentifier(spec.digestAlgorithm).toSchema());
  const signerInfo = derElement(0x30, [
    encodeDer(new asn1js.Integer({ value: 1 })), // version 1: sid is issuerAndSerialNumber
    issuerAndSerialNumber(spec.signer),
    digestAlgorithm,
    signedAttrs,
    encodeDer(signatureAlgorithmIdentifier(spec.scheme).toSchema()),
    derElement(0x04, [signature]),
  ]);
  const detached = spec.eContent === undefined;
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({
    eContentType: spec.eContentType,
    ...(detached ? {} : { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(spec.eContent!) }) }),
  });
  // SignedData is assembled at the DER level so that the certificates go in exactly as received,
  // without a decode/re-encode round trip through pkijs per certificate and signature.
  const signedData = derElement(0x30, [
    // RFC 5652 §5.1: version 1 for id-data with issuerAndSerialNumber signers, 3 for other content types.
    encodeDer(new asn1js.Integer({ value: spec.eContentType === OID.data ? 1 : 3 })),
    derElement(0x31, [digestAlgorithm]),
    encodeDer(encapContentInfo.toSchema()),
    // certificates [0] IMPLICIT CertificateSet; parsing (cached) refuses bytes that are not a certificate.
    derElement(
      0xa0,
      uniqueCertificates(spec.certificates).map((der) => parseCertificate(der).der),
    ),
    derElement(0x31, [signerInfo]),
  ]);
  // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT }
  return derElement(0x30, [encodeDer(new asn1js.ObjectIdentifier({ value: OID.signedData })), derElement(0xa0, [signedData])]);
}

function uniqueCertificates(ders: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return ders.filter((der) => {
    const key = Buffer.from(der).toString('base64');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Build the CMS SignedData of a PAdES signature (SubFilter ETSI.CAdES.detached): detached id-data
 * content, signed attributes content-type, message-digest, ESS signing-certificate-v2 and optionally
 * commitment-type-indication, and no signing-time (PAdES puts the claimed time in the signature
 * dictionary's /M). The signature is checked against the certificate before it is returned
 * (PKI_KEY_MISMATCH when the key is not the certificate's). Returns the DER ContentInfo.
 */
export async function buildCadesSignedData(request: CadesSignatureRequest): Promise<Uint8Array> {
  const signer = parseCertificate(request.signerCertificate);
  const extra = [signingCertificateV2Attribute(signer)];
  if (request.commitmentType) extra.push(commitmentTypeAttribute(request.commitmentType));
  return buildSignedData({
    eContentType: OID.data,
    contentDigest: request.contentDigest,
    digestAlgorithm: request.digestAlgorithm,
    signer,
    certificates: [request.signerCertificate, ...(request.chain ?? [])],
    extraSignedAttributes: extra,
    scheme: signatureSchemeFor(request.signatureAlgorithm, request.digestAlgorithm, signer),
    sign: request.sign,
  });
}
