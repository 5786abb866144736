import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sweepStaleTempFiles } from '../../src-main/core/files/index.js';
import { largePdf } from '../fixtures/pdfs.js';
import { setUp, tearDown, type SigningHarness } from './harness.js';
import { assertPdfsigValid, assertQpdfClean } from './judges.js';

/**
 * Kill tests: a child process signs a 20 MB contract and is killed with SIGKILL at a random moment
 * of its work. Whatever the moment, the input is unchanged and the output is either absent or
 * complete and valid; a killed writer leaves at most its temp file, which start-up sweeping removes.
 */
let h: SigningHarness;
before(async () => {
  h = await setUp('signing-kill', { token: false });
});
after(tearDown);

const CHILD = path.join(import.meta.dirname, 'kill-child.ts');

/** Run the child; kill it `killAfterMs` after it says "signing" (never, when undefined). Resolves with its duration when it finished. */
function runChild(args: string[], killAfterMs?: number): Promise<{ killed: boolean; signedMs?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== undefined && out.includes('signing\n') && !out.includes('armed')) {
        out += 'armed';
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: !/signed \d+/.test(out) });
      if (code !== 0) return reject(new Error(`the signing child failed (${code}): ${err}`));
      resolve({ killed: false, signedMs: Number(/signed (\d+)/.exec(out)?.[1]) });
    });
  });
}

test('SIGKILL at random points while signing: input unchanged, output absent or complete and valid', async () => {
  const input = await largePdf(20);
  const inputSha = createHash('sha256').update(readFileSync(input)).digest('hex');
  const p12 = await h.pki.pkcs12();
  const args = (output: string, level: string) => [input, output, p12.path, p12.password, level, h.pki.servers.urls.tsa];

  // One undisturbed run measures how long the signing itself takes here; B-T adds two TSA round trips.
  const reference = h.out('reference');
  const signedMs = (await runChild(args(reference, 'B-B'))).signedMs!;
  await assertPdfsigValid(reference, h.nss, 1);
  const window: Record<string, number> = { 'B-B': signedMs * 1.2, 'B-T': signedMs * 3 };

  let absent = 0;
  let complete = 0;
  const runs = ['B-B', 'B-B', 'B-T'];
  for (const [i, level] of runs.entries()) {
    const output = h.out(`killed-${i}`);
    await runChild(args(output, level), Math.round(Math.random() * window[level]));
    assert.equal(createHash('sha256').update(readFileSync(input)).digest('hex'), inputSha, 'the input is never modified');
    if (existsSync(output)) {
      complete++;
      await assertQpdfClean(output);
      await assertPdfsigValid(output, h.nss, 1);
    } else {
      absent++;
    }
  }
  assert.equal(absent + complete, runs.length);
  // A killed writer can leave its temp file; the sweep at start-up removes it (once it is older than a
  // writer could still be working — here "now" is 16 minutes on), and nothing else.
  await sweepStaleTempFiles(h.dir, { now: Date.now() + 16 * 60_000 });
  assert.deepEqual(
    readdirSync(h.dir).filter((f) => f.startsWith('.inkstone-tmp-')),
    [],
  );
  assert.ok(existsSync(reference), 'finished outputs are not swept');
});
