/**
 * The desktop core killed with SIGKILL at random points during sync, 50 times (issue 11); not part
 * of `npm test` (tests/sync/cli-sync.test.ts runs the same check three times). A library of 200
 * contracts (each created, edited and given a party) and a 64 MB document is synced by
 * `inkstone sync`, killed after a random 50–3000 ms, again and again; then one pass finishes and a
 * second desktop pulls. It fails unless every change is on the service exactly once and on the
 * other desktop, and the document went up in one upload session.
 *
 *   npx tsx bench/sync-kill.ts [--kills 50] [--postgres]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Library } from '../src-main/core/library/index.js';
import { api, samplePdf } from '../tests/evidence/support/harness.js';
import { cliBundle } from '../tests/support/bundles.js';
import { startTeam } from '../tests/sync/support/desktops.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const kills = Number(process.argv[process.argv.indexOf('--kills') + 1]) || 50;
const backend = process.argv.includes('--postgres') ? 'postgres' : 'sqlite';

function sync(dir: string, killAfterMs: number | null): Promise<string | null> {
  const child = spawn(process.execPath, [cliBundle(), 'sync', '--data-dir', dir, '--json'], { cwd: ROOT, stdio: 'ignore' });
  if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

const team = await startTeam({ backend });
try {
  const a = await team.desktop('张律师');
  const b = await team.desktop('李律师');
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) {
    const c = a.library.createContract({ title: `合同 ${i}` });
    a.library.updateContract(c.id, { notes: `备注 ${i}` });
    a.library.addParty(c.id, { role: '甲方', name: `公司 ${i}` });
    ids.push(c.id);
  }
  const big = samplePdf('bench', 64 * 1024 * 1024);
  const { sha256 } = await a.library.store.put(big);
  a.library.addDocument(ids[0], 'big.pdf', { sha256, size: big.length, pageCount: 1, signatureFieldCount: 0, origin: 'import', text: '' });
  const expected = 200 * 3 + 1;
  a.library.close();
  b.library.close();
  for (const [dir, token] of [
    [a.dir, a.token],
    [b.dir, b.token],
  ]) {
    const { connect, fileTokenStore } = await import('../src-main/core/sync/index.js');
    const lib = new Library(dir);
    await connect(lib, fileTokenStore(dir), { serviceUrl: team.h.url, token });
    lib.close();
  }
  let killed = 0;
  const started = Date.now();
  for (let i = 0; i < kills; i++) if ((await sync(a.dir, 50 + Math.random() * 2950)) === 'SIGKILL') killed++;
  await sync(a.dir, null);
  const feed: Array<{ key: string }> = [];
  for (let after = 0; ;) {
    const page = await api(team.h, 'GET', `/v1/changes?after=${after}&limit=500`, { token: a.token });
    feed.push(...page.body.changes);
    if (!page.body.more) break;
    after = page.body.cursor;
  }
  const keys = new Set(feed.map((f) => f.key));
  const sessions = await team.h.service.ctx.db.all('SELECT id FROM uploads WHERE sha256 = ?', [sha256]);
  await sync(b.dir, null);
  const libB = new Library(b.dir);
  const onB = ids.filter((id) => libB.getContract(id).parties.length === 1).length;
  const bytesOk = libB.store.has(sha256);
  libB.close();
  const ok = feed.length === expected && keys.size === expected && sessions.length === 1 && onB === 200 && bytesOk;
  process.stdout.write(
    `${JSON.stringify({ kills, killedMidSync: killed, changes: feed.length, expected, uniqueKeys: keys.size, uploadSessions: sessions.length, contractsOnB: onB, documentOnB: bytesOk, seconds: (Date.now() - started) / 1000, ok })}\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await team.close();
}
