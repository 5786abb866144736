/** Hash algorithms Inkstone reads. SHA-1 only appears in legacy signatures and OCSP CertIDs. */
export type HashAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** Whether a name read from a file or a library (an OID's name, a TSTInfo field) is a hash Inkstone knows. */
export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return (HASH_ALGORITHMS as readonly unknown[]).includes(value);
}

/** Hash algorithms Inkstone writes in new signatures, timestamps requests and key operations. */
export type SigningHashAlgorithm = Exclude<HashAlgorithm, 'SHA-1'>;

export const SIGNING_HASH_ALGORITHMS: readonly SigningHashAlgorithm[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/** Node's name of a hash (`createHash`, `crypto.sign`, `Hash.copy`). */
export type NodeHashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const PROPERTIES: Readonly<Record<HashAlgorithm, { readonly node: NodeHashName; readonly length: number }>> = {
  'SHA-1': { node: 'sha1', length: 20 },
  'SHA-256': { node: 'sha256', length: 32 },
  'SHA-384': { node: 'sha384', length: 48 },
  'SHA-512': { node: 'sha512', length: 64 },
};

/** Node's name of the hash ("sha256"). */
export function nodeHashName(alg: HashAlgorithm): NodeHashName {
  return PROPERTIES[alg].node;
}

/** Length in bytes of a digest of this algorithm. */
export function hashLength(alg: HashAlgorithm): number {
  return PROPERTIES[alg].length;
}

/** Whether a value from outside (a request, a command line) names a hash new signatures may use. */
export function isSigningHashAlgorithm(value: unknown): value is SigningHashAlgorithm {
  return (SIGNING_HASH_ALGORITHMS as readonly unknown[]).includes(value);
}
