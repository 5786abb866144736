import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { pkcs12HashLength, pkcs12Key, type Pkcs12KdfHash } from './pkcs12-kdf.js';

/**
 * PKCS#12 (RFC 7292) reading, done here rather than by a library's PKCS#12 reader for three
 * reasons: certificates must come out byte for byte (forge re-encodes those it understands, and
 * could change the signed bytes); EC keys and certificates must come out at all (forge parses RSA
 * only); and the password must be encoded as each algorithm requires — BMPString for the PKCS#12
 * KDF (MAC, legacy 3DES/RC2), UTF-8 for PBES2 — or Chinese passwords fail. The BER is walked by
 * the few lines at the end (a general ASN.1 library parses every OCTET STRING's contents again and
 * costs a cold process more than the rest of the file); the key derivations, MAC, AES and 3DES run
 * on Node's own crypto; only RC2, which Node's OpenSSL 3 keeps in its legacy provider (and BoringSSL in
 * Electron lacks), comes from node-forge, loaded when a file uses it: its JavaScript costs a
 * signing process more time than the signature (docs/decisions/pkcs12.md).
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

/** PKCS#12 PBE (RFC 7292 appendix C), all with SHA-1 key derivation and an 8-byte IV. */
const PKCS12_PBE: Readonly<Record<string, { cipher: string; keyLength: number; rc2Bits?: number }>> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40 },
};

const MAC_DIGESTS: Readonly<Record<string, Pkcs12KdfHash>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

class Malformed extends Error {}
class Unsupported extends Error {}
class WrongPassword extends Error {}

/** Decode a PKCS#12 file. Throws TOKEN_PKCS12_INVALID, TOKEN_PKCS12_UNSUPPORTED or TOKEN_PKCS12_PASSWORD_INCORRECT. */
export async function readPkcs12(der: Uint8Array, password: string, file: string): Promise<Pkcs12Contents> {
  try {
    return await decode(der, password);
  } catch (err) {
    if (err instanceof WrongPassword) throw new InkstoneError('TOKEN_PKCS12_PASSWORD_INCORRECT', { file });
    if (err instanceof Unsupported) throw new InkstoneError('TOKEN_PKCS12_UNSUPPORTED', { file, reason: err.message });
    throw new InkstoneError('TOKEN_PKCS12_INVALID', { file, reason: err instanceof Error ? err.message : String(err) }, { cause: err });
  }
}

/** The PKCS#12 KDF's password: BMPString with its two-byte terminator; null is "no password" (nothing at all). */
function bmpPassword(password: string | null): Buffer {
  return password === null ? Buffer.alloc(0) : Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
}

