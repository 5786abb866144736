import forge from 'node-forge';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CertificateInfo,
  type CryptoKey,
  type DistinguishedNameInput,
  type KeyUsageName,
  type RevocationReason,
  type SignatureKind,
  createTimestampAuthority,
  issueCertificate,
  OID,
  parseCertificate,
  toPem,
  TrustStore,
  timestampAuthorityWithoutChecks,
} from '../../src-main/core/pki/index.js';
import { startPkiServers, type PkiServers, type ServedCa } from './pki-servers.js';
import { createSoftHsmToken, type SoftHsmToken } from './softhsm.js';

/**
 * The test suite's PKI, built once per test process: a root and an intermediate CA (software RSA
 * keys), a TSA and a delegated OCSP responder, leaves with Chinese and English names, and the
 * loopback servers every certificate points at (AIA OCSP + caIssuers, CRL distribution points).
 * Leaves whose keys live on a SoftHSM token, and a PKCS#12 file, are made on first request because
 * they cost seconds. Files (PEMs, the PKCS#12) sit in a temp folder removed when the process exits.
 *
 *   const pki = await getTestPki();
 *   const leaves = await pki.tokenLeaves();          // keys on SoftHSM, certificates beside them
 *   const nss = pki.makeNssDb(dir);                 // pdfsig -nssdir <nss>
 */

/** A CA of the test PKI. */
export interface TestCa {
  readonly name: 'root' | 'intermediate';
  readonly certificate: Uint8Array;
  readonly info: CertificateInfo;
  readonly pem: string;
  readonly privateKey: CryptoKey;
}

/** A certificate issued by the test PKI, with its chain up to and including the root. */
export interface TestLeaf {
  readonly certificate: Uint8Array;
  readonly info: CertificateInfo;
  readonly pem: string;
  /** Intermediate first, root last. */
  readonly chain: readonly Uint8Array[];
}

/** Key types SoftHSM generates for the leaves. */
export type TokenKeyType = 'rsa:2048' | 'rsa:3072' | 'EC:prime256v1' | 'EC:secp384r1';

/** A leaf whose private key is on the SoftHSM token, its certificate stored beside it (same id). */
export interface TokenLeaf extends TestLeaf {
  /** CKA_ID, hex. */
  readonly id: string;
  /** CKA_LABEL of the key and the certificate. */
  readonly label: string;
  readonly keyType: TokenKeyType;
  /** The signature family the key is meant for in tests. */
  readonly signatureAlgorithm: SignatureKind;
}

/** A leaf with a software key. */
export interface SoftwareLeaf extends TestLeaf {
  readonly privateKey: KeyObject;
}

/** The token and the leaves on it. */
export interface TokenLeaves {
  readonly token: SoftHsmToken;
  /** CN=张三, O=北京某某律师事务所, C=CN — RSA 2048, PKCS#1 v1.5. */
  readonly zhangSan: TokenLeaf;
  /** CN=Alice Martin, O=Martin & Partners LLP, C=GB — RSA 3072, for RSA-PSS. */
  readonly alice: TokenLeaf;
  /** CN=李四, O=上海某某律师事务所, C=CN — EC P-256. */
  readonly liSi: TokenLeaf;
  /** CN=Bob Smith, O=Smith Legal LLC, C=US — EC P-384. */
  readonly bob: TokenLeaf;
  /** Expired 30 days ago (P-256). */
  readonly expired: TokenLeaf;
  /** Valid only from 30 days ahead (P-256). */
  readonly notYetValid: TokenLeaf;
  /** Key usage keyEncipherment only: not for signing (P-256). */
  readonly noSigningUsage: TokenLeaf;
  /** Revoked an hour ago, keyCompromise (P-256): OCSP and the CRL say so. */
  readonly revoked: TokenLeaf;
}

/** A PKCS#12 file of the test PKI. */
export interface TestPkcs12 {
  readonly path: string;
  readonly password: string;
  /** CN=王五, O=广州某某律师事务所, C=CN — software RSA 2048; the file also holds the chain. */
  readonly leaf: SoftwareLeaf;
}

/** Options for an extra software-key leaf. */
export interface SoftwareLeafOptions {
  readonly subject: DistinguishedNameInput;
  readonly keyType?: 'rsa:2048' | 'rsa:3072' | 'EC:prime256v1' | 'EC:secp384r1' | 'EC:secp521r1';
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly keyUsage?: readonly KeyUsageName[];
  readonly extendedKeyUsage?: readonly string[];
}

