import { createHash } from 'node:crypto';
import { CK, CKR, ckrOf, type Cryptoki, type CryptokiAttribute, type Handle } from './cryptoki.js';
import { keyAlgorithmOf, parseCertificate } from './certificates.js';
import { describeKeyAlgorithm, type EcCurve, type KeyAlgorithm } from './signer.js';

/** Which key on a token to sign with. With neither field, the only signing key with a certificate is chosen. */
export interface KeySelector {
  /** CKA_ID in hex (case does not matter). */
  readonly id?: string;
  /** CKA_LABEL of the key or of its certificate. */
  readonly label?: string;
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** SHA-256 of the DER, lowercase hex: what a person compares with the CA's notice. */
  readonly sha256: string;
}

export interface PrivateKeySummary {
  readonly label: string;
  readonly canSign: boolean;
  readonly alwaysAuthenticate: boolean;
  readonly extractable: boolean;
  readonly sensitive: boolean;
}

/** A key on a token with what was found beside it under the same CKA_ID. */
export interface TokenKeyEntry {
  /** CKA_ID in lowercase hex ('' when the objects carry none). */
  readonly id: string;
  readonly label: string;
  readonly certificate: Uint8Array | null;
  readonly certificateSummary: CertificateSummary | null;
  /** Null when the algorithm is not one Inkstone signs with; `algorithmName` still says what it is. */
  readonly keyAlgorithm: KeyAlgorithm | null;
  readonly algorithmName: string;
  /** Null when the token holds no private key here, or hides private keys until login. */
  readonly privateKey: PrivateKeySummary | null;
}

/** An entry plus what only the signer needs: the key's handle and its public parts, for a consistency check. */
export interface TokenKeyRecord {
  readonly entry: TokenKeyEntry;
  readonly certificateLabel?: string;
  readonly keyHandle?: Handle;
  readonly keyModulus?: Buffer;
  readonly keyCurve?: EcCurve;
}

export interface TokenObjects {
  readonly records: TokenKeyRecord[];
  /** Every X.509 certificate on the token (chain building draws from these). */
  readonly certificates: Uint8Array[];
}

const CURVE_BY_PARAMS: Readonly<Record<string, EcCurve>> = {
  '06082a8648ce3d030107': 'P-256',
  '06052b81040022': 'P-384',
  '06052b81040023': 'P-521',
};

