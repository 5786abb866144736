import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The evidence service in a process of its own (`inkstone-evidence serve`), as it runs in
 * production: for the crash tests (which kill it with SIGKILL) and the bench.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ServiceProcessOptions {
  readonly dataDir: string;
  readonly port: number;
  /** `postgres://…`; SQLite in the data folder otherwise. */
  readonly database?: string;
  /** More `serve` options, e.g. `['--integrate-interval-ms', '200']`. */
  readonly args?: readonly string[];
  /** Node options before the entry point, e.g. `['--cpu-prof']`. */
  readonly nodeArgs?: readonly string[];
  readonly startTimeoutMs?: number;
}

/** Start the service and resolve once it serves (its ready line on stderr). */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ChildProcess> {
  const args = [
    ...(options.nodeArgs ?? []),
    '--import',
    'tsx',
    'src-evidence/cli.ts',
    'serve',
    '--data-dir',
    options.dataDir,
    '--port',
    String(options.port),
    '--quiet',
    ...(options.database ? ['--database', options.database] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start: ${err}`));
    }, options.startTimeoutMs ?? 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}: ${err}`));
    };
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('serving log')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
    child.once('exit', onExit);
  });
  return child;
}

/** Stop it: SIGKILL (a crash) or SIGTERM (a clean shutdown); resolves once it has exited. */
export function stopServiceProcess(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
