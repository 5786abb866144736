import type { TokenStore } from '../sync/index.js';
import { InkstoneError, isErrorCode, type SerializedError } from '../../../src-shared/errors/index.js';
import type { MessagePortLike } from './port.js';

/**
 * The evidence service token where the desktop app keeps it: with the shell, in the OS keychain
 * (Electron's safeStorage exists only in the main process, and the core runs in a utility process).
 * The core asks for it over the port it already speaks, with three requests and nothing else: it
 * never sees where or how the secret is kept, and the token never touches settings.json or a log.
 * The CLI and the browser host keep the 0600 file (`fileTokenStore`).
 */

/** What the shell keeps for the core: one secret, read, replaced or removed. */
export interface SecretStore {
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
  clear(): Promise<void>;
}

type SecretOp = 'read' | 'write' | 'clear';
type SecretRequest = { kind: 'secret'; secretId: number; op: SecretOp; value?: string };
type SecretReply =
  { kind: 'secret-result'; secretId: number; ok: true; value: string | null } | { kind: 'secret-result'; secretId: number; ok: false; error: SerializedError };

/** Core side: a TokenStore answered by the shell at the other end of `port`. */
export function tokenStoreOverPort(port: MessagePortLike): TokenStore {
  let next = 1;
  const pending = new Map<number, (reply: SecretReply) => void>();
  port.onMessage((message) => {
    const m = message as SecretReply;
    if (m?.kind !== 'secret-result' || typeof m.secretId !== 'number') return;
    pending.get(m.secretId)?.(m);
    pending.delete(m.secretId);
  });
  const ask = (op: SecretOp, value?: string): Promise<string | null> =>
    new Promise((resolve, reject) => {
      const secretId = next++;
      pending.set(secretId, (reply) => {
        if (reply.ok) return resolve(reply.value);
        const code = isErrorCode(reply.error.code) ? reply.error.code : 'SYNC_KEYCHAIN_FAILED';
        reject(new InkstoneError(code, reply.error.details));
      });
      port.post({ kind: 'secret', secretId, op, ...(value !== undefined ? { value } : {}) } satisfies SecretRequest);
    });
  return {
    read: () => ask('read'),
    write: async (token) => void (await ask('write', token)),
    clear: async () => void (await ask('clear')),
  };
}

/** Shell side: answer the core's secret requests from `store`; a failure goes back typed, without the secret. */
export function serveSecretsOverPort(port: MessagePortLike, store: SecretStore): void {
  port.onMessage((message) => {
    const m = message as SecretRequest;
    if (m?.kind !== 'secret' || typeof m.secretId !== 'number') return;
    const work =
      m.op === 'read'
        ? store.read()
        : m.op === 'write' && typeof m.value === 'string'
          ? store.write(m.value).then(() => null)
          : m.op === 'clear'
            ? store.clear().then(() => null)
            : null;
    if (!work)
      return port.post({
        kind: 'secret-result',
        secretId: m.secretId,
        ok: false,
        error: new InkstoneError('INVALID_INPUT', { issues: 'unknown secret request' }).toJSON(),
      } satisfies SecretReply);
    work.then(
      (value) => port.post({ kind: 'secret-result', secretId: m.secretId, ok: true, value } satisfies SecretReply),
      (err: unknown) => {
        const error = err instanceof InkstoneError ? err : new InkstoneError('SYNC_KEYCHAIN_FAILED', { reason: err instanceof Error ? err.name : 'unknown' });
        port.post({ kind: 'secret-result', secretId: m.secretId, ok: false, error: error.toJSON() } satisfies SecretReply);
      },
    );
  });
}
