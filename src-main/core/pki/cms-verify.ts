import { InkstoneError } from '../../../src-shared/errors/index.js';
import { toCertificateInfo, type CertificateInfo } from './certificate.js';
import { essCertIdMatches } from './cms-attributes.js';
import type { ParsedSignedData } from './cms-parse.js';
import { bytesEqual } from './der.js';
import { digest } from './digest.js';
import { verifySignatureOverDigest } from './prehashed-signature.js';
import { verifySignature } from './verify-signature.js';
import { OID } from './oids.js';

/** The cryptographic facts of one CMS signature. Trust (the certificate path) is a separate question. */
export interface CmsSignatureCheck {
  /** The signed message-digest equals the content's digest (for legacy CMS: the signature covers it). */
  readonly digestMatches: boolean;
  /** The signature value verifies with the signer certificate's key. */
  readonly signatureValid: boolean;
  /** ESS signing-certificate-v2 names the signer certificate; null when the attribute is absent. */
  readonly signingCertV2Matches: boolean | null;
  /** ESS signing-certificate (v1) names the signer certificate; null when absent. */
  readonly signingCertV1Matches: boolean | null;
  /**
   * An ESS signing-certificate attribute (v1 or v2) is present but could not be read, so the
   * binding to the signer's certificate is unknown (the matches above are then null).
   */
  readonly signingCertificateUnreadable: boolean;
  /** The signed content-type attribute equals the encapsulated content type (true when unsigned attributes-less). */
  readonly contentTypeMatches: boolean;
  /** The certificate the signature was checked with, when one was found. */
  readonly signerCertificate?: CertificateInfo;
  /** First reason the signature fails, in English for logs; absent when everything holds. */
  readonly problem?: string;
}

/**
 * Check a parsed CMS signature against its content. `contentDigest` is the digest of the detached
 * content (the PDF's ByteRange bytes) computed with `parsed.digestAlgorithm`; for encapsulated
 * content (timestamp tokens, adbe.pkcs7.sha1) leave it out and the encapsulated bytes are hashed.
 * Handles RSA PKCS#1 v1.5 (SHA-1/2), RSA-PSS and ECDSA P-256/384/521, with or without signed
 * attributes. `signerCertificate` supplies the certificate when the CMS does not embed it.
 */
export function verifyCmsSignature(
  parsed: ParsedSignedData,
  contentDigest?: Uint8Array,
  options: { signerCertificate?: CertificateInfo | Uint8Array } = {},
): CmsSignatureCheck {
  const hash = parsed.digestAlgorithm.name;
  const scheme = parsed.signatureAlgorithm.scheme;
  const signer = parsed.signerCertificate ?? (options.signerCertificate ? toCertificateInfo(options.signerCertificate) : undefined);
  const attrs = parsed.signedAttributes;
  const essUnreadable = !!attrs?.unreadable.some((oid) => oid === OID.signingCertificate || oid === OID.signingCertificateV2);
  const fail = (problem: string, partial: Partial<CmsSignatureCheck> = {}): CmsSignatureCheck => ({
    digestMatches: false,
    signatureValid: false,
    signingCertV2Matches: null,
    signingCertV1Matches: null,
    signingCertificateUnreadable: essUnreadable,
    contentTypeMatches: attrs ? attrs.contentType === parsed.contentType : true,
    signerCertificate: signer,
    ...partial,
    problem,
  });

  if (!hash) return fail(`unsupported digest algorithm ${parsed.digestAlgorithm.oid}`);
  let actualDigest = contentDigest;
  if (parsed.encapsulatedContent) actualDigest = digest(hash, parsed.encapsulatedContent);
  if (!actualDigest) throw new InkstoneError('INVALID_INPUT', { issues: 'the digest of the detached content is required' });
  if (!scheme) return fail(`unsupported signature algorithm: ${parsed.signatureAlgorithm.name}`);
  if (!signer) return fail('the signer certificate is not in the signature');

  if (!attrs) {
    // Legacy form: the signature is made directly over the content's digest.
    const valid = verifySignatureOverDigest(scheme, signer.publicKey.spki, actualDigest, parsed.signatureValue);
    return {
      digestMatches: valid,
      signatureValid: valid,
      signingCertV2Matches: null,
      signingCertV1Matches: null,
      signingCertificateUnreadable: false,
      contentTypeMatches: true,
      signerCertificate: signer,
      ...(valid ? {} : { problem: 'the signature does not match the content' }),
    };
  }

  const digestMatches = attrs.messageDigest !== undefined && bytesEqual(attrs.messageDigest, actualDigest);
  const signatureValid = verifySignature(scheme, signer.publicKey.spki, attrs.der, parsed.signatureValue);
  const v2 = attrs.signingCertificateV2 ? essCertIdMatches(attrs.signingCertificateV2[0], signer) : null;
  const v1 = attrs.signingCertificateV1 ? essCertIdMatches(attrs.signingCertificateV1[0], signer) : null;
  const contentTypeMatches = attrs.contentType === parsed.contentType;
  const problem = !digestMatches
    ? attrs.messageDigest
      ? 'the content was changed after signing (message digest differs)'
      : 'the signed attributes carry no message digest'
    : !signatureValid
      ? 'the signature value does not verify with the signer certificate'
      : v2 === false || v1 === false
        ? 'the signing-certificate attribute names another certificate'
        : !contentTypeMatches
          ? 'the signed content-type differs from the content'
          : undefined;
  return {
    digestMatches,
    signatureValid,
    signingCertV2Matches: v2,
    signingCertV1Matches: v1,
    signingCertificateUnreadable: essUnreadable,
    contentTypeMatches,
    signerCertificate: signer,
    ...(problem ? { problem } : {}),
  };
}
