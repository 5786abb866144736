import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';

/** A predicate for assert.throws / assert.rejects: an InkstoneError with this code. */
export function inkstoneError(code: ErrorCode, detail?: (details: Readonly<Record<string, unknown>>) => boolean) {
  return (err: unknown): boolean => {
    if (!(err instanceof InkstoneError)) throw new Error(`expected InkstoneError ${code}, got ${String(err)}`, { cause: err });
    if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`, { cause: err });
    if (detail && !detail(err.details)) throw new Error(`${code} details did not match: ${JSON.stringify(err.details)}`);
    return true;
  };
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run openssl; returns { ok, out } where out is stdout and stderr together. */
export function openssl(args: string[], input?: Uint8Array): { ok: boolean; out: string } {
  const res = spawnSync('openssl', args, { input, timeout: 20_000 });
  return { ok: res.status === 0, out: `${res.stdout?.toString('utf8') ?? ''}${res.stderr?.toString('utf8') ?? ''}` };
}

/**
 * openssl without blocking the event loop: needed when it talks to the loopback PKI servers, which
 * run in this same process.
 */
export function opensslAsync(args: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile('openssl', args, { timeout: 20_000 }, (err, stdout, stderr) => resolve({ ok: !err, out: `${stdout}${stderr}` }));
  });
}
