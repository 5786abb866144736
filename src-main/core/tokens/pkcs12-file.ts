import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import forge from 'node-forge';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * PKCS#12 (RFC 7292) reading, done here rather than by forge's `pkcs12FromAsn1` for three reasons:
 * certificates must come out byte for byte (forge re-encodes those it understands, and could change
 * the signed bytes); EC keys and certificates must come out at all (forge parses RSA only); and
 * the password must be encoded as each algorithm requires — BMPString for the PKCS#12 KDF (MAC,
 * legacy 3DES/RC2), UTF-8 for PBES2 — or Chinese passwords fail. forge still supplies the ASN.1
 * reader and the legacy PKCS#12 ciphers Node's OpenSSL 3 no longer ships (RC2); PBES2 (what current
 * tools write) runs on Node's own PBKDF2 and AES.
 */
export interface Pkcs12Contents {
  /** PKCS#8 PrivateKeyInfo DER of each private key. */
  readonly keys: Pkcs12Item[];
  /** X.509 certificate DER, exactly as stored. */
  readonly certificates: Pkcs12Item[];
}

export interface Pkcs12Item {
  readonly der: Buffer;
  readonly friendlyName?: string;
  readonly localKeyId?: string;
}

type Asn1 = forge.asn1.Asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

const PBKDF2_PRF: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Readonly<Record<string, { name: string; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

const MAC_DIGESTS: Readonly<Record<string, { node: string; forge: () => forge.md.MessageDigest }>> = {
  '1.3.14.3.2.26': { node: 'sha1', forge: () => forge.md.sha1.create() },
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', forge: () => forge.md.sha256.create() },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', forge: () => forge.md.sha384.create() },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', forge: () => forge.md.sha512.create() },
};

/** forge's password-based encryption, which its type definitions leave out. */
const pbe = (
  forge.pki as unknown as {
    pbe: {
      getCipher(oid: string, params: Asn1, password: string | null): forge.cipher.BlockCipher;
      generatePkcs12Key(
        password: string | null,
        salt: forge.util.ByteStringBuffer,
        id: number,
        iter: number,
        n: number,
        md: forge.md.MessageDigest,
      ): forge.util.ByteStringBuffer;
    };
  }
).pbe;

class Malformed extends Error {}
class Unsupported extends Error {}
class WrongPassword extends Error {}

/** Decode a PKCS#12 file. Throws TOKEN_PKCS12_INVALID, TOKEN_PKCS12_UNSUPPORTED or TOKEN_PKCS12_PASSWORD_INCORRECT. */
export function readPkcs12(der: Uint8Array, password: string, file: string): Pkcs12Contents {
  try {
    return decode(der, password);
  } catch (err) {
    if (err instanceof WrongPassword) throw new InkstoneError('TOKEN_PKCS12_PASSWORD_INCORRECT', { file });
    if (err instanceof Unsupported) throw new InkstoneError('TOKEN_PKCS12_UNSUPPORTED', { file, reason: err.message });
    throw new InkstoneError('TOKEN_PKCS12_INVALID', { file, reason: err instanceof Error ? err.message : String(err) }, { cause: err });
  }
}

