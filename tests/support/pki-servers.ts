import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CertificateInfo,
  type CryptoKey,
  type OcspCertId,
  type RevocationReason,
  type TimestampAuthority,
  encodeCertId,
  OID,
  parseOcspRequest,
  revocationReasonCode,
  softwareKeySigner,
  signatureAlgorithmIdentifier,
} from '../../src-main/core/pki/index.js';

/**
 * The test PKI's loopback services on 127.0.0.1 (ephemeral port): RFC 3161 TSAs (a good one and two
 * that misbehave), an OCSP responder, CRLs and CA certificates. The server starts before the test
 * PKI exists, because the certificates it issues must carry these URLs; `attach` then hands it the
 * PKI's state. Revocation answers are computed per request from that state, so a test can revoke a
 * certificate and see OCSP and the CRL agree at once.
 */

/** A CA as the servers need it. */
export interface ServedCa {
  readonly certificate: CertificateInfo;
  readonly privateKey: CryptoKey;
  /** A delegated OCSP responder for the certificates this CA issued; the CA signs itself when absent. */
  readonly ocspResponder?: { readonly certificate: CertificateInfo; readonly privateKey: CryptoKey };
}

/** What the servers answer from. */
export interface PkiServerState {
  /** CAs by short name ("root", "intermediate"): names the CRL and certificate paths. */
  readonly cas: Readonly<Record<string, ServedCa>>;
  /** Every certificate the CAs issued, by serial (lowercase hex). */
  readonly issued: ReadonlyMap<string, { readonly certificate: CertificateInfo; readonly ca: string }>;
  /** Revoked serials. */
  readonly revoked: ReadonlyMap<string, { readonly time: Date; readonly reason: RevocationReason }>;
  /** The well-behaved TSA. */
  readonly tsa: TimestampAuthority;
  /** A TSA whose certificate's timeStamping EKU is not critical (must be refused by clients). */
  readonly tsaWrongEku: TimestampAuthority;
}

/** The running servers. */
export interface PkiServers {
  readonly baseUrl: string;
  readonly urls: {
    readonly tsa: string;
    readonly tsaWrongEku: string;
    /** Answers with a token whose nonce is not the request's. */
    readonly tsaWrongNonce: string;
    /** Always HTTP 500. */
    readonly tsaServerError: string;
    /** A URL nothing listens on (connection refused). */
    readonly unreachable: string;
    readonly ocsp: string;
    crl(ca: string): string;
    caCertificate(ca: string): string;
  };
  /** Requests served on a path so far (to assert a test did, or did not, go online). */
  hits(path: string): number;
  attach(state: PkiServerState): void;
  close(): Promise<void>;
}

const OCSP_VALIDITY_MS = 60 * 60_000;
const CRL_VALIDITY_MS = 24 * 60 * 60_000;

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function send(res: ServerResponse, status: number, contentType: string, body: Uint8Array | string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Same request, another nonce: the TSA's answer then cannot match what the client asked. */
function withOtherNonce(der: Uint8Array): Uint8Array {
  const req = new pkijs.TimeStampReq({ schema: asn1js.fromBER(der.slice().buffer).result });
  req.nonce = asn1js.Integer.fromBigInt((req.nonce?.toBigInt() ?? 0n) + 1n);
  return new Uint8Array(req.toSchema().toBER(false));
}

/** The CA's key bits, hashed for OCSP CertIDs and byKey responder ids. */
function keyBits(cert: CertificateInfo): Uint8Array {
  return pkijs.Certificate.fromBER(cert.der.slice().buffer).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
}

function hashHex(alg: string, bytes: Uint8Array): string {
  const name = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' }[alg];
  return name ? createHash(name).update(bytes).digest('hex') : '';
}

/** Whether a CertID names a certificate issued by this CA (RFC 6960 §4.1.1: issuer name and key hashes). */
function issuedBy(ca: CertificateInfo, id: OcspCertId): boolean {
  return id.issuerNameHash === hashHex(String(id.hashAlgorithm), ca.subject.der) && id.issuerKeyHash === hashHex(String(id.hashAlgorithm), keyBits(ca));
}

function ocspStatusField(state: PkiServerState, serial: string): asn1js.BaseBlock {
  const revoked = state.revoked.get(serial);
  if (revoked) {
    return new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 1 },
      value: [
        new asn1js.GeneralizedTime({ valueDate: revoked.time }),
        new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: revocationReasonCode(revoked.reason) })] }),
      ],
    });
  }
  const tag = state.issued.has(serial) ? 0 : 2; // good, or unknown for serials this PKI never issued
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: tag }, lenBlock: { length: 0 } } as ConstructorParameters<typeof asn1js.Primitive>[0]);
}

function ocspError(status: number): Uint8Array {
  return new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Enumerated({ value: status })] }).toBER(false));
}