/** The test PKI of this process. */
export interface TestPki {
  /** Temp folder with root.pem, intermediate.pem, chain.pem and the PKCS#12. */
  readonly dir: string;
  readonly servers: PkiServers;
  readonly root: TestCa;
  readonly intermediate: TestCa;
  readonly rootPemPath: string;
  /** Intermediate then root, PEM. */
  readonly chainPemPath: string;
  /** The loopback TSA's identity (P-256, issued by the root, critical EKU timeStamping). */
  readonly tsa: {
    readonly url: string;
    readonly certificate: Uint8Array;
    readonly chain: readonly Uint8Array[];
    readonly privateKey: CryptoKey;
    readonly policyOid: string;
  };
  /** The delegated OCSP responder for certificates the intermediate issued. */
  readonly ocspResponder: TestLeaf;
  /** The certificate policy OID every test leaf carries. */
  readonly leafPolicyOid: string;
  /** A trust store holding the root only. */
  trustStore(): TrustStore;
  /** Issue a leaf with a software key from the intermediate (carries the loopback AIA/CRL URLs). */
  issueSoftwareLeaf(options: SoftwareLeafOptions): Promise<SoftwareLeaf>;
  /** Leaves on a SoftHSM token: a new token, or `token` (share one SoftHSM store per process). */
  tokenLeaves(token?: SoftHsmToken): Promise<TokenLeaves>;
  /** The PKCS#12 file (written with node-forge, 3DES, readable by forge and OpenSSL). */
  pkcs12(): Promise<TestPkcs12>;
  /** Revoke a certificate this PKI issued; OCSP and CRL answers change at once. */
  revoke(certificate: CertificateInfo | Uint8Array, reason?: RevocationReason, time?: Date): void;
  /** An NSS database trusting the root, for `pdfsig -nssdir`; returns "sql:<dir>". */
  makeNssDb(dir: string): string;
}

const DAY = 86_400_000;
const LEAF_POLICY_OID = '1.3.6.1.4.1.99999.1.1';
const TSA_POLICY_OID = '1.3.6.1.4.1.99999.2.1';
const PKCS12_PASSWORD = 'inkstone-test';

const RSA_CA_KEY = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function keyPair(params: typeof RSA_CA_KEY | typeof EC_KEY): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

/** An NSS database trusting `rootPemPath` as a CA, for `pdfsig -nssdir`. Returns "sql:<dir>". */
export function makeNssDb(dir: string, rootPemPath: string): string {
  mkdirSync(dir, { recursive: true });
  const db = `sql:${dir}`;
  execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', db, '-n', 'Inkstone Test Root', '-t', 'CT,C,C', '-i', rootPemPath], { stdio: 'pipe' });
  return db;
}

