import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EvidenceClient } from '../../src-main/core/evidence/index.js';
import { runSyncPass, syncStatus } from '../../src-main/core/sync/index.js';
import { listPrincipals, revokeToken } from '../../src-evidence/tenancy/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { startTeam, type Desktop, type Team } from './support/desktops.js';

/**
 * Sync faults against the real service (issue 11): a proxy in front of it answers 500s or holds
 * answers past the client's timeout, and the admin revokes the token. Each stops the pass with its
 * own code; the outbox keeps every entry, and the next good pass sends them.
 */

type Mode = 'pass' | 'fail' | 'slow';

async function startProxy(target: string): Promise<{ url: string; mode: Mode; close(): Promise<void> }> {
  const to = new URL(target);
  const proxy = {
    url: '',
    mode: 'pass' as Mode,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    if (proxy.mode === 'fail') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal failure');
      return;
    }
    const forward = () => {
      const up = http.request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    };
    if (proxy.mode === 'slow') setTimeout(forward, 1_500).unref();
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

const failsWith = async (p: Promise<unknown>, code: string) =>
  assert.rejects(
    p,
    (err: unknown) => err instanceof InkstoneError && err.code === code && /\S/u.test(err.localized('zh-CN')) && err.localized('zh-CN') !== err.message,
  );

describe('sync faults: a failing service, a slow one, a revoked token', () => {
  let team: Team;
  let a: Desktop;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let client: EvidenceClient;

  before(async () => {
    team = await startTeam({ backend: 'sqlite' });
    a = await team.desktop('张律师');
    proxy = await startProxy(team.h.url);
    client = new EvidenceClient({ serviceUrl: proxy.url, token: a.token, stateDir: null, retries: 0, timeoutMs: 500 });
  });
  after(async () => {
    await proxy?.close();
    await team?.close();
  });

  it('500s → SYNC_SERVICE_FAILING; slow answers → SYNC_SERVICE_TOO_SLOW; nothing lost, the next pass sends it', async () => {
    const c = a.library.createContract({ title: '租赁合同' });
    a.library.updateContract(c.id, { notes: '续租' });

    proxy.mode = 'fail';
    await failsWith(runSyncPass(a.library, client), 'SYNC_SERVICE_FAILING');
    assert.equal(syncStatus(a.library).pending, 2);
    assert.equal(syncStatus(a.library).lastError?.error.code, 'SYNC_SERVICE_FAILING');

    proxy.mode = 'slow';
    await failsWith(runSyncPass(a.library, client), 'SYNC_SERVICE_TOO_SLOW');
    assert.equal(syncStatus(a.library).pending, 2);
    assert.equal(syncStatus(a.library).lastError?.error.code, 'SYNC_SERVICE_TOO_SLOW');

    proxy.mode = 'pass';
    const ok = await runSyncPass(a.library, client);
    assert.equal(ok.sent, 2);
    assert.equal(ok.pending, 0);
    assert.equal(syncStatus(a.library).lastError, null);
  });

  it('a revoked token → SYNC_ACCESS_REVOKED, the change kept for a new token', async () => {
    const c = a.library.createContract({ title: '保密协议' });
    const [person] = (await listPrincipals(team.h.service.ctx, team.tenantId)).filter((p) => p.name === a.person);
    for (const t of person.tokens) await revokeToken(team.h.service.ctx, team.tenantId, t.id);
    await failsWith(runSyncPass(a.library, client), 'SYNC_ACCESS_REVOKED');
    assert.deepEqual(syncStatus(a.library).unsyncedContracts, [c.id]);
    assert.equal(syncStatus(a.library).pending, 1);
  });
});