async function decode(der: Uint8Array, password: string): Promise<Pkcs12Contents> {
  let pfx: Ber;
  try {
    pfx = parse(der);
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
  const kdfBytes = bmpPassword(kdfPassword);
  const decrypt = async (algorithm: Ber, encrypted: Buffer): Promise<Ber> => {
    const [algOid, params] = children(algorithm, 'AlgorithmIdentifier');
    const name = oid(algOid);
    const plain = name === OID.pbes2 ? decryptPbes2(params, encrypted, pbes2Password) : await decryptPkcs12Pbe(name, params, encrypted, kdfBytes);
    try {
      return parse(plain);
    } catch {
      // Garbage that happened to end in valid padding: the password was wrong.
      throw new WrongPassword();
    }
  };

  const readBags = async (safeContents: Ber): Promise<void> => {
    for (const bag of children(safeContents, 'SafeContents')) {
      const [bagId, bagValue, attributes] = children(bag, 'SafeBag');
      const value = explicit(bagValue);
      const attrs = bagAttributes(attributes);
      switch (oid(bagId)) {
        case OID.keyBag:
          keys.push({ der: encoding(value), ...attrs });
          break;
        case OID.shroudedKeyBag: {
          const [algorithm, encrypted] = children(value, 'EncryptedPrivateKeyInfo');
          keys.push({ der: encoding(await decrypt(algorithm, octets(encrypted))), ...attrs });
          break;
        }
        case OID.certBag: {
          const [certId, certValue] = children(value, 'CertBag');
          if (oid(certId) === OID.x509Certificate) certificates.push({ der: octets(explicit(certValue)), ...attrs });
          break;
        }
        case OID.safeContentsBag:
          await readBags(value);
          break;
        // CRL and secret bags carry nothing a signature needs.
      }
    }
  };

  try {
    for (const info of children(parseContents(authenticatedSafe), 'AuthenticatedSafe')) {
      const [type, body] = children(info, 'ContentInfo');
      switch (oid(type)) {
        case OID.data:
          await readBags(parseContents(octets(explicit(body))));
          break;
        case OID.encryptedData: {
          const [, encryptedContentInfo] = children(explicit(body), 'EncryptedData');
          const [, algorithm, encrypted] = children(encryptedContentInfo, 'EncryptedContentInfo');
          if (encrypted) await readBags(await decrypt(algorithm, octets(encrypted)));
          break;
        }
        default:
          throw new Unsupported(`content protected as ${oid(type)} (public-key privacy mode)`);
      }
    }
  } finally {
    pbes2Password.fill(0);
    kdfBytes.fill(0);
  }
  return { keys, certificates };
}

/** PBES2 (RFC 8018) with PBKDF2 and AES/3DES-CBC. */
function decryptPbes2(params: Ber | undefined, encrypted: Buffer, password: Buffer): Buffer {
  const [kdf, scheme] = children(params, 'PBES2-params');
  const [kdfOid, kdfParams] = children(kdf, 'keyDerivationFunc');
  if (oid(kdfOid) !== OID.pbkdf2) throw new Unsupported(`key derivation ${oid(kdfOid)}`);
  const [salt, iterations, ...rest] = children(kdfParams, 'PBKDF2-params');
  const prfNode = rest.find((n) => n.tag === SEQUENCE);
  const prf = prfNode ? PBKDF2_PRF[oid(children(prfNode, 'prf')[0])] : 'sha1';
  const [schemeOid, iv] = children(scheme, 'encryptionScheme');
  const cipher = PBES2_CIPHERS[oid(schemeOid)];
  if (!prf) throw new Unsupported('PBKDF2 pseudo-random function');
  if (!cipher) throw new Unsupported(`cipher ${oid(schemeOid)}`);
  const key = pbkdf2Sync(password, octets(salt), integer(iterations), cipher.keyLength, prf);
  return decryptCbc(cipher.name, key, octets(iv), encrypted);
}

/** PKCS#12 PBE (RFC 7292 appendix C): 3DES by Node, RC2 by node-forge. */
async function decryptPkcs12Pbe(name: string, params: Ber | undefined, encrypted: Buffer, password: Buffer): Promise<Buffer> {
  const scheme = PKCS12_PBE[name];
  if (!scheme) throw new Unsupported(`encryption ${name}`);
  const [salt, iterations] = children(params, 'PBEParameter');
  const derive = (id: 1 | 2, length: number) => pkcs12Key('sha1', password, octets(salt), id, integer(iterations), length);
  const key = derive(1, scheme.keyLength);
  const iv = derive(2, 8);
  if (scheme.rc2Bits === undefined) return decryptCbc(scheme.cipher, key, iv, encrypted);
  const { default: forge } = await import('node-forge');
  const cipher = forge.rc2.createDecryptionCipher(forge.util.createBuffer(key.toString('binary')), scheme.rc2Bits);
  cipher.start(iv.toString('binary'));
  cipher.update(forge.util.createBuffer(encrypted.toString('binary')));
  if (!cipher.finish()) throw new WrongPassword();
  return Buffer.from(cipher.output.getBytes(), 'binary');
}

function decryptCbc(cipher: string, key: Buffer, iv: Buffer, encrypted: Buffer): Buffer {
  try {
    const decipher = createDecipheriv(cipher, key, iv);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new WrongPassword(); // bad padding
  }
}

function macMatches(macData: Ber, content: Buffer, password: string | null): boolean {
  const [digestInfo, salt, iterations] = children(macData, 'MacData');
  const [algorithm, expected] = children(digestInfo, 'DigestInfo');
  const digestOid = oid(children(algorithm, 'AlgorithmIdentifier')[0]);
  const hash = MAC_DIGESTS[digestOid];
  if (!hash) throw new Unsupported(`MAC digest ${digestOid}`);
  const kdfPassword = bmpPassword(password);
  const stored = octets(expected);
  const key = pkcs12Key(hash, kdfPassword, octets(salt), 3, iterations ? integer(iterations) : 1, pkcs12HashLength(hash));
  kdfPassword.fill(0);
  const mac = createHmac(hash, key).update(content).digest();
  return stored.length === mac.length && timingSafeEqual(stored, mac);
}

function bagAttributes(attributes: Ber | undefined): { friendlyName?: string; localKeyId?: string } {
  const out: { friendlyName?: string; localKeyId?: string } = {};
  for (const attribute of attributes ? children(attributes, 'attributes') : []) {
    const [type, values] = children(attribute, 'Attribute');
    const first = children(values, 'attribute values')[0];
    if (!first) continue;
    if (oid(type) === OID.friendlyName && first.tag === BMP_STRING) out.friendlyName = Buffer.from(first.value).swap16().toString('utf16le');
    if (oid(type) === OID.localKeyId) out.localKeyId = octets(first).toString('hex');
  }
  return out;
}

/** One BER element: its identifier octet, its whole encoding, its contents and, when constructed, its elements. */
interface Ber {
  readonly tag: number;
  readonly encoding: Uint8Array;
  readonly value: Uint8Array;
  readonly children?: readonly Ber[];
}

const SEQUENCE = 0x30;
const BMP_STRING = 0x1e;
/** Deeper than any PKCS#12 file nests (about 12). */
const MAX_DEPTH = 32;

/** The element at `at` (definite or indefinite length, low tag numbers only), and where it ends. */
function element(bytes: Uint8Array, at: number, end: number, depth: number): { node: Ber; next: number } {
  if (depth > MAX_DEPTH) throw new Malformed('nested too deep');
  if (at + 2 > end || (bytes[at] & 0x1f) === 0x1f) throw new Malformed('damaged contents');
  const tag = bytes[at];
  const constructed = (tag & 0x20) !== 0;
  let pos = at + 2;
  let length = bytes[at + 1];
  if (length === 0x80) {
    if (!constructed) throw new Malformed('damaged contents');
    const children: Ber[] = [];
    while (!(bytes[pos] === 0 && bytes[pos + 1] === 0 && pos + 2 <= end)) {
      const child = element(bytes, pos, end, depth + 1);
      children.push(child.node);
      pos = child.next;
    }
    return { node: { tag, encoding: bytes.subarray(at, pos + 2), value: bytes.subarray(at + 2, pos), children }, next: pos + 2 };
  }
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count > 4 || pos + count > end) throw new Malformed('damaged contents');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++];
  }
  if (pos + length > end) throw new Malformed('damaged contents');
  const value = bytes.subarray(pos, pos + length);
  const node: Ber = { tag, encoding: bytes.subarray(at, pos + length), value };
  if (!constructed) return { node, next: pos + length };
  const children: Ber[] = [];
  for (let p = pos; p < pos + length;) {
    const child = element(bytes, p, pos + length, depth + 1);
    children.push(child.node);
    p = child.next;
  }
  return { node: { ...node, children }, next: pos + length };
}

