import type { CertificateProblem, CertificateRef, DeviceCertificate, KeyStorage } from '../../../src-shared/api/devices.js';
import { parseCertificate, type CertificateInfo, type NameInfo } from '../pki/index.js';
import { issuingChain } from '../tokens/index.js';

const DAY_MS = 86_400_000;
/** A certificate this close to its end is flagged, so a CA renewal can be asked for in time. */
export const EXPIRES_SOON_DAYS = 30;

export interface CertificateContext {
  readonly ref: CertificateRef | null;
  readonly keyStorage: KeyStorage;
  readonly label: string;
  /** Certificates that may issue it: the device's own, the PKCS#12 file's, the trusted CAs. */
  readonly issuers: readonly Uint8Array[];
  /** The device shows no private key for it although it would (the token does not hide keys). */
  readonly privateKeyMissing: boolean;
  readonly now: Date;
}

/** What the signing devices screen says about one certificate, its problems in the UI's words. */
export function describeDeviceCertificate(der: Uint8Array, ctx: CertificateContext): DeviceCertificate | null {
  let info: CertificateInfo;
  try {
    info = parseCertificate(der);
  } catch {
    // Tokens do hold junk objects; an unreadable one is not a certificate anyone can sign with.
    return null;
  }
  const isCa = info.basicConstraints?.ca ?? false;
  const daysLeft = Math.floor((info.notAfter.getTime() - ctx.now.getTime()) / DAY_MS);
  const problems: CertificateProblem[] = [];
  if (ctx.now < info.notBefore) problems.push('notYetValid');
  else if (ctx.now > info.notAfter) problems.push('expired');
  else if (daysLeft < EXPIRES_SOON_DAYS) problems.push('expiresSoon');
  if (!isCa) {
    if (info.keyUsage && !info.keyUsage.includes('digitalSignature') && !info.keyUsage.includes('nonRepudiation')) problems.push('keyUsage');
    if (!chainReachesRoot(der, info, ctx.issuers)) problems.push('chainIncomplete');
    if (ctx.privateKeyMissing) problems.push('noPrivateKey');
    if (ctx.keyStorage === 'token-extractable') problems.push('keyExtractable');
  }
  return {
    ref: ctx.ref,
    sha256: info.sha256,
    subject: nameParts(info.subject),
    issuer: nameParts(info.issuer),
    serialNumber: info.serialNumber,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    daysLeft,
    keyType: info.publicKey.algorithm,
    keyBits: info.publicKey.bits,
    ...(info.publicKey.curve ? { curve: info.publicKey.curve } : {}),
    keyUsage: info.keyUsage ? [...info.keyUsage] : null,
    isCa,
    keyStorage: ctx.keyStorage,
    label: ctx.label,
    problems,
  };
}

function chainReachesRoot(der: Uint8Array, info: CertificateInfo, issuers: readonly Uint8Array[]): boolean {
  if (info.selfIssued) return true;
  const chain = issuingChain(der, issuers);
  const top = chain.length ? parseCertificate(chain[chain.length - 1]) : undefined;
  return top?.selfIssued ?? false;
}

function nameParts(name: NameInfo): DeviceCertificate['subject'] {
  const first = (type: string) => name.attributes.find((a) => a.type === type)?.value;
  const parts = { commonName: first('CN'), organization: first('O'), organizationalUnit: first('OU') };
  return { text: name.text, ...Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)) };
}
