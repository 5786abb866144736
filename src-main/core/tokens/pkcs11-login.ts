import { InkstoneError } from '../../../src-shared/errors/index.js';
import { CK, CKR, ckrOf, type Handle } from './cryptoki.js';
import { tokenError, type TokenContext } from './pkcs11-errors.js';
import { usePin, type Pin, type PinPrompt, type PinRequest } from './pin.js';
import { currentTokenFlags, type TokenSummary } from './token-info.js';

/** Where a PIN comes from. Each PIN is used for one login and then wiped; none is kept. */
export interface PinSource {
  /** The PIN for the login that opens the token. Omit it for a token with a PIN pad. */
  readonly pin?: Pin;
  /**
   * Asked when a PIN is needed and `pin` does not cover it: before every signature with a key that
   * demands re-authentication (CKA_ALWAYS_AUTHENTICATE), and for the login when `pin` is omitted.
   */
  readonly askPin?: PinPrompt;
  /** Told just before the token waits for the PIN on its own keypad, so the UI can say so. */
  readonly onPinPad?: (request: PinRequest) => void;
}

export interface LoginTarget extends TokenContext {
  readonly session: Handle;
  readonly token: TokenSummary;
  readonly keyLabel?: string;
}

/**
 * Log in once: the user for a session ('login'), or the context-specific user for the signature
 * operation just initialised ('signature'). A wrong PIN is reported, never retried: each retry
 * would spend one of the few tries before the token locks.
 */
export async function logIn(target: LoginTarget, source: PinSource, purpose: PinRequest['purpose']): Promise<void> {
  const { api, slot, session, token } = target;
  const flags = currentTokenFlags(api, slot) ?? token.flags;
  if (flags.pinLocked) throw new InkstoneError('TOKEN_PIN_LOCKED', { token: token.label });
  const request: PinRequest = {
    purpose,
    tokenLabel: token.label,
    tokenSerial: token.serial,
    ...(target.keyLabel !== undefined ? { keyLabel: target.keyLabel } : {}),
    countLow: flags.pinCountLow,
    finalTry: flags.pinFinalTry,
  };
  const userType = purpose === 'login' ? CK.CKU_USER : CK.CKU_CONTEXT_SPECIFIC;

  let login: () => void;
  if (token.flags.pinPad) {
    if (source.pin instanceof Uint8Array) source.pin.fill(0);
    source.onPinPad?.(request);
    // The binding cannot pass NULL_PTR; a zero-length PIN is how middleware recognise a PIN-pad login.
    login = () => api.C_Login(session, userType, '');
  } else {
    const pin = purpose === 'login' && source.pin !== undefined ? source.pin : await source.askPin?.(request);
    if (pin === undefined) throw new InkstoneError('TOKEN_PIN_REQUIRED', { token: token.label, key: target.keyLabel ?? '' });
    if (pin === null) throw new InkstoneError('TOKEN_USER_CANCELLED', { token: token.label });
    login = () => usePin(pin, (text) => api.C_Login(session, userType, text));
  }
  try {
    login();
  } catch (err) {
    // Login state is per application and token: another open signer of ours already logged in.
    if (purpose === 'login' && ckrOf(err)?.code === CKR.USER_ALREADY_LOGGED_IN) return;
    throw tokenError(err, target, 'C_Login');
  }
}
