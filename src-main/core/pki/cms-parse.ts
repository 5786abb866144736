import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { describeSignatureScheme, type HashAlgorithm, type SignatureScheme } from '../crypto-names/index.js';
import { parseCertificate, type CertificateInfo } from './certificate.js';
import { commitmentTypeOfOid, readSigningCertificate, type EssCertId } from './cms-attributes.js';
import { type DerSpan, berChildren, berSpan, decodeAsn1, derElement, integerHex, rawDer, toArrayBuffer, toHex } from './der.js';
import { digest, hashAlgorithmOfOid } from './digest.js';
import { decodeName, sameName, type NameInfo } from './names.js';
import { type CommitmentType, OID } from './oids.js';
import { decodeSignatureAlgorithm } from './signature-algorithm.js';

/**
 * Reading a CMS SignedData (a PDF signature's /Contents, an RFC 3161 token) into plain facts.
 * Anything that is not a well-formed SignedData with a SignerInfo fails with PKI_CMS_MALFORMED;
 * parsing never throws anything else, because these bytes come from documents anyone can forge.
 */

/** One CMS attribute: its type and the DER of each value. */
export interface CmsAttribute {
  readonly oid: string;
  readonly values: readonly Uint8Array[];
}

/** The signed attributes of a SignerInfo, interpreted. */
export interface SignedAttributesInfo {
  readonly contentType?: string;
  readonly messageDigest?: Uint8Array;
  /** Legacy CMS signing-time (PAdES signatures must not carry it; adbe.pkcs7 ones often do). */
  readonly signingTime?: Date;
  /** ESS signing-certificate-v2 entries. */
  readonly signingCertificateV2?: readonly EssCertId[];
  /** ESS signing-certificate (v1, SHA-1) entries, found in older signatures and timestamps. */
  readonly signingCertificateV1?: readonly EssCertId[];
  readonly commitmentType?: CommitmentType | string;
  /**
   * OIDs of signed attributes present but unreadable (repeated, or a value of the wrong shape).
   * Their facts above are absent; the CMS still decodes and its signature is still checked.
   */
  readonly unreadable: readonly string[];
  readonly all: readonly CmsAttribute[];
  /** The exact bytes the signature covers: the attributes as received, tagged as a SET (0x31). */
  readonly der: Uint8Array;
}

/** How the SignerInfo names its certificate. */
export interface SignerIdentifier {
  readonly issuerSerial?: { readonly issuer: NameInfo; readonly serialNumber: string };
  /** Hex. */
  readonly subjectKeyId?: string;
}

export interface UnreadableCertificate {
  readonly index: number;
  readonly reason: string;
}

/** A SignedData read into what verification and reports need. */
export interface ParsedSignedData {
  /** The ContentInfo DER (PDF padding removed). */
  readonly der: Uint8Array;
  /** eContentType: id-data for PDF signatures, id-ct-TSTInfo for timestamp tokens. */
  readonly contentType: string;
  /** Encapsulated content when present (a TSTInfo, or adbe.pkcs7.sha1's SHA-1 of the document). */
  readonly encapsulatedContent?: Uint8Array;
  readonly digestAlgorithm: { readonly oid: string; readonly name?: HashAlgorithm };
  readonly signatureAlgorithm: { readonly oid: string; readonly scheme?: SignatureScheme; readonly name: string };
  readonly signatureValue: Uint8Array;
  readonly signerIdentifier: SignerIdentifier;
  /** The embedded certificate the SignerInfo names, when present. */
  readonly signerCertificate?: CertificateInfo;
  /** Absent for signatures without signed attributes (legacy). */
  readonly signedAttributes?: SignedAttributesInfo;
  readonly unsignedAttributes: readonly CmsAttribute[];
  /** RFC 3161 tokens over the signature value (id-aa-signatureTimeStampToken), DER ContentInfo each. */
  readonly signatureTimestamps: readonly Uint8Array[];
  /** Every readable embedded certificate. */
  readonly certificates: readonly CertificateInfo[];
  /** Embedded certificates that could not be read: their place in the set (0-based) and why. */
  readonly unreadableCertificates: readonly UnreadableCertificate[];
  /** Revocation data embedded in the CMS: SignedData crls and Adobe's revocation archival attribute. */
  readonly revocationValues: { readonly crls: readonly Uint8Array[]; readonly ocspResponses: readonly Uint8Array[] };
  /** PAdES signatures carry exactly one; more is reported, only the first is read. */
  readonly signerInfoCount: number;
}