/** An RFC 6960 responder over the state: the CA's delegated responder signs, or the CA itself. */
function answerOcsp(state: PkiServerState, requestDer: Uint8Array): Uint8Array {
  let request: ReturnType<typeof parseOcspRequest>;
  try {
    request = parseOcspRequest(requestDer);
  } catch {
    return ocspError(1); // malformedRequest
  }
  const first = request.certIds[0];
  const caName = first && Object.keys(state.cas).find((name) => issuedBy(state.cas[name].certificate, first));
  if (!caName) return ocspError(6); // unauthorized: not a CA this responder serves
  const ca = state.cas[caName];
  const signerCert = ca.ocspResponder?.certificate ?? ca.certificate;
  const signer = softwareKeySigner(ca.ocspResponder?.privateKey ?? ca.privateKey);
  // Whole seconds: NSS (pdfsig, Firefox) rejects an OCSP GeneralizedTime with fractional seconds.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const responses = request.certIds.map(
    (id) =>
      new pkijs.SingleResponse({
        certID: encodeCertId(id),
        certStatus: ocspStatusField(state, id.serialNumber),
        thisUpdate: new Date(now.getTime() - 60_000),
        nextUpdate: new Date(now.getTime() + OCSP_VALIDITY_MS),
      }),
  );
  const responseData = new pkijs.ResponseData({
    responderID: new asn1js.OctetString({ valueHex: Buffer.from(hashHex('SHA-1', keyBits(signerCert)), 'hex') }),
    producedAt: now,
    responses,
    ...(request.nonce
      ? {
          responseExtensions: [
            new pkijs.Extension({ extnID: OID.ocspNonce, extnValue: new asn1js.OctetString({ valueHex: request.nonce.slice().buffer }).toBER(false) }),
          ],
        }
      : {}),
  });
  const tbs = new Uint8Array(responseData.toSchema(true).toBER(false));
  responseData.tbsView = tbs;
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: responseData,
    signatureAlgorithm: signatureAlgorithmIdentifier(signer.scheme),
    signature: new asn1js.BitString({ valueHex: signer.signSync(tbs).slice().buffer }),
    ...(ca.ocspResponder ? { certs: [pkijs.Certificate.fromBER(signerCert.der.slice().buffer)] } : {}),
  });
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({ responseType: OID.ocspBasic, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}

/** A fresh CRL of the CA's revoked serials, signed by the CA. */
async function issueCrl(state: PkiServerState, caName: string): Promise<Uint8Array> {
  const ca = state.cas[caName];
  const issuer = new x509.X509Certificate(new Uint8Array(ca.certificate.der));
  const entries = [...state.revoked.entries()]
    .filter(([serial]) => state.issued.get(serial)?.ca === caName)
    .map(([serialNumber, r]) => ({ serialNumber, revocationDate: r.time, reason: revocationReasonCode(r.reason) as x509.X509CrlReason }));
  const now = Date.now();
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.subjectName,
    thisUpdate: new Date(now - 60_000),
    nextUpdate: new Date(now + CRL_VALIDITY_MS),
    entries,
    signingKey: ca.privateKey,
    signingAlgorithm: ca.privateKey.algorithm.name === 'ECDSA' ? ({ name: 'ECDSA', hash: 'SHA-256' } as unknown as Algorithm) : ca.privateKey.algorithm,
    extensions: [
      new x509.AuthorityKeyIdentifierExtension(ca.certificate.subjectKeyId!),
      new x509.Extension(OID.crlNumber, false, new Uint8Array(asn1js.Integer.fromBigInt(BigInt(now)).toBER(false))),
    ],
  });
  return new Uint8Array(crl.rawData);
}

/** Start the servers on 127.0.0.1 with an ephemeral port. They do not keep the process alive. */
export async function startPkiServers(): Promise<PkiServers> {
  let state: PkiServerState | undefined;
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = path.startsWith('/ocsp/') ? '/ocsp' : path;
    hits.set(route, (hits.get(route) ?? 0) + 1);
    handle(req, res, path).catch((err) => send(res, 500, 'text/plain', String(err)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!state) return send(res, 503, 'text/plain', 'the test PKI is not ready');
    const s = state;
    const tsaRoutes: Record<string, () => Promise<Uint8Array>> = {
      '/tsa': async () => s.tsa.respond(await readBody(req)),
      '/tsa/wrong-eku': async () => s.tsaWrongEku.respond(await readBody(req)),
      '/tsa/wrong-nonce': async () => s.tsa.respond(withOtherNonce(await readBody(req))),
    };
    if (path === '/tsa/server-error') return send(res, 500, 'text/plain', 'TSA down');
    if (tsaRoutes[path] && req.method === 'POST') return send(res, 200, 'application/timestamp-reply', await tsaRoutes[path]());
    if (path === '/ocsp' && req.method === 'POST') return send(res, 200, 'application/ocsp-response', answerOcsp(s, await readBody(req)));
    if (path.startsWith('/ocsp/') && req.method === 'GET') {
      const der = new Uint8Array(Buffer.from(decodeURIComponent(path.slice('/ocsp/'.length)), 'base64'));
      return send(res, 200, 'application/ocsp-response', answerOcsp(s, der));
    }
    const crl = /^\/crl\/([a-z-]+)\.crl$/.exec(path);
    if (crl && s.cas[crl[1]]) return send(res, 200, 'application/pkix-crl', await issueCrl(s, crl[1]));
    const cert = /^\/ca\/([a-z-]+)\.cer$/.exec(path);
    if (cert && s.cas[cert[1]]) return send(res, 200, 'application/pkix-cert', s.cas[cert[1]].certificate.der);
    return send(res, 404, 'text/plain', 'not found');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Idle keep-alive sockets must not hold a finished test process open.
  server.unref();
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => socket.unref());
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    urls: {
      tsa: `${baseUrl}/tsa`,
      tsaWrongEku: `${baseUrl}/tsa/wrong-eku`,
      tsaWrongNonce: `${baseUrl}/tsa/wrong-nonce`,
      tsaServerError: `${baseUrl}/tsa/server-error`,
      unreachable: 'http://127.0.0.1:9/tsa',
      ocsp: `${baseUrl}/ocsp`,
      crl: (ca) => `${baseUrl}/crl/${ca}.crl`,
      caCertificate: (ca) => `${baseUrl}/ca/${ca}.cer`,
    },
    hits: (path) => hits.get(path) ?? 0,
    attach(next) {
      state = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
