import { z } from 'zod';
import { LANGUAGES } from '../i18n/index.js';
import { VERIFICATION_SCHEMA } from './verification-version.js';

/**
 * The result of verifying a signed PDF (`verify.document`, `inkstone verify --json`): one versioned
 * shape for the CLI, the Verify screen and the library's stored results. Documented field by field
 * in docs/verification-report-schema.md. Every person-facing `text` is in the language asked for;
 * every `code` is stable, so a screen may render its own wording from `code` and `params`.
 */

export { VERIFICATION_SCHEMA };

const isoTime = z.string();

/** A message for a person, with the stable code and values it was made from. */
export const VerifyMessage = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type VerifyMessage = z.infer<typeof VerifyMessage>;

/** ETSI EN 319 102-1 main indication. */
export const Indication = z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']);
export type Indication = z.infer<typeof Indication>;

/** ETSI EN 319 102-1 sub-indications Inkstone reports. */
export const SubIndication = z.enum([
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'EXPIRED',
  'NOT_YET_VALID',
  'SIG_CONSTRAINTS_FAILURE',
  'CHAIN_CONSTRAINTS_FAILURE',
  'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'REVOKED_NO_POE',
  'OUT_OF_BOUNDS_NO_POE',
  'NO_POE',
  'TRY_LATER',
]);
export type SubIndication = z.infer<typeof SubIndication>;

export const Integrity = z.enum(['intact', 'broken']);
export type Integrity = z.infer<typeof Integrity>;
export const Coverage = z.enum(['entire-file', 'entire-revision', 'partial', 'unclear']);
export type Coverage = z.infer<typeof Coverage>;
export const ModificationVerdict = z.enum(['none', 'allowed', 'disallowed']);
export type ModificationVerdict = z.infer<typeof ModificationVerdict>;
/** The PAdES baseline level reached; `not-pades` for signatures that are not PAdES baseline (adbe.pkcs7.*, CMS signing-time…), `n/a` for document timestamps. */
export const PadesLevel = z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA', 'not-pades', 'n/a']);
export type PadesLevel = z.infer<typeof PadesLevel>;