function malformed(reason: string): never {
  throw new InkstoneError('PKI_CMS_MALFORMED', { reason });
}

/** A decoded SignedData: the pkijs object, its ASN.1, and the embedded certificates' own bytes. */
interface DecodedSignedData {
  readonly contentInfo: Uint8Array;
  readonly signedData: pkijs.SignedData;
  /** The SignedData's ASN.1; in the lean decode only its [1] revocation field. */
  readonly signedDataAsn1: asn1js.Sequence;
  /** Each SEQUENCE of the certificate set as received; other CertificateChoices are left out. */
  readonly certificates: readonly Uint8Array[];
}

/**
 * Decode DER (or BER) into pkijs SignedData; PKI_CMS_MALFORMED when it is not one. With
 * `certificates: false` the certificate set is located but not decoded: pkijs refuses a whole
 * SignedData over one certificate it cannot read (OpenSSL does not), and asn1js and pkijs spend
 * milliseconds per certificate, while parseCertificate reads the raw bytes once per fingerprint
 * (the same chain recurs in every signature of a document). The pkijs object then holds only the
 * encapsulated content info and the signer infos.
 */
export function decodeSignedData(der: Uint8Array, options: { certificates?: boolean } = {}): DecodedSignedData {
  if (options.certificates === false) {
    const lean = decodeWithoutCertificates(der);
    if (lean) return lean;
  }
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) malformed(asn1.reason);
  let signedDataAsn1: asn1js.Sequence;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.value });
    if (contentInfo.contentType !== OID.signedData) malformed(`content type ${contentInfo.contentType} is not SignedData`);
    signedDataAsn1 = contentInfo.content as asn1js.Sequence;
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    malformed(err instanceof Error ? err.message : String(err));
  }
  const contentInfo = new Uint8Array(asn1.value.valueBeforeDecodeView);
  const certificates = taggedSetField(signedDataAsn1, 0)
    .filter((c) => c instanceof asn1js.Sequence)
    .map(rawDer);
  const fields = signedDataAsn1 instanceof asn1js.Sequence ? signedDataAsn1.valueBlock.value : [];
  const signerSet = fields.at(-1);
  if (options.certificates === false) {
    if (fields.length < 4 || !(signerSet instanceof asn1js.Set)) malformed('it is not a SignedData');
    return fromParts(contentInfo, fields[2], signerSet.valueBlock.value, signedDataAsn1, certificates);
  }
  if (signerSet instanceof asn1js.Set) signerSet.valueBlock.value.forEach(withPrimitiveSignature);
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: signedDataAsn1 });
  } catch (err) {
    malformed(err instanceof Error ? err.message : String(err));
  }
  if (signedData.signerInfos.length === 0) malformed('it has no SignerInfo');
  return { contentInfo, signedData, signedDataAsn1, certificates };
}

const CERTIFICATES_FIELD = 0xa0;

/**
 * The lean decode, located by BER spans (definite or indefinite lengths), or undefined when the
 * layout is not one they can walk (the full decode then judges it).
 */
function decodeWithoutCertificates(der: Uint8Array): DecodedSignedData | undefined {
  const contentInfo = berSpan(der, 0);
  if (!contentInfo || contentInfo.tag !== 0x30 || der.subarray(contentInfo.end).some((b) => b !== 0)) return undefined;
  const [type, explicit, ...extra] = berChildren(der, contentInfo) ?? [];
  if (!type || type.tag !== 0x06 || !explicit || explicit.tag !== 0xa0 || extra.length) return undefined;
  const [body, ...more] = berChildren(der, explicit) ?? [];
  if (!body || body.tag !== 0x30 || more.length) return undefined;
  const fields = berChildren(der, body);
  const certificateField = fields?.find((f) => f.tag === CERTIFICATES_FIELD);
  const certificateSpans = certificateField ? berChildren(der, certificateField) : [];
  if (!fields || !certificateSpans) return undefined;
  const bytes = (span: DerSpan) => der.subarray(span.start, span.end);
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0] certificates, [1] crls, signerInfos SET }
  const encapSpan = fields[2];
  const signerInfosSpan = fields.at(-1);
  const crlField = fields.find((f) => f.tag === 0xa1);
  const signerSpans = signerInfosSpan?.tag === 0x31 ? berChildren(der, signerInfosSpan) : undefined;
  if (fields.length < 4 || fields[0].tag !== 0x02 || fields[1].tag !== 0x31 || encapSpan.tag !== 0x30 || !signerSpans) return undefined;
  const oid = decodeAsn1(bytes(type));
  if (!oid.ok || !(oid.value instanceof asn1js.ObjectIdentifier)) return undefined;
  if (oid.value.valueBlock.toString() !== OID.signedData) malformed(`content type ${oid.value.valueBlock.toString()} is not SignedData`);
  // Decoding the parts one by one spares pkijs' SignedData schema, which it rebuilds for every parse.
  const parts = [encapSpan, ...signerSpans].map((span) => decodeAsn1(bytes(span)));
  const revocation = decodeAsn1(derElement(0x30, crlField ? [bytes(crlField)] : []));
  if (parts.some((p) => !p.ok) || !revocation.ok || !(revocation.value instanceof asn1js.Sequence)) return undefined;
  const [encap, ...signers] = parts.map((p) => (p.ok ? p.value : undefined));
  // Only SEQUENCEs are certificates; the tagged choices are attribute or other-format certificates.
  const certificates = certificateSpans.filter((c) => c.tag === 0x30).map((c) => new Uint8Array(bytes(c)));
  return fromParts(new Uint8Array(bytes(contentInfo)), encap, signers, revocation.value, certificates);
}