function decode(der: Uint8Array, password: string): Pkcs12Contents {
  let pfx: Asn1;
  try {
    pfx = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), true);
  } catch {
    throw new Malformed('not DER/BER data');
  }
  const [version, authSafe, macData] = children(pfx, 'PFX');
  if (integer(version) !== 3) throw new Malformed('not a PKCS#12 version 3 file');
  const [contentType, content] = children(authSafe, 'authSafe');
  if (oid(contentType) !== OID.data) throw new Unsupported('public-key integrity mode');
  const authenticatedSafe = octets(explicit(content));

  // An empty password is written by some tools as no password at all (no BMP terminator).
  const candidates: Array<string | null> = password === '' ? ['', null] : [password];
  const kdfPassword = macData ? candidates.find((p) => macMatches(macData, authenticatedSafe, p)) : candidates[0];
  if (kdfPassword === undefined) throw new WrongPassword();

  const keys: Pkcs12Item[] = [];
  const certificates: Pkcs12Item[] = [];
  const pbes2Password = Buffer.from(password, 'utf8');
  const decrypt = (algorithm: Asn1, encrypted: string): Asn1 => {
    const [algOid, params] = children(algorithm, 'AlgorithmIdentifier');
    const name = oid(algOid);
    const plain =
      name === OID.pbes2 ? decryptPbes2(params, Buffer.from(encrypted, 'binary'), pbes2Password) : decryptPkcs12Pbe(name, params, encrypted, kdfPassword);
    try {
      return forge.asn1.fromDer(forge.util.createBuffer(plain), true);
    } catch {
      // Garbage that happened to end in valid padding: the password was wrong.
      throw new WrongPassword();
    }
  };

  const readBags = (safeContents: Asn1): void => {
    for (const bag of children(safeContents, 'SafeContents')) {
      const [bagId, bagValue, attributes] = children(bag, 'SafeBag');
      const value = explicit(bagValue);
      const attrs = bagAttributes(attributes);
      switch (oid(bagId)) {
        case OID.keyBag:
          keys.push({ der: toDer(value), ...attrs });
          break;
        case OID.shroudedKeyBag: {
          const [algorithm, encrypted] = children(value, 'EncryptedPrivateKeyInfo');
          keys.push({ der: toDer(decrypt(algorithm, octets(encrypted))), ...attrs });
          break;
        }
        case OID.certBag: {
          const [certId, certValue] = children(value, 'CertBag');
          if (oid(certId) === OID.x509Certificate) certificates.push({ der: Buffer.from(octets(explicit(certValue)), 'binary'), ...attrs });
          break;
        }
        case OID.safeContentsBag:
          readBags(value);
          break;
        // CRL and secret bags carry nothing a signature needs.
      }
    }
  };

  try {
    readSafes(parse(authenticatedSafe), decrypt, readBags);
  } finally {
    pbes2Password.fill(0);
  }
  return { keys, certificates };
}

function readSafes(authenticatedSafe: Asn1, decrypt: (algorithm: Asn1, encrypted: string) => Asn1, readBags: (safeContents: Asn1) => void): void {
  for (const info of children(authenticatedSafe, 'AuthenticatedSafe')) {
    const [type, body] = children(info, 'ContentInfo');
    switch (oid(type)) {
      case OID.data:
        readBags(parse(octets(explicit(body))));
        break;
      case OID.encryptedData: {
        const [, encryptedContentInfo] = children(explicit(body), 'EncryptedData');
        const [, algorithm, encrypted] = children(encryptedContentInfo, 'EncryptedContentInfo');
        if (encrypted) readBags(decrypt(algorithm, octets(encrypted)));
        break;
      }
      default:
        throw new Unsupported(`content protected as ${oid(type)} (public-key privacy mode)`);
    }
  }
}

/** PBES2 (RFC 8018) with PBKDF2 and AES/3DES-CBC, done by Node's OpenSSL: far faster than forge's JavaScript. */
function decryptPbes2(params: Asn1, encrypted: Buffer, password: Buffer): string {
  const [kdf, scheme] = children(params, 'PBES2-params');
  const [kdfOid, kdfParams] = children(kdf, 'keyDerivationFunc');
  if (oid(kdfOid) !== OID.pbkdf2) throw new Unsupported(`key derivation ${oid(kdfOid)}`);
  const [salt, iterations, ...rest] = children(kdfParams, 'PBKDF2-params');
  const prfNode = rest.find((n) => n.type === forge.asn1.Type.SEQUENCE);
  const prf = prfNode ? PBKDF2_PRF[oid(children(prfNode, 'prf')[0])] : 'sha1';
  const [schemeOid, iv] = children(scheme, 'encryptionScheme');
  const cipher = PBES2_CIPHERS[oid(schemeOid)];
  if (!prf) throw new Unsupported('PBKDF2 pseudo-random function');
  if (!cipher) throw new Unsupported(`cipher ${oid(schemeOid)}`);
  const key = pbkdf2Sync(password, Buffer.from(octets(salt), 'binary'), integer(iterations), cipher.keyLength, prf);
  try {
    const decipher = createDecipheriv(cipher.name, key, Buffer.from(octets(iv), 'binary'));
    return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('binary');
  } catch {
    throw new WrongPassword(); // bad padding
  }
}

