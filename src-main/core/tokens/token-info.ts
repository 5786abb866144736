import { InkstoneError } from '../../../src-shared/errors/index.js';
import { CK, ckrOf, unpad, type Cryptoki, type CryptokiTokenInfo, type Handle } from './cryptoki.js';

/** Which token to use. With neither field, the only initialised token present is chosen. */
export interface TokenSelector {
  /** CKA token label, exactly as shown by `inkstone tokens list`. */
  readonly label?: string;
  /** Token serial number; tells apart two tokens with the same label. */
  readonly serial?: string;
}

/** The token's state flags, named for what they mean to the person holding it. */
export interface TokenFlags {
  readonly initialized: boolean;
  readonly loginRequired: boolean;
  readonly userPinInitialized: boolean;
  /** CKF_PROTECTED_AUTHENTICATION_PATH: the PIN is typed on the reader's own keypad. */
  readonly pinPad: boolean;
  readonly pinCountLow: boolean;
  readonly pinFinalTry: boolean;
  readonly pinLocked: boolean;
  readonly pinToBeChanged: boolean;
  readonly writeProtected: boolean;
}

export interface TokenSummary {
  readonly label: string;
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly flags: TokenFlags;
  readonly minPinLength: number;
  readonly maxPinLength: number;
}

export interface SlotSummary {
  /** Slot id in hex; module-specific and not stable across insertions (SoftHSM randomises it). */
  readonly slotId: string;
  readonly description: string;
  readonly manufacturer: string;
  readonly removableDevice: boolean;
  readonly hardwareSlot: boolean;
  readonly tokenPresent: boolean;
  /** Null when no token is present or the module cannot read it (see `problem`). */
  readonly token: TokenSummary | null;
  /** The CKR name when a present token could not be read (for example CKR_TOKEN_NOT_RECOGNIZED). */
  readonly problem?: string;
}

function summarizeToken(info: CryptokiTokenInfo): TokenSummary {
  const f = info.flags;
  return {
    label: unpad(info.label),
    serial: unpad(info.serialNumber),
    manufacturer: unpad(info.manufacturerID),
    model: unpad(info.model),
    flags: {
      initialized: (f & CK.CKF_TOKEN_INITIALIZED) !== 0,
      loginRequired: (f & CK.CKF_LOGIN_REQUIRED) !== 0,
      userPinInitialized: (f & CK.CKF_USER_PIN_INITIALIZED) !== 0,
      pinPad: (f & CK.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
      pinCountLow: (f & CK.CKF_USER_PIN_COUNT_LOW) !== 0,
      pinFinalTry: (f & CK.CKF_USER_PIN_FINAL_TRY) !== 0,
      pinLocked: (f & CK.CKF_USER_PIN_LOCKED) !== 0,
      pinToBeChanged: (f & CK.CKF_USER_PIN_TO_BE_CHANGED) !== 0,
      writeProtected: (f & CK.CKF_WRITE_PROTECTED) !== 0,
    },
    minPinLength: info.minPinLen,
    maxPinLength: info.maxPinLen,
  };
}

/** Every slot the module reports, with the token in it if any. */
export function readSlots(api: Cryptoki): Array<{ handle: Handle; summary: SlotSummary }> {
  return api.C_GetSlotList(false).map((handle) => {
    const slot = api.C_GetSlotInfo(handle);
    const tokenPresent = (slot.flags & CK.CKF_TOKEN_PRESENT) !== 0;
    let token: TokenSummary | null = null;
    let problem: string | undefined;
    if (tokenPresent) {
      try {
        token = summarizeToken(api.C_GetTokenInfo(handle));
      } catch (err) {
        const ckr = ckrOf(err);
        if (!ckr) throw err;
        problem = ckr.name;
      }
    }
    const summary: SlotSummary = {
      slotId: handle.toString('hex'),
      description: unpad(slot.slotDescription),
      manufacturer: unpad(slot.manufacturerID),
      removableDevice: (slot.flags & CK.CKF_REMOVABLE_DEVICE) !== 0,
      hardwareSlot: (slot.flags & CK.CKF_HW_SLOT) !== 0,
      tokenPresent,
      token,
      ...(problem ? { problem } : {}),
    };
    return { handle, summary };
  });
}

/** The one initialised token matching the selector: TOKEN_NOT_FOUND or TOKEN_AMBIGUOUS otherwise. */
export function findToken(api: Cryptoki, selector: TokenSelector = {}): { slot: Handle; token: TokenSummary } {
  const matches = readSlots(api).filter(
    ({ summary: { token } }) =>
      token !== null &&
      token.flags.initialized &&
      (selector.label === undefined || token.label === selector.label) &&
      (selector.serial === undefined || token.serial === selector.serial),
  );
  const wanted = describeSelector(selector);
  if (matches.length === 0) throw new InkstoneError('TOKEN_NOT_FOUND', { token: wanted });
  if (matches.length > 1) throw new InkstoneError('TOKEN_AMBIGUOUS', { token: wanted, count: matches.length });
  return { slot: matches[0].handle, token: matches[0].summary.token! };
}

function describeSelector(selector: TokenSelector): string {
  const parts = [selector.label, selector.serial && `#${selector.serial}`].filter(Boolean);
  return parts.length ? parts.join(' ') : '*';
}

/** The token's flags now (they change with every wrong PIN), or undefined if it cannot be read. */
export function currentTokenFlags(api: Cryptoki, slot: Handle): TokenFlags | undefined {
  try {
    return summarizeToken(api.C_GetTokenInfo(slot)).flags;
  } catch {
    return undefined;
  }
}

/** Whether a token is still in the slot (a removed USB key empties its slot, or the slot vanishes). */
export function tokenStillPresent(api: Cryptoki, slot: Handle): boolean {
  try {
    return (api.C_GetSlotInfo(slot).flags & CK.CKF_TOKEN_PRESENT) !== 0;
  } catch {
    return false;
  }
}