/** A SignedData holding only its encapsulated content info and signer infos, built from their ASN.1. */
function fromParts(
  contentInfo: Uint8Array,
  encap: asn1js.AsnType | undefined,
  signers: readonly (asn1js.AsnType | undefined)[],
  signedDataAsn1: asn1js.Sequence,
  certificates: readonly Uint8Array[],
): DecodedSignedData {
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: encap }),
      signerInfos: signers.map((schema) => new pkijs.SignerInfo({ schema: schema && withPrimitiveSignature(schema) })),
    });
  } catch (err) {
    return malformed(err instanceof Error ? err.message : String(err));
  }
  if (signedData.signerInfos.length === 0) malformed('it has no SignerInfo');
  return { contentInfo, signedData, signedDataAsn1, certificates };
}

/**
 * A SignerInfo whose signature OCTET STRING is in BER's constructed form (segments, as some old
 * encoders wrote it) gets the primitive form holding the same octets, which is all pkijs' schema
 * accepts. Only the tree in memory changes, and only the signature value's encoding: no signature
 * covers it (the signed attributes keep their own bytes).
 */
function withPrimitiveSignature(signerInfo: asn1js.AsnType): asn1js.AsnType {
  if (!(signerInfo instanceof asn1js.Sequence)) return signerInfo;
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL, signatureAlgorithm, signature OCTET STRING, … }
  const fields = signerInfo.valueBlock.value;
  const at = fields.findIndex((f, i) => i > 2 && f instanceof asn1js.OctetString);
  const signature = fields[at];
  if (signature instanceof asn1js.OctetString && signature.valueBlock.isConstructed)
    fields[at] = new asn1js.OctetString({ valueHex: toArrayBuffer(octets(signature)) });
  return signerInfo;
}

function attributes(set: pkijs.SignedAndUnsignedAttributes | undefined): CmsAttribute[] {
  return (set?.attributes ?? []).map((a) => ({ oid: a.type, values: a.values.map((v: asn1js.AsnType) => rawDer(v)) }));
}

/**
 * The single value of an attribute that must occur once with one value (RFC 5652 §11). A repeated
 * one is noted in `unreadable` and read as absent: OpenSSL parses such a CMS, so it must decode.
 */
function singleValue(set: pkijs.SignedAndUnsignedAttributes, oid: string, unreadable: string[]): asn1js.AsnType | undefined {
  const found = set.attributes.filter((a) => a.type === oid);
  if (found.length === 0) return undefined;
  if (found.length > 1 || found[0].values.length !== 1) {
    unreadable.push(oid);
    return undefined;
  }
  return found[0].values[0] as asn1js.AsnType;
}

/** An OCTET STRING's bytes, also in the BER constructed form (segments, themselves maybe segmented), which old encoders wrote. */
function octets(value: asn1js.BaseBlock): Uint8Array {
  if (!(value instanceof asn1js.Constructed || (value instanceof asn1js.OctetString && value.valueBlock.isConstructed)))
    return new Uint8Array((value as asn1js.Primitive).valueBlock.valueHexView);
  const segments = (value.valueBlock as { value: asn1js.BaseBlock[] }).value;
  return new Uint8Array(Buffer.concat(segments.map(octets)));
}

/**
 * A signing-time as the signer wrote it. Old signers used the BER forms X.680 allows and DER does
 * not — UTCTime without seconds, a UTC offset instead of `Z` — which asn1js turns into 1899; they
 * are read here. A GeneralizedTime without a zone is local time somewhere unknown: no time.
 */