/** PKCS#12 PBE (RFC 7292 appendix C: 3DES, RC2), which Node's OpenSSL 3 no longer carries in full. */
function decryptPkcs12Pbe(name: string, params: Asn1, encrypted: string, password: string | null): string {
  let cipher: forge.cipher.BlockCipher;
  try {
    cipher = pbe.getCipher(name, params, password);
  } catch (err) {
    throw new Unsupported(`encryption ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  cipher.update(forge.util.createBuffer(encrypted));
  if (!cipher.finish()) throw new WrongPassword();
  return cipher.output.getBytes();
}

function macMatches(macData: Asn1, content: string, password: string | null): boolean {
  const [digestInfo, salt, iterations] = children(macData, 'MacData');
  const [algorithm, expected] = children(digestInfo, 'DigestInfo');
  const digestOid = oid(children(algorithm, 'AlgorithmIdentifier')[0]);
  const digest = MAC_DIGESTS[digestOid];
  if (!digest) throw new Unsupported(`MAC digest ${digestOid}`);
  const md = digest.forge();
  const key = pbe.generatePkcs12Key(password, forge.util.createBuffer(octets(salt)), 3, iterations ? integer(iterations) : 1, md.digestLength, md);
  const mac = createHmac(digest.node, Buffer.from(key.getBytes(), 'binary')).update(Buffer.from(content, 'binary')).digest();
  const stored = Buffer.from(octets(expected), 'binary');
  return stored.length === mac.length && timingSafeEqual(stored, mac);
}

function bagAttributes(attributes: Asn1 | undefined): { friendlyName?: string; localKeyId?: string } {
  const out: { friendlyName?: string; localKeyId?: string } = {};
  for (const attribute of attributes ? children(attributes, 'attributes') : []) {
    const [type, values] = children(attribute, 'Attribute');
    const first = children(values, 'attribute values')[0];
    if (!first) continue;
    // forge hands a BMPString over already decoded to text.
    if (oid(type) === OID.friendlyName && first.type === forge.asn1.Type.BMPSTRING) out.friendlyName = octets(first);
    if (oid(type) === OID.localKeyId) out.localKeyId = Buffer.from(octets(first), 'binary').toString('hex');
  }
  return out;
}

function parse(bytes: string): Asn1 {
  try {
    return forge.asn1.fromDer(forge.util.createBuffer(bytes), true);
  } catch {
    throw new Malformed('damaged contents');
  }
}

function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Malformed(`${what} is not a structure`);
  return node.value;
}

/** The single value inside an EXPLICIT [0] tag. */
function explicit(node: Asn1 | undefined): Asn1 {
  return children(node, 'tagged value')[0];
}

/** The bytes of an OCTET STRING (as a binary string), joining the chunks of a BER constructed one. */
function octets(node: Asn1 | undefined): string {
  if (!node) throw new Malformed('missing value');
  return Array.isArray(node.value) ? node.value.map(octets).join('') : node.value;
}

function oid(node: Asn1 | undefined): string {
  if (!node || node.type !== forge.asn1.Type.OID || typeof node.value !== 'string') throw new Malformed('expected an object identifier');
  return forge.asn1.derToOid(node.value);
}

function integer(node: Asn1 | undefined): number {
  if (!node || node.type !== forge.asn1.Type.INTEGER || typeof node.value !== 'string') throw new Malformed('expected an integer');
  let value = 0;
  for (let i = 0; i < node.value.length; i += 1) value = value * 256 + node.value.charCodeAt(i);
  return value;
}

function toDer(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}
