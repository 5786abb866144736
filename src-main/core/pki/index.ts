/**
 * The pki capability: X.509 certificates and trust, CMS signatures for PAdES (build, parse,
 * verify), RFC 3161 timestamps (client, token checks, and a TSA), OCSP and CRL revocation.
 * Other capabilities import only this file.
 *
 * Typical uses:
 * - signing: `checkSigningCertificate` → `buildCadesSignedData` → `signatureTimestampImprint` →
 *   `requestTimestamp` → `addSignatureTimestamp`; for B-LT, `checkRevocation(..., { allowOnline: true })`
 *   over each certificate of the chain and embed the returned DER.
 * - verification: `parseSignedData` → `verifyCmsSignature` → `buildCertificatePath` (at the
 *   timestamp's genTime or now) → `checkRevocation` with the DSS contents.
 * - the evidence service: `createTsaIdentity` / `loadTsaIdentity` → `createTimestampAuthority`.
 */

// Bytes and encodings.
export { type DerSpan, derChildren, derElement, derSpan, toPem, pemBlocks } from './der.js';
// The crypto vocabulary, re-exported because pki's own API speaks it (callers need not know where it lives).
export { type HashAlgorithm, type SigningHashAlgorithm, type SignatureKind, type SignatureScheme, describeSignatureScheme } from '../crypto-names/index.js';
export { digest, sha256Hex } from './digest.js';
export { OID, COMMITMENT_TYPES, type CommitmentType } from './oids.js';

// Certificates and trust.
export { type NameInfo, type NameAttribute, describeName, sameName } from './names.js';
export { type CertificateInfo, type KeyUsageName, type PublicKeyInfo, parseCertificate, checkSigningCertificate, isValidAt } from './certificate.js';
export { readCertificateFiles, TrustStore } from './trust-store.js';
export { type CertificatePathResult, type PathFailureReason, type PathOptions, buildCertificatePath, isSignedBy } from './certificate-path.js';
export { fetchIssuerCertificates } from './issuer-download.js';
export { type CertificateTemplate, type DistinguishedNameInput, issueCertificate, randomSerial } from './issue-certificate.js';

// Signature algorithms and software keys.
export { signatureAlgorithmIdentifier } from './signature-algorithm.js';
export { type CryptoKey, type SoftwareKeySigner, softwareKeySigner } from './software-key.js';

// CMS.
export { type CadesSignatureRequest, type SignCallback, buildCadesSignedData } from './cms-build.js';
export { addSignatureTimestamp, signatureTimestampImprint } from './cms-extend.js';
export { type CmsAttribute, type ParsedSignedData, type SignedAttributesInfo, type SignerIdentifier, parseSignedData } from './cms-parse.js';
export { type CmsSignatureCheck, verifyCmsSignature } from './cms-verify.js';
export type { EssCertId } from './cms-attributes.js';

// RFC 3161.
export {
  type TimestampToken,
  type TimestampTokenCheck,
  type TstInfo,
  parseTimestampToken,
  parseTstInfo,
  tsaCertificateUsageProblem,
  verifyTimestampToken,
} from './timestamp-token.js';
export { type TimestampRequest, type TimestampResult, buildTimestampRequest, requestTimestamp } from './timestamp-client.js';
export {
  type TimestampAuthority,
  type TimestampAuthorityOptions,
  createTimestampAuthority,
  // For tests that play a misissued TSA a client must refuse.
  timestampAuthorityWithoutChecks,
} from './timestamp-authority.js';
export { type TsaIdentity, type TsaIdentityPem, type TsaKeyAlgorithm, createTsaIdentity, loadTsaIdentity } from './tsa-identity.js';

// Revocation.
export { type RevocationFacts, type RevocationReason, revocationReasonCode, revocationReasonOf } from './revocation-reason.js';
export {
  type OcspCertId,
  type OcspResponseInfo,
  type OcspSingleResponse,
  type OcspStatus,
  buildOcspRequest,
  encodeCertId,
  fetchOcspStatus,
  ocspCertIdFor,
  parseOcspRequest,
  parseOcspResponse,
  verifyOcspResponse,
} from './ocsp.js';
export { type CrlEntry, type CrlInfo, type CrlStatus, crlStatusOf, fetchCrlStatus, parseCrl, verifyCrl } from './crl.js';
export { type RevocationEvidence, type RevocationOptions, checkRevocation } from './revocation.js';
export { type FetchedRevocation, RevocationReuse } from './revocation-reuse.js';
export { type RequestSubject, certificationRequest } from './certification-request.js';
