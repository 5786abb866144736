/**
 * A PIN or password as the caller holds it. Prefer a Uint8Array (UTF-8): Inkstone wipes it with
 * zeros as soon as it has been used, so pass a copy if you still need it. A string cannot be
 * wiped in JavaScript; it is accepted for convenience and dropped after the call.
 */
export type Pin = string | Uint8Array;

/** What the UI needs to ask a person for a PIN, and to warn them before a last try. */
export interface PinRequest {
  /** 'login' opens the token; 'signature' re-confirms one signature with a key that demands it. */
  readonly purpose: 'login' | 'signature';
  readonly tokenLabel: string;
  readonly tokenSerial: string;
  readonly keyLabel?: string;
  /** The token reports an earlier wrong entry. */
  readonly countLow: boolean;
  /** One more wrong entry locks the PIN. */
  readonly finalTry: boolean;
}

/** Ask a person for a PIN; resolve null when they cancel. */
export type PinPrompt = (request: PinRequest) => Promise<Pin | null>;

/**
 * Hand the PIN to `use` as text (what the PKCS#11 binding and PKCS#12 parser accept), then wipe the
 * caller's buffer, whatever `use` did. The text itself is never stored or logged.
 */
export function usePin<T>(pin: Pin, use: (text: string) => T): T {
  try {
    return use(typeof pin === 'string' ? pin : Buffer.from(pin.buffer, pin.byteOffset, pin.byteLength).toString('utf8'));
  } finally {
    if (typeof pin !== 'string') pin.fill(0);
  }
}
