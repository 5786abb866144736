import { InkstoneError } from '../../../src-shared/errors/index.js';
import { isSigningHashAlgorithm, SIGNING_HASH_ALGORITHMS, type SignatureKind, type SigningHashAlgorithm } from '../crypto-names/index.js';
import type { CertificateInfo } from '../pki/index.js';
import type { Signer } from '../tokens/index.js';

/**
 * Which signature a key makes: RSA keys PKCS#1 v1.5 (what every validator accepts) unless PSS is
 * asked for or the certificate itself is an RSASSA-PSS key; EC keys ECDSA.
 */
export function signatureKindFor(signer: Signer, certificate: CertificateInfo, preferPss: boolean): SignatureKind {
  if (signer.keyAlgorithm.kind === 'EC') return 'ecdsa';
  if (certificate.publicKey.algorithm === 'RSA-PSS') return 'rsa-pss';
  return preferPss ? 'rsa-pss' : 'rsa-pkcs1';
}

/** The digest a request asks for, SHA-256 by default; requests come from scripts too, so the name is checked. */
export function requestedHash(requested: SigningHashAlgorithm | undefined): SigningHashAlgorithm {
  if (requested === undefined) return 'SHA-256';
  if (isSigningHashAlgorithm(requested)) return requested;
  throw new InkstoneError('INVALID_INPUT', { issues: `digest algorithm ${String(requested)} is not one of ${SIGNING_HASH_ALGORITHMS.join(', ')}` });
}
