import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { api, startHarness, type Harness } from './support/harness.js';

/**
 * People within a tenant (issue 11): the tenant's administrator adds people with `inkstone-evidence
 * principal …`, each with a role and a token of their own; the change feed says who made each change;
 * a key sent again is one change; an auditor reads but never writes. Run over SQLite and PostgreSQL.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function admin(h: Harness, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-evidence/cli.ts', ...args, '--data-dir', h.dataDir, ...(h.databaseUrl ? ['--database', h.databaseUrl] : [])],
      {
        cwd: ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const change = (key: string, title: string) => ({
  key,
  kind: 'contract.updated',
  contractId: 'c1',
  at: '2026-12-07T10:00:00.000Z',
  payload: { changed: { title: { from: 'old', to: title } } },
});

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`people of a tenant and the change feed (${backend})`, () => {
    let h: Harness;
    let tenantId: string;
    let adminToken: string;
    let lawyer: { token: string; principalId: string };
    let auditorToken: string;

    before(async () => {
      h = await startHarness({ backend });
      const created = await admin(h, ['tenant', 'create', '星河律师事务所', '--admin', '王主任', '--json']);
      assert.equal(created.code, 0, created.stderr);
      const t = JSON.parse(created.stdout);
      tenantId = t.tenant.id;
      adminToken = t.token.token;
      const person = await admin(h, ['principal', 'create', '--tenant', tenantId, '--name', '李律师', '--role', 'member', '--json']);
      assert.equal(person.code, 0, person.stderr);
      const p = JSON.parse(person.stdout);
      lawyer = { token: p.token.token, principalId: p.principal.id };
      const auditor = await admin(h, ['principal', 'create', '--tenant', tenantId, '--name', '审计员', '--role', 'auditor']);
      assert.equal(auditor.code, 0, auditor.stderr);
      auditorToken = auditor.stdout.trim();
    });
    after(() => h?.close());

    it('each person signs in with their own token and is told their tenant, name and role', async () => {
      const me = await api(h, 'GET', '/v1/me', { token: lawyer.token });
      assert.equal(me.status, 200);
      assert.deepEqual(
        { tenant: me.body.tenantName, name: me.body.principalName, role: me.body.role, id: me.body.principalId },
        { tenant: '星河律师事务所', name: '李律师', role: 'member', id: lawyer.principalId },
      );
      assert.equal((await api(h, 'GET', '/v1/me', { token: adminToken })).body.principalName, '王主任');
    });

    it('principal list names everyone with token ids, never a token', async () => {
      const listed = await admin(h, ['principal', 'list', '--tenant', tenantId]);
      assert.equal(listed.code, 0, listed.stderr);
      const people = JSON.parse(listed.stdout) as Array<{ name: string; role: string; tokens: unknown[] }>;
      assert.deepEqual(people.map((p) => [p.name, p.role]).sort(), [
        ['审计员', 'auditor'],
        ['李律师', 'member'],
        ['王主任', 'admin'],
      ]);
      for (const secret of [adminToken, lawyer.token, auditorToken]) assert.ok(!listed.stdout.includes(secret.slice(29)));
    });

    it('a second token for a new desktop works, and a revoked one is refused', async () => {
      const issued = await admin(h, ['principal', 'issue-token', '--tenant', tenantId, '--principal', lawyer.principalId]);
      assert.equal(issued.code, 0, issued.stderr);
      const laptop = issued.stdout.trim();
      const tokenId = /^iev_([0-9a-f]{24})_/u.exec(laptop)![1];
      const revoked = await admin(h, ['principal', 'revoke-token', '--tenant', tenantId, '--token-id', tokenId]);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal((await api(h, 'GET', '/v1/me', { token: laptop })).status, 401);
      assert.equal((await api(h, 'GET', '/v1/me', { token: lawyer.token })).status, 200);
    });

    it('the change feed says who made each change, in the service’s order', async () => {
      const pushed = await api(h, 'POST', '/v1/changes', {
        token: lawyer.token,
        json: { changes: [change('desk-1:1', '采购合同'), change('desk-1:2', '采购合同（修订）')] },
      });
      assert.equal(pushed.status, 200, pushed.text);
      const [first, second] = pushed.body.acks;
      assert.equal(second.seq, first.seq + 1);
      const byAdmin = await api(h, 'POST', '/v1/changes', { token: adminToken, json: { changes: [change('desk-2:1', '服务合同')] } });
      assert.equal(byAdmin.body.acks[0].seq, second.seq + 1);

      const pulled = await api(h, 'GET', '/v1/changes?after=0', { token: auditorToken });
      assert.equal(pulled.status, 200);
      assert.deepEqual(
        pulled.body.changes.map((c: { key: string; principalName: string; seq: number }) => [c.key, c.principalName, c.seq]),
        [
          ['desk-1:1', '李律师', first.seq],
          ['desk-1:2', '李律师', second.seq],
          ['desk-2:1', '王主任', second.seq + 1],
        ],
      );
      assert.equal(pulled.body.cursor, second.seq + 1);
      const page = await api(h, 'GET', `/v1/changes?after=${first.seq}&limit=1`, { token: lawyer.token });
      assert.deepEqual([page.body.changes.length, page.body.more, page.body.cursor], [1, true, second.seq]);
    });

    it('a change sent again under its key is one change; its key with other content is refused', async () => {
      const again = await api(h, 'POST', '/v1/changes', {
        token: lawyer.token,
        json: { changes: [change('desk-1:1', '采购合同'), change('desk-1:3', '第三')] },
      });
      assert.equal(again.status, 200);
      const all = (await api(h, 'GET', '/v1/changes', { token: lawyer.token })).body.changes as Array<{ key: string; seq: number }>;
      assert.equal(all.filter((c) => c.key === 'desk-1:1').length, 1);
      assert.equal(again.body.acks[0].seq, all.find((c) => c.key === 'desk-1:1')!.seq);
      const altered = await api(h, 'POST', '/v1/changes', { token: lawyer.token, json: { changes: [change('desk-1:1', '篡改')] } });
      assert.equal(altered.status, 422);
      assert.equal(altered.body.error.code, 'EVIDENCE_IDEMPOTENCY_MISMATCH');
    });

    it('an auditor reads the feed but may not write to it', async () => {
      const res = await api(h, 'POST', '/v1/changes', { token: auditorToken, json: { changes: [change('audit:1', 'x')] } });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'EVIDENCE_FORBIDDEN');
    });

    it("another tenant's people pull none of this tenant's changes and their keys never touch them", async () => {
      const other = await h.tenant('Another firm');
      const pull = await api(h, 'GET', '/v1/changes?after=0', { token: other.token });
      assert.deepEqual([pull.status, pull.body.changes, pull.body.cursor], [200, [], 0]);
      const same = await api(h, 'POST', '/v1/changes', { token: other.token, json: { changes: [change('desk-1:1', '别家的')] } });
      assert.equal(same.status, 200);
      assert.equal(same.body.acks[0].seq, 1, 'the other tenant numbers its own changes from 1');
      const mine = await api(h, 'GET', '/v1/changes?after=0', { token: lawyer.token });
      assert.ok(!mine.text.includes('别家的'));
    });
  });
}
