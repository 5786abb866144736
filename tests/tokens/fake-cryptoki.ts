// A PKCS#11 token in software, behind the same Cryptoki interface as pkcs11js, for the states a
// SoftHSM token never reaches: a PIN counting down to LOCKED, a USB key pulled out mid-signature,
// a PIN-pad reader, keys that demand the PIN before every signature. It follows PKCS#11 v2.40 where
// the code under test depends on it (login state per application, operations ending with C_Sign,
// CKR_OPERATION_ACTIVE on a second C_SignInit).
import { constants, privateEncrypt, sign, type KeyObject } from 'node:crypto';
import { CK, CKR, type Cryptoki, type CryptokiAttribute, type CryptokiLoader, type CryptokiMechanism, type Handle } from '../../src-main/core/tokens/index.js';

export interface FakeKey {
  readonly id: string;
  readonly label: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly certificate?: Uint8Array;
  readonly alwaysAuthenticate?: boolean;
  readonly canSign?: boolean;
  readonly extractable?: boolean;
  readonly sensitive?: boolean;
}

export interface FakeTokenOptions {
  readonly label?: string;
  readonly serial?: string;
  readonly pin?: string;
  readonly maxTries?: number;
  readonly pinPad?: boolean;
  readonly minPinLen?: number;
  readonly maxPinLen?: number;
  readonly mechanisms?: readonly number[];
  readonly keys: readonly FakeKey[];
  /** Certificates stored without a key (CA certificates). */
  readonly certificates?: readonly Uint8Array[];
  /** A module that refuses OS locking (CKR_CANT_LOCK): it must then be called from one thread. */
  readonly cannotLock?: boolean;
}

const CKR_OPERATION_ACTIVE = 0x90;
const CKR_OPERATION_NOT_INITIALIZED = 0x91;
const CKR_USER_NOT_LOGGED_IN = 0x101;
const CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
const CKR_OBJECT_HANDLE_INVALID = 0x82;
const CKR_BUFFER_TOO_SMALL = 0x150;
export const CKR_DEVICE_ERROR = 0x30;

const CKR_NAMES: Record<number, string> = {
  ...Object.fromEntries(Object.entries(CKR).map(([name, code]) => [code, `CKR_${name}`])),
  [CKR_OPERATION_ACTIVE]: 'CKR_OPERATION_ACTIVE',
  [CKR_OPERATION_NOT_INITIALIZED]: 'CKR_OPERATION_NOT_INITIALIZED',
  [CKR_USER_NOT_LOGGED_IN]: 'CKR_USER_NOT_LOGGED_IN',
  [CKR_KEY_FUNCTION_NOT_PERMITTED]: 'CKR_KEY_FUNCTION_NOT_PERMITTED',
  [CKR_OBJECT_HANDLE_INVALID]: 'CKR_OBJECT_HANDLE_INVALID',
  [CKR_BUFFER_TOO_SMALL]: 'CKR_BUFFER_TOO_SMALL',
  [CKR_DEVICE_ERROR]: 'CKR_DEVICE_ERROR',
};

/** Thrown like pkcs11js's Pkcs11Error: the CKR name as message, the value as code. */
function ckrError(code: number): Error {
  return Object.assign(new Error(CKR_NAMES[code] ?? `CKR_0x${code.toString(16)}`), { name: 'Pkcs11Error', code });
}

const CURVE_OID: Record<string, string> = { prime256v1: '06082a8648ce3d030107', secp384r1: '06052b81040022', secp521r1: '06052b81040023' };
const HASH_OF: Record<number, string> = {
  [CK.CKM_SHA256_RSA_PKCS]: 'sha256',
  [CK.CKM_SHA384_RSA_PKCS]: 'sha384',
  [CK.CKM_SHA512_RSA_PKCS]: 'sha512',
  [CK.CKM_SHA256_RSA_PKCS_PSS]: 'sha256',
  [CK.CKM_SHA384_RSA_PKCS_PSS]: 'sha384',
  [CK.CKM_SHA512_RSA_PKCS_PSS]: 'sha512',
  [CK.CKM_ECDSA_SHA256]: 'sha256',
  [CK.CKM_ECDSA_SHA384]: 'sha384',
  [CK.CKM_ECDSA_SHA512]: 'sha512',
};

const DEFAULT_FAKE_MECHANISMS = [
  CK.CKM_SHA256_RSA_PKCS,
  CK.CKM_SHA384_RSA_PKCS,
  CK.CKM_SHA512_RSA_PKCS,
  CK.CKM_SHA256_RSA_PKCS_PSS,
  CK.CKM_SHA384_RSA_PKCS_PSS,
  CK.CKM_SHA512_RSA_PKCS_PSS,
  CK.CKM_ECDSA_SHA256,
  CK.CKM_ECDSA_SHA384,
  CK.CKM_ECDSA_SHA512,
];

