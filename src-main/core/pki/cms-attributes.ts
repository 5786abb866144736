import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type HashAlgorithm } from '../crypto-names/index.js';
import { decodedCertificate, type CertificateInfo } from './certificate.js';
import { bytesEqual, derElement, encodeDer, integerHex, rawDer, toArrayBuffer, toHex } from './der.js';
import { digest, hashAlgorithmOfOid } from './digest.js';
import { decodeName } from './names.js';
import { COMMITMENT_TYPES, type CommitmentType, OID } from './oids.js';

/**
 * The CMS attributes PAdES and RFC 3161 rely on: content-type, message-digest, ESS
 * signing-certificate(-v2) (RFC 5035), commitment-type-indication (ETSI EN 319 122-1), and the
 * DER rule that a SET OF is written sorted — OpenSSL and NSS re-encode signed attributes before
 * checking a signature, so an unsorted set verifies nowhere.
 */

/** A single-valued CMS attribute. */
export function cmsAttribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * A signed attribute as its DER `Attribute` encoding. Signing assembles attributes at the byte
 * level: the set is sorted by these bytes anyway, and per-signature pkijs objects cost more than
 * the signature itself in a batch.
 */
export type EncodedAttribute = Uint8Array;

/** DER of a single-valued CMS attribute. */
function encodedAttribute(type: string, value: asn1js.AsnType): EncodedAttribute {
  return encodeDer(cmsAttribute(type, value).toSchema());
}

/** The attributes as a DER SET OF, sorted by their encodings as DER requires. */
export function attributeSet(attributes: readonly EncodedAttribute[]): Uint8Array {
  const sorted = [...attributes].sort((x, y) =>
    Buffer.compare(Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y.buffer, y.byteOffset, y.byteLength)),
  );
  return derElement(0x31, sorted);
}

/** The content-type signed attribute (RFC 5652 §11.1). */
export function contentTypeAttribute(contentType: string): EncodedAttribute {
  let der = contentTypes.get(contentType);
  if (!der) {
    der = encodedAttribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType }));
    contentTypes.set(contentType, der);
  }
  return der;
}
const contentTypes = new Map<string, EncodedAttribute>();

/** The message-digest signed attribute: the digest of the signed content (RFC 5652 §11.2). */
export function messageDigestAttribute(value: Uint8Array): EncodedAttribute {
  return encodedAttribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(value) }));
}

const issuerSerials = new WeakMap<CertificateInfo, Uint8Array>();

/** DER IssuerAndSerialNumber of a certificate (RFC 5652 §10.2.4), from its own bytes. */
export function issuerAndSerialNumber(cert: CertificateInfo): Uint8Array {
  let der = issuerSerials.get(cert);
  if (!der) {
    der = derElement(0x30, [cert.issuer.der, rawDer(decodedCertificate(cert).serialNumber)]);
    issuerSerials.set(cert, der);
  }
  return der;
}

const essAttributes = new WeakMap<CertificateInfo, EncodedAttribute>();

/**
 * ESS signing-certificate-v2 binding the signature to exactly this certificate: SHA-256 of its DER
 * (the DEFAULT hash, so the algorithm field is omitted as DER demands) and its issuer and serial.
 */
export function signingCertificateV2Attribute(cert: CertificateInfo): EncodedAttribute {
  const cached = essAttributes.get(cert);
  if (cached) return cached;
  // IssuerSerial ::= SEQUENCE { issuer GeneralNames (one directoryName [4]), serialNumber }
  const issuerSerial = derElement(0x30, [derElement(0x30, [derElement(0xa4, [cert.issuer.der])]), rawDer(decodedCertificate(cert).serialNumber)]);
  const essCertIdV2 = derElement(0x30, [derElement(0x04, [digest('SHA-256', cert.der)]), issuerSerial]);
  const value = derElement(0x30, [derElement(0x30, [essCertIdV2])]);
  // Attribute ::= SEQUENCE { attrType OID, attrValues SET OF }
  const attribute = derElement(0x30, [encodeDer(new asn1js.ObjectIdentifier({ value: OID.signingCertificateV2 })), derElement(0x31, [value])]);
  essAttributes.set(cert, attribute);
  return attribute;
}

