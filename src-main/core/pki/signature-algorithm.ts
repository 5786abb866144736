import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { hashLength, type HashAlgorithm, type SignatureScheme } from '../crypto-names/index.js';
import { hashAlgorithmOfOid, hashOid } from './digest.js';
import { OID } from './oids.js';

/** Signature AlgorithmIdentifiers (X.509, CMS) written and read for the schemes of crypto-names. */

const RSA_PKCS1_OIDS: Readonly<Record<HashAlgorithm, string>> = {
  'SHA-1': OID.sha1WithRSAEncryption,
  'SHA-256': OID.sha256WithRSAEncryption,
  'SHA-384': OID.sha384WithRSAEncryption,
  'SHA-512': OID.sha512WithRSAEncryption,
};
const ECDSA_OIDS: Readonly<Record<HashAlgorithm, string>> = {
  'SHA-1': OID.ecdsaWithSha1,
  'SHA-256': OID.ecdsaWithSha256,
  'SHA-384': OID.ecdsaWithSha384,
  'SHA-512': OID.ecdsaWithSha512,
};
const BY_OID = new Map<string, SignatureScheme>([
  ...Object.entries(RSA_PKCS1_OIDS).map(([hash, oid]) => [oid, { kind: 'rsa-pkcs1', hash: hash as HashAlgorithm }] as const),
  ...Object.entries(ECDSA_OIDS).map(([hash, oid]) => [oid, { kind: 'ecdsa', hash: hash as HashAlgorithm }] as const),
]);

/** A hash AlgorithmIdentifier with NULL parameters, the form OpenSSL writes inside PSS parameters. */
function hashIdentifierWithNull(hash: HashAlgorithm): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: hashOid(hash), algorithmParams: new asn1js.Null() });
}

/**
 * The AlgorithmIdentifier for a scheme. RSA PKCS#1 carries NULL parameters (RFC 4055), ECDSA none
 * (RFC 5758), RSA-PSS explicit RSASSA-PSS-params: hash, MGF1 over the same hash, salt length.
 */
export function signatureAlgorithmIdentifier(scheme: SignatureScheme): pkijs.AlgorithmIdentifier {
  switch (scheme.kind) {
    case 'rsa-pkcs1':
      return new pkijs.AlgorithmIdentifier({ algorithmId: RSA_PKCS1_OIDS[scheme.hash], algorithmParams: new asn1js.Null() });
    case 'ecdsa':
      return new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_OIDS[scheme.hash] });
    case 'rsa-pss': {
      const params = new pkijs.RSASSAPSSParams({
        hashAlgorithm: hashIdentifierWithNull(scheme.hash),
        maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: hashIdentifierWithNull(scheme.hash).toSchema() }),
        saltLength: scheme.saltLength ?? hashLength(scheme.hash),
      });
      return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params.toSchema() });
    }
  }
}

/**
 * Read a signature AlgorithmIdentifier. `digestHint` is the CMS SignerInfo's digest algorithm, needed
 * when the signature algorithm names only the key type (rsaEncryption, id-ecPublicKey), as many
 * signers write. Returns a reason when the algorithm is unknown or its parameters are unusable.
 */
export function decodeSignatureAlgorithm(
  algorithm: pkijs.AlgorithmIdentifier,
  digestHint?: HashAlgorithm,
): { ok: true; scheme: SignatureScheme } | { ok: false; reason: string } {
  const oid = algorithm.algorithmId;
  const known = BY_OID.get(oid);
  if (known) return { ok: true, scheme: known };
  if (oid === OID.rsaEncryption || oid === OID.ecPublicKey) {
    if (!digestHint) return { ok: false, reason: `${oid} without a digest algorithm` };
    return { ok: true, scheme: { kind: oid === OID.rsaEncryption ? 'rsa-pkcs1' : 'ecdsa', hash: digestHint } };
  }
  if (oid === OID.rsassaPss) return decodePssParameters(algorithm.algorithmParams);
  return { ok: false, reason: `unknown signature algorithm ${oid}` };
}

function decodePssParameters(params: unknown): { ok: true; scheme: SignatureScheme } | { ok: false; reason: string } {
  let parsed: pkijs.RSASSAPSSParams;
  try {
    parsed = params instanceof asn1js.Sequence ? new pkijs.RSASSAPSSParams({ schema: params }) : new pkijs.RSASSAPSSParams();
  } catch {
    return { ok: false, reason: 'RSASSA-PSS parameters cannot be read' };
  }
  const hash = hashAlgorithmOfOid(parsed.hashAlgorithm.algorithmId);
  if (!hash) return { ok: false, reason: `RSASSA-PSS with unknown hash ${parsed.hashAlgorithm.algorithmId}` };
  if (parsed.maskGenAlgorithm.algorithmId !== OID.mgf1) return { ok: false, reason: 'RSASSA-PSS with a mask generation function other than MGF1' };
  const mgfParams = parsed.maskGenAlgorithm.algorithmParams;
  let mgfHash: HashAlgorithm | undefined = 'SHA-1';
  if (mgfParams instanceof asn1js.Sequence) mgfHash = hashAlgorithmOfOid(new pkijs.AlgorithmIdentifier({ schema: mgfParams }).algorithmId);
  // Node's verifier ties MGF1 to the message hash; every real-world signer uses the same hash for both.
  if (mgfHash !== hash) return { ok: false, reason: 'RSASSA-PSS whose MGF1 hash differs from its message hash' };
  if (parsed.trailerField !== 1) return { ok: false, reason: 'RSASSA-PSS with a trailer field other than 1' };
  return { ok: true, scheme: { kind: 'rsa-pss', hash, saltLength: parsed.saltLength } };
}
