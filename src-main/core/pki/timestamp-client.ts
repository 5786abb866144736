import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomBytes } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { hashLength, type SigningHashAlgorithm } from '../crypto-names/index.js';
import type { CertificateInfo } from './certificate.js';
import { buildCertificatePath } from './certificate-path.js';
import { decodeAsn1, encodeDer, integerHex, toArrayBuffer } from './der.js';
import { digestAlgorithmIdentifier } from './digest.js';
import { pkiHttp, PkiHttpError } from './http.js';
import { verifyTimestampToken } from './timestamp-token.js';
import type { TrustStore } from './trust-store.js';

/**
 * RFC 3161 client: ask TSAs in turn for a token over an imprint and accept one only after checking
 * everything the token claims — status, CMS signature, the TSA certificate's exclusive critical
 * timeStamping usage, imprint, nonce (a replayed or misrouted answer fails), a plausible genTime,
 * and, given a trust store, the TSA's certificate path at genTime.
 */

/** What to timestamp and where. */
export interface TimestampRequest {
  /** TSA URLs, tried in order until one answers with a valid token. */
  readonly urls: readonly string[];
  /** The digest to timestamp. */
  readonly imprint: Uint8Array;
  readonly hashAlgorithm: SigningHashAlgorithm;
  /** Per-URL deadline; 10 s by default. */
  readonly timeoutMs?: number;
  /** Ask for a specific TSA policy. */
  readonly policyOid?: string;
  /** Largest accepted distance between genTime and this computer's clock; 24 h by default. */
  readonly maxClockSkewMs?: number;
  /** When given, the TSA certificate must chain to one of these anchors at genTime. */
  readonly trustStore?: TrustStore;
}

/** A checked timestamp token. */
export interface TimestampResult {
  /** DER ContentInfo, ready for addSignatureTimestamp or a document timestamp. */
  readonly token: Uint8Array;
  readonly genTime: Date;
  readonly tsaCertificate: CertificateInfo;
  /** Certificates the token carries (the TSA's chain), for the DSS. */
  readonly certificates: readonly CertificateInfo[];
  /** Hex. */
  readonly serial: string;
  /** Milliseconds, null when the TSA states none. */
  readonly accuracyMs: number | null;
  readonly policy: string;
  /** The URL that issued it. */
  readonly url: string;
}

type Attempt = { url: string; kind: 'unreachable' | 'rejected' | 'invalid'; error: InkstoneError };

const STATUS_NAMES = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'];
const FAILURE_NAMES: Readonly<Record<number, string>> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

function randomNonce(): bigint {
  const bytes = randomBytes(8);
  bytes[0] &= 0x7f;
  return BigInt(`0x${bytes.toString('hex')}`) || 1n;
}

/** The DER TimeStampReq: version 1, imprint, nonce, certReq TRUE, optional policy. */
export function buildTimestampRequest(imprint: Uint8Array, hashAlgorithm: SigningHashAlgorithm, nonce: bigint, policyOid?: string): Uint8Array {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: digestAlgorithmIdentifier(hashAlgorithm),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
    ...(policyOid ? { reqPolicy: policyOid } : {}),
  });
  return encodeDer(req.toSchema());
}

function failureText(info: asn1js.BitString | undefined): string {
  if (!info) return '';
  const bytes = info.valueBlock.valueHexView;
  const names: string[] = [];
  for (let bit = 0; bit < bytes.length * 8; bit++) {
    if (bytes[bit >> 3] & (0x80 >> (bit & 7))) names.push(FAILURE_NAMES[bit] ?? `bit ${bit}`);
  }
  return names.length ? `: ${names.join(', ')}` : '';
}