interface FakeObject {
  readonly isPrivate: boolean;
  readonly attrs: Map<number, Buffer>;
  readonly key?: FakeKey;
}

interface FakeSession {
  found: number[];
  signing?: { mechanism: CryptokiMechanism; object: FakeObject };
  contextLogin: boolean;
}

const SLOT = Buffer.from([7, 0, 0, 0, 0, 0, 0, 0]);
const ulong = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const bool = (v: boolean) => Buffer.from([v ? 1 : 0]);
const handle = (n: number) => ulong(n);
const handleNumber = (h: Handle) => Number(h.readBigUInt64LE(0));

export class FakeToken implements Cryptoki {
  /** Every PKCS#11 call, in order. */
  readonly calls: string[] = [];
  /** C_Login calls as { userType, pinLength }: never the PIN. */
  readonly logins: Array<{ userType: number; pinLength: number }> = [];
  /** What the PIN pad does when asked (a person types right, wrong, or presses Cancel). */
  pinPadAnswer: 'ok' | 'wrong' | 'cancel' = 'ok';
  /** Pull the token out when this many more signatures have been asked for. */
  removeAfterSignatures: number | undefined;
  /** What the middleware reports for the signature that finds the token gone. */
  removalCode: number = CKR.DEVICE_REMOVED;
  present = true;
  signatures = 0;
  initialized = false;

  private readonly pin: string;
  private readonly maxTries: number;
  private triesLeft: number;
  private loggedIn = false;
  private readonly objects = new Map<number, FakeObject>();
  private readonly sessions = new Map<number, FakeSession>();
  private nextHandle = 100;
  private readonly mechanisms: readonly number[];

  constructor(private readonly options: FakeTokenOptions) {
    this.pin = options.pin ?? '246810';
    this.maxTries = options.maxTries ?? 3;
    this.triesLeft = this.maxTries;
    this.mechanisms = options.mechanisms ?? DEFAULT_FAKE_MECHANISMS;
    for (const key of options.keys) this.addKey(key);
    for (const der of options.certificates ?? []) this.addCertificate('', 'CA', der);
  }

  /** A loader that hands out this token whatever path is asked for (one function, so the module registry can share it). */
  readonly loader: CryptokiLoader = () => this;

  // --- library -----------------------------------------------------------------------------
  C_Initialize(options?: { flags?: number }): void {
    this.record('C_Initialize');
    if (this.initialized) throw ckrError(CKR.CRYPTOKI_ALREADY_INITIALIZED);
    if (this.options.cannotLock && options?.flags) throw ckrError(CKR.CANT_LOCK);
    this.initialized = true;
  }
  C_Finalize(): void {
    this.record('C_Finalize');
    this.initialized = false;
    this.sessions.clear();
    this.loggedIn = false;
  }
  close(): void {
    this.record('close');
  }

  // --- slots and tokens ----------------------------------------------------------------------
  C_GetSlotList(): Handle[] {
    this.record('C_GetSlotList');
    return [SLOT];
  }
  C_GetSlotInfo() {
    this.record('C_GetSlotInfo');
    return {
      slotDescription: 'Fake USB reader',
      manufacturerID: 'Inkstone tests',
      flags: (this.present ? CK.CKF_TOKEN_PRESENT : 0) | CK.CKF_REMOVABLE_DEVICE | CK.CKF_HW_SLOT,
    };
  }
  C_GetTokenInfo() {
    this.record('C_GetTokenInfo');
    this.requirePresent();
    return {
      label: (this.options.label ?? 'Fake Token').padEnd(32, ' '),
      manufacturerID: 'Inkstone tests'.padEnd(32, ' '),
      model: 'FakeKey 3000'.padEnd(16, ' '),
      serialNumber: (this.options.serial ?? '0000FA4E').padEnd(16, ' '),
      flags: this.flags(),
      minPinLen: this.options.minPinLen ?? 4,
      maxPinLen: this.options.maxPinLen ?? 16,
    };
  }
  C_GetMechanismList(): number[] {
    this.record('C_GetMechanismList');
    this.requirePresent();
    return [...this.mechanisms];
  }

