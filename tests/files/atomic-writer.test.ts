import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { STALE_TEMP_AFTER_MS, sweepStaleTempFiles, writeFileAtomic } from '../../src-main/core/files/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Record the file system calls the writer makes, by wrapping node's fs.promises (which the writer
 * calls through at call time) and the FileHandle methods: what was opened, written, synced, renamed.
 */
async function recordCalls(run: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const paths = new Map<number, string>();
  const name = (p: string) => (p === dir ? 'folder' : path.basename(p).startsWith('.inkstone-tmp-') ? 'temp' : path.basename(p));
  const probe = await fsp.open(path.join(dir, 'probe'), 'w');
  const handleProto = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => Promise<unknown>> & { fd: number };
  await probe.close();
  const originals = { open: fsp.open, rename: fsp.rename, write: handleProto.write, sync: handleProto.sync, datasync: handleProto.datasync };
  fsp.open = (async (p: string, ...rest: unknown[]) => {
    const h = await (originals.open as (...a: unknown[]) => Promise<{ fd: number }>)(p, ...rest);
    paths.set(h.fd, name(String(p)));
    calls.push(`open ${name(String(p))}`);
    return h;
  }) as typeof fsp.open;
  fsp.rename = (async (from: string, to: string) => {
    calls.push(`rename ${name(from)} → ${name(to)}`);
    return originals.rename(from, to);
  }) as typeof fsp.rename;
  handleProto.write = async function (this: { fd: number }, ...args: unknown[]) {
    calls.push(`write ${paths.get(this.fd)}`);
    return originals.write.apply(this, args);
  };
  handleProto.sync = async function (this: { fd: number }) {
    calls.push(`fsync ${paths.get(this.fd)}`);
    return originals.sync.apply(this);
  };
  handleProto.datasync = async function (this: { fd: number }) {
    calls.push(`fdatasync ${paths.get(this.fd)}`);
    return originals.datasync.apply(this);
  };
  try {
    await run();
  } finally {
    Object.assign(fsp, { open: originals.open, rename: originals.rename });
    Object.assign(handleProto, { write: originals.write, sync: originals.sync, datasync: originals.datasync });
  }
  return calls;
}

test('an atomic write goes write → fsync(file) → rename → fsync(folder), in that order', { skip: process.platform === 'win32' }, async () => {
  const target = path.join(dir, 'contract.pdf');
  const calls = await recordCalls(() => writeFileAtomic(target, 'signed bytes'));
  assert.equal(readFileSync(target, 'utf8'), 'signed bytes');
  const at = (call: string) => {
    const i = calls.indexOf(call);
    assert.ok(i >= 0, `${call} missing from ${calls.join(', ')}`);
    return i;
  };
  const write = at('write temp');
  const syncFile = at('fsync temp');
  const rename = at('rename temp → contract.pdf');
  const syncFolder = calls.lastIndexOf('fsync folder');
  assert.ok(write < syncFile, 'the bytes are written before the file is synced');
  assert.ok(syncFile < rename, 'the file is durable before its name is');
  assert.ok(rename < syncFolder, `the folder is synced after the rename: ${calls.join(', ')}`);
  assert.ok(!calls.slice(syncFile).includes('write temp'), 'no write after the fsync');
});

test('stale temp files are swept from a folder and its shards; fresh ones and real files stay', async () => {
  const root = path.join(dir, 'sweep');
  const shard = path.join(root, 'ab', 'cd');
  mkdirSync(shard, { recursive: true });
  const old = (Date.now() - STALE_TEMP_AFTER_MS - 60_000) / 1000;
  const stale = [path.join(root, '.inkstone-tmp-settings.json.1a2b'), path.join(shard, '.inkstone-tmp-abcd.0f0f')];
  for (const f of stale) {
    writeFileSync(f, 'torn');
    utimesSync(f, old, old);
  }
  const fresh = path.join(shard, '.inkstone-tmp-abcd.beef');
  writeFileSync(fresh, 'a writer at work');
  const kept = path.join(shard, 'abcd');
  writeFileSync(kept, 'document');
  utimesSync(kept, old, old);

  assert.equal(await sweepStaleTempFiles(root), 1, 'without depth only the folder itself');
  assert.equal(await sweepStaleTempFiles(root, { depth: 2 }), 1);
  for (const f of stale) assert.equal(existsSync(f), false, f);
  assert.equal(existsSync(fresh), true);
  assert.equal(existsSync(kept), true);
  assert.equal(await sweepStaleTempFiles(path.join(dir, 'no-such-folder'), { depth: 2 }), 0);
});
