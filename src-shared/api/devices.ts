import { z } from 'zod';

/**
 * Signing devices as the UI and the signing dialog see them: PKCS#11 modules with their slots,
 * tokens and certificates, and the PKCS#12 files the person asked Inkstone to remember.
 */

/** A file path on this machine: absolute, no NUL. */
export const DevicePath = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'not a file path');

/**
 * Where a signing key is, stable across insertions and restarts: enough for the signing code to find
 * the key again (`openPkcs11Signer({ module, token: { serial: tokenSerial }, key: { id: keyId } })`,
 * `openPkcs12Signer({ file: path, keyLabel })`). Slot ids are not part of it: modules renumber them
 * (SoftHSM randomises them) when a token is inserted again.
 */
export const CertificateRef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pkcs11'),
    /** The PKCS#11 module's path, as listed. */
    module: DevicePath,
    /** CK_TOKEN_INFO serialNumber, blank padding removed. */
    tokenSerial: z.string().max(64),
    /** CK_TOKEN_INFO label: for people, and to tell a token whose serial is blank. */
    tokenLabel: z.string().max(64),
    /** CKA_ID of the key pair in lowercase hex. */
    keyId: z
      .string()
      .max(512)
      .regex(/^[0-9a-f]*$/, 'not a hex key id'),
  }),
  z.object({
    kind: z.literal('pkcs12'),
    path: DevicePath,
    /** The key's friendly name when the file holds several. */
    keyLabel: z.string().max(300).optional(),
  }),
]);
export type CertificateRef = z.infer<typeof CertificateRef>;

/** Problems a person must know before signing with a certificate, each said in plain words by the UI. */
export const CertificateProblem = z.enum([
  'expired',
  'notYetValid',
  /** Fewer than 30 days left. */
  'expiresSoon',
  /** Key usage forbids signatures (neither digitalSignature nor nonRepudiation). */
  'keyUsage',
  /** No issuer up to a root was found on the device or among the trusted certificates. */
  'chainIncomplete',
  /** The token shows no private key for this certificate (and does not hide private keys). */
  'noPrivateKey',
  /** The private key may leave the token: not what the law calls the signer's sole control. */
  'keyExtractable',
]);
export type CertificateProblem = z.infer<typeof CertificateProblem>;

const DeviceName = z.object({
  text: z.string(),
  commonName: z.string().optional(),
  organization: z.string().optional(),
  organizationalUnit: z.string().optional(),
});

/**
 * How the private key is held: `hardware` — the token says it is sensitive and never extractable;
 * `token-extractable` — on a token but allowed to leave it; `token-hidden` — on a token that shows
 * its private keys only after the PIN; `file` — a PKCS#12 file anyone can copy.
 */
export const KeyStorage = z.enum(['hardware', 'token-extractable', 'token-hidden', 'file']);
export type KeyStorage = z.infer<typeof KeyStorage>;

export const DeviceCertificate = z.object({
  /** Null for a certificate without a key beside it (a CA certificate kept on the token). */
  ref: CertificateRef.nullable(),
  sha256: z.string(),
  subject: DeviceName,
  issuer: DeviceName,
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Whole days until notAfter (negative once expired). */
  daysLeft: z.number().int(),
  /** 'RSA', 'EC', 'SM2', … */
  keyType: z.string(),
  keyBits: z.number().int(),
  curve: z.string().optional(),
  /** RFC 5280 key usage names; null when the certificate states none (no restriction). */
  keyUsage: z.array(z.string()).nullable(),
  /** A CA certificate (basic constraints cA). */
  isCa: z.boolean(),
  keyStorage: KeyStorage,
  /** The token's CKA_LABEL or the file's friendly name. */
  label: z.string(),
  problems: z.array(CertificateProblem),
});
export type DeviceCertificate = z.infer<typeof DeviceCertificate>;

export const DeviceToken = z.object({
  label: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  initialized: z.boolean(),
  loginRequired: z.boolean(),
  pinPad: z.boolean(),
  pinCountLow: z.boolean(),
  pinFinalTry: z.boolean(),
  pinLocked: z.boolean(),
  certificates: z.array(DeviceCertificate),
});
export type DeviceToken = z.infer<typeof DeviceToken>;

export const DeviceSlot = z.object({
  slotId: z.string(),
  description: z.string(),
  manufacturer: z.string(),
  removable: z.boolean(),
  token: DeviceToken.nullable(),
  /** The CKR name when a present token could not be read. */
  problem: z.string().optional(),
});
export type DeviceSlot = z.infer<typeof DeviceSlot>;

export const DeviceModule = z.object({
  path: z.string(),
  /** The middleware's name when the path is a well-known location; '' for a module the person added. */
  middleware: z.string(),
  /** Added by the person (can be removed) rather than found at a well-known location. */
  userAdded: z.boolean(),
  slots: z.array(DeviceSlot),
  /** Set when the module could not be loaded or read, or did not answer in time. */
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).optional(),
});
export type DeviceModule = z.infer<typeof DeviceModule>;

export const Pkcs12Entry = z.object({
  path: z.string(),
  name: z.string(),
  /** False when the file is gone or unreadable. */
  present: z.boolean(),
  /** Certificates readable without the password (most files encrypt them: then empty). */
  certificates: z.array(DeviceCertificate),
  /** True when the certificates can be seen only with the password. */
  needsPassword: z.boolean(),
});
export type Pkcs12Entry = z.infer<typeof Pkcs12Entry>;

export const DeviceInventory = z.object({
  modules: z.array(DeviceModule),
  pkcs12Files: z.array(Pkcs12Entry),
  /** When the listing was made (ISO 8601). */
  listedAt: z.string(),
});
export type DeviceInventory = z.infer<typeof DeviceInventory>;

/** A token by the parts of a listing's reference: its module and serial (label for the messages). */
export const TokenAddress = z.object({ module: DevicePath, tokenSerial: z.string().max(64), tokenLabel: z.string().max(64).optional() });

/** 证书申请: the key pair to make on the token and the subject the CA will certify. */
export const CertificateRequestInput = z.object({
  token: TokenAddress,
  /** Used for this call only; never stored or logged. */
  pin: z.string().min(1).max(64),
  keyType: z.enum(['RSA-2048', 'RSA-3072', 'P-256']),
  subject: z.object({
    commonName: z.string().trim().min(1).max(64),
    organisation: z.string().trim().max(128).optional(),
    organisationalUnit: z.string().trim().max(64).optional(),
    /** 统一社会信用代码, written as organizationIdentifier NTRCN-… */
    creditCode: z.string().trim().max(18).optional(),
  }),
});

export const CertificateRequestOutput = z.object({ keyId: z.string(), pem: z.string(), ref: CertificateRef });
