import 'reflect-metadata';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

/**
 * The service's own RFC 3161 time-stamping authority, for self-hosting and tests: a self-signed root
 * issues one TSA certificate (ECDSA P-256, extended key usage id-kp-timeStamping, critical) and is then
 * forgotten — its private key is never written down, so the TSA certificate cannot be re-issued or
 * duplicated. The TSA key and both certificates live in the service's key folder.
 */

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_CERT_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
/** Inkstone built-in TSA policy (an OID under the UUID arc 2.25, which needs no registration). */
export const BUILTIN_TSA_POLICY = '2.25.208366591930286063410549301432364934881';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface BuiltinTsa {
  /** DER certificates, TSA first then root. */
  readonly chain: readonly Buffer[];
  readonly name: string;
  /** A timestamp token (DER ContentInfo) over a SHA-256 imprint. */
  stamp(imprint: Uint8Array, options?: { nonce?: Uint8Array; includeCertificates?: boolean }): Promise<Buffer>;
  /** Answer a DER TimeStampReq with a DER TimeStampResp (RFC 3161 §2.4.2), e.g. behind an HTTP endpoint. */
  respond(request: Uint8Array): Promise<Buffer>;
}

function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function createIdentity(commonName: string): Promise<{ keyPem: string; certPem: string; rootPem: string }> {
  const now = Date.now();
  const rootKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/u, '1'),
    name: `CN=${commonName} Root, O=Inkstone Evidence`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 20 * 365.25 * 86400_000),
    keys: rootKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const tsaKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const tsa = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/u, '1'),
    subject: `CN=${commonName}, O=Inkstone Evidence`,
    issuer: root.subjectName,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 10 * 365.25 * 86400_000),
    publicKey: tsaKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([OID_TIMESTAMPING], true),
      await x509.SubjectKeyIdentifierExtension.create(tsaKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', tsaKeys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/gu, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return { keyPem, certPem: tsa.toString('pem'), rootPem: root.toString('pem') };
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/gu, '').replace(/\s+/gu, ''), 'base64');
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** Load the built-in TSA from `keyDir`, creating its identity on first use. */
export async function loadBuiltinTsa(keyDir: string, commonName = 'Inkstone Evidence TSA'): Promise<BuiltinTsa> {
  const files = { key: path.join(keyDir, 'tsa-key.pem'), cert: path.join(keyDir, 'tsa-cert.pem'), root: path.join(keyDir, 'tsa-root.pem') };
  let pems: { keyPem: string; certPem: string; rootPem: string };
  try {
    pems = { keyPem: await fs.readFile(files.key, 'utf8'), certPem: await fs.readFile(files.cert, 'utf8'), rootPem: await fs.readFile(files.root, 'utf8') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    pems = await createIdentity(commonName);
    await fs.mkdir(keyDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(files.cert, pems.certPem, { overwrite: true });
    await writeFileAtomic(files.root, pems.rootPem, { overwrite: true });
    // The key last: its presence is what marks the identity complete.
    await writeFileAtomic(files.key, pems.keyPem);
    await fs.chmod(files.key, 0o600);
  }
  const certDer = pemBody(pems.certPem);
  const rootDer = pemBody(pems.rootPem);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pemBody(pems.keyPem), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const cert = pkijs.Certificate.fromBER(ab(certDer));
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(certDer).digest()) })] })] })],
  });
  const name = new x509.X509Certificate(certDer).subject;

  async function stamp(imprint: Uint8Array, options: { nonce?: Uint8Array; includeCertificates?: boolean } = {}): Promise<Buffer> {
    if (imprint.length !== 32) throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: name, reason: 'only SHA-256 imprints are stamped' });
    const serial = randomBytes(16);
    serial[0] &= 0x7f;
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: BUILTIN_TSA_POLICY,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: ab(imprint) }),
      }),
      serialNumber: new asn1js.Integer({ valueHex: ab(serial) }),
      genTime: new Date(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ordering: false,
      ...(options.nonce ? { nonce: new asn1js.Integer({ valueHex: ab(options.nonce) }) } : {}),
      tsa: new pkijs.GeneralName({ type: 4, value: cert.subject }),
    });
    const content = tst.toSchema().toBER(false);
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_TST_INFO, eContent: new asn1js.OctetString({ valueHex: content }) }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              attribute(OID_CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: OID_TST_INFO })),
              attribute(OID_MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(Buffer.from(content)).digest()) })),
              attribute(OID_SIGNING_CERT_V2, essCertIdV2),
            ],
          }),
        }),
      ],
      certificates: options.includeCertificates === false ? undefined : [cert],
    });
    await signed.sign(privateKey, 0, 'SHA-256');
    const ci = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signed.toSchema(true) });
    return Buffer.from(ci.toSchema().toBER(false));
  }

  return {
    chain: [certDer, rootDer],
    name,
    stamp,
    async respond(request) {
      const status = (s: pkijs.PKIStatus, failBit?: number) =>
        new pkijs.PKIStatusInfo({
          status: s,
          ...(failBit === undefined ? {} : { failInfo: new asn1js.BitString({ valueHex: ab(failureBits(failBit)), unusedBits: 7 - (failBit % 8) }) }),
        });
      let req: pkijs.TimeStampReq;
      try {
        req = pkijs.TimeStampReq.fromBER(ab(request));
      } catch {
        return Buffer.from(new pkijs.TimeStampResp({ status: status(pkijs.PKIStatus.rejection, 5) }).toSchema().toBER(false)); // badDataFormat
      }
      if (req.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256 || req.messageImprint.hashedMessage.valueBlock.valueHexView.length !== 32) {
        return Buffer.from(new pkijs.TimeStampResp({ status: status(pkijs.PKIStatus.rejection, 0) }).toSchema().toBER(false)); // badAlg
      }
      if (req.reqPolicy && req.reqPolicy !== BUILTIN_TSA_POLICY) {
        return Buffer.from(new pkijs.TimeStampResp({ status: status(pkijs.PKIStatus.rejection, 15) }).toSchema().toBER(false)); // unacceptedPolicy
      }
      const token = await stamp(new Uint8Array(req.messageImprint.hashedMessage.valueBlock.valueHexView), {
        nonce: req.nonce ? new Uint8Array(req.nonce.valueBlock.valueHexView) : undefined,
        includeCertificates: req.certReq === true,
      });
      const resp = new pkijs.TimeStampResp({ status: status(pkijs.PKIStatus.granted), timeStampToken: pkijs.ContentInfo.fromBER(ab(token)) });
      return Buffer.from(resp.toSchema().toBER(false));
    },
  };
}

/** PKIFailureInfo as a DER bit string body: bit n set, most significant bit first. */
function failureBits(bit: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1);
  bytes[Math.floor(bit / 8)] = 0x80 >> bit % 8;
  return bytes;
}