/** The commitment-type-indication signed attribute, without qualifiers. */
export function commitmentTypeAttribute(type: CommitmentType): EncodedAttribute {
  return encodedAttribute(OID.commitmentTypeIndication, new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: COMMITMENT_TYPES[type] })] }));
}

/** One ESSCertID(v2) entry: which certificate a signature claims to be made with. */
export interface EssCertId {
  readonly hashAlgorithm: HashAlgorithm | string;
  /** Hex. */
  readonly certHash: string;
  readonly issuerSerial?: { readonly issuer: string; readonly issuerDer: Uint8Array; readonly serialNumber: string };
}

/**
 * Read a SigningCertificate (v1, SHA-1 hashes) or SigningCertificateV2 value. Returns undefined
 * when the value does not have that shape.
 */
export function readSigningCertificate(value: asn1js.AsnType, v2: boolean): EssCertId[] | undefined {
  if (!(value instanceof asn1js.Sequence)) return undefined;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return undefined;
  const out: EssCertId[] = [];
  for (const item of certs.valueBlock.value) {
    if (!(item instanceof asn1js.Sequence)) return undefined;
    const parts = [...item.valueBlock.value];
    let hashAlgorithm: HashAlgorithm | string = v2 ? 'SHA-256' : 'SHA-1';
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const oid = new pkijs.AlgorithmIdentifier({ schema: parts.shift() }).algorithmId;
      hashAlgorithm = hashAlgorithmOfOid(oid) ?? oid;
    }
    const hash = parts.shift();
    if (!(hash instanceof asn1js.OctetString)) return undefined;
    out.push({ hashAlgorithm, certHash: toHex(hash.valueBlock.valueHexView), issuerSerial: readIssuerSerial(parts[0]) });
  }
  return out;
}

function readIssuerSerial(value: asn1js.AsnType | undefined): EssCertId['issuerSerial'] {
  if (!(value instanceof asn1js.Sequence)) return undefined;
  const [names, serial] = value.valueBlock.value;
  if (!(names instanceof asn1js.Sequence) || !(serial instanceof asn1js.Integer)) return undefined;
  const directory = names.valueBlock.value.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 4);
  const inner = directory instanceof asn1js.Constructed ? directory.valueBlock.value[0] : undefined;
  if (!inner) return undefined;
  try {
    const name = new pkijs.RelativeDistinguishedNames({ schema: inner });
    const info = decodeName(name);
    return { issuer: info.text, issuerDer: info.der, serialNumber: integerHex(serial) };
  } catch {
    return undefined;
  }
}

/**
 * Whether an ESSCertID names this certificate: its hash matches, and its issuer/serial (when given)
 * match too.
 */
export function essCertIdMatches(id: EssCertId, cert: CertificateInfo): boolean {
  const alg = id.hashAlgorithm;
  if (alg !== 'SHA-1' && alg !== 'SHA-256' && alg !== 'SHA-384' && alg !== 'SHA-512') return false;
  if (toHex(digest(alg, cert.der)) !== id.certHash) return false;
  if (!id.issuerSerial) return true;
  return id.issuerSerial.serialNumber === cert.serialNumber && bytesEqual(id.issuerSerial.issuerDer, cert.issuer.der);
}

/** The commitment type name for an OID, or the OID itself when it is not one of ETSI's. */
export function commitmentTypeOfOid(oid: string): CommitmentType | string {
  const entry = Object.entries(COMMITMENT_TYPES).find(([, v]) => v === oid);
  return entry ? (entry[0] as CommitmentType) : oid;
}