  // --- sessions and login ----------------------------------------------------------------------
  C_OpenSession(): Handle {
    this.record('C_OpenSession');
    this.requirePresent();
    const id = this.nextHandle++;
    this.sessions.set(id, { found: [], contextLogin: false });
    return handle(id);
  }
  C_CloseSession(session: Handle): void {
    this.record('C_CloseSession');
    if (!this.sessions.delete(handleNumber(session))) throw ckrError(CKR.SESSION_HANDLE_INVALID);
    // Login state belongs to the application: it ends with its last session.
    if (this.sessions.size === 0) this.loggedIn = false;
  }
  C_Login(session: Handle, userType: number, pin: string): void {
    this.record('C_Login');
    this.logins.push({ userType, pinLength: pin.length });
    const s = this.session(session);
    if (this.triesLeft === 0) throw ckrError(CKR.PIN_LOCKED);
    if (userType === CK.CKU_USER && this.loggedIn) throw ckrError(CKR.USER_ALREADY_LOGGED_IN);
    if (userType === CK.CKU_CONTEXT_SPECIFIC && !s.signing) throw ckrError(CKR_OPERATION_NOT_INITIALIZED);
    let right: boolean;
    if (this.options.pinPad && pin === '') {
      if (this.pinPadAnswer === 'cancel') throw ckrError(CKR.FUNCTION_CANCELED);
      right = this.pinPadAnswer === 'ok';
    } else {
      if (pin.length < (this.options.minPinLen ?? 4) || pin.length > (this.options.maxPinLen ?? 16)) throw ckrError(CKR.PIN_LEN_RANGE);
      right = pin === this.pin;
    }
    if (!right) {
      this.triesLeft -= 1;
      throw ckrError(CKR.PIN_INCORRECT);
    }
    this.triesLeft = this.maxTries;
    if (userType === CK.CKU_USER) this.loggedIn = true;
    else s.contextLogin = true;
  }

  // --- objects -------------------------------------------------------------------------------
  C_FindObjectsInit(session: Handle, template: CryptokiAttribute[]): void {
    this.record('C_FindObjectsInit');
    const s = this.session(session);
    s.found = [...this.objects.entries()]
      .filter(([, o]) => (!o.isPrivate || this.loggedIn) && template.every((t) => o.attrs.get(t.type)?.equals(ulong(t.value as number))))
      .map(([h]) => h);
  }
  C_FindObjects(session: Handle, max: number): Handle[] {
    this.record('C_FindObjects');
    const s = this.session(session);
    return s.found.splice(0, max).map(handle);
  }
  C_FindObjectsFinal(session: Handle): void {
    this.record('C_FindObjectsFinal');
    this.session(session).found = [];
  }
  C_GetAttributeValue(session: Handle, object: Handle, template: CryptokiAttribute[]) {
    this.record('C_GetAttributeValue');
    this.session(session);
    const o = this.object(object);
    return template.map(({ type }) => {
      const value = o.attrs.get(type);
      if (!value) throw ckrError(CKR.ATTRIBUTE_TYPE_INVALID);
      return { type, value: Buffer.from(value) };
    });
  }

  // --- signing -------------------------------------------------------------------------------
  C_SignInit(session: Handle, mechanism: CryptokiMechanism, key: Handle): void {
    this.record('C_SignInit');
    const s = this.session(session);
    if (s.signing) throw ckrError(CKR_OPERATION_ACTIVE);
    if (!this.mechanisms.includes(mechanism.mechanism)) throw ckrError(CKR.MECHANISM_INVALID);
    const o = this.object(key);
    if (!o.key) throw ckrError(CKR_KEY_FUNCTION_NOT_PERMITTED);
    if (o.key.canSign === false) throw ckrError(CKR_KEY_FUNCTION_NOT_PERMITTED);
    s.signing = { mechanism, object: o };
    s.contextLogin = false;
  }
  C_Sign(session: Handle, data: Buffer, out: Buffer): Buffer {
    this.record('C_Sign');
    return this.signNow(session, data, out);
  }
  async C_SignAsync(session: Handle, data: Buffer, out: Buffer): Promise<Buffer> {
    this.record('C_SignAsync');
    await new Promise((resolve) => setImmediate(resolve));
    return this.signNow(session, data, out);
  }

  /** Plug the token back in (sessions and login are gone, as with a real USB key). */
  reinsert(): void {
    this.present = true;
    this.removeAfterSignatures = undefined;
  }

