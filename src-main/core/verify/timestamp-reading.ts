import { isHashAlgorithm, type HashAlgorithm } from '../crypto-names/index.js';
import { OID, parseTstInfo, tsaCertificateUsageProblem, verifyCmsSignature, type CertificateInfo, type ParsedSignedData, type TstInfo } from '../pki/index.js';
import { decodeHostile, readCms } from './cms-reading.js';
import { scanDer } from './der-strictness.js';

/**
 * RFC 3161 tokens as the verifier reads them — signature timestamps (over a signature value) and
 * document timestamps (over a revision's bytes) — with the same strictness as signatures. Reading
 * (`readTimestampToken`) comes first, because a document timestamp's imprint algorithm decides how
 * the file is hashed; checking the imprint and the token's CMS follows.
 */

export interface TimestampReading {
  readonly cms: ParsedSignedData | null;
  readonly tstInfo: TstInfo | null;
  /** The imprint's hash when Inkstone knows it. */
  readonly hashAlgorithm: HashAlgorithm | null;
  readonly problem: string | null;
  readonly findings: readonly string[];
}

export function readTimestampToken(der: Uint8Array): TimestampReading {
  const reading = readCms(der);
  const fail = (problem: string, finding = 'TIMESTAMP_UNDECODABLE'): TimestampReading => ({
    cms: reading.parsed,
    tstInfo: null,
    hashAlgorithm: null,
    problem,
    findings: [...reading.findings, finding],
  });
  if (!reading.parsed) return fail(reading.problem ?? 'not a timestamp token');
  if (reading.parsed.contentType !== OID.tstInfo || !reading.parsed.encapsulatedContent) return fail('the token does not carry a TSTInfo');
  const content = reading.parsed.encapsulatedContent;
  const scan = scanDer(content);
  if (scan.length === null || scan.length !== content.length) return fail(`the TSTInfo is not DER (${scan.problem ?? 'trailing bytes'})`);
  const decoded = decodeHostile(() => parseTstInfo(content));
  if (!decoded.ok) return fail(decoded.problem);
  const tstInfo: TstInfo = decoded.value;
  const alg = isHashAlgorithm(tstInfo.hashAlgorithm) ? tstInfo.hashAlgorithm : null;
  return {
    cms: reading.parsed,
    tstInfo,
    hashAlgorithm: alg,
    problem: alg ? null : `unsupported imprint algorithm ${tstInfo.hashAlgorithm}`,
    findings: reading.findings,
  };
}

export interface TimestampIntegrity {
  /** The token's signature verifies and its imprint is the expected one. */
  readonly intact: boolean;
  readonly imprintMatches: boolean;
  readonly tsaCertificate: CertificateInfo | null;
  /** RFC 3161 §2.3 and ESS binding problems: the token is intact but not from a proper TSA certificate. */
  readonly usageProblem: string | null;
  readonly problem: string | null;
  readonly findings: readonly string[];
}

/** Check a token read by `readTimestampToken` against the imprint it should carry (null: the bytes could not be hashed). */
export function checkTimestampToken(reading: TimestampReading, expectedImprint: Uint8Array | null): TimestampIntegrity {
  const findings = [...reading.findings];
  if (!reading.cms || !reading.tstInfo)
    return { intact: false, imprintMatches: false, tsaCertificate: null, usageProblem: null, problem: reading.problem, findings };
  const signature = verifyCmsSignature(reading.cms);
  const imprintMatches = expectedImprint !== null && Buffer.from(reading.tstInfo.imprint).equals(Buffer.from(expectedImprint));
  if (!imprintMatches) findings.push('TIMESTAMP_IMPRINT_MISMATCH');
  if (!signature.digestMatches || !signature.signatureValid) findings.push('TIMESTAMP_SIGNATURE_INVALID');
  const tsa = signature.signerCertificate ?? null;
  const bound = signature.signingCertV2Matches === true || (signature.signingCertV2Matches === null && signature.signingCertV1Matches === true);
  const usageProblem = !tsa
    ? 'the TSA certificate is not in the token'
    : (tsaCertificateUsageProblem(tsa) ?? (bound ? null : 'the token does not name its TSA certificate (ESS signing-certificate)'));
  const intact = imprintMatches && signature.digestMatches && signature.signatureValid;
  const problem = reading.problem ?? (!imprintMatches ? 'the timestamp is over other data (message imprint differs)' : (signature.problem ?? null));
  return { intact, imprintMatches, tsaCertificate: tsa, usageProblem, problem: intact ? null : problem, findings };
}
