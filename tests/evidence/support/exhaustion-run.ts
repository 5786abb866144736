import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src-evidence/service.js';
import { createTenant } from '../../../src-evidence/tenancy/index.js';
import { freePort, startPostgres, type TestPostgres } from '../../support/postgres.js';
import { api, samplePdf } from './harness.js';
import { startServiceProcess, stopServiceProcess } from './service-process.js';

/**
 * Memory exhaustion before authentication, against the service as it runs in production (its own
 * process, default limits, SQLite or PostgreSQL): tokenless 250 MiB uploads and slow-loris
 * connections (support/flood.ts, a process of its own) while legitimate clients keep submitting
 * documents. Shared by tests/evidence/exhaustion*.test.ts, which check what happened, and
 * bench/evidence-exhaustion.ts, which records how long the legitimate requests took.
 */

export const FLOOD_UPLOADS = 20;
export const FLOOD_SLOW_LORIS = 50;
/** Legitimate clients submitting side by side, each one request at a time with a pause between. */
const CLIENTS = 3;
/** A legitimate request not answered in this long counts as starved (a liveness bound, not a latency target). */
const STARVED_AFTER_MS = 30_000;

export interface LegitimateRequest {
  readonly client: number;
  /** Sent and answered while the flood ran, both outside it, or one of each. */
  readonly phase: 'flood' | 'quiet' | 'edge';
  /** HTTP status, or null when it failed or was starved. */
  readonly status: number | null;
  readonly evidenceNumber?: string;
  readonly ms: number;
}

export interface ExhaustionRun {
  readonly peakRssBytes: number;
  readonly requests: readonly LegitimateRequest[];
  /** What each tokenless upload was answered and how many bytes it had sent by then. */
  readonly uploads: ReadonlyArray<{ status: number | null; sent: number }>;
  /** How long each slow-loris connection was held open, ms (-1: still open after 20 s). */
  readonly slowLorisHeldMs: readonly number[];
  /** Acknowledged evidence numbers whose receipt the service could not give afterwards. */
  readonly lost: readonly string[];
  /** Entries in the log once integrated, against the number of acknowledged submissions. */
  readonly treeSize: number;
  readonly acknowledged: number;
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a fresh service on `backend`, flood it, and report; everything started is stopped again. */
export async function runExhaustion(backend: 'sqlite' | 'postgres'): Promise<ExhaustionRun> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-exhaustion-'));
  let pg: TestPostgres | null = null;
  let child: ChildProcess | null = null;
  try {
    if (backend === 'postgres') pg = await startPostgres();
    const db = await openDatabase({ dataDir, database: pg?.url });
    const token = (await createTenant({ db, now: () => new Date() }, 'Legit Co')).token.token;
    await db.close();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServiceProcess({ dataDir, port, database: pg?.url, startTimeoutMs: 90_000 });
    return await flood(child, url, port, token);
  } finally {
    if (child) await stopServiceProcess(child);
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function flood(child: ChildProcess, url: string, port: number, token: string): Promise<ExhaustionRun> {
  const pid = child.pid!;
  let peakRssBytes = rssOf(pid);
  const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, rssOf(pid))), 50);
  const requests: LegitimateRequest[] = [];
  let attacking = false;
  let running = true;
  let sequence = 0;

  const phaseOf = (sentDuring: boolean) => (sentDuring && attacking ? 'flood' : !sentDuring && !attacking ? 'quiet' : 'edge');
  const submit = async (client: number): Promise<LegitimateRequest> => {
    const during = attacking;
    const t0 = performance.now();
    try {
      const res = await fetch(`${url}/v1/documents?event=registered`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
        body: new Uint8Array(samplePdf(`legitimate ${client}-${sequence++}`)),
        signal: AbortSignal.timeout(STARVED_AFTER_MS),
      });
      const body = (await res.json().catch(() => ({}))) as { evidenceNumber?: string };
      return { client, phase: phaseOf(during), status: res.status, evidenceNumber: body.evidenceNumber, ms: performance.now() - t0 };
    } catch {
      return { client, phase: phaseOf(during), status: null, ms: performance.now() - t0 };
    }
  };

  try {
    // The first requests pay for the service's cold start (compiling routes and the refusal path,
    // creating the WAL): they count for "nothing lost", not as served during the flood.
    requests.push(await submit(-1));
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      while (running) {
        requests.push(await submit(client));
        await pause(200);
      }
    });
    const attacker = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'flood.ts'), String(port), String(FLOOD_UPLOADS), String(FLOOD_SLOW_LORIS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    attacker.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // The flood starts with its first connection, not while its process starts.
      attacking ||= out.includes('"start"');
    });
    await new Promise((resolve) => attacker.once('exit', resolve));
    attacking = false;
    // A quiet tail: the clients' requests with no flood, the bench's baseline.
    await pause(2000);
    running = false;
    await Promise.all(clients);
    const [, uploads, loris] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { refused?: Array<{ status: number | null; sent: number }>; held?: number[] });

    // Nothing acknowledged may be missing afterwards: each receipt, and the log's size.
    const acknowledged = requests.filter((r) => r.status === 201 && r.evidenceNumber).map((r) => r.evidenceNumber!);
    const lost: string[] = [];
    for (const number of acknowledged) {
      const receipt = await api({ url }, 'GET', `/v1/receipts/${encodeURIComponent(number)}?waitMs=10000`, { token });
      if (receipt.status !== 200) lost.push(number);
    }
    const log = await api({ url }, 'GET', '/v1/log');
    return {
      peakRssBytes,
      requests,
      uploads: uploads?.refused ?? [],
      slowLorisHeldMs: loris?.held ?? [],
      lost,
      treeSize: Number(log.body.treeSize),
      acknowledged: acknowledged.length,
    };
  } finally {
    running = false;
    clearInterval(sampler);
  }
}
