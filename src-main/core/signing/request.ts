import type { Language } from '../../../src-shared/i18n/index.js';
import type { SigningHashAlgorithm } from '../crypto-names/index.js';
import type { CommitmentType } from '../pki/index.js';
import type { FieldLock, MdpPermission } from '../pdf/index.js';
import type { Assurance, KeyDescription, Signer } from '../tokens/index.js';
import type { SigningSession } from './session.js';
import type { StampArt } from './seal-artwork.js';
import type { ValidationMaterial } from './validation-data.js';

/**
 * What a caller asks of the signing engine, and what it gets back. Pages are numbered from 1 and
 * positions are PDF points (1/72 inch) from the page's lower-left corner, as a person measures them.
 */

/** PAdES baseline levels (ETSI EN 319 142-1), each including the one before. */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
export const PADES_LEVELS: readonly PadesLevel[] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];

export function levelAtLeast(level: PadesLevel, minimum: PadesLevel): boolean {
  return PADES_LEVELS.indexOf(level) >= PADES_LEVELS.indexOf(minimum);
}

/** A rectangle on a page, in points from the lower-left corner of the page as it is shown (its /Rotate applied). */
export interface PagePlacement {
  /** 1-based page number. */
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A visible signature: a seal or signature and/or a text block naming the signer, time and reason. */
export interface SignatureAppearance {
  readonly placement: PagePlacement;
  /**
   * PNG bytes (transparency kept), or a seal from the seal library (`SealLibrary.stamp(id).drawing`):
   * a generated round seal is drawn as vectors with its name as text in the embedded CJK face.
   */
  readonly seal?: StampArt;
  /** Show the signer, time, reason and location as text (default true; false shows the seal only). */
  readonly showText?: boolean;
  /** The document's language: the text's labels and how the date is written (default zh-CN). */
  readonly language?: Language;
  /** IANA time zone the signing time is shown in (default: this computer's), always with its UTC offset. */
  readonly timeZone?: string;
}

/**
 * A further box the same signature shows: one more widget of its field (ISO 32000-1 §12.7.3.1),
 * drawn in the signed revision, so the signature covers it and no later change is needed.
 */
export interface SignatureStamp {
  readonly placement: PagePlacement;
  /** The seal or handwritten signature drawn in the box. */
  readonly seal?: StampArt;
  /** Without a seal, the box is written: `date` the signing time, `signer` who signed (the default). */
  readonly text?: 'date' | 'signer';
}

/** A cross-page seal (骑缝章): one seal cut into slices along the right edge of consecutive pages. */
export interface CrossPageSeal {
  /** PNG bytes, or a seal from the seal library (`SealLibrary.stamp(id).drawing`). */
  readonly image: StampArt;
  /** First and last page (1-based, inclusive); every page by default. */
  readonly firstPage?: number;
  readonly lastPage?: number;
  /** Diameter of the whole seal in points (default 113.4 pt = 40 mm, the usual company seal). */
  readonly size?: number;
  /** Distance of the seal's lower edge from the page's lower edge; centred vertically by default. */
  readonly y?: number;
}

export interface SignDocumentRequest {
  /** The PDF to sign; it is only read. */
  readonly input: string;
  /** Where the signed copy goes; it must not exist yet. */
  readonly output: string;
  /** The key that signs, from `openPkcs11Signer` or `openPkcs12Signer`; the caller closes it. */
  readonly signer: Signer;
  /** Default B-B. B-T and above need `timestampUrls` (or a session that has them). */
  readonly level?: PadesLevel;
  /** Digest of the document and of the signed attributes; SHA-256 by default. */
  readonly digestAlgorithm?: SigningHashAlgorithm;
  /** Sign with RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys only). */
  readonly rsaPss?: boolean;
  /** RFC 3161 timestamp servers, tried in order. */
  readonly timestampUrls?: readonly string[];
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** The signer's commitment, recorded in the CMS (commitment-type-indication). */
  readonly commitment?: CommitmentType;
  /** Name of the signature field; an unsigned field of that name is filled. Default "Signature<n>". */
  readonly fieldName?: string;
  /** Omit for an invisible signature. */
  readonly appearance?: SignatureAppearance;
  readonly crossPageSeal?: CrossPageSeal;
  /** Further boxes of the same signature (in the appearance's language and time zone). */
  readonly stamps?: readonly SignatureStamp[];
  /** Make a certification signature: 1 no changes, 2 form filling and signing, 3 also annotations. */
  readonly certify?: MdpPermission;
  /** Lock form fields once signed (FieldMDP). */
  readonly lockFields?: FieldLock;
  /**
   * Certificates, OCSP responses and CRLs the caller already holds, used before fetching any. The
   * certificates also complete the chain embedded beside the signer's (pass the person's trusted
   * CAs and known intermediates: a token often holds the signer's certificate alone).
   */
  readonly validationData?: ValidationMaterial;
  /** Fetch missing issuers (caIssuers) and, for B-LT, revocation data online (default true). */
  readonly allowOnline?: boolean;
  /** The claimed signing time written as `/M`; now by default. */
  readonly signingTime?: Date;
  /** Shared across a batch: timestamp servers' token sizes, fetched revocation data. */
  readonly session?: SigningSession;
}

/** The certificate a signature was made with, as the library stores it. */
export interface SignerIdentity {
  readonly commonName: string | null;
  readonly organisation: string | null;
  /** The full subject, most specific first. */
  readonly subject: string;
  readonly issuer: string;
  /** Hex. */
  readonly serialNumber: string;
  /** SHA-256 of the certificate, hex. */
  readonly certificateSha256: string;
  /** DER. */
  readonly certificate: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** A key on the signer's own token, or a copyable file (PRC Electronic Signature Law art. 13). */
  readonly assurance: Assurance;
  readonly key: KeyDescription;
}

/** The issuing chain a signature carries beside the signer's certificate. */
export interface EmbeddedChain {
  /** Subjects of the embedded issuers, nearest first. */
  readonly issuers: readonly string[];
  /** The chain reaches a self-signed root, so a validator that trusts only the root can build the path from the signature alone. */
  readonly complete: boolean;
  /** Why it stops short of the root (the issuer that could not be found), or null. */
  readonly problem: string | null;
}

/** What Inkstone did, for the library to store beside the signed version. */
export interface SigningRecord {
  readonly fieldName: string;
  readonly level: PadesLevel;
  /** The claimed signing time (`/M`). */
  readonly signingTime: Date;
  /** The trusted time from the signature timestamp (B-T and above); null at B-B. */
  readonly timestampTime: Date | null;
  readonly signer: SignerIdentity;
  readonly chain: EmbeddedChain;
  readonly digestAlgorithm: SigningHashAlgorithm;
  /** e.g. "RSA PKCS#1 v1.5 with SHA-256". */
  readonly signatureAlgorithm: string;
  readonly reason: string | null;
  readonly location: string | null;
  readonly commitment: CommitmentType | null;
  /** DocMDP permission when this is a certification signature. */
  readonly certification: MdpPermission | null;
  readonly visible: boolean;
  readonly crossPageSeal: boolean;
  readonly input: { readonly path: string; readonly sha256: string; readonly size: number };
  readonly output: { readonly path: string; readonly sha256: string; readonly size: number };
  /** Bytes reserved for the signature, and bytes it took. */
  readonly reservation: { readonly reserved: number; readonly used: number };
}