/** A certificate as a report shows it. */
export const CertificateSummary = z.object({
  subject: z.string(),
  commonName: z.string().nullable(),
  organisation: z.string().nullable(),
  issuer: z.string(),
  serialNumber: z.string(),
  sha256: z.string(),
  notBefore: isoTime,
  notAfter: isoTime,
  /** e.g. "RSA 2048", "EC P-256". */
  key: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

/** The certificate path of a signer or a timestamp authority. */
export const ChainResult = z.object({
  /** trusted: ends at an anchor the user trusts; untrusted: no such anchor; invalid: a certificate fails (not a CA, bad signature…); not-checked: no certificate to start from. */
  status: z.enum(['trusted', 'untrusted', 'invalid', 'not-checked']),
  /** Signer first; the anchor last when trusted, else as far as the path got. */
  certificates: z.array(CertificateSummary),
  /** The time the path was validated at (the proven signing time, or the verification time). */
  validatedAt: isoTime,
  problem: VerifyMessage.nullable(),
});
export type ChainResult = z.infer<typeof ChainResult>;

export const RevocationStatus = z.enum(['good', 'revoked', 'unknown', 'not-checked']);

export const CertificateRevocation = z.object({
  subject: z.string(),
  status: z.enum(['good', 'revoked', 'unknown', 'not-checked', 'not-needed']),
  /** Where the answer came from. */
  source: z.enum(['dss', 'signature', 'online']).nullable(),
  kind: z.enum(['ocsp', 'crl']).nullable(),
  thisUpdate: isoTime.nullable(),
  revocationTime: isoTime.nullable(),
  reason: z.string().nullable(),
});

export const RevocationResult = z.object({
  /** The worst status over the signer's chain (anchors excluded). */
  status: RevocationStatus,
  /** Whether Inkstone was allowed to ask OCSP responders and CRL servers (off by default). */
  online: z.boolean(),
  certificates: z.array(CertificateRevocation),
  problem: VerifyMessage.nullable(),
});
export type RevocationResult = z.infer<typeof RevocationResult>;

/** An RFC 3161 timestamp: over a signature value, or over the document (a document timestamp). */
export const TimestampResult = z.object({
  kind: z.enum(['signature-timestamp', 'document-timestamp']),
  genTime: isoTime.nullable(),
  tsa: z.string().nullable(),
  integrity: Integrity,
  chain: ChainResult,
  /** Intact, from a proper TSA certificate, and chained to a trusted anchor at genTime. */
  valid: z.boolean(),
  problem: VerifyMessage.nullable(),
});
export type TimestampResult = z.infer<typeof TimestampResult>;

/** What a later revision changed, and whether the signature's permissions allow it. */
export const ChangeCategory = z.enum(['signature', 'document-timestamp', 'dss', 'form-fill', 'annotation', 'metadata', 'structure', 'content', 'other']);
export type ChangeCategory = z.infer<typeof ChangeCategory>;

export const ChangeResult = z.object({
  /** 0-based index of the revision that made the change. */
  revision: z.number().int(),
  category: ChangeCategory,
  allowed: z.boolean(),
  /** Object numbers involved (for experts; empty when the change is structural). */
  objects: z.array(z.number().int()),
  message: VerifyMessage,
});
export type ChangeResult = z.infer<typeof ChangeResult>;

/** The attack classes of "PDF Insecurity" (RUB-NDS) and their relatives. */
export const AttackClass = z.enum([
  'universal-signature-forgery',
  'incremental-saving',
  'signature-wrapping',
  'shadow-hide',
  'shadow-replace',
  'shadow-hide-and-replace',
  'annotation-overlay',
  'signature-spoofing',
]);
export type AttackClass = z.infer<typeof AttackClass>;

export const AttackResult = z.object({ class: AttackClass, message: VerifyMessage });

/** One condition of article 13 of the PRC Electronic Signature Law. */
export const Article13Condition = z.object({
  status: z.enum(['met', 'not-met', 'unknown']),
  message: VerifyMessage,
});

export const Article13Result = z.object({
  /** 1. The creation data belongs exclusively to the signer (a non-extractable token key). */
  exclusiveKey: Article13Condition,
  /** 2. Under the signer's sole control when signing (token, PIN, intent recorded). */
  soleControl: Article13Condition,
  /** 3. A change to the signature after signing can be detected. */
  signatureIntegrity: Article13Condition,
  /** 4. A change to the document's content and form after signing can be detected. */
  documentIntegrity: Article13Condition,
});

export const SignatureResult = z.object({
  /** 1-based, in document order (by where the signed bytes end, oldest first). */
  index: z.number().int(),
  fieldName: z.string(),
  kind: z.enum(['signature', 'document-timestamp']),
  subFilter: z.string().nullable(),
  /** 0-based revision the signature covers; null when its /ByteRange names no revision end. */
  revision: z.number().int().nullable(),
  byteRange: z.array(z.number()).nullable(),
  indication: Indication,
  subIndication: SubIndication.nullable(),
  integrity: Integrity,
  coverage: Coverage,
  modifications: ModificationVerdict,
  changes: z.array(ChangeResult),
  attacks: z.array(AttackResult),
  permissions: z.object({
    /** Certification (DocMDP) level: 1 no changes, 2 form fill and signing, 3 also annotations. */
    docMdp: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    /** Fields this signature locks (FieldMDP). */
    fieldLock: z.object({ action: z.enum(['All', 'Include', 'Exclude']), fields: z.array(z.string()) }).nullable(),
  }),
  level: PadesLevel,
  signer: CertificateSummary.nullable(),
  /** What the signature dictionary or the CMS claims (/M, signing-time): not proven. */
  claimedTime: isoTime.nullable(),
  /** The earliest time a valid timestamp proves the signature existed at. */
  provenTime: z.object({ time: isoTime, source: z.enum(['signature-timestamp', 'document-timestamp']) }).nullable(),
  timestamps: z.array(TimestampResult),
  algorithms: z.object({ digest: z.string().nullable(), signature: z.string().nullable() }),
  chain: ChainResult,
  revocation: RevocationResult,
  article13: Article13Result,
  /** /Reason, /Location, /ContactInfo and /Name of the signature dictionary, as written. */
  stated: z.object({ reason: z.string().nullable(), location: z.string().nullable(), contactInfo: z.string().nullable(), name: z.string().nullable() }),
  /** Machine-readable finding codes (BYTERANGE_INVALID, DIGEST_MISMATCH…), see the schema document. */
  findings: z.array(z.string()),
  /** One sentence for a person: what this signature's result means. */
  summary: VerifyMessage,
  /** Everything that kept the result from TOTAL_PASSED, most important first. */
  problems: z.array(VerifyMessage),
});
export type SignatureResult = z.infer<typeof SignatureResult>;

export const VerificationResult = z.object({
  schema: z.literal(VERIFICATION_SCHEMA),
  lang: z.enum(LANGUAGES),
  verifiedAt: isoTime,
  document: z.object({
    name: z.string(),
    sha256: z.string(),
    bytes: z.number().int(),
    revisions: z.number().int(),
    pages: z.number().int(),
    /** The cross-reference data was broken and objects were found by scanning: revisions are not trustworthy. */
    repaired: z.boolean(),
  }),
  policy: z.object({
    online: z.boolean(),
    /** Subjects of the certificates the user trusts as anchors. */
    trustAnchors: z.array(z.string()),
    /** The "current time" of validation. */
    validationTime: isoTime,
  }),
  /** valid: every signature TOTAL_PASSED and nothing disallowed; invalid: something failed or was changed; otherwise indeterminate. */
  verdict: z.enum(['valid', 'invalid', 'indeterminate']),
  summary: VerifyMessage,
  signatures: z.array(SignatureResult),
  /** Document-level observations (repaired file, unsigned document, reader tolerances). */
  warnings: z.array(VerifyMessage),
});
export type VerificationResult = z.infer<typeof VerificationResult>;
