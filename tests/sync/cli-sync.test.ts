import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Library } from '../../src-main/core/library/index.js';
import { TOKEN_FILE } from '../../src-main/core/sync/index.js';
import { api, samplePdf } from '../evidence/support/harness.js';
import { cliBundle } from '../support/bundles.js';
import { startTeam, type Desktop, type Team } from './support/desktops.js';

/**
 * `inkstone sync connect | sync | sync status` as a person runs them, and the desktop core killed
 * with SIGKILL in the middle of a sync, a few times (bench/sync-kill.ts runs the 50× loop): every
 * change ends up on the service exactly once and on the other desktop, and no document is uploaded
 * twice in full.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function inkstone(args: string[], stdin = '') {
  const child = spawn(process.execPath, [cliBundle(), '--lang', 'en', 'sync', ...args], { cwd: ROOT, env: { ...process.env, INKSTONE_EVIDENCE_TOKEN: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}
const run = (args: string[], stdin = '') => inkstone(args, stdin).done;

describe('inkstone sync (CLI), and the core killed mid-sync', () => {
  let team: Team;
  let a: Desktop;
  let b: Desktop;
  const big = samplePdf('big contract', 24 * 1024 * 1024);
  let bigSha = '';
  const ids: string[] = [];

  before(async () => {
    team = await startTeam();
    a = await team.desktop('张律师');
    b = await team.desktop('李律师');
    for (let i = 0; i < 40; i++) {
      const c = a.library.createContract({ title: `合同 ${i}` }, { parties: [{ role: '甲方', name: `公司 ${i}` }] });
      a.library.updateContract(c.id, { notes: `备注 ${i}` });
      ids.push(c.id);
    }
    bigSha = (await a.library.store.put(big)).sha256;
    a.library.addDocument(ids[0], '大合同.pdf', { sha256: bigSha, size: big.length, pageCount: 1, signatureFieldCount: 0, origin: 'import', text: '' });
    a.library.close();
    b.library.close();
  });
  after(() => team?.close());

  it('connect shows the organisation, the person, the role and the pinned log key; the token is kept 0600, nowhere else', async () => {
    const res = await run(['connect', '--service', team.h.url, '--token-stdin', '--data-dir', a.dir, '--json'], `${a.token}\n`);
    assert.equal(res.code, 0, res.stderr);
    const c = JSON.parse(res.stdout);
    assert.deepEqual([c.tenantName, c.principalName, c.role], ['同舟律师事务所', '张律师', 'member']);
    assert.match(c.logKeyFingerprint, /^[0-9a-f]{16,}/u);
    const file = path.join(a.dir, TOKEN_FILE);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!res.stdout.includes(a.token) && !res.stderr.includes(a.token));
    if (existsSync(path.join(a.dir, 'settings.json'))) assert.ok(!readFileSync(path.join(a.dir, 'settings.json'), 'utf8').includes(a.token));
    const text = await run(['connect', '--service', team.h.url, '--token-stdin', '--data-dir', b.dir], `${b.token}\n`);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Person: 李律师 \(member\)/u);
    const bad = await run(['connect', '--service', team.h.url, '--token-stdin', '--data-dir', b.dir], 'not-a-token\n');
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /SYNC_TOKEN_INVALID/u);
  });

  it('killed with SIGKILL mid-sync three times, then finished: every change exactly once, the big document sent once in full', async () => {
    let killed = 0;
    for (const delay of [400, 900, 1500]) {
      const { child, done } = inkstone(['--data-dir', a.dir, '--json']);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      const res = await done;
      assert.ok(res.signal === 'SIGKILL' || res.code === 0, res.stderr);
      if (res.signal === 'SIGKILL') killed++;
    }
    assert.ok(killed >= 2, `the core was killed mid-sync (${killed} of 3)`);
    const status = JSON.parse((await run(['status', '--data-dir', a.dir, '--json'])).stdout);
    assert.ok(status.pending >= 0);
    const final = await run(['--data-dir', a.dir, '--json']);
    assert.equal(final.code, 0, final.stderr);
    assert.equal(JSON.parse(final.stdout).pending, 0);

    const lib = new Library(a.dir);
    const keys = (lib.db.prepare('SELECT change_key FROM sync_outbox').all() as Array<{ change_key: string }>).map((r) => r.change_key);
    lib.close();
    assert.equal(keys.length, 40 * 2 + 1);
    const feed: Array<{ key: string }> = [];
    for (let after = 0; ;) {
      const page = await api(team.h, 'GET', `/v1/changes?after=${after}&limit=500`, { token: a.token });
      feed.push(...page.body.changes);
      if (!page.body.more) break;
      after = page.body.cursor;
    }
    for (const key of keys) assert.equal(feed.filter((f) => f.key === key).length, 1, key);
    assert.equal(feed.length, keys.length, 'nothing but A’s changes, each once');

    const docs = await api(team.h, 'GET', `/v1/documents?sha256=${bigSha}`, { token: a.token });
    assert.equal(docs.body.documents.length, 1, 'the big document is one document of the tenant');
    // One upload session, resumed after each kill (a restarted upload would open another).
    const uploads = await team.h.service.ctx.db.all<{ id: string; received: number; status: string }>(
      'SELECT id, received, status FROM uploads WHERE sha256 = ?',
      [bigSha],
    );
    assert.deepEqual(
      uploads.map((u) => [u.received, u.status]),
      [[big.length, 'completed']],
    );

    const onB = await run(['--data-dir', b.dir, '--json']);
    assert.equal(onB.code, 0, onB.stderr);
    const libB = new Library(b.dir);
    try {
      for (const [i, id] of ids.entries()) {
        const c = libB.getContract(id);
        assert.deepEqual([c.title, c.notes, c.parties.map((p) => p.name)], [`合同 ${i}`, `备注 ${i}`, [`公司 ${i}`]]);
      }
      assert.deepEqual(readFileSync(libB.store.pathFor(bigSha)), big);
      assert.equal(libB.search({}).total, 40);
    } finally {
      libB.close();
    }
  });

  it('a service whose log key changed is refused with the reason, and nothing is sent', async () => {
    const lib = new Library(a.dir);
    const c = lib.createContract({ title: '换钥后' });
    const row = lib.db.prepare("SELECT value FROM sync_state WHERE key = 'connection'").get() as { value: string };
    lib.db
      .prepare("UPDATE sync_state SET value = ? WHERE key = 'connection'")
      .run(JSON.stringify({ ...JSON.parse(row.value), logKeyFingerprint: 'ffff000000000000' }));
    lib.close();
    const res = await run(['--data-dir', a.dir]);
    assert.equal(res.code, 3);
    assert.match(res.stderr, /SYNC_LOG_KEY_CHANGED: .*different key/u);
    const feed = await api(team.h, 'GET', '/v1/changes?after=0&limit=500', { token: a.token });
    assert.ok(!feed.text.includes(c.id));
    const status = JSON.parse((await run(['status', '--data-dir', a.dir, '--json'])).stdout);
    assert.equal(status.pending, 1);
  });
});
