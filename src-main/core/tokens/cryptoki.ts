import { createRequire } from 'node:module';

/**
 * The slice of the PKCS#11 (Cryptoki) API Inkstone uses, shaped exactly like pkcs11js so that a
 * loaded pkcs11js instance satisfies it as it stands. Tests put a fake behind the same interface to
 * reach states a software token cannot (PIN lock, removal mid-signature, PIN pad).
 *
 * Failures are thrown as errors carrying the CKR value in `code` and its name in `message`
 * (pkcs11js's Pkcs11Error); see {@link ckrOf}.
 */
export interface Cryptoki {
  C_Initialize(options?: { flags?: number }): void;
  C_Finalize(): void;
  /** Unload the shared library. */
  close(): void;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  /** With CKF_DONT_BLOCK: the slot where a token came or went since the last call, or null (CKR_NO_EVENT). Optional: fakes may leave it out. */
  C_WaitForSlotEvent?(flags: number): Handle | null;
  C_GetSlotInfo(slot: Handle): CryptokiSlotInfo;
  C_GetTokenInfo(slot: Handle): CryptokiTokenInfo;
  C_GetMechanismList(slot: Handle): number[];
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  /** pkcs11js requires a string; an empty one (length 0) asks a PIN-pad reader to collect the PIN. */
  C_Login(session: Handle, userType: number, pin: string): void;
  C_FindObjectsInit(session: Handle, template: CryptokiAttribute[]): void;
  C_FindObjects(session: Handle, maxObjectCount: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GetAttributeValue(session: Handle, object: Handle, template: CryptokiAttribute[]): Array<{ type: number; value: Buffer }>;
  C_SignInit(session: Handle, mechanism: CryptokiMechanism, key: Handle): void;
  /** Key generation and certificate import (token-enrolment.ts); optional so fakes without them still type-check. */
  C_GenerateKeyPair?(
    session: Handle,
    mechanism: CryptokiMechanism,
    publicTemplate: CryptokiAttribute[],
    privateTemplate: CryptokiAttribute[],
  ): { publicKey: Handle; privateKey: Handle };
  C_CreateObject?(session: Handle, template: CryptokiAttribute[]): Handle;
  C_SetAttributeValue?(session: Handle, object: Handle, template: CryptokiAttribute[]): void;
  C_DestroyObject?(session: Handle, object: Handle): void;
  C_Sign(session: Handle, data: Buffer, signature: Buffer): Buffer;
  /** C_Sign on a libuv worker thread: a slow USB token does not stall the event loop. */
  C_SignAsync(session: Handle, data: Buffer, signature: Buffer): Promise<Buffer>;
}

/** Slot, session and object handles are opaque CK_ULONGs, carried as Buffers by pkcs11js. */
export type Handle = Buffer;

export interface CryptokiSlotInfo {
  slotDescription: string;
  manufacturerID: string;
  flags: number;
}

export interface CryptokiTokenInfo {
  label: string;
  manufacturerID: string;
  model: string;
  serialNumber: string;
  flags: number;
  minPinLen: number;
  maxPinLen: number;
}

export interface CryptokiAttribute {
  type: number;
  value?: number | boolean | string | Buffer;
}

/** RSA-PSS parameters in pkcs11js's form (`type` is pkcs11js's own tag, not a PKCS#11 constant). */
export interface RsaPssParameter {
  type: number;
  hashAlg: number;
  mgf: number;
  saltLen: number;
}

export interface CryptokiMechanism {
  mechanism: number;
  parameter?: Buffer | RsaPssParameter;
}

/** Load a PKCS#11 module from a path. Throws whatever the loader throws. */
export type CryptokiLoader = (modulePath: string) => Cryptoki;

/** The real thing: pkcs11js over the shared library (loaded lazily, so P12-only use never needs it). */
export const loadNativeCryptoki: CryptokiLoader = (modulePath) => {
  const require = createRequire(import.meta.url);
  const { PKCS11 } = require('pkcs11js') as { PKCS11: new () => Cryptoki & { load(path: string): void } };
  const instance = new PKCS11();
  instance.load(modulePath);
  return instance;
};

/** PKCS#11 v2.40 constants Inkstone uses (values fixed by the standard; a test checks them against pkcs11js). */
export const CK = {
  // C_Initialize flags
  CKF_OS_LOCKING_OK: 0x2,
  // C_WaitForSlotEvent flags
  CKF_DONT_BLOCK: 0x1,
  // slot flags
  CKF_TOKEN_PRESENT: 0x1,
  CKF_REMOVABLE_DEVICE: 0x2,
  CKF_HW_SLOT: 0x4,
  // token flags
  CKF_WRITE_PROTECTED: 0x2,
  CKF_LOGIN_REQUIRED: 0x4,
  CKF_USER_PIN_INITIALIZED: 0x8,
  CKF_PROTECTED_AUTHENTICATION_PATH: 0x100,
  CKF_TOKEN_INITIALIZED: 0x400,
  CKF_USER_PIN_COUNT_LOW: 0x10000,
  CKF_USER_PIN_FINAL_TRY: 0x20000,
  CKF_USER_PIN_LOCKED: 0x40000,
  CKF_USER_PIN_TO_BE_CHANGED: 0x80000,
  // sessions and users
  CKF_RW_SESSION: 0x2,
  CKF_SERIAL_SESSION: 0x4,
  CKU_USER: 1,
  CKU_CONTEXT_SPECIFIC: 2,
  // objects
  CKO_CERTIFICATE: 1,
  CKO_PUBLIC_KEY: 2,
  CKO_PRIVATE_KEY: 3,
  CKC_X_509: 0,
  CKK_RSA: 0,
  CKK_EC: 3,
  CKA_CLASS: 0x0,
  CKA_TOKEN: 0x1,
  CKA_PRIVATE: 0x2,
  CKA_LABEL: 0x3,
  CKA_VALUE: 0x11,
  CKA_CERTIFICATE_TYPE: 0x80,
  CKA_ISSUER: 0x81,
  CKA_SERIAL_NUMBER: 0x82,
  CKA_KEY_TYPE: 0x100,
  CKA_SUBJECT: 0x101,
  CKA_ID: 0x102,
  CKA_SENSITIVE: 0x103,
  CKA_SIGN: 0x108,
  CKA_VERIFY: 0x10a,
  CKA_MODULUS: 0x120,
  CKA_MODULUS_BITS: 0x121,
  CKA_PUBLIC_EXPONENT: 0x122,
  CKA_EXTRACTABLE: 0x162,
  CKA_EC_PARAMS: 0x180,
  CKA_EC_POINT: 0x181,
  CKA_ALWAYS_AUTHENTICATE: 0x202,
  // mechanisms
  CKM_RSA_PKCS_KEY_PAIR_GEN: 0x0,
  CKM_RSA_PKCS: 0x1,
  CKM_RSA_PKCS_PSS: 0xd,
  CKM_SHA256_RSA_PKCS: 0x40,
  CKM_SHA384_RSA_PKCS: 0x41,
  CKM_SHA512_RSA_PKCS: 0x42,
  CKM_SHA256_RSA_PKCS_PSS: 0x43,
  CKM_SHA384_RSA_PKCS_PSS: 0x44,
  CKM_SHA512_RSA_PKCS_PSS: 0x45,
  CKM_SHA256: 0x250,
  CKM_SHA384: 0x260,
  CKM_SHA512: 0x270,
  CKM_EC_KEY_PAIR_GEN: 0x1040,
  CKM_ECDSA: 0x1041,
  CKM_ECDSA_SHA256: 0x1044,
  CKM_ECDSA_SHA384: 0x1045,
  CKM_ECDSA_SHA512: 0x1046,
  CKG_MGF1_SHA256: 0x2,
  CKG_MGF1_SHA384: 0x3,
  CKG_MGF1_SHA512: 0x4,
  /** pkcs11js's tag for RSA-PSS parameters. */
  CK_PARAMS_RSA_PSS: 5,
} as const;

/** Return values Inkstone tells apart. Any other is reported by name (TOKEN_ERROR). */
export const CKR = {
  CANCEL: 0x1,
  CANT_LOCK: 0xa,
  ATTRIBUTE_SENSITIVE: 0x11,
  ATTRIBUTE_TYPE_INVALID: 0x12,
  DEVICE_REMOVED: 0x32,
  FUNCTION_CANCELED: 0x50,
  MECHANISM_INVALID: 0x70,
  MECHANISM_PARAM_INVALID: 0x71,
  PIN_INCORRECT: 0xa0,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  USER_ALREADY_LOGGED_IN: 0x100,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

/** The CKR value and name of a thrown PKCS#11 failure, or undefined for anything else. */
export function ckrOf(err: unknown): { code: number; name: string } | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as Error & { code?: unknown }).code;
  const named = /^CKR_\w+$/.test(err.message);
  if (typeof code !== 'number' || !(named || err.name === 'Pkcs11Error')) return undefined;
  return { code, name: named ? err.message : `CKR 0x${code.toString(16)}` };
}

/** Fixed-width PKCS#11 text fields are blank-padded. */
export function unpad(text: string): string {
  return text.replace(/[\s\0]+$/, '');
}