async function buildTestPki(): Promise<TestPki> {
  const servers = await startPkiServers();
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-test-pki-'));
  const cleanups: (() => void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  process.once('exit', () => cleanups.forEach((c) => c()));

  const now = Date.now();
  const issued = new Map<string, { certificate: CertificateInfo; ca: string }>();
  const revoked = new Map<string, { time: Date; reason: RevocationReason }>();
  const record = (der: Uint8Array, ca: string) => {
    const info = parseCertificate(der);
    issued.set(info.serialNumber, { certificate: info, ca });
    return info;
  };

  // The CAs. The root carries no URLs; everything below it points at the loopback servers.
  const rootKeys = await keyPair(RSA_CA_KEY);
  const rootDer = await issueCertificate({
    subject: { commonName: 'Inkstone Test Root CA 测试根证书', organisation: 'Inkstone Test PKI', country: 'CN' },
    publicKey: rootKeys.publicKey,
    issuer: { privateKey: rootKeys.privateKey },
    notBefore: new Date(now - 2 * 365 * DAY),
    notAfter: new Date(now + 20 * 365 * DAY),
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const root: TestCa = {
    name: 'root',
    certificate: rootDer,
    info: parseCertificate(rootDer),
    pem: toPem(rootDer, 'CERTIFICATE'),
    privateKey: rootKeys.privateKey,
  };
  const urlsUnder = (ca: TestCa) => ({
    ocspUrls: [servers.urls.ocsp],
    caIssuerUrls: [servers.urls.caCertificate(ca.name)],
    crlUrls: [servers.urls.crl(ca.name)],
  });

  const intermediateKeys = await keyPair(RSA_CA_KEY);
  const intermediateDer = await issueCertificate({
    subject: { commonName: 'Inkstone Test Signing CA 测试签名 CA', organisation: 'Inkstone Test PKI', country: 'CN' },
    publicKey: intermediateKeys.publicKey,
    issuer: { certificate: rootDer, privateKey: rootKeys.privateKey },
    notBefore: new Date(now - 365 * DAY),
    notAfter: new Date(now + 10 * 365 * DAY),
    ca: { pathLength: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    ...urlsUnder(root),
  });
  record(intermediateDer, 'root');
  const intermediate: TestCa = {
    name: 'intermediate',
    certificate: intermediateDer,
    info: parseCertificate(intermediateDer),
    pem: toPem(intermediateDer, 'CERTIFICATE'),
    privateKey: intermediateKeys.privateKey,
  };
  const chain = [intermediateDer, rootDer];

  const rootPemPath = path.join(dir, 'root.pem');
  const chainPemPath = path.join(dir, 'chain.pem');
  writeFileSync(rootPemPath, root.pem);
  writeFileSync(path.join(dir, 'intermediate.pem'), intermediate.pem);
  writeFileSync(chainPemPath, intermediate.pem + root.pem);

  const leafFromIntermediate = async (subject: DistinguishedNameInput, spki: Uint8Array, extra: Partial<SoftwareLeafOptions> = {}): Promise<TestLeaf> => {
    const der = await issueCertificate({
      subject,
      publicKey: spki,
      issuer: { certificate: intermediateDer, privateKey: intermediateKeys.privateKey },
      notBefore: extra.notBefore ?? new Date(now - DAY),
      notAfter: extra.notAfter ?? new Date(now + 2 * 365 * DAY),
      keyUsage: extra.keyUsage ?? ['digitalSignature', 'nonRepudiation'],
      extendedKeyUsage: extra.extendedKeyUsage,
      policies: [LEAF_POLICY_OID],
      ...urlsUnder(intermediate),
    });
    return { certificate: der, info: record(der, 'intermediate'), pem: toPem(der, 'CERTIFICATE'), chain };
  };

  // The TSA (and a misissued twin whose timeStamping EKU is not critical), under the root.
  const issueTsa = async (commonName: string, critical: boolean) => {
    const keys = await keyPair(EC_KEY);
    const der = await issueCertificate({
      subject: { commonName, organisation: 'Inkstone Test PKI', country: 'CN' },
      publicKey: keys.publicKey,
      issuer: { certificate: rootDer, privateKey: rootKeys.privateKey },
      notBefore: new Date(now - 365 * DAY),
      notAfter: new Date(now + 5 * 365 * DAY),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      extendedKeyUsage: [OID.kpTimeStamping],
      extendedKeyUsageCritical: critical,
      ...urlsUnder(root),
    });
    record(der, 'root');
    return { der, privateKey: keys.privateKey };
  };
  const tsaIdentity = await issueTsa('Inkstone Test TSA 测试时间戳服务', true);
  const wrongEku = await issueTsa('Inkstone Misissued TSA', false);
  const tsaOptions = (identity: { der: Uint8Array; privateKey: CryptoKey }) => ({
    certificate: identity.der,
    chain: [rootDer],
    privateKey: identity.privateKey,
    policyOid: TSA_POLICY_OID,
  });

  // The delegated OCSP responder for the intermediate's certificates (id-pkix-ocsp-nocheck).
  const responderKeys = await keyPair(EC_KEY);
  const responderSpki = new Uint8Array(await webcrypto.subtle.exportKey('spki', responderKeys.publicKey));
  const responderDer = await issueCertificate({
    subject: { commonName: 'Inkstone Test OCSP Responder', organisation: 'Inkstone Test PKI', country: 'CN' },
    publicKey: responderSpki,
    issuer: { certificate: intermediateDer, privateKey: intermediateKeys.privateKey },
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: [OID.kpOcspSigning],
    ocspNoCheck: true,
  });
  const ocspResponder: TestLeaf = { certificate: responderDer, info: record(responderDer, 'intermediate'), pem: toPem(responderDer, 'CERTIFICATE'), chain };

  const cas: Record<string, ServedCa> = {
    root: { certificate: root.info, privateKey: root.privateKey },
    intermediate: {
      certificate: intermediate.info,
      privateKey: intermediate.privateKey,
      ocspResponder: { certificate: ocspResponder.info, privateKey: responderKeys.privateKey },
    },
  };
  servers.attach({
    cas,
    issued,
    revoked,
    tsa: createTimestampAuthority(tsaOptions(tsaIdentity)),
    tsaWrongEku: timestampAuthorityWithoutChecks(tsaOptions(wrongEku)),
  });

  const revoke: TestPki['revoke'] = (certificate, reason = 'keyCompromise', time = new Date(Date.now() - 60 * 60_000)) => {
    const info = certificate instanceof Uint8Array ? parseCertificate(certificate) : certificate;
    // Whole seconds, as CRLs and OCSP (and NSS, which rejects fractions) write revocation times.
    revoked.set(info.serialNumber, { time: new Date(Math.floor(time.getTime() / 1000) * 1000), reason });
  };

  const issueSoftwareLeaf = async (options: SoftwareLeafOptions): Promise<SoftwareLeaf> => {
    const type = options.keyType ?? 'EC:prime256v1';
    const { publicKey, privateKey } = type.startsWith('rsa:')
      ? generateKeyPairSync('rsa', { modulusLength: Number(type.slice(4)) })
      : generateKeyPairSync('ec', { namedCurve: type.slice(3) });
    const leaf = await leafFromIntermediate(options.subject, new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), options);
    return { ...leaf, privateKey };
  };

  let tokenLeaves: Promise<TokenLeaves> | undefined;
  const makeTokenLeaves = async (given?: SoftHsmToken): Promise<TokenLeaves> => {
    const token = given ?? createSoftHsmToken({ label: 'Inkstone Test PKI' });
    if (!given) cleanups.push(() => token.cleanup());
    const onToken = async (
      id: string,
      label: string,
      keyType: TokenKeyType,
      signatureAlgorithm: SignatureKind,
      subject: DistinguishedNameInput,
      extra: Partial<SoftwareLeafOptions> = {},
    ): Promise<TokenLeaf> => {
      token.generateKey({ id, label, type: keyType });
      const leaf = await leafFromIntermediate(subject, new Uint8Array(token.readPublicKey(id)), extra);
      token.writeCertificate(id, label, leaf.certificate);
      return { ...leaf, id, label, keyType, signatureAlgorithm };
    };
    const bad = { organisation: 'Inkstone Test PKI', country: 'CN' };
    const leaves: TokenLeaves = {
      token,
      zhangSan: await onToken('01', 'zhangsan-rsa2048', 'rsa:2048', 'rsa-pkcs1', { commonName: '张三', organisation: '北京某某律师事务所', country: 'CN' }),
      alice: await onToken('02', 'alice-rsa3072', 'rsa:3072', 'rsa-pss', { commonName: 'Alice Martin', organisation: 'Martin & Partners LLP', country: 'GB' }),
      liSi: await onToken('03', 'lisi-p256', 'EC:prime256v1', 'ecdsa', { commonName: '李四', organisation: '上海某某律师事务所', country: 'CN' }),
      bob: await onToken('04', 'bob-p384', 'EC:secp384r1', 'ecdsa', { commonName: 'Bob Smith', organisation: 'Smith Legal LLC', country: 'US' }),
      expired: await onToken(
        '11',
        'expired-p256',
        'EC:prime256v1',
        'ecdsa',
        { ...bad, commonName: 'Expired Signer' },
        { notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - 30 * DAY) },
      ),
      notYetValid: await onToken(
        '12',
        'not-yet-valid-p256',
        'EC:prime256v1',
        'ecdsa',
        { ...bad, commonName: 'Future Signer' },
        { notBefore: new Date(now + 30 * DAY), notAfter: new Date(now + 400 * DAY) },
      ),
      noSigningUsage: await onToken(
        '13',
        'encryption-only-p256',
        'EC:prime256v1',
        'ecdsa',
        { ...bad, commonName: 'Encryption Only' },
        { keyUsage: ['keyEncipherment', 'keyAgreement'] },
      ),
      revoked: await onToken('14', 'revoked-p256', 'EC:prime256v1', 'ecdsa', { ...bad, commonName: 'Revoked Signer' }),
    };
    revoke(leaves.revoked.info);
    // Real tokens carry their CA certificates too; signers collect the chain from them.
    token.writeCertificate('a1', 'Inkstone Test Signing CA', intermediateDer);
    token.writeCertificate('a0', 'Inkstone Test Root CA', rootDer);
    return leaves;
  };

  let pkcs12: Promise<TestPkcs12> | undefined;
  const makePkcs12 = async (): Promise<TestPkcs12> => {
    const leaf = await issueSoftwareLeaf({ subject: { commonName: '王五', organisation: '广州某某律师事务所', country: 'CN' }, keyType: 'rsa:2048' });
    const key = forge.pki.privateKeyFromPem(leaf.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    const certs = [leaf.certificate, ...chain].map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary'))));
    const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, PKCS12_PASSWORD, { algorithm: '3des', friendlyName: '王五' });
    const file = path.join(dir, 'wangwu.p12');
    writeFileSync(file, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
    return { path: file, password: PKCS12_PASSWORD, leaf };
  };

  return {
    dir,
    servers,
    root,
    intermediate,
    rootPemPath,
    chainPemPath,
    tsa: { url: servers.urls.tsa, certificate: tsaIdentity.der, chain: [rootDer], privateKey: tsaIdentity.privateKey, policyOid: TSA_POLICY_OID },
    ocspResponder,
    leafPolicyOid: LEAF_POLICY_OID,
    trustStore: () => new TrustStore([rootDer]),
    issueSoftwareLeaf,
    tokenLeaves: (token) => (tokenLeaves ??= makeTokenLeaves(token)),
    pkcs12: () => (pkcs12 ??= makePkcs12()),
    revoke,
    makeNssDb: (nssDir) => makeNssDb(nssDir, rootPemPath),
  };
}

let instance: Promise<TestPki> | undefined;

/** The test PKI of this process (built on first call). */
export function getTestPki(): Promise<TestPki> {
  return (instance ??= buildTestPki());
}
