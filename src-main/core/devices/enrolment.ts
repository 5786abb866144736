import type { CertificateRef } from '../../../src-shared/api/devices.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { isValidUscc } from '../../../src-shared/registration.js';
import { certificationRequest, pemBlocks } from '../pki/index.js';
import { generateKeyPairOnToken, storeCertificatesOnToken, type CryptokiLoader, type TokenKeySpec } from '../tokens/index.js';

/** Which token, by the reference parts a listing gives: the module and the token's serial (label for people). */
export interface TokenAddress {
  readonly module: string;
  readonly tokenSerial: string;
  readonly tokenLabel?: string;
}

/** What a CA application asks for: the holder's names and, for an organisation, its 统一社会信用代码. */
export interface ApplicantSubject {
  readonly commonName: string;
  readonly organisation?: string;
  readonly organisationalUnit?: string;
  /** 统一社会信用代码 (18 characters, check character verified). */
  readonly creditCode?: string;
}

export interface CertificateRequestResult {
  readonly keyId: string;
  /** The PKCS#10 request, PEM: what the CA's application takes. */
  readonly pem: string;
  /** Where the key is, for signing once the certificate is imported. */
  readonly ref: CertificateRef;
}

/**
 * 证书申请: a new key pair on the token (never extractable) and a PKCS#10 request signed with it,
 * subject C=CN, O, OU, CN and the 统一社会信用代码 as organizationIdentifier "NTRCN-…" (ETSI EN 319
 * 412-1 §5.1.4; see pki/certification-request.ts). The PIN is used for this call only.
 */
export async function requestCertificateOnToken(options: {
  readonly token: TokenAddress;
  readonly pin: string;
  readonly spec: TokenKeySpec;
  readonly subject: ApplicantSubject;
  readonly loader?: CryptokiLoader;
}): Promise<CertificateRequestResult> {
  const subject = checkedSubject(options.subject);
  const key = await generateKeyPairOnToken({
    module: options.token.module,
    token: { serial: options.token.tokenSerial },
    pin: options.pin,
    spec: options.spec,
    label: subject.commonName,
    loader: options.loader,
  });
  try {
    const request = certificationRequest(
      {
        country: 'CN',
        organisation: subject.organisation,
        organisationalUnit: subject.organisationalUnit,
        organizationIdentifier: subject.creditCode ? `NTRCN-${subject.creditCode}` : undefined,
        commonName: subject.commonName,
      },
      key.publicKey,
    );
    const { pem } = request.complete(key.sign(request.toBeSigned), key.scheme);
    return {
      keyId: key.keyId,
      pem,
      ref: {
        kind: 'pkcs11',
        module: options.token.module,
        tokenSerial: options.token.tokenSerial,
        tokenLabel: options.token.tokenLabel ?? '',
        keyId: key.keyId,
      },
    };
  } finally {
    key.close();
  }
}

/**
 * Import the certificate the CA issued (PEM with its chain, or one DER certificate) onto the token,
 * next to the key it certifies. The first certificate in the file whose key is on the token is the
 * holder's; the others are stored as its chain.
 */
export async function importIssuedCertificate(options: {
  readonly token: TokenAddress;
  readonly pin: string;
  readonly file: Uint8Array;
  readonly loader?: CryptokiLoader;
}): Promise<{ keyId: string; stored: number }> {
  const text = Buffer.from(options.file.subarray(0, 4096)).toString('latin1');
  const certificates = text.includes('-----BEGIN ') ? pemBlocks(Buffer.from(options.file).toString('utf8'), 'CERTIFICATE') : [options.file];
  if (certificates.length === 0) throw new InkstoneError('DEVICE_CERTIFICATE_FILE_EMPTY');
  const [certificate, ...chain] = certificates;
  return storeCertificatesOnToken({
    module: options.token.module,
    token: { serial: options.token.tokenSerial },
    pin: options.pin,
    certificate,
    chain,
    label: 'certificate',
    loader: options.loader,
  });
}

function checkedSubject(subject: ApplicantSubject): ApplicantSubject {
  const trimmed = Object.fromEntries(
    Object.entries(subject).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || undefined : v]),
  ) as Partial<ApplicantSubject>;
  if (!trimmed.commonName) throw new InkstoneError('DEVICE_SUBJECT_INVALID', { field: 'CN', reason: 'empty' });
  const code = trimmed.creditCode?.toUpperCase();
  if (code && !isValidUscc(code)) throw new InkstoneError('DEVICE_SUBJECT_INVALID', { field: '统一社会信用代码', reason: code });
  return { ...trimmed, commonName: trimmed.commonName, creditCode: code };
}
