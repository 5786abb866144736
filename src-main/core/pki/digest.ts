import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { nodeHashName, type HashAlgorithm } from '../crypto-names/index.js';
import { OID } from './oids.js';

/** Hash algorithms as ASN.1 names them; their other facts are in crypto-names. */
const OIDS: Readonly<Record<HashAlgorithm, string>> = { 'SHA-1': OID.sha1, 'SHA-256': OID.sha256, 'SHA-384': OID.sha384, 'SHA-512': OID.sha512 };

const BY_OID = new Map(Object.entries(OIDS).map(([name, oid]) => [oid, name as HashAlgorithm]));

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
  return OIDS[alg];
}

/** Hash the concatenation of `parts`. */
export function digest(alg: HashAlgorithm, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(nodeHashName(alg));
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
