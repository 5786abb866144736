import { CK, ckrOf, type CryptokiLoader } from './cryptoki.js';
import { moduleError } from './pkcs11-errors.js';
import { logIn, type PinSource } from './pkcs11-login.js';
import { Pkcs11Module } from './pkcs11-module.js';
import { readSlots, type SlotSummary, type TokenSelector, type TokenSummary } from './token-info.js';
import { readTokenObjects, type TokenKeyEntry } from './token-objects.js';
import { closeSessionQuietly, guardToken, openTokenSession } from './token-session.js';

export interface ModuleOptions {
  /** Path of the PKCS#11 module. */
  readonly module: string;
  /** Replaces pkcs11js (tests). */
  readonly loader?: CryptokiLoader;
}

/** A slot, and when asked for, what its token shows without a login. */
export interface SlotListing extends SlotSummary {
  /** Present when keys were asked for and the token could be read. */
  readonly keys?: TokenKeyEntry[];
}

export interface TokenContents {
  readonly token: TokenSummary;
  readonly keys: TokenKeyEntry[];
  /** False when the token hides private keys until login and none took place: `privateKey` is then null. */
  readonly privateKeysListed: boolean;
}

/**
 * The slots of a module and the tokens in them. With `includeKeys`, each initialised token's
 * certificates and public keys too (no PIN asked; a token that cannot be read gets `problem`).
 */
export async function listSlots(options: ModuleOptions & { readonly includeKeys?: boolean }): Promise<SlotListing[]> {
  const module = Pkcs11Module.acquire(options.module, options.loader);
  const { api } = module;
  try {
    let slots: ReturnType<typeof readSlots>;
    try {
      slots = readSlots(api);
    } catch (err) {
      throw moduleError(err, options.module, 'C_GetSlotList');
    }
    return slots.map(({ handle, summary }): SlotListing => {
      if (!options.includeKeys || !summary.token?.flags.initialized) return summary;
      try {
        const session = api.C_OpenSession(handle, CK.CKF_SERIAL_SESSION);
        try {
          return { ...summary, keys: readTokenObjects(api, session).records.map((r) => r.entry) };
        } finally {
          api.C_CloseSession(session);
        }
      } catch (err) {
        return { ...summary, problem: ckrOf(err)?.name ?? (err instanceof Error ? err.message : String(err)) };
      }
    });
  } finally {
    module.release();
  }
}

/**
 * The keys and certificates on one token. Private keys are usually hidden until login: pass
 * `login` (a PIN, a prompt, or nothing but `onPinPad` for a PIN-pad token) to see their attributes.
 */
export async function listTokenKeys(options: ModuleOptions & { readonly token?: TokenSelector; readonly login?: PinSource }): Promise<TokenContents> {
  const module = Pkcs11Module.acquire(options.module, options.loader);
  try {
    const ts = openTokenSession(module, options.token);
    try {
      const loggingIn = options.login !== undefined && ts.token.flags.loginRequired;
      if (loggingIn) await logIn(ts, options.login!, 'login');
      const records = guardToken(ts, 'C_FindObjects', () => readTokenObjects(ts.api, ts.session)).records;
      return { token: ts.token, keys: records.map((r) => r.entry), privateKeysListed: loggingIn || !ts.token.flags.loginRequired };
    } finally {
      // Closing the session also logs out.
      closeSessionQuietly(ts, ts.session);
    }
  } finally {
    module.release();
  }
}
