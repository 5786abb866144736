import { createHash, hash as oneShot } from 'node:crypto';

/**
 * The PKCS#12 key derivation (RFC 7292 appendix B.2), which keys the file's MAC and its legacy
 * 3DES/RC2 encryption. Node has no such function, so it is built on createHash: hashing in
 * OpenSSL instead of JavaScript, the iterations through the one-shot `hash` (no Hash object each),
 * makes it several times faster than node-forge's JavaScript SHA-1.
 */

export type Pkcs12KdfHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** u (output) and v (block) lengths in bytes of each hash. */
const SIZES: Readonly<Record<Pkcs12KdfHash, { u: number; v: number }>> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
};

/** The output length of `hash`: what a MAC key derived with it is. */
export function pkcs12HashLength(hash: Pkcs12KdfHash): number {
  return SIZES[hash].u;
}

/** `v` bytes (a multiple of v) made by repeating `bytes`; empty stays empty. */
function stretch(bytes: Buffer, v: number): Buffer {
  const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length];
  return out;
}

/**
 * Derive `length` bytes for purpose `id` (1 key, 2 IV, 3 MAC key). `password` is already encoded
 * (BMPString with its terminator, or empty for "no password").
 */
export function pkcs12Key(hash: Pkcs12KdfHash, password: Buffer, salt: Buffer, id: 1 | 2 | 3, iterations: number, length: number): Buffer {
  const { u, v } = SIZES[hash];
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([stretch(salt, v), stretch(password, v)]);
  const out = Buffer.alloc(u * Math.ceil(length / u));
  for (let block = 0; block * u < length; block++) {
    let a = createHash(hash).update(diversifier).update(input).digest();
    for (let r = 1; r < iterations; r++) a = oneShot(hash, a, 'buffer');
    a.copy(out, block * u);
    if ((block + 1) * u >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I, B being A repeated to v bytes.
    const b = stretch(a, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k] + b[k] + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  input.fill(0);
  return out.subarray(0, length);
}
