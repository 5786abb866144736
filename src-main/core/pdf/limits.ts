import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Hard bounds on what the reader will do for one document. The verifier reads files from strangers
 * (and is fuzzed with mutated ones): every loop and every allocation that input controls is capped
 * here, so hostile input ends in `PDF_LIMIT_EXCEEDED`, never a stack overflow, a hang or an
 * out-of-memory crash. The defaults are far above what real contracts need.
 */
export interface PdfLimits {
  /** Nesting of arrays and dictionaries inside one object. */
  readonly maxNestingDepth: number;
  /** Bytes in one string or name. */
  readonly maxStringBytes: number;
  /** Entries in one array or dictionary. */
  readonly maxContainerEntries: number;
  /** Bytes one decoded stream may grow to (decompression-bomb guard). */
  readonly maxDecodedStreamBytes: number;
  /** Cross-reference sections (one per revision, two for linearized or hybrid files). */
  readonly maxRevisions: number;
  /** Cross-reference entries over all sections, or objects found when rebuilding a broken table. */
  readonly maxXrefEntries: number;
  /** Steps when following references, page-tree and field-tree nodes in one walk. */
  readonly maxWalkSteps: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = Object.freeze({
  maxNestingDepth: 100,
  maxStringBytes: 16 * 1024 * 1024,
  maxContainerEntries: 1_000_000,
  maxDecodedStreamBytes: 64 * 1024 * 1024,
  maxRevisions: 1000,
  maxXrefEntries: 2_000_000,
  maxWalkSteps: 1_000_000,
});

/** Merge caller overrides over the defaults. */
export function resolveLimits(overrides?: Partial<PdfLimits>): PdfLimits {
  return Object.freeze({ ...DEFAULT_PDF_LIMITS, ...overrides });
}

/** The typed error for a broken bound. */
export function limitExceeded(limit: keyof PdfLimits, max: number): InkstoneError {
  return new InkstoneError('PDF_LIMIT_EXCEEDED', { limit, max });
}
