import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Where the person's service token is kept. The desktop app keeps it in the OS keychain through
 * Electron's safeStorage (the shell hands the core a store); the CLI and the browser host use a file
 * in the data folder that only its owner can read (0600 from the moment it exists: written to a
 * temporary file created with that mode, then renamed). Never settings.json, never a log.
 */
export interface TokenStore {
  read(): Promise<string | null>;
  write(token: string): Promise<void>;
  clear(): Promise<void>;
}

export const TOKEN_FILE = 'evidence-service.token';

export function fileTokenStore(dataDir: string): TokenStore {
  const file = path.join(dataDir, TOKEN_FILE);
  return {
    async read() {
      try {
        return (await fs.readFile(file, 'utf8')).trim() || null;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async write(token) {
      await fs.mkdir(dataDir, { recursive: true });
      const tmp = path.join(dataDir, `.inkstone-tmp-${randomBytes(6).toString('hex')}`);
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(`${token}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, file);
      await fs.chmod(file, 0o600);
    },
    async clear() {
      await fs.rm(file, { force: true });
    },
  };
}