function readTime(value: asn1js.AsnType | undefined): Date | undefined {
  if (!(value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime)) return undefined;
  if (!value.error) return value.toDate();
  const text = Buffer.from(value.valueBlock.valueHexView).toString('latin1');
  const utc = value instanceof asn1js.UTCTime;
  const m = (
    utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{4})$/
  ).exec(text);
  if (!m) return undefined;
  const year = utc ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  const zone = m[7] === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(3)));
  const time = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0)) - zone * 60_000;
  return Number.isNaN(time) ? undefined : new Date(time);
}

function readSignedAttributes(set: pkijs.SignedAndUnsignedAttributes): SignedAttributesInfo {
  const unreadable: string[] = [];
  /** The attribute's value read by `read`, or absent and noted when it is not of that shape. */
  const value = <T>(oid: string, read: (v: asn1js.AsnType) => T | undefined): T | undefined => {
    const raw = singleValue(set, oid, unreadable);
    if (raw === undefined) return undefined;
    let out: T | undefined;
    try {
      out = read(raw);
    } catch {
      // pkijs throws on some malformed inner values (an AlgorithmIdentifier that is not one).
    }
    if (out === undefined) unreadable.push(oid);
    return out;
  };
  const commitmentOid = value(OID.commitmentTypeIndication, (v) =>
    v instanceof asn1js.Sequence && v.valueBlock.value[0] instanceof asn1js.ObjectIdentifier ? v.valueBlock.value[0].valueBlock.toString() : undefined,
  );
  return {
    contentType: value(OID.contentType, (v) => (v instanceof asn1js.ObjectIdentifier ? v.valueBlock.toString() : undefined)),
    messageDigest: value(OID.messageDigest, (v) => (v instanceof asn1js.OctetString ? octets(v) : undefined)),
    signingTime: value(OID.signingTime, readTime),
    signingCertificateV2: value(OID.signingCertificateV2, (v) => readSigningCertificate(v, true)),
    signingCertificateV1: value(OID.signingCertificate, (v) => readSigningCertificate(v, false)),
    commitmentType: commitmentOid === undefined ? undefined : commitmentTypeOfOid(commitmentOid),
    unreadable,
    all: attributes(set),
    der: new Uint8Array(set.encodedValue),
  };
}

function readSignerIdentifier(signerInfo: pkijs.SignerInfo): SignerIdentifier {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) return { issuerSerial: { issuer: decodeName(sid.issuer), serialNumber: integerHex(sid.serialNumber) } };
  if (sid instanceof asn1js.BaseBlock && sid.idBlock.tagClass === 3 && sid.idBlock.tagNumber === 0) {
    const value = octets(sid);
    if (value.length) return { subjectKeyId: toHex(value) };
  }
  return malformed('the SignerInfo does not identify its certificate');
}

/** The key identifier a certificate answers to: its SKI extension, else RFC 5280 method 1 (SHA-1 of the key bits). */
function keyIdentifierOf(cert: CertificateInfo): string {
  if (cert.subjectKeyId) return cert.subjectKeyId;
  const spki = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(cert.publicKey.spki.slice().buffer).result });
  return toHex(digest('SHA-1', spki.subjectPublicKey.valueBlock.valueHexView));
}

/** Whether a certificate is the one a SignerInfo (or a signer identifier) names. */
export function certificateMatchesSigner(cert: CertificateInfo, id: SignerIdentifier): boolean {
  if (id.issuerSerial) return cert.serialNumber === id.issuerSerial.serialNumber && sameName(cert.issuer, id.issuerSerial.issuer);
  return id.subjectKeyId !== undefined && keyIdentifierOf(cert) === id.subjectKeyId;
}

const RI_OCSP_RESPONSE = '1.3.6.1.5.5.7.16.2';

/** The elements of SignedData's [tag] IMPLICIT SET field (certificates [0], crls [1]), as decoded. */
function taggedSetField(signedDataAsn1: asn1js.Sequence, tag: number): asn1js.AsnType[] {
  const field = signedDataAsn1.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === tag);
  return field instanceof asn1js.Constructed ? field.valueBlock.value : [];
}