/** One BER element filling `bytes`. */
function parse(bytes: Uint8Array): Ber {
  const { node, next } = element(bytes, 0, bytes.length, 0);
  if (next !== bytes.length) throw new Malformed('damaged contents');
  return node;
}

function parseContents(bytes: Buffer): Ber {
  try {
    return parse(bytes);
  } catch {
    throw new Malformed('damaged contents');
  }
}

function children(node: Ber | undefined, what: string): Ber[] {
  if (!node?.children) throw new Malformed(`${what} is not a structure`);
  return [...node.children];
}

/** The single value inside an EXPLICIT [0] tag. */
function explicit(node: Ber | undefined): Ber {
  return children(node, 'tagged value')[0];
}

/** The bytes of an OCTET STRING (or an IMPLICIT-tagged one), joining the segments of a BER constructed one. */
function octets(node: Ber | undefined): Buffer {
  if (!node) throw new Malformed('missing value');
  return node.children ? Buffer.concat(node.children.map(octets)) : Buffer.from(node.value);
}

function oid(node: Ber | undefined): string {
  if (node?.tag !== 0x06 || node.value.length === 0) throw new Malformed('expected an object identifier');
  const arcs: number[] = [];
  let arc = 0;
  for (const byte of node.value) {
    arc = arc * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(arc);
      arc = 0;
    }
  }
  const first = Math.min(2, Math.floor(arcs[0] / 40));
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

function integer(node: Ber | undefined): number {
  if (node?.tag !== 0x02 || node.value.length === 0 || node.value.length > 6 || node.value[0] & 0x80) throw new Malformed('expected a small positive integer');
  return node.value.reduce((n, b) => n * 256 + b, 0);
}

/** The bytes an element was read from. */
function encoding(node: Ber): Buffer {
  return Buffer.from(node.encoding);
}
