import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL for tests. With INKSTONE_TEST_POSTGRES_URL set (CI started a server), each
 * call gets a fresh database on it; otherwise a private cluster is initialised in a temp folder and
 * started on a free loopback port (as the `postgres` user when running as root — initdb refuses root).
 */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** Connection URL of a fresh, empty database. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess | null, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

async function freshDatabase(serverUrl: string): Promise<TestPostgres> {
  const name = `inkstone_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function postgresAvailable(): boolean {
  return Boolean(process.env.INKSTONE_TEST_POSTGRES_URL) || existsSync(path.join(PG_BIN, 'initdb'));
}

/** Start (or borrow) a PostgreSQL and return a fresh database on it. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  if (process.env.INKSTONE_TEST_POSTGRES_URL) return freshDatabase(process.env.INKSTONE_TEST_POSTGRES_URL);
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-pg-'));
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : undefined;
  if (asRoot) {
    chownSync(dir, uid!, gid!);
    chmodSync(dir, 0o700);
  }
  const run = (bin: string, args: string[]) =>
    (asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]] : [path.join(PG_BIN, bin), args]) as [string, string[]];
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [cmd, args] = run('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    `fsync=${options.durable ? 'on' : 'off'}`,
    '-c',
    `synchronous_commit=${options.durable ? 'on' : 'off'}`,
    '-c',
    'max_connections=100',
    '-c',
    'shared_buffers=64MB',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore', detached: false });
  const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitReady(serverUrl, child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const db = await freshDatabase(serverUrl);
  return {
    url: db.url,
    async stop() {
      await db.stop().catch(() => undefined);
      // SIGINT: PostgreSQL's fast shutdown.
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
