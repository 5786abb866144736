import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { type HashAlgorithm, hashLength, type SigningHashAlgorithm } from '../crypto-names/index.js';
import { decodeCertificate, parseCertificate, type CertificateInfo } from './certificate.js';
import { signingCertificateV2Attribute } from './cms-attributes.js';
import { buildSignedData } from './cms-build.js';
import { decodeAsn1, encodeDer, toArrayBuffer } from './der.js';
import { digest, digestAlgorithmIdentifier, hashAlgorithmOfOid } from './digest.js';
import { OID } from './oids.js';
import { softwareKeySigner, type CryptoKey } from './software-key.js';
import { tsaCertificateUsageProblem } from './timestamp-token.js';
import { verifySignature } from './verify-signature.js';

/**
 * An RFC 3161 time-stamping authority: the evidence service's built-in TSA and the tests' loopback
 * TSA. It answers TimeStampReq bytes with TimeStampResp bytes (the HTTP layer is the host's), never
 * throws on a bad request (it answers with a rejection and the RFC's failure bit), and stamps
 * imprints directly for in-process callers.
 */

/** How to run a TSA. */
export interface TimestampAuthorityOptions {
  /** DER of the TSA certificate: critical EKU id-kp-timeStamping only. */
  readonly certificate: Uint8Array;
  /** DER of the certificates above it (intermediate CAs, optionally the root), sent on certReq. */
  readonly chain?: readonly Uint8Array[];
  readonly privateKey: CryptoKey;
  /** The TSA policy under which tokens are issued (TSTInfo.policy). */
  readonly policyOid: string;
  /** Stated accuracy of genTime; 1000 ms by default. */
  readonly accuracyMs?: number;
  /** The clock; the system clock by default. */
  readonly clock?: () => Date;
  /**
   * Lowest serial to issue. Serials are strictly increasing within a process and start from the
   * clock in microseconds, so they also increase across restarts while the clock does.
   */
  readonly firstSerial?: bigint;
}

/** A running TSA. */
export interface TimestampAuthority {
  readonly certificate: CertificateInfo;
  readonly policyOid: string;
  /** Answer a DER TimeStampReq with a DER TimeStampResp (granted, or a rejection with its reason). */
  respond(timeStampReqDer: Uint8Array): Promise<Uint8Array>;
  /** Issue a token (DER ContentInfo) over an imprint, with the certificates included. */
  stamp(imprint: Uint8Array, hashAlgorithm: SigningHashAlgorithm, nonce?: bigint): Promise<Uint8Array>;
}

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
const FAILURE = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16, systemFailure: 25 } as const;
type FailureName = keyof typeof FAILURE;

class Rejection extends Error {
  constructor(
    readonly failure: FailureName,
    readonly text: string,
  ) {
    super(text);
  }
}

/** A DER named-bit BIT STRING with one bit set: minimal length, unused trailing bits counted. */
function failureInfo(bit: number): asn1js.BitString {
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits: 7 - (bit & 7) });
}

function rejection(failure: FailureName, text: string): Uint8Array {
  const status = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 2 }), new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: text })] }), failureInfo(FAILURE[failure])],
  });
  return encodeDer(new asn1js.Sequence({ value: [status] }));
}

function granted(token: Uint8Array): Uint8Array {
  const decoded = decodeAsn1(token);
  if (!decoded.ok) throw new Error(decoded.reason);
  return encodeDer(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] }), decoded.value] }));
}

function accuracyOf(ms: number): pkijs.Accuracy {
  const seconds = Math.floor(ms / 1000);
  const millis = Math.floor(ms % 1000);
  return new pkijs.Accuracy({ ...(seconds ? { seconds } : {}), ...(millis ? { millis } : {}) });
}

interface ParsedRequest {
  imprint: Uint8Array;
  hashAlgorithm: SigningHashAlgorithm;
  nonce?: asn1js.Integer;
  certReq: boolean;
}

