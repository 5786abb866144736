import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { type HashAlgorithm } from '../crypto-names/index.js';
import { toCertificateInfo, type CertificateInfo } from './certificate.js';
import { parseSignedData, type ParsedSignedData } from './cms-parse.js';
import { type CmsSignatureCheck, verifyCmsSignature } from './cms-verify.js';
import { bytesEqual, decodeAsn1, integerHex } from './der.js';
import { hashAlgorithmOfOid } from './digest.js';
import { decodeName } from './names.js';
import { OID } from './oids.js';

/**
 * RFC 3161 timestamp tokens: reading the TSTInfo and checking a token's integrity — CMS signature,
 * ESS signing-certificate binding, the TSA certificate's exclusive critical id-kp-timeStamping
 * usage, and the message imprint. Whether the TSA is trusted (its path at genTime) is the caller's
 * question, answered by buildCertificatePath.
 */

/** The content of a timestamp token (RFC 3161 §2.4.2). */
export interface TstInfo {
  readonly version: number;
  readonly policy: string;
  /** The imprint's hash: a known name, or the OID. */
  readonly hashAlgorithm: HashAlgorithm | string;
  readonly imprint: Uint8Array;
  /** Hex. */
  readonly serialNumber: string;
  readonly genTime: Date;
  /** Accuracy in milliseconds, null when the TSA states none. */
  readonly accuracyMs: number | null;
  readonly ordering: boolean;
  /** Hex, when the request carried a nonce. */
  readonly nonce?: string;
  /** The TSA's name as stated in the token, when given. */
  readonly tsaName?: string;
}

/** A parsed token: the CMS around it and its TSTInfo. */
export interface TimestampToken {
  readonly der: Uint8Array;
  readonly cms: ParsedSignedData;
  readonly tstInfo: TstInfo;
}

/** The integrity of a timestamp token. */
export interface TimestampTokenCheck extends TimestampToken {
  readonly signature: CmsSignatureCheck;
  /** The certificate that signed the token, when embedded or supplied. */
  readonly tsaCertificate?: CertificateInfo;
  /** The TSA certificate carries exactly id-kp-timeStamping in a critical EKU extension. */
  readonly tsaCertificateUsageOk: boolean;
  /** The token's imprint equals the expected one; null when no imprint was given. */
  readonly imprintMatches: boolean | null;
  /** Everything above holds. */
  readonly valid: boolean;
  /** First reason it does not, in English for logs. */
  readonly problem?: string;
}

function malformed(reason: string): never {
  throw new InkstoneError('PKI_TIMESTAMP_MALFORMED', { reason });
}

function accuracyMs(accuracy: pkijs.Accuracy | undefined): number | null {
  if (!accuracy) return null;
  return (accuracy.seconds ?? 0) * 1000 + (accuracy.millis ?? 0) + (accuracy.micros ?? 0) / 1000;
}

/** Read a TSTInfo's DER. */
export function parseTstInfo(der: Uint8Array): TstInfo {
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) malformed(asn1.reason);
  let tst: pkijs.TSTInfo;
  try {
    tst = new pkijs.TSTInfo({ schema: asn1.value });
  } catch (err) {
    return malformed(err instanceof Error ? err.message : String(err));
  }
  const hashOid = tst.messageImprint.hashAlgorithm.algorithmId;
  return {
    version: tst.version,
    policy: tst.policy,
    hashAlgorithm: hashAlgorithmOfOid(hashOid) ?? hashOid,
    imprint: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    serialNumber: integerHex(tst.serialNumber),
    genTime: tst.genTime,
    accuracyMs: accuracyMs(tst.accuracy),
    ordering: tst.ordering ?? false,
    nonce: tst.nonce ? integerHex(tst.nonce) : undefined,
    tsaName: tst.tsa?.type === 4 && tst.tsa.value instanceof pkijs.RelativeDistinguishedNames ? decodeName(tst.tsa.value).text : undefined,
  };
}

/** Read a timestamp token (DER ContentInfo). Throws PKI_TIMESTAMP_MALFORMED. */
export function parseTimestampToken(token: Uint8Array): TimestampToken {
  let cms: ParsedSignedData;
  try {
    cms = parseSignedData(token);
  } catch (err) {
    if (err instanceof InkstoneError) malformed(String(err.details.reason ?? err.message));
    throw err;
  }
  if (cms.contentType !== OID.tstInfo) malformed(`its content type ${cms.contentType} is not id-ct-TSTInfo`);
  if (!cms.encapsulatedContent) malformed('it carries no TSTInfo');
  return { der: cms.der, cms, tstInfo: parseTstInfo(cms.encapsulatedContent) };
}

/**
 * RFC 3161 §2.3: the TSA certificate MUST have exactly one extended key usage, id-kp-timeStamping,
 * in a critical extension. Returns the reason it does not, or undefined.
 */
export function tsaCertificateUsageProblem(cert: CertificateInfo): string | undefined {
  if (!cert.extendedKeyUsage) return 'the TSA certificate has no extended key usage';
  if (!cert.extendedKeyUsageCritical) return 'the TSA certificate’s extended key usage is not critical';
  if (cert.extendedKeyUsage.length !== 1 || cert.extendedKeyUsage[0] !== OID.kpTimeStamping) return 'the TSA certificate is not for timestamping only';
  return undefined;
}

/**
 * Check a timestamp token's integrity. With `imprint` (and optionally its `hashAlgorithm`), also
 * that the token is over that data. `tsaCertificate` supplies the TSA certificate when the token
 * does not embed it. Throws PKI_TIMESTAMP_MALFORMED when the bytes are not a token at all.
 */
export function verifyTimestampToken(
  token: Uint8Array,
  expected: { imprint?: Uint8Array; hashAlgorithm?: HashAlgorithm; tsaCertificate?: CertificateInfo | Uint8Array } = {},
): TimestampTokenCheck {
  const parsed = parseTimestampToken(token);
  const signature = verifyCmsSignature(parsed.cms, undefined, {
    signerCertificate: expected.tsaCertificate ? toCertificateInfo(expected.tsaCertificate) : undefined,
  });
  const tsaCertificate = signature.signerCertificate;
  const usageProblem = tsaCertificate ? tsaCertificateUsageProblem(tsaCertificate) : 'the TSA certificate is not in the token';
  let imprintMatches: boolean | null = null;
  if (expected.imprint) {
    imprintMatches =
      bytesEqual(parsed.tstInfo.imprint, expected.imprint) && (expected.hashAlgorithm === undefined || parsed.tstInfo.hashAlgorithm === expected.hashAlgorithm);
  }
  const boundToCertificate = signature.signingCertV2Matches === true || (signature.signingCertV2Matches === null && signature.signingCertV1Matches === true);
  const problem =
    signature.problem ??
    (boundToCertificate ? undefined : 'the token does not name its TSA certificate (ESS signing-certificate)') ??
    usageProblem ??
    (imprintMatches === false ? 'the timestamp is over other data (message imprint differs)' : undefined);
  return {
    ...parsed,
    signature,
    tsaCertificate,
    tsaCertificateUsageOk: usageProblem === undefined,
    imprintMatches,
    valid: problem === undefined,
    ...(problem ? { problem } : {}),
  };
}
