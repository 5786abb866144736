import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { OID } from './oids.js';

/** Hash algorithms Inkstone reads. SHA-1 only appears in legacy signatures and OCSP CertIDs. */
export type HashAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Hash algorithms Inkstone writes in new signatures. */
export type SigningHashAlgorithm = Exclude<HashAlgorithm, 'SHA-1'>;

const BY_NAME: Readonly<Record<HashAlgorithm, { oid: string; node: string; length: number }>> = {
  'SHA-1': { oid: OID.sha1, node: 'sha1', length: 20 },
  'SHA-256': { oid: OID.sha256, node: 'sha256', length: 32 },
  'SHA-384': { oid: OID.sha384, node: 'sha384', length: 48 },
  'SHA-512': { oid: OID.sha512, node: 'sha512', length: 64 },
};

const BY_OID = new Map(Object.entries(BY_NAME).map(([name, v]) => [v.oid, name as HashAlgorithm]));

/** The hash named by an OID, or undefined for one Inkstone does not know. */
export function hashAlgorithmOfOid(oid: string): HashAlgorithm | undefined {
  return BY_OID.get(oid);
}

/** The hash named by an OID, or PKI_ALGORITHM_UNSUPPORTED. */
export function requireHashAlgorithm(oid: string, purpose: string): HashAlgorithm {
  const name = BY_OID.get(oid);
  if (!name) throw new InkstoneError('PKI_ALGORITHM_UNSUPPORTED', { algorithm: oid, purpose });
  return name;
}

/** The OID of a hash algorithm. */
export function hashOid(alg: HashAlgorithm): string {
  return BY_NAME[alg].oid;
}

/** Node's name of the hash ("sha256"). */
export function nodeHashName(alg: HashAlgorithm): string {
  return BY_NAME[alg].node;
}

/** Length in bytes of a digest of this algorithm. */
export function hashLength(alg: HashAlgorithm): number {
  return BY_NAME[alg].length;
}

/** Hash the concatenation of `parts`. */
export function digest(alg: HashAlgorithm, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(BY_NAME[alg].node);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** SHA-256 as lowercase hex: the fingerprint form used in reports and receipts. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * AlgorithmIdentifier for a digest. Parameters are absent, as RFC 5754 says SHA-2 identifiers
 * SHOULD be written (readers accept NULL too).
 */
export function digestAlgorithmIdentifier(alg: HashAlgorithm): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: hashOid(alg) });
}