function readRequest(der: Uint8Array, policyOid: string): ParsedRequest {
  const asn1 = decodeAsn1(der);
  if (!asn1.ok) throw new Rejection('badDataFormat', 'the request is not DER');
  let req: pkijs.TimeStampReq;
  try {
    req = new pkijs.TimeStampReq({ schema: asn1.value });
  } catch {
    throw new Rejection('badDataFormat', 'the request is not a TimeStampReq');
  }
  if (req.version !== 1) throw new Rejection('badRequest', `version ${req.version} is not supported`);
  const hash: HashAlgorithm | undefined = hashAlgorithmOfOid(req.messageImprint.hashAlgorithm.algorithmId);
  if (!hash || hash === 'SHA-1') throw new Rejection('badAlg', `hash algorithm ${req.messageImprint.hashAlgorithm.algorithmId} is not accepted`);
  const imprint = new Uint8Array(req.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (imprint.length !== hashLength(hash)) throw new Rejection('badDataFormat', `a ${hash} imprint is ${hashLength(hash)} bytes`);
  if (req.reqPolicy && req.reqPolicy !== policyOid) throw new Rejection('unacceptedPolicy', `policy ${req.reqPolicy} is not offered`);
  if (req.extensions?.length) throw new Rejection('unacceptedExtension', 'request extensions are not supported');
  return { imprint, hashAlgorithm: hash, nonce: req.nonce, certReq: req.certReq ?? false };
}

/**
 * Start a TSA. Throws PKI_TSA_CONFIGURATION when the policy is not an OID, the certificate is not
 * a TSA certificate, or the key is not the certificate's (checked with a probe signature).
 */
export function createTimestampAuthority(options: TimestampAuthorityOptions): TimestampAuthority {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(options.policyOid))
    throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: `“${options.policyOid}” is not an object identifier` });
  const certificate = parseCertificate(options.certificate);
  const usage = tsaCertificateUsageProblem(certificate);
  if (usage) throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: usage });
  const signer = softwareKeySigner(options.privateKey);
  const probe = new TextEncoder().encode('inkstone tsa key probe');
  if (!verifySignature(signer.scheme, certificate.publicKey.spki, probe, signer.signSync(probe))) {
    throw new InkstoneError('PKI_TSA_CONFIGURATION', { reason: 'the private key does not belong to the TSA certificate' });
  }
  return timestampAuthorityWithoutChecks(options);
}

/**
 * The TSA machinery without the certificate and key checks above. Not part of the capability's
 * public API: tests use it to play a misissued TSA that a client must refuse.
 */
export function timestampAuthorityWithoutChecks(options: TimestampAuthorityOptions): TimestampAuthority {
  const certificate = parseCertificate(options.certificate);
  const signer = softwareKeySigner(options.privateKey);
  const clock = options.clock ?? (() => new Date());
  const accuracyMs = options.accuracyMs ?? 1000;
  const tsaName = new pkijs.GeneralName({ type: 4, value: decodeCertificate(certificate.der).subject });
  const essAttribute = signingCertificateV2Attribute(certificate);
  let lastSerial = (options.firstSerial ?? 1n) - 1n;

  const nextSerial = (): bigint => {
    const fromClock = BigInt(Date.now()) * 1000n;
    lastSerial = fromClock > lastSerial ? fromClock : lastSerial + 1n;
    return lastSerial;
  };

  async function issue(req: ParsedRequest): Promise<Uint8Array> {
    const genTime = clock();
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: options.policyOid,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: digestAlgorithmIdentifier(req.hashAlgorithm),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(req.imprint) }),
      }),
      serialNumber: asn1js.Integer.fromBigInt(nextSerial()),
      genTime,
      accuracy: accuracyOf(accuracyMs),
      ...(req.nonce ? { nonce: req.nonce } : {}),
      tsa: tsaName,
    });
    const eContent = encodeDer(tstInfo.toSchema());
    return buildSignedData({
      eContentType: OID.tstInfo,
      eContent,
      contentDigest: digest(signer.scheme.hash, eContent),
      digestAlgorithm: signer.scheme.hash as SigningHashAlgorithm,
      signer: certificate,
      certificates: req.certReq ? [options.certificate, ...(options.chain ?? [])] : [],
      extraSignedAttributes: [essAttribute],
      scheme: signer.scheme,
      sign: signer.sign,
    });
  }

  return {
    certificate,
    policyOid: options.policyOid,
    async respond(timeStampReqDer) {
      let req: ParsedRequest;
      try {
        req = readRequest(timeStampReqDer, options.policyOid);
      } catch (err) {
        if (err instanceof Rejection) return rejection(err.failure, err.text);
        return rejection('badRequest', 'the request cannot be read');
      }
      try {
        return granted(await issue(req));
      } catch {
        return rejection('systemFailure', 'the timestamp could not be issued');
      }
    },
    async stamp(imprint, hashAlgorithm, nonce) {
      if (imprint.length !== hashLength(hashAlgorithm)) {
        throw new InkstoneError('INVALID_INPUT', { issues: `a ${hashAlgorithm} imprint is ${hashLength(hashAlgorithm)} bytes, not ${imprint.length}` });
      }
      return issue({ imprint, hashAlgorithm, nonce: nonce === undefined ? undefined : asn1js.Integer.fromBigInt(nonce), certReq: true });
    },
  };
}
