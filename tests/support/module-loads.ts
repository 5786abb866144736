import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Which files a Node process loads: `record-loads.mjs` is registered as a module hook (in worker
 * threads too, which inherit `--import`) and logs every module's URL. Used to prove that start paths
 * (the CLI's `--help`, the core's first search) do not load code they do not need.
 */
const HOOK = pathToFileURL(path.join(import.meta.dirname, 'record-loads.mjs')).href;

export interface RecordedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every file loaded, as paths (node: built-ins left out). */
  files: string[];
}

/** Run `node <args>` and return the files it loaded (bundle chunks and anything from node_modules). */
export function recordLoads(args: string[]): RecordedRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-loads-'));
  const log = path.join(dir, 'loads.txt');
  try {
    const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(HOOK)});`;
    const run = spawnSync(process.execPath, ['--import', register, ...args], {
      encoding: 'utf8',
      env: { ...process.env, INKSTONE_LOAD_LOG: log },
    });
    const files = readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u));
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sources a bundle chunk was made from, from esbuild's `// path` comments. */
export const sourcesOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+\.(?:[cm]?js|ts))$/gm)].map((m) => m[1]);
