import { InkstoneError } from '../../../src-shared/errors/index.js';
import { CKR, ckrOf, type Cryptoki, type Handle } from './cryptoki.js';
import { currentTokenFlags, tokenStillPresent } from './token-info.js';

/** What a failure happened to: enough to read the token's state afterwards and to name it. */
export interface TokenContext {
  readonly api: Cryptoki;
  readonly slot: Handle;
  readonly tokenLabel: string;
  readonly minPinLength: number;
  readonly maxPinLength: number;
}

const GONE = new Set<number>([CKR.DEVICE_REMOVED, CKR.TOKEN_NOT_PRESENT, CKR.SESSION_HANDLE_INVALID, CKR.SESSION_CLOSED]);

/**
 * Turn a PKCS#11 failure into the typed error a person can act on. PIN failures read the token's
 * flags afterwards, because the token only says how many tries remain through them. Any failure
 * after which the token has left its slot is a removal, whatever code the middleware chose.
 * `operation` is the PKCS#11 function that failed (shown in TOKEN_ERROR for support staff).
 */
export function tokenError(err: unknown, ctx: TokenContext, operation: `C_${string}`, mechanism?: string): InkstoneError {
  if (err instanceof InkstoneError) return err;
  const token = ctx.tokenLabel;
  const ckr = ckrOf(err);
  if (!ckr) return new InkstoneError('TOKEN_ERROR', { token, ckr: err instanceof Error ? err.message : String(err), operation }, { cause: err });
  switch (ckr.code) {
    case CKR.PIN_INCORRECT: {
      const flags = currentTokenFlags(ctx.api, ctx.slot);
      if (flags?.pinLocked) return new InkstoneError('TOKEN_PIN_LOCKED', { token });
      return new InkstoneError('TOKEN_PIN_INCORRECT', { token, countLow: flags?.pinCountLow ?? false, finalTry: flags?.pinFinalTry ?? false });
    }
    case CKR.PIN_LOCKED:
      return new InkstoneError('TOKEN_PIN_LOCKED', { token });
    case CKR.PIN_LEN_RANGE:
      return new InkstoneError('TOKEN_PIN_LEN_RANGE', { token, min: ctx.minPinLength, max: ctx.maxPinLength });
    case CKR.PIN_EXPIRED:
      return new InkstoneError('TOKEN_PIN_EXPIRED', { token });
    case CKR.FUNCTION_CANCELED:
    case CKR.CANCEL:
      return new InkstoneError('TOKEN_USER_CANCELLED', { token });
    case CKR.MECHANISM_INVALID:
    case CKR.MECHANISM_PARAM_INVALID:
      return new InkstoneError('TOKEN_MECHANISM_UNSUPPORTED', { token, mechanism: mechanism ?? operation });
  }
  if (GONE.has(ckr.code) || !tokenStillPresent(ctx.api, ctx.slot)) return new InkstoneError('TOKEN_REMOVED', { token }, { cause: err });
  return new InkstoneError('TOKEN_ERROR', { token, ckr: ckr.name, operation }, { cause: err });
}

/** A failure before any token is chosen (listing slots): named after the module. */
export function moduleError(err: unknown, modulePath: string, operation: `C_${string}`): InkstoneError {
  if (err instanceof InkstoneError) return err;
  const ckr = ckrOf(err)?.name ?? (err instanceof Error ? err.message : String(err));
  return new InkstoneError('TOKEN_ERROR', { token: modulePath, ckr, operation }, { cause: err });
}
