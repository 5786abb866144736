import { InkstoneError } from '../../../src-shared/errors/index.js';
import { type CertificateInfo, type SignatureKind, type SigningHashAlgorithm } from '../pki/index.js';
import type { Signer } from '../tokens/index.js';
import type { NodeDigest } from './pending-output.js';

/**
 * Which signature a key makes: RSA keys PKCS#1 v1.5 (what every validator accepts) unless PSS is
 * asked for or the certificate itself is an RSASSA-PSS key; EC keys ECDSA.
 */
export function signatureKindFor(signer: Signer, certificate: CertificateInfo, preferPss: boolean): SignatureKind {
  if (signer.keyAlgorithm.kind === 'EC') return 'ecdsa';
  if (certificate.publicKey.algorithm === 'RSA-PSS') return 'rsa-pss';
  return preferPss ? 'rsa-pss' : 'rsa-pkcs1';
}

/** Node's name of a signing digest. */
export function nodeDigest(hash: SigningHashAlgorithm): NodeDigest {
  switch (hash) {
    case 'SHA-256':
      return 'sha256';
    case 'SHA-384':
      return 'sha384';
    case 'SHA-512':
      return 'sha512';
    default:
      throw new InkstoneError('INVALID_INPUT', { issues: `digest algorithm ${String(hash)} is not one of SHA-256, SHA-384, SHA-512` });
  }
}
