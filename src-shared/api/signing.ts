import { z } from 'zod';
import { Id, Language, SignatureState, Upload } from './model.js';
import { CrossPageSealPlacement, MAX_PLACEMENTS, PlacementKind } from './placements.js';
import { VerificationResult, VerifyMessage } from './verification.js';

/**
 * Signing in the app (issue 9): what the signing ceremony shows and sends, and where a contract
 * stands with its signatures. The status a contract shows follows these facts, never a claim.
 */

/** The commitment a signature records (ETSI EN 319 122-1): approval by default, origin for the author. */
export const SigningCommitment = z.enum(['proof-of-approval', 'proof-of-origin']);
export type SigningCommitment = z.infer<typeof SigningCommitment>;

export const SigningLevel = z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']);
export type SigningLevel = z.infer<typeof SigningLevel>;

/** The largest PKCS#12 file a signing takes. */
export const PKCS12_MAX_BYTES = 1024 * 1024;

/**
 * The key that signs: a devices screen CertificateRef (a PKCS#11 token's module, serial and key id,
 * or a remembered PKCS#12 file's path), a token key named by labels (the CLI), or a PKCS#12 file
 * picked for this signing only (an upload; never stored).
 */
export const SigningKeyRef = z.union([
  z.object({
    kind: z.literal('pkcs11'),
    module: z.string().min(1).max(4096),
    tokenSerial: z.string().max(64).optional(),
    tokenLabel: z.string().max(64).optional(),
    keyId: z
      .string()
      .max(512)
      .regex(/^[0-9a-f]*$/i)
      .optional(),
    keyLabel: z.string().max(256).optional(),
  }),
  /** A PKCS#12 file remembered on the devices screen (its CertificateRef). */
  z.object({
    kind: z.literal('pkcs12'),
    path: z.string().min(1).max(4096),
    keyLabel: z.string().max(300).optional(),
  }),
  /** A PKCS#12 file picked for this signing only (uploaded; read once, never stored). */
  Upload.extend({ kind: z.literal('pkcs12') }),
]);
export type SigningKeyRef = z.infer<typeof SigningKeyRef>;

/**
 * A box to stamp: a rectangle in PDF points from the page's lower-left corner, what it shows (a
 * seal, a handwritten signature, the signing date) and which seal-library image, when not the
 * request's `sealId`.
 */
export const SigningPlacement = z.object({
  page: z.number().int().min(1).max(100_000),
  x: z.number().min(0).max(100_000),
  y: z.number().min(0).max(100_000),
  width: z.number().positive().max(100_000),
  height: z.number().positive().max(100_000),
  kind: PlacementKind.default('seal'),
  sealId: Id.optional(),
});
export type SigningPlacement = z.infer<typeof SigningPlacement>;

/** A box the signing will stamp, as the consent step lists it: where, what, and which seal by name. */
export const StampedBox = z.object({
  page: z.number().int(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  kind: PlacementKind,
  sealName: z.string().nullable(),
});
export type StampedBox = z.infer<typeof StampedBox>;

/** What one signing asks for, apart from the PIN and the consent. */
export const SigningRequest = z.object({
  versionId: Id,
  key: SigningKeyRef,
  level: SigningLevel.default('B-B'),
  /** RFC 3161 server, needed from B-T on. */
  tsaUrl: z.string().url().max(2048).optional(),
  commitment: SigningCommitment.default('proof-of-approval'),
  /**
   * Visible boxes, all stamped by this one signature; the first carries the signature's own
   * appearance (seal and who signed). None makes an invisible signature.
   */
  placements: z.array(SigningPlacement).max(MAX_PLACEMENTS).default([]),
  /** A seal or signature of the seal library to stamp in boxes that name none (and across pages). */
  sealId: Id.optional(),
  /** A cross-page seal (骑缝章): true for every page at the standard size, or where it was placed in the viewer. */
  crossPageSeal: z.union([z.boolean(), CrossPageSealPlacement.extend({ sealId: Id.optional() })]).default(false),
  /** Language of the consent sentence and the visible signature's labels. */
  lang: Language,
});
export type SigningRequest = z.input<typeof SigningRequest>;

/** The certificate the ceremony shows, with its problems in words. */
export const SigningCertificate = z.object({
  commonName: z.string().nullable(),
  organisation: z.string().nullable(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  sha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Reasons this certificate cannot sign now (expired, not yet valid, wrong key usage), in the request's language. */
  problems: z.array(z.string()),
});

/** The token's PIN state before the PIN is asked for. */
export const PinState = z.object({
  tokenLabel: z.string(),
  /** The PIN is typed on the reader's own keypad. */
  pinPad: z.boolean(),
  /** A wrong PIN was entered before: fewer tries remain. */
  countLow: z.boolean(),
  /** One more wrong PIN locks it. */
  finalTry: z.boolean(),
  locked: z.boolean(),
});
export type PinState = z.infer<typeof PinState>;

/** Everything the ceremony dialog shows before the PIN is asked for. */
export const SigningPreview = z.object({
  contractId: Id,
  contractTitle: z.string(),
  documentId: Id,
  documentName: z.string(),
  versionId: Id,
  versionNumber: z.number().int(),
  /** The version the signature will add. */
  nextVersionNumber: z.number().int(),
  sha256: z.string(),
  pageCount: z.number().int(),
  /** The seal to be stamped, by name, or null. */
  sealName: z.string().nullable(),
  /** Every box the signature will stamp, the one carrying its appearance first. */
  boxes: z.array(StampedBox).default([]),
  certificate: SigningCertificate,
  /** A non-extractable key on the signer's token, or a copyable file (art. 13.1). */
  assurance: z.enum(['hardware-token', 'software-key']),
  keyDescription: z.string(),
  pin: PinState.nullable(),
  level: SigningLevel,
  tsaUrl: z.string().nullable(),
  commitment: SigningCommitment,
  /** The check before signing: hidden content, overlays, failing earlier signatures. */
  check: z.object({ clean: z.boolean(), findings: z.array(VerifyMessage) }),
  /** The sentence the person must tick, in the request's language; signing.sign must send it back unchanged. */
  consentText: z.string(),
});
export type SigningPreview = z.infer<typeof SigningPreview>;

export const SigningOutcome = z.object({
  contractId: Id,
  documentId: Id,
  versionId: Id,
  version: z.number().int(),
  sha256: z.string(),
  verdict: VerificationResult.shape.verdict,
  signatureState: SignatureState,
});
export type SigningOutcome = z.infer<typeof SigningOutcome>;

/** The PIN travels only inside this call, is never stored or logged, and is dropped after use. */
export const SigningSignInput = SigningRequest.extend({
  pin: z.string().max(256).optional(),
  consent: z.object({ accepted: z.literal(true), text: z.string().min(1).max(4000) }),
});
