import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, serveSecretsOverPort, tokenStoreOverPort, type MessagePortLike, type SecretStore } from '../../src-main/core/service/index.js';
import { TOKEN_FILE } from '../../src-main/core/sync/index.js';
import { createPrincipal } from '../../src-evidence/tenancy/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { RpcResult, SyncConnection } from '../../src-shared/api/index.js';
import { startHarness } from '../evidence/support/harness.js';

/**
 * The desktop app keeps the evidence service token in the OS keychain (Electron's safeStorage, in
 * the main process); the core, in its utility process, reaches it only through this narrow port.
 * Here the keychain is a fake secret store, and the port a pair of in-memory ends that, like
 * Electron's, deliver asynchronously and carry only structured-cloneable data.
 */

/** Two connected ends, each seeing only what the other posts (structured clones, a turn later). */
function portPair(): [MessagePortLike, MessagePortLike] {
  const listeners: [Array<(m: unknown) => void>, Array<(m: unknown) => void>] = [[], []];
  const end = (me: 0 | 1): MessagePortLike => ({
    post: (message) => {
      const copy = structuredClone(message);
      setImmediate(() => listeners[1 - me].forEach((l) => l(copy)));
    },
    onMessage: (listener) => void listeners[me].push(listener),
  });
  return [end(0), end(1)];
}

function fakeKeychain(): SecretStore & { secret: string | null; calls: string[]; locked: boolean } {
  const k = {
    secret: null as string | null,
    calls: [] as string[],
    locked: false,
    async read() {
      k.calls.push('read');
      if (k.locked) throw new InkstoneError('SYNC_KEYCHAIN_FAILED', { reason: 'the keychain is locked' });
      return k.secret;
    },
    async write(secret: string) {
      k.calls.push('write');
      if (k.locked) throw new Error(`locked, and this message must not travel: ${secret}`);
      k.secret = secret;
    },
    async clear() {
      k.calls.push('clear');
      k.secret = null;
    },
  };
  return k;
}

test('the core reads, writes and clears the token through the port; failures come back typed, without the secret', async () => {
  const [core, shell] = portPair();
  const keychain = fakeKeychain();
  serveSecretsOverPort(shell, keychain);
  const tokens = tokenStoreOverPort(core);
  assert.equal(await tokens.read(), null);
  await tokens.write('iev_secret');
  assert.equal(keychain.secret, 'iev_secret');
  const [a, b] = await Promise.all([tokens.read(), tokens.read()]);
  assert.deepEqual([a, b], ['iev_secret', 'iev_secret'], 'concurrent requests each get their own answer');
  await tokens.clear();
  assert.equal(await tokens.read(), null);

  keychain.locked = true;
  await assert.rejects(
    tokens.read(),
    (err: unknown) => err instanceof InkstoneError && err.code === 'SYNC_KEYCHAIN_FAILED' && /locked/.test(String(err.details.reason)),
  );
  await assert.rejects(tokens.write('iev_other_secret'), (err: unknown) => {
    assert.ok(err instanceof InkstoneError);
    assert.equal(err.code, 'SYNC_KEYCHAIN_FAILED');
    assert.doesNotMatch(JSON.stringify(err.toJSON()), /iev_other_secret/, 'an unexpected failure is reported by kind, never with its message');
    return true;
  });
  assert.deepEqual(keychain.calls, ['read', 'write', 'read', 'read', 'clear', 'read', 'read', 'write']);
});

test('a core given the port keeps the token only there: not in the 0600 file, not in settings.json, not in the database', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-keychain-'));
  const h = await startHarness();
  const [coreEnd, shellEnd] = portPair();
  const keychain = fakeKeychain();
  serveSecretsOverPort(shellEnd, keychain);
  const core = createCoreService({ dataDir: dir, log: () => undefined, tokenStore: tokenStoreOverPort(coreEnd) });
  try {
    const tenant = await h.tenant('同舟律师事务所');
    const { token } = await createPrincipal(h.service.ctx, tenant.tenantId, { kind: 'user', name: '张律师', role: 'member' });
    const connected = (await core.invoke('sync.connect', { serviceUrl: h.url, token: token.token }, { emit: () => undefined })) as RpcResult<SyncConnection>;
    assert.ok(connected.ok, JSON.stringify(connected));
    assert.equal(keychain.secret, token.token);
    const status = (await core.invoke('sync.run', {}, { emit: () => undefined })) as RpcResult<{ state: string }>;
    assert.ok(status.ok && status.value.state === 'upToDate', JSON.stringify(status));
    assert.ok(keychain.calls.filter((c) => c === 'read').length >= 1, 'each pass asks the keychain');
    assert.equal(existsSync(path.join(dir, TOKEN_FILE)), false);
    const secret = token.token.split('_').at(-1)!;
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(dir, name);
      if (!existsSync(file) || !statSync(file).isFile()) continue;
      assert.doesNotMatch(readFileSync(file).toString('latin1'), new RegExp(secret), `${name} holds no token`);
    }
  } finally {
    core.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