/** Read the certificates and keys visible in this session and pair them by CKA_ID. */
export function readTokenObjects(api: Cryptoki, session: Handle): TokenObjects {
  const attr = (object: Handle, type: number) => readAttribute(api, session, object, type);
  type Group = { cert?: { der: Buffer; label: string; validTo: number }; priv?: Handle; pub?: Handle };
  const groups = new Map<string, Group>();
  const groupFor = (object: Handle): Group => {
    const id = attr(object, CK.CKA_ID)?.toString('hex') ?? '';
    // Objects without an id cannot be paired: each stands alone.
    const key = id || `#${groups.size}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = {}));
    return group;
  };

  const certificates: Uint8Array[] = [];
  for (const object of findObjects(api, session, [
    { type: CK.CKA_CLASS, value: CK.CKO_CERTIFICATE },
    { type: CK.CKA_CERTIFICATE_TYPE, value: CK.CKC_X_509 },
  ])) {
    const der = attr(object, CK.CKA_VALUE);
    const parsed = der && parseCertificate(der);
    if (!der || !parsed) continue;
    certificates.push(der);
    const group = groupFor(object);
    const validTo = Date.parse(parsed.validTo);
    // A renewed certificate for the same key sits beside the old one: keep the one valid longest.
    if (!group.cert || validTo > group.cert.validTo) group.cert = { der, label: text(attr(object, CK.CKA_LABEL)), validTo };
  }
  for (const object of findObjects(api, session, [{ type: CK.CKA_CLASS, value: CK.CKO_PRIVATE_KEY }])) groupFor(object).priv = object;
  for (const object of findObjects(api, session, [{ type: CK.CKA_CLASS, value: CK.CKO_PUBLIC_KEY }])) groupFor(object).pub ??= object;

  const records: TokenKeyRecord[] = [];
  for (const [key, group] of groups) {
    const keyObject = group.priv ?? group.pub;
    const keyType = keyObject && readUlong(attr(keyObject, CK.CKA_KEY_TYPE));
    const keyModulus = keyObject && keyType === CK.CKK_RSA ? attr(keyObject, CK.CKA_MODULUS) : undefined;
    const curveParams = keyObject && keyType === CK.CKK_EC ? attr(keyObject, CK.CKA_EC_PARAMS)?.toString('hex') : undefined;
    const keyCurve = curveParams ? CURVE_BY_PARAMS[curveParams] : undefined;
    const cert = group.cert?.der ?? null;
    const parsed = cert ? parseCertificate(cert) : undefined;

    let keyAlgorithm: KeyAlgorithm | null = null;
    let algorithmName = 'unknown';
    if (parsed) {
      try {
        keyAlgorithm = keyAlgorithmOf(parsed.publicKey);
      } catch {
        algorithmName = [parsed.publicKey.asymmetricKeyType, parsed.publicKey.asymmetricKeyDetails?.namedCurve].filter(Boolean).join(' ');
      }
    } else if (keyModulus) {
      keyAlgorithm = { kind: 'RSA', modulusBits: modulusBits(keyModulus) };
    } else if (keyCurve) {
      keyAlgorithm = { kind: 'EC', curve: keyCurve };
    } else if (keyType === CK.CKK_EC) {
      algorithmName = 'EC (other curve)';
    }
    if (keyAlgorithm) algorithmName = describeKeyAlgorithm(keyAlgorithm);

    const priv = group.priv;
    const privateKey: PrivateKeySummary | null = priv
      ? {
          label: text(attr(priv, CK.CKA_LABEL)),
          // Absent attributes take the PKCS#11 defaults.
          canSign: readBool(attr(priv, CK.CKA_SIGN)) ?? true,
          alwaysAuthenticate: readBool(attr(priv, CK.CKA_ALWAYS_AUTHENTICATE)) ?? false,
          extractable: readBool(attr(priv, CK.CKA_EXTRACTABLE)) ?? false,
          sensitive: readBool(attr(priv, CK.CKA_SENSITIVE)) ?? true,
        }
      : null;
    const label = privateKey?.label || group.cert?.label || (group.pub ? text(attr(group.pub, CK.CKA_LABEL)) : '');
    const entry: TokenKeyEntry = {
      id: key.startsWith('#') ? '' : key,
      label,
      certificate: cert,
      certificateSummary: parsed
        ? {
            subject: parsed.subject,
            issuer: parsed.issuer,
            serialNumber: parsed.serialNumber,
            validFrom: new Date(parsed.validFrom).toISOString(),
            validTo: new Date(parsed.validTo).toISOString(),
            sha256: createHash('sha256').update(cert!).digest('hex'),
          }
        : null,
      keyAlgorithm,
      algorithmName,
      privateKey,
    };
    records.push({ entry, certificateLabel: group.cert?.label, keyHandle: priv, keyModulus, keyCurve });
  }
  records.sort((a, b) => (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  return { records, certificates };
}

function findObjects(api: Cryptoki, session: Handle, template: CryptokiAttribute[]): Handle[] {
  api.C_FindObjectsInit(session, template);
  try {
    const found: Handle[] = [];
    for (let batch = api.C_FindObjects(session, 64); batch.length > 0; batch = api.C_FindObjects(session, 64)) found.push(...batch);
    return found;
  } finally {
    api.C_FindObjectsFinal(session);
  }
}

/** One attribute, or undefined when the object lacks it or keeps it secret. Asked one at a time because one missing attribute fails the whole call. */
function readAttribute(api: Cryptoki, session: Handle, object: Handle, type: number): Buffer | undefined {
  try {
    return api.C_GetAttributeValue(session, object, [{ type }])[0]?.value;
  } catch (err) {
    const code = ckrOf(err)?.code;
    if (code === CKR.ATTRIBUTE_TYPE_INVALID || code === CKR.ATTRIBUTE_SENSITIVE) return undefined;
    throw err;
  }
}

const text = (value: Buffer | undefined): string => value?.toString('utf8') ?? '';
const readBool = (value: Buffer | undefined): boolean | undefined => (value && value.length > 0 ? value[0] !== 0 : undefined);

/** CK_ULONG in the platform's byte order (little-endian on every platform Inkstone ships for). */
function readUlong(value: Buffer | undefined): number | undefined {
  if (!value || value.length === 0) return undefined;
  return value.length >= 8 ? Number(value.readBigUInt64LE(0)) : value.readUInt32LE(0);
}

function modulusBits(modulus: Buffer): number {
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start += 1;
  if (start === modulus.length) return 0;
  return (modulus.length - start - 1) * 8 + (32 - Math.clz32(modulus[start]));
}
