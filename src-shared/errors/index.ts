import { say, type Language, type Message } from '../i18n/index.js';
import { commonErrors } from './common.js';
import { libraryErrors } from './library.js';
import { pdfErrors } from './pdf.js';
import { pkiErrors } from './pki.js';
import { tokensErrors } from './tokens.js';
import { signingErrors } from './signing.js';
import { verifyErrors } from './verify.js';
import { evidenceErrors } from './evidence.js';
// placements (viewer)
import { placementsErrors } from './placements.js';
import { sealsErrors } from './seals.js';
import { draftingErrors } from './drafting.js';
// Signing devices (issue 9)
import { devicesErrors } from './devices.js';
// drafting: export, import and redlines
import { draftingExportErrors } from './drafting-export.js';
import { templatesErrors } from './templates.js';
import { ceremonyErrors } from './ceremony.js';
import { syncErrors } from './sync.js';
// clause library (issue 10)
import { clausesErrors } from './clauses.js';
// Batch signing (issue 9)
import { signingBatchErrors } from './signing-batch.js';
// Offline signatures upgraded on sync (issue 11)
import { signatureUpgradeErrors } from './signature-upgrade.js';

/** Every error code Inkstone can report, with its zh-CN and en text. */
export const ERROR_CATALOG = {
  ...commonErrors,
  ...libraryErrors,
  ...pdfErrors,
  ...pkiErrors,
  ...tokensErrors,
  ...signingErrors,
  ...verifyErrors,
  ...evidenceErrors,
  ...placementsErrors,
  ...sealsErrors,
  ...draftingErrors,
  ...devicesErrors,
  ...draftingExportErrors,
  ...templatesErrors,
  ...ceremonyErrors,
  ...syncErrors,
  ...clausesErrors,
  ...signingBatchErrors,
  ...signatureUpgradeErrors,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export type ErrorDetails = Readonly<Record<string, unknown>>;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code);
}

/** The text of an error in a language, `{name}` placeholders filled from its details. */
export function formatErrorMessage(code: ErrorCode, details: ErrorDetails | undefined, lang: Language): string {
  const entry: Message = ERROR_CATALOG[code];
  return say(entry, lang, details);
}

/**
 * The one error type that crosses layers. It carries a stable code and structured details; the
 * message is the English text so logs stay readable, and UIs render their own language from the code.
 */
export class InkstoneError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(formatErrorMessage(code, details, 'en'), options);
    this.name = 'InkstoneError';
    this.code = code;
    this.details = details;
  }

  localized(lang: Language): string {
    return formatErrorMessage(this.code, this.details, lang);
  }

  toJSON(): SerializedError {
    return { code: this.code, details: this.details, message: this.message };
  }
}

/** The wire form of an error: what IPC, the browser host and `--json` output carry. */
export interface SerializedError {
  code: ErrorCode;
  details: ErrorDetails;
  message: string;
}

export function isInkstoneError(err: unknown): err is InkstoneError {
  return err instanceof InkstoneError;
}

/** Map anything thrown to the wire form, hiding internals of unexpected failures. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof InkstoneError) return err.toJSON();
  return { code: 'INTERNAL', details: {}, message: formatErrorMessage('INTERNAL', {}, 'en') };
}
