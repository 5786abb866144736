import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { OPERATION_NAMES, splitOperationName } from '../../src-shared/api/index.js';
import { ROOT } from './support/harness.js';

/**
 * The built preload (dist/preload/preload.cjs) loaded with a stand-in `electron`: what it exposes is
 * exactly the API contract, calls go through `ipcRenderer.invoke('inkstone:rpc', …)`, and failures
 * reject with a plain `{ code, details, message }` object that contextBridge can copy.
 */
type Listener = (event: unknown, payload: unknown) => void;

function loadPreload(answer: (channel: string, ...args: unknown[]) => unknown) {
  const exposed: Record<string, unknown> = {};
  const invocations: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invocations.push([channel, ...args]);
        return answer(channel, ...args);
      },
      on: (channel: string, l: Listener) => (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel))?.add(l),
      removeListener: (channel: string, l: Listener) => listeners.get(channel)?.delete(l),
    },
  };
  const code = readFileSync(path.join(ROOT, 'dist/preload/preload.cjs'), 'utf8');
  const module = { exports: {} };
  const requireShim = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`the sandboxed preload may not require ${id}`);
  };
  new Function('require', 'module', 'exports', code)(requireShim, module, module.exports);
  return { exposed, invocations, listeners };
}

describe('preload bridge', () => {
  test('exposes one function per operation of the contract, the event feed and the shell helper — nothing else', () => {
    const { exposed } = loadPreload(() => ({ ok: true, value: null }));
    assert.deepEqual(Object.keys(exposed), ['inkstone']);
    const api = exposed.inkstone as Record<string, Record<string, unknown>>;
    const expected: Record<string, string[]> = {};
    for (const name of OPERATION_NAMES) {
      const [ns, method] = splitOperationName(name);
      (expected[ns] ??= []).push(method);
    }
    assert.deepEqual(Object.keys(api).sort(), [...Object.keys(expected), 'events', 'shell'].sort());
    for (const [ns, methods] of Object.entries(expected)) {
      assert.deepEqual(Object.keys(api[ns]).sort(), methods.sort());
      for (const m of methods) assert.equal(typeof api[ns][m], 'function');
    }
    assert.deepEqual(Object.keys(api.shell), ['chooseDataFolder', 'chooseDeviceFile', 'uploadBegin', 'uploadWrite', 'uploadFinish']);
    assert.ok(!JSON.stringify(Object.keys(api)).includes('ipcRenderer'));
  });

  test('an upload goes over its own channels as bytes (never base64) and answers the upload id', async () => {
    const { exposed, invocations } = loadPreload((channel) => ({ ok: true, value: channel === 'inkstone:upload-finish' ? { uploadId: 'u1' } : 'slot-1' }));
    const shell = (exposed.inkstone as { shell: Record<string, (...a: unknown[]) => Promise<unknown>> }).shell;
    const slot = await shell.uploadBegin('合同.pdf', 3);
    const chunk = new Uint8Array([37, 80, 68]);
    await shell.uploadWrite(slot, chunk);
    assert.deepEqual(await shell.uploadFinish(slot), { uploadId: 'u1' });
    assert.deepEqual(invocations, [
      ['inkstone:upload-begin', '合同.pdf', 3],
      ['inkstone:upload-write', 'slot-1', chunk],
      ['inkstone:upload-finish', 'slot-1'],
    ]);
  });

  test('the signing devices file dialog goes over its own channel with the kind, and answers the new listing', async () => {
    const listing = { modules: [], pkcs12Files: [], listedAt: '2026-12-07T12:00:00.000Z' };
    const { exposed, invocations } = loadPreload(() => ({ ok: true, value: listing }));
    const shell = (exposed.inkstone as { shell: Record<string, (...a: unknown[]) => Promise<unknown>> }).shell;
    assert.deepEqual(await shell.chooseDeviceFile('pkcs11Module'), listing);
    assert.deepEqual(invocations, [['inkstone:choose-device-file', 'pkcs11Module']]);
  });

  test('calls invoke with the operation, input and job id, and returns the value', async () => {
    const { exposed, invocations } = loadPreload(() => ({ ok: true, value: { total: 3 } }));
    const api = exposed.inkstone as { contracts: { search(i: unknown, o?: unknown): Promise<unknown> } };
    assert.deepEqual(await api.contracts.search({ text: '保密' }, { jobId: 'job-7' }), { total: 3 });
    assert.deepEqual(invocations, [['inkstone:rpc', 'contracts.search', { text: '保密' }, 'job-7']]);
  });

  test('a failed call rejects with a plain, copyable error object carrying the code and details', async () => {
    const { exposed } = loadPreload(() => ({
      ok: false,
      error: { code: 'CONTRACT_NOT_FOUND', details: { id: 'x' }, message: 'The contract x does not exist.' },
    }));
    const api = exposed.inkstone as { contracts: { get(i: unknown): Promise<unknown> } };
    const reason: unknown = await api.contracts.get({ id: 'x' }).then(
      () => assert.fail('should reject'),
      (r: unknown) => r,
    );
    assert.ok(!(reason instanceof Error));
    assert.deepEqual(reason, { code: 'CONTRACT_NOT_FOUND', details: { id: 'x' }, message: 'The contract x does not exist.' });
  });

  test('events.subscribe listens on inkstone:event and returns an unsubscribe', () => {
    const { exposed, listeners } = loadPreload(() => ({ ok: true, value: null }));
    const api = exposed.inkstone as { events: { subscribe(l: (e: unknown) => void): () => void } };
    const seen: unknown[] = [];
    const unsubscribe = api.events.subscribe((e) => seen.push(e));
    const [handler] = listeners.get('inkstone:event') ?? [];
    handler({}, { type: 'library.changed', contractIds: ['a'] });
    assert.deepEqual(seen, [{ type: 'library.changed', contractIds: ['a'] }]);
    unsubscribe();
    assert.equal(listeners.get('inkstone:event')?.size, 0);
  });
});
