import { z } from 'zod';
import { isValidUscc } from '../registration.js';

/**
 * The organisation that signs (its legal name, 统一社会信用代码, legal representative, address) and
 * its seal library: company seals (公章 and the special-purpose seals) and personal signatures, as
 * the UI, the CLI and the signing ceremony see them.
 */

/** The kinds of seal an organisation keeps; the text is what is cut into the seal. */
export const SEAL_TYPES = ['公章', '合同专用章', '财务专用章', '人事专用章', '发票专用章', '业务专用章'] as const;
export const SealType = z.enum(SEAL_TYPES);
export type SealType = z.infer<typeof SealType>;

/** How long the profile's texts may be (characters, after trimming). The form takes them from here. */
export const ORGANISATION_LIMITS = { legalName: 40, creditCode: 18, legalRepresentative: 60, address: 200 } as const;

export const OrganisationProfile = z.object({
  legalName: z.string().trim().min(1).max(ORGANISATION_LIMITS.legalName),
  /** 统一社会信用代码: empty, or 18 characters whose check character holds (the same check as parties'). */
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .max(ORGANISATION_LIMITS.creditCode)
    .refine((v) => v === '' || isValidUscc(v), { message: 'not a valid unified social credit code', params: { uscc: true } }),
  legalRepresentative: z.string().trim().max(ORGANISATION_LIMITS.legalRepresentative).default(''),
  address: z.string().trim().max(ORGANISATION_LIMITS.address).default(''),
});
export type OrganisationProfile = z.output<typeof OrganisationProfile>;
export type OrganisationProfileInput = z.input<typeof OrganisationProfile>;

/** A company seal, or a person's signature. */
export const SealCategory = z.enum(['seal', 'signature']);
/** How it came to be: generated from the profile, imported from a file, drawn, or typed. */
export const SealOrigin = z.enum(['generated', 'imported', 'drawn', 'typed']);
/** What is stamped: the round seal drawn from its layout, vector paths, or a PNG. */
export const SealFormat = z.enum(['round', 'svg', 'png']);

export const Seal = z.object({
  id: z.string(),
  /** What the person calls it: "合同专用章", "张三的签名". */
  name: z.string(),
  category: SealCategory,
  origin: SealOrigin,
  format: SealFormat,
  /** The kind of a generated seal (公章, 合同专用章 …), else null. */
  sealType: z.string().nullable(),
  /** The size it is stamped at by default (a company seal is 42 mm across). */
  widthMm: z.number(),
  heightMm: z.number(),
  /** SHA-256 of the stored file in the data folder. */
  sha256: z.string(),
  createdAt: z.string(),
  /** Disabled seals are kept (their history stays) but cannot be stamped. */
  disabledAt: z.string().nullable(),
  /** A data: URL (SVG or PNG) an <img> can show, as it will be stamped. */
  preview: z.string(),
});
export type Seal = z.infer<typeof Seal>;

/** Largest seal file the API carries (a PNG scan; SVGs are smaller). */
export const SEAL_FILE_MAX_BYTES = 4 * 1024 * 1024;
export const SEAL_NAME_MAX = 60;
export const SealName = z.string().trim().min(1).max(SEAL_NAME_MAX);

/** One pen stroke: points in the drawing pad's pixels, with the pen's pressure (0–1; 0.5 for a mouse). */
export const InkStroke = z.object({
  points: z
    .array(z.tuple([z.number().min(0).max(10_000), z.number().min(0).max(10_000), z.number().min(0).max(1)]))
    .min(1)
    .max(5_000),
});
export const DrawnSignature = z.object({
  name: SealName,
  width: z.number().min(10).max(10_000),
  height: z.number().min(10).max(10_000),
  strokes: z.array(InkStroke).min(1).max(500),
});
export type DrawnSignature = z.infer<typeof DrawnSignature>;
