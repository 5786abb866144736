/**
 * The crypto vocabulary: one name for each concept every layer speaks of — which hash, which
 * signature family, which fully determined signature algorithm — and the facts about them that
 * need no library (Node's name of a hash, its length). Dependency-free (no Node module, no pkijs,
 * no other capability), so pdf, pki, tokens, signing and verify all import it without reaching
 * across the layering. See docs/decisions/crypto-vocabulary.md.
 *
 *   signer.sign(tbs, { kind: 'ecdsa', hash: 'SHA-256' });   createHash(nodeHashName(hash));
 */
export {
  type HashAlgorithm,
  HASH_ALGORITHMS,
  isHashAlgorithm,
  type NodeHashName,
  type SigningHashAlgorithm,
  SIGNING_HASH_ALGORITHMS,
  hashLength,
  isSigningHashAlgorithm,
  nodeHashName,
} from './hash.js';
export { type SignatureKind, type SignatureScheme, describeSignatureScheme } from './signature.js';