function checkResponse(url: string, body: Uint8Array, request: TimestampRequest, nonce: bigint): TimestampResult {
  const invalid = (reason: string) => new InkstoneError('PKI_TSA_RESPONSE_INVALID', { url, reason });
  const asn1 = decodeAsn1(body);
  if (!asn1.ok) throw invalid(`the answer is not a TimeStampResp (${asn1.reason})`);
  let resp: pkijs.TimeStampResp;
  try {
    resp = new pkijs.TimeStampResp({ schema: asn1.value });
  } catch {
    throw invalid('the answer is not a TimeStampResp');
  }
  const status = resp.status.status as number;
  if (status !== 0 && status !== 1) {
    const statusText = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new InkstoneError('PKI_TSA_REJECTED', {
      url,
      status: STATUS_NAMES[status] ?? String(status),
      failure: `${failureText(resp.status.failInfo)}${statusText ? ` — ${statusText}` : ''}`,
    });
  }
  if (!resp.timeStampToken) throw invalid('the TSA granted the request but sent no token');
  const token = encodeDer(resp.timeStampToken.toSchema());
  let check;
  try {
    check = verifyTimestampToken(token, { imprint: request.imprint, hashAlgorithm: request.hashAlgorithm });
  } catch (err) {
    throw invalid(err instanceof InkstoneError ? String(err.details.reason ?? err.message) : 'the token cannot be read');
  }
  if (!check.valid || !check.tsaCertificate) throw invalid(check.problem ?? 'the token is not valid');
  const { tstInfo } = check;
  if (tstInfo.nonce !== integerHex(asn1js.Integer.fromBigInt(nonce))) throw invalid('the answer is not for this request (nonce differs)');
  if (request.policyOid && tstInfo.policy !== request.policyOid) throw invalid(`the token is under policy ${tstInfo.policy}, not ${request.policyOid}`);
  if (request.trustStore) {
    const path = buildCertificatePath(check.tsaCertificate, { trustStore: request.trustStore, pool: check.cms.certificates, at: tstInfo.genTime });
    if (!path.ok) throw invalid(`the TSA certificate is not trusted (${path.reason}: ${path.detail})`);
  }
  const skew = Math.abs(tstInfo.genTime.getTime() - Date.now());
  if (skew > (request.maxClockSkewMs ?? 86_400_000)) throw invalid(`its time ${tstInfo.genTime.toISOString()} is implausibly far from this computer’s clock`);
  return {
    token: check.der,
    genTime: tstInfo.genTime,
    tsaCertificate: check.tsaCertificate,
    certificates: check.cms.certificates,
    serial: tstInfo.serialNumber,
    accuracyMs: tstInfo.accuracyMs,
    policy: tstInfo.policy,
    url,
  };
}

/**
 * Get a checked RFC 3161 token, failing over across `urls`. When every URL fails: the first
 * PKI_TSA_RESPONSE_INVALID (a TSA answered wrongly), else the first PKI_TSA_REJECTED, else
 * PKI_TSA_UNREACHABLE listing each URL's reason. Every failure is in `details.attempts`.
 */
export async function requestTimestamp(request: TimestampRequest): Promise<TimestampResult> {
  if (request.imprint.length !== hashLength(request.hashAlgorithm)) {
    throw new InkstoneError('INVALID_INPUT', {
      issues: `a ${request.hashAlgorithm} imprint is ${hashLength(request.hashAlgorithm)} bytes, not ${request.imprint.length}`,
    });
  }
  if (request.urls.length === 0) throw new InkstoneError('PKI_TSA_UNREACHABLE', { reasons: 'no timestamp server is configured', attempts: [] });
  const attempts: Attempt[] = [];
  for (const url of request.urls) {
    const nonce = randomNonce();
    let body: Uint8Array;
    try {
      body = await pkiHttp({
        url,
        timeoutMs: request.timeoutMs ?? 10_000,
        body: { contentType: 'application/timestamp-query', bytes: buildTimestampRequest(request.imprint, request.hashAlgorithm, nonce, request.policyOid) },
        accept: 'application/timestamp-reply',
      });
    } catch (err) {
      if (!(err instanceof PkiHttpError)) throw err;
      attempts.push({ url, kind: 'unreachable', error: new InkstoneError('PKI_TSA_UNREACHABLE', { reasons: `${url}: ${err.message}` }) });
      continue;
    }
    try {
      return checkResponse(url, body, request, nonce);
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      attempts.push({ url, kind: err.code === 'PKI_TSA_REJECTED' ? 'rejected' : 'invalid', error: err });
    }
  }
  const summary = attempts.map((a) => ({ url: a.url, code: a.error.code, reason: a.error.message }));
  const decisive = attempts.find((a) => a.kind === 'invalid') ?? attempts.find((a) => a.kind === 'rejected');
  if (decisive) throw new InkstoneError(decisive.error.code, { ...decisive.error.details, attempts: summary });
  throw new InkstoneError('PKI_TSA_UNREACHABLE', { reasons: attempts.map((a) => a.error.details.reasons).join('; '), attempts: summary });
}