  // --- internals -----------------------------------------------------------------------------
  private signNow(session: Handle, data: Buffer, out: Buffer): Buffer {
    if (this.removeAfterSignatures !== undefined && this.removeAfterSignatures-- <= 0) {
      this.present = false;
      this.sessions.clear();
      this.loggedIn = false;
      throw ckrError(this.removalCode);
    }
    const s = this.session(session);
    const op = s.signing;
    if (!op) throw ckrError(CKR_OPERATION_NOT_INITIALIZED);
    s.signing = undefined; // C_Sign ends the operation, whatever its outcome
    const key = op.object.key!;
    if (key.alwaysAuthenticate && !s.contextLogin) throw ckrError(CKR_USER_NOT_LOGGED_IN);
    s.contextLogin = false;
    const m = op.mechanism.mechanism;
    let signature: Buffer;
    if (m === CK.CKM_RSA_PKCS) signature = privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, data);
    else if (m === CK.CKM_SHA256_RSA_PKCS || m === CK.CKM_SHA384_RSA_PKCS || m === CK.CKM_SHA512_RSA_PKCS) signature = sign(HASH_OF[m], data, key.privateKey);
    else if (m === CK.CKM_SHA256_RSA_PKCS_PSS || m === CK.CKM_SHA384_RSA_PKCS_PSS || m === CK.CKM_SHA512_RSA_PKCS_PSS) {
      const p = op.mechanism.parameter as { saltLen: number };
      signature = sign(HASH_OF[m], data, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLen });
    } else if (m === CK.CKM_ECDSA_SHA256 || m === CK.CKM_ECDSA_SHA384 || m === CK.CKM_ECDSA_SHA512) {
      signature = sign(HASH_OF[m], data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    } else throw ckrError(CKR.MECHANISM_INVALID);
    if (out.length < signature.length) throw ckrError(CKR_BUFFER_TOO_SMALL);
    this.signatures += 1;
    signature.copy(out);
    return out.subarray(0, signature.length);
  }

  private flags(): number {
    let f = CK.CKF_TOKEN_INITIALIZED | CK.CKF_LOGIN_REQUIRED | CK.CKF_USER_PIN_INITIALIZED;
    if (this.options.pinPad) f |= CK.CKF_PROTECTED_AUTHENTICATION_PATH;
    if (this.triesLeft < this.maxTries) f |= CK.CKF_USER_PIN_COUNT_LOW;
    if (this.triesLeft === 1) f |= CK.CKF_USER_PIN_FINAL_TRY;
    if (this.triesLeft === 0) f |= CK.CKF_USER_PIN_LOCKED;
    return f;
  }

  private record(name: string): void {
    if (!this.initialized && name !== 'C_Initialize' && name !== 'close') throw ckrError(0x190); // CKR_CRYPTOKI_NOT_INITIALIZED
    this.calls.push(name);
  }

  private requirePresent(): void {
    if (!this.present) throw ckrError(CKR.TOKEN_NOT_PRESENT);
  }

  private session(h: Handle): FakeSession {
    this.requirePresent();
    const s = this.sessions.get(handleNumber(h));
    if (!s) throw ckrError(CKR.SESSION_HANDLE_INVALID);
    return s;
  }

  private object(h: Handle): FakeObject {
    const o = this.objects.get(handleNumber(h));
    if (!o || (o.isPrivate && !this.loggedIn)) throw ckrError(CKR_OBJECT_HANDLE_INVALID);
    return o;
  }

  private addKey(key: FakeKey): void {
    const id = Buffer.from(key.id, 'hex');
    const rsa = key.publicKey.asymmetricKeyType === 'rsa';
    const keyParts = rsa
      ? [[CK.CKA_MODULUS, Buffer.from(key.publicKey.export({ format: 'jwk' }).n!, 'base64url')] as const]
      : [[CK.CKA_EC_PARAMS, Buffer.from(CURVE_OID[key.publicKey.asymmetricKeyDetails!.namedCurve!], 'hex')] as const];
    const common = [[CK.CKA_ID, id], [CK.CKA_LABEL, Buffer.from(key.label)], [CK.CKA_KEY_TYPE, ulong(rsa ? CK.CKK_RSA : CK.CKK_EC)], ...keyParts] as const;
    this.objects.set(this.nextHandle++, {
      isPrivate: true,
      key,
      attrs: new Map<number, Buffer>([
        [CK.CKA_CLASS, ulong(CK.CKO_PRIVATE_KEY)],
        ...common,
        [CK.CKA_SIGN, bool(key.canSign ?? true)],
        [CK.CKA_SENSITIVE, bool(key.sensitive ?? true)],
        [CK.CKA_EXTRACTABLE, bool(key.extractable ?? false)],
        [CK.CKA_ALWAYS_AUTHENTICATE, bool(key.alwaysAuthenticate ?? false)],
      ]),
    });
    this.objects.set(this.nextHandle++, { isPrivate: false, attrs: new Map<number, Buffer>([[CK.CKA_CLASS, ulong(CK.CKO_PUBLIC_KEY)], ...common]) });
    if (key.certificate) this.addCertificate(key.id, `${key.label} cert`, key.certificate);
  }

  private addCertificate(id: string, label: string, der: Uint8Array): void {
    this.objects.set(this.nextHandle++, {
      isPrivate: false,
      attrs: new Map<number, Buffer>([
        [CK.CKA_CLASS, ulong(CK.CKO_CERTIFICATE)],
        [CK.CKA_CERTIFICATE_TYPE, ulong(CK.CKC_X_509)],
        [CK.CKA_ID, Buffer.from(id, 'hex')],
        [CK.CKA_LABEL, Buffer.from(label)],
        [CK.CKA_VALUE, Buffer.from(der)],
      ]),
    });
  }
}
