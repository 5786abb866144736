// Wraps the real pkcs11js layer to count PKCS#11 calls, so tests can prove what did NOT happen
// (no second C_Login after a wrong PIN, one login for a whole batch).
import { loadNativeCryptoki, type Cryptoki, type CryptokiLoader } from '../../src-main/core/tokens/index.js';

export interface CountingLoader {
  readonly loader: CryptokiLoader;
  /** Calls per PKCS#11 function since the last reset. */
  readonly calls: Map<string, number>;
  /** C_Login calls as [userType, pin length], never the PIN itself. */
  readonly logins: Array<[number, number]>;
  reset(): void;
}

export function countingLoader(): CountingLoader {
  const calls = new Map<string, number>();
  const logins: Array<[number, number]> = [];
  const loader: CryptokiLoader = (modulePath) => {
    const real = loadNativeCryptoki(modulePath);
    return new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        return (...args: unknown[]) => {
          calls.set(prop, (calls.get(prop) ?? 0) + 1);
          if (prop === 'C_Login') logins.push([args[1] as number, String(args[2]).length]);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as Cryptoki;
  };
  return { loader, calls, logins, reset: () => (calls.clear(), (logins.length = 0)) };
}
