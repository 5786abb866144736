import { CK, type Handle } from './cryptoki.js';
import { moduleError, tokenError, type TokenContext } from './pkcs11-errors.js';
import type { Pkcs11Module } from './pkcs11-module.js';
import { findToken, type TokenSelector, type TokenSummary } from './token-info.js';

/** A session with the chosen token, and what error mapping needs to name it. */
export interface TokenSession extends TokenContext {
  readonly token: TokenSummary;
  readonly session: Handle;
}

/** Find the token the selector names and open a session with it (read-only unless objects are to be written). */
export function openTokenSession(module: Pkcs11Module, selector: TokenSelector | undefined, options: { readWrite?: boolean } = {}): TokenSession {
  const { api } = module;
  let found: ReturnType<typeof findToken>;
  try {
    found = findToken(api, selector);
  } catch (err) {
    throw moduleError(err, module.path, 'C_GetTokenInfo');
  }
  const { slot, token } = found;
  const ctx: TokenContext = { api, slot, tokenLabel: token.label, minPinLength: token.minPinLength, maxPinLength: token.maxPinLength };
  const flags = CK.CKF_SERIAL_SESSION | (options.readWrite ? CK.CKF_RW_SESSION : 0);
  const session = guardToken(ctx, 'C_OpenSession', () => api.C_OpenSession(slot, flags));
  return { ...ctx, token, session };
}

/** Close a session, ignoring a token that is already gone (C_Finalize cleans up what is left). */
export function closeSessionQuietly(ctx: Pick<TokenContext, 'api'>, session: Handle): void {
  try {
    ctx.api.C_CloseSession(session);
  } catch {
    // Nothing left to close.
  }
}

/** Run one PKCS#11 call, turning its failure into the typed error. */
export function guardToken<T>(ctx: TokenContext, operation: `C_${string}`, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw tokenError(err, ctx, operation);
  }
}
