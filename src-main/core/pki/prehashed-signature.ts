import * as asn1js from 'asn1js';
import { constants, publicDecrypt, timingSafeEqual, type KeyObject } from 'node:crypto';
import { hashLength, type SignatureScheme } from '../crypto-names/index.js';
import { bytesEqual, toArrayBuffer } from './der.js';
import { digest, hashAlgorithmOfOid } from './digest.js';
import { decodeEcdsaDer } from './ecdsa-signature.js';
import { keyFitsScheme, publicKeyFromSpki } from './verify-signature.js';

/**
 * Verification when only the message digest is known. A CMS SignerInfo without signed attributes
 * (legacy adbe.pkcs7.detached signatures) signs the content directly, and the verifier has hashed the
 * PDF's ByteRange, not kept the bytes. Node's verify() always hashes its input, so the three
 * schemes are checked here from their definitions: RSA PKCS#1 v1.5 by recovering the DigestInfo,
 * RSA-PSS by EMSA-PSS-VERIFY (RFC 8017 §9.1.2), ECDSA by the curve arithmetic of SEC 1 §4.1.4.
 */
export function verifySignatureOverDigest(scheme: SignatureScheme, spki: Uint8Array, messageDigest: Uint8Array, signature: Uint8Array): boolean {
  const key = publicKeyFromSpki(spki);
  if (!key || !keyFitsScheme(key, scheme) || messageDigest.length !== hashLength(scheme.hash)) return false;
  try {
    if (scheme.kind === 'rsa-pkcs1') return verifyPkcs1(scheme, key, messageDigest, signature);
    if (scheme.kind === 'rsa-pss') return verifyPss(scheme, key, messageDigest, signature);
    return verifyEcdsa(key, messageDigest, signature);
  } catch {
    return false;
  }
}

function verifyPkcs1(scheme: SignatureScheme, key: KeyObject, messageDigest: Uint8Array, signature: Uint8Array): boolean {
  const recovered = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature));
  const decoded = asn1js.fromBER(toArrayBuffer(recovered));
  if (decoded.offset !== recovered.length || !(decoded.result instanceof asn1js.Sequence)) return false;
  const [algorithm, value] = decoded.result.valueBlock.value;
  if (!(algorithm instanceof asn1js.Sequence) || !(value instanceof asn1js.OctetString)) return false;
  const oid = algorithm.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier) || hashAlgorithmOfOid(oid.valueBlock.toString()) !== scheme.hash) return false;
  return bytesEqual(value.valueBlock.valueHexView, messageDigest);
}

function mgf1(scheme: SignatureScheme, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let counter = 0, filled = 0; filled < length; counter++) {
    const c = new Uint8Array([counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff]);
    const block = digest(scheme.hash, seed, c);
    out.set(block.subarray(0, Math.min(block.length, length - filled)), filled);
    filled += block.length;
  }
  return out;
}

function verifyPss(scheme: SignatureScheme, key: KeyObject, mHash: Uint8Array, signature: Uint8Array): boolean {
  const modBits = key.asymmetricKeyDetails?.modulusLength;
  if (!modBits) return false;
  const raw = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature));
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (raw.length - emLen > 1 || (raw.length > emLen && raw[0] !== 0)) return false;
  const em = raw.subarray(raw.length - emLen);
  const hLen = hashLength(scheme.hash);
  const sLen = scheme.saltLength ?? 20;
  if (emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topBits = 8 * emLen - emBits;
  const topMask = 0xff >>> topBits;
  if ((maskedDb[0] & ~topMask & 0xff) !== 0) return false;
  const db = mgf1(scheme, h, maskedDb.length).map((m, i) => m ^ maskedDb[i]);
  db[0] &= topMask;
  const padEnd = emLen - hLen - sLen - 2;
  for (let i = 0; i < padEnd; i++) if (db[i] !== 0) return false;
  if (db[padEnd] !== 0x01) return false;
  const salt = db.subarray(db.length - sLen);
  const hPrime = digest(scheme.hash, new Uint8Array(8), mHash, salt);
  return timingSafeEqual(hPrime, h);
}

interface Curve {
  p: bigint;
  a: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
  bits: number;
}

const CURVES: Readonly<Record<string, Curve>> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    bits: 256,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffcn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    bits: 384,
  },
  'P-521': {
    p: (1n << 521n) - 1n,
    a: (1n << 521n) - 4n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    bits: 521,
  },
};

type Jacobian = [bigint, bigint, bigint];

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function double(c: Curve, [x, y, z]: Jacobian): Jacobian {
  if (y === 0n || z === 0n) return [0n, 1n, 0n];
  const { p } = c;
  const yy = mod(y * y, p);
  const s = mod(4n * x * yy, p);
  const zz = mod(z * z, p);
  const m = mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  return [x3, mod(m * (s - x3) - 8n * yy * yy, p), mod(2n * y * z, p)];
}

function add(c: Curve, a: Jacobian, b: Jacobian): Jacobian {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const { p } = c;
  const z1z1 = mod(a[2] * a[2], p);
  const z2z2 = mod(b[2] * b[2], p);
  const u1 = mod(a[0] * z2z2, p);
  const u2 = mod(b[0] * z1z1, p);
  const s1 = mod(a[1] * b[2] * z2z2, p);
  const s2 = mod(b[1] * a[2] * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(c, a) : [0n, 1n, 0n];
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  return [x3, mod(r * (v - x3) - s1 * hhh, p), mod(a[2] * b[2] * h, p)];
}

/** u1·G + u2·Q by interleaved double-and-add (Shamir's trick): verification needs no constant time. */
function twoScalarMultiply(c: Curve, u1: bigint, g: Jacobian, u2: bigint, q: Jacobian): Jacobian {
  const gq = add(c, g, q);
  let acc: Jacobian = [0n, 1n, 0n];
  for (let bit = BigInt(Math.max(u1.toString(2).length, u2.toString(2).length) - 1); bit >= 0n; bit--) {
    acc = double(c, acc);
    const b1 = (u1 >> bit) & 1n;
    const b2 = (u2 >> bit) & 1n;
    if (b1 && b2) acc = add(c, acc, gq);
    else if (b1) acc = add(c, acc, g);
    else if (b2) acc = add(c, acc, q);
  }
  return acc;
}

function verifyEcdsa(key: KeyObject, messageDigest: Uint8Array, signature: Uint8Array): boolean {
  const jwk = key.export({ format: 'jwk' });
  const curve = jwk.crv ? CURVES[jwk.crv] : undefined;
  const rs = decodeEcdsaDer(signature);
  if (!curve || !rs || !jwk.x || !jwk.y) return false;
  const { r, s } = rs;
  if (r <= 0n || s <= 0n || r >= curve.n || s >= curve.n) return false;
  let e = BigInt(`0x${Buffer.from(messageDigest).toString('hex') || '0'}`);
  const excess = messageDigest.length * 8 - curve.bits;
  if (excess > 0) e >>= BigInt(excess);
  const w = modInverse(s, curve.n);
  const qx = BigInt(`0x${Buffer.from(jwk.x, 'base64url').toString('hex')}`);
  const qy = BigInt(`0x${Buffer.from(jwk.y, 'base64url').toString('hex')}`);
  const [x, , z] = twoScalarMultiply(curve, mod(e * w, curve.n), [curve.gx, curve.gy, 1n], mod(r * w, curve.n), [qx, qy, 1n]);
  if (z === 0n) return false;
  const zInv = modInverse(z, curve.p);
  const affineX = mod(x * zInv * zInv, curve.p);
  return mod(affineX, curve.n) === r;
}
