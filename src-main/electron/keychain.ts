import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/service/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

/**
 * The evidence service token in the OS keychain, through Electron's safeStorage: the keychain holds
 * the key (macOS Keychain, Windows DPAPI, libsecret or KWallet), and the data folder holds only the
 * token encrypted with it — bytes no other OS account, and no copy of the folder, can read. Handed to
 * the core over its port (core/service/secret-port.ts); the core never learns how it is kept.
 */

/** The encrypted token, beside the library it belongs to (its connection is in the database). */
const KEYCHAIN_FILE = 'evidence-service.token.keychain';
/** Where the CLI and the browser host keep it (core/sync/token-file.ts); moved into the keychain on first read. */
const PLAIN_FILE = 'evidence-service.token';

/**
 * Whether the OS keychain really protects what safeStorage encrypts. On Linux without a secret
 * service, Electron falls back to `basic_text`, a key compiled into Chromium: no better than the
 * 0600 file, so the app then keeps the 0600 file, as the CLI does.
 */
export function keychainAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

const failed = (reason: string) => new InkstoneError('SYNC_KEYCHAIN_FAILED', { reason });

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Temp file created 0600, fsync, rename: never a moment where the file is readable by others or half-written. */
async function writePrivate(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.inkstone-tmp-${randomBytes(6).toString('hex')}`);
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

export function keychainSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, KEYCHAIN_FILE);
  const plain = path.join(dataDir, PLAIN_FILE);
  const store: SecretStore = {
    async read() {
      const sealed = await readOrNull(file);
      if (sealed) {
        try {
          return safeStorage.decryptString(sealed) || null;
        } catch {
          throw failed('the keychain could not decrypt it (another OS account, or the keychain entry was removed)');
        }
      }
      // A token the CLI or an older Inkstone left in the 0600 file moves into the keychain.
      const legacy = (await readOrNull(plain))?.toString('utf8').trim();
      if (!legacy) return null;
      await store.write(legacy);
      await fs.rm(plain, { force: true });
      return legacy;
    },
    async write(secret) {
      let sealed: Buffer;
      try {
        sealed = safeStorage.encryptString(secret);
      } catch {
        throw failed('the keychain refused to encrypt');
      }
      await writePrivate(file, sealed);
    },
    async clear() {
      await fs.rm(file, { force: true });
      await fs.rm(plain, { force: true });
    },
  };
  return store;
}