/** CRLs and OCSP responses of Adobe's revocation archival signed attribute (legacy Acrobat LTV). */
function readAdobeRevocation(set: pkijs.SignedAndUnsignedAttributes | undefined): { crls: Uint8Array[]; ocsps: Uint8Array[] } {
  const out = { crls: [] as Uint8Array[], ocsps: [] as Uint8Array[] };
  const value = set?.attributes.find((a) => a.type === OID.adbeRevocationInfoArchival)?.values[0];
  if (!(value instanceof asn1js.Sequence)) return out;
  for (const field of value.valueBlock.value) {
    const list = field instanceof asn1js.Constructed ? field.valueBlock.value[0] : undefined;
    if (!(list instanceof asn1js.Sequence)) continue;
    const target = field.idBlock.tagNumber === 0 ? out.crls : field.idBlock.tagNumber === 1 ? out.ocsps : undefined;
    target?.push(...list.valueBlock.value.map(rawDer));
  }
  return out;
}

/** RevocationInfoChoices: plain CRLs, and OCSP responses as [1] OtherRevocationInfoFormat (RFC 5940). */
function readRevocationValues(signedDataAsn1: asn1js.Sequence, signerInfo: pkijs.SignerInfo): ParsedSignedData['revocationValues'] {
  const adobe = readAdobeRevocation(signerInfo.signedAttrs);
  const crls = [...adobe.crls];
  const ocspResponses = [...adobe.ocsps];
  for (const item of taggedSetField(signedDataAsn1, 1)) {
    if (item instanceof asn1js.Sequence) crls.push(rawDer(item));
    else if (item instanceof asn1js.Constructed && item.idBlock.tagNumber === 1) {
      const [format, value] = item.valueBlock.value;
      if (format instanceof asn1js.ObjectIdentifier && format.valueBlock.toString() === RI_OCSP_RESPONSE && value) ocspResponses.push(rawDer(value));
    }
  }
  return { crls, ocspResponses };
}

/**
 * The embedded certificates that read. An unreadable one does not make the signature unreadable
 * (OpenSSL and pdfsig skip it too): it is listed, and path building will simply not find it.
 */
function readCertificates(ders: readonly Uint8Array[]): { readable: CertificateInfo[]; unreadable: UnreadableCertificate[] } {
  const readable: CertificateInfo[] = [];
  const unreadable: UnreadableCertificate[] = [];
  ders.forEach((der, index) => {
    try {
      readable.push(parseCertificate(der));
    } catch (err) {
      unreadable.push({ index, reason: err instanceof InkstoneError ? String(err.details.reason ?? err.message) : String(err) });
    }
  });
  return { readable, unreadable };
}

/**
 * Read a CMS SignedData ContentInfo (DER; trailing zero padding from a PDF's /Contents is
 * accepted). Throws PKI_CMS_MALFORMED for anything else.
 */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const { contentInfo, signedData, signedDataAsn1, certificates: certificateDers } = decodeSignedData(der, { certificates: false });
  try {
    const signerInfo = signedData.signerInfos[0];
    const digestOid = signerInfo.digestAlgorithm.algorithmId;
    const digestName = hashAlgorithmOfOid(digestOid);
    const sigAlg = decodeSignatureAlgorithm(signerInfo.signatureAlgorithm, digestName);
    const signerIdentifier = readSignerIdentifier(signerInfo);
    const { readable: certificates, unreadable: unreadableCertificates } = readCertificates(certificateDers);
    const unsignedAttributes = attributes(signerInfo.unsignedAttrs);
    const eContent = signedData.encapContentInfo.eContent;
    return {
      der: contentInfo,
      contentType: signedData.encapContentInfo.eContentType,
      encapsulatedContent: eContent ? new Uint8Array(eContent.getValue()) : undefined,
      digestAlgorithm: { oid: digestOid, name: digestName },
      signatureAlgorithm: sigAlg.ok
        ? { oid: signerInfo.signatureAlgorithm.algorithmId, scheme: sigAlg.scheme, name: describeSignatureScheme(sigAlg.scheme) }
        : { oid: signerInfo.signatureAlgorithm.algorithmId, name: sigAlg.reason },
      signatureValue: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
      signerIdentifier,
      signerCertificate: certificates.find((c) => certificateMatchesSigner(c, signerIdentifier)),
      signedAttributes: signerInfo.signedAttrs ? readSignedAttributes(signerInfo.signedAttrs) : undefined,
      unsignedAttributes,
      signatureTimestamps: unsignedAttributes.filter((a) => a.oid === OID.signatureTimeStampToken).flatMap((a) => a.values),
      certificates,
      unreadableCertificates,
      revocationValues: readRevocationValues(signedDataAsn1, signerInfo),
      signerInfoCount: signedData.signerInfos.length,
    };
  } catch (err) {
    if (err instanceof InkstoneError) throw err;
    return malformed(err instanceof Error ? err.message : String(err));
  }
}
