import type { ErrorText } from './catalog.js';
import { commonErrors } from './common.js';
import { libraryErrors } from './library.js';
import { pdfErrors } from './pdf.js';
import { pkiErrors } from './pki.js';
import { tokensErrors } from './tokens.js';
import { signingErrors } from './signing.js';
import { verifyErrors } from './verify.js';
import { evidenceErrors } from './evidence.js';

export type { ErrorText, ErrorTable } from './catalog.js';

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
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export type Lang = 'zh-CN' | 'en';
export type ErrorDetails = Readonly<Record<string, unknown>>;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code);
}

/** Fill `{name}` placeholders from details; unknown placeholders stay visible rather than vanish. */
export function formatErrorMessage(code: ErrorCode, details: ErrorDetails | undefined, lang: Lang): string {
  const entry: ErrorText = ERROR_CATALOG[code];
  const template = lang === 'zh-CN' ? entry.zh : entry.en;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details?.[key];
    if (value === undefined || value === null) return whole;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
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

  localized(lang: Lang): string {
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
