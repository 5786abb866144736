import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEvidenceService, type EvidenceService, type ServiceOptions } from '../../../src-evidence/service.js';
import { createHttpApp } from '../../../src-evidence/http/server.js';
import { createTenant } from '../../../src-evidence/tenancy/index.js';
import type { RouteSpec } from '../../../src-evidence/http/routes/index.js';
import { startPostgres, type TestPostgres } from '../../support/postgres.js';
import { startS3, type TestS3 } from './s3-server.js';

/** A running evidence service on a loopback port, over the storage a test asks for. */
export interface Harness {
  readonly url: string;
  readonly service: EvidenceService;
  readonly routes: readonly RouteSpec[];
  readonly openapi: Record<string, unknown>;
  readonly dataDir: string;
  /** The PostgreSQL database the service runs on (undefined: SQLite in the data folder), for the admin CLI. */
  readonly databaseUrl: string | undefined;
  tenant(name: string): Promise<{ tenantId: string; token: string }>;
  /** Stop the HTTP server and the service (keeping storage), for restart tests. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<ServiceOptions> {
  readonly backend?: 'sqlite' | 'postgres';
  readonly blobStore?: 'filesystem' | 's3';
  readonly rateLimit?: { perSecond: number; burst: number };
  readonly failedAuthPerMinute?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-'));
  let pgServer: TestPostgres | null = null;
  let s3: TestS3 | null = null;
  if (options.backend === 'postgres') pgServer = await startPostgres();
  if (options.blobStore === 's3') s3 = await startS3();
  const service = await openEvidenceService({
    dataDir,
    database: pgServer?.url,
    blobs: s3?.blobSpec,
    integrateIntervalMs: 50,
    ...options,
  });
  const { app, routes, openapi } = await createHttpApp(service, {
    version: 'test',
    logger: false,
    rateLimit: options.rateLimit ?? { perSecond: 100_000, burst: 100_000 },
    publicRateLimit: { perSecond: 100_000, burst: 100_000 },
    failedAuthPerMinute: options.failedAuthPerMinute ?? 100_000,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await service.close();
  };
  return {
    url,
    service,
    routes,
    openapi,
    dataDir,
    databaseUrl: pgServer?.url,
    async tenant(name) {
      const t = await createTenant(service.ctx, name);
      return { tenantId: t.tenant.id, token: t.token.token };
    },
    stop,
    async close() {
      await stop();
      await pgServer?.stop();
      await s3?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small valid-looking PDF with unique content. */
export function samplePdf(label: string, padding = 0): Buffer {
  return Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n${'%'.repeat(padding)}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

/** Response bodies are whatever JSON the service sent; the tests' assertions are their type check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function api(
  h: { url: string },
  method: string,
  p: string,
  init: { token?: string; json?: unknown; body?: Uint8Array; contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: Uint8Array | string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body) {
    headers['content-type'] = init.contentType ?? 'application/pdf';
    body = init.body;
  }
  const res = await fetch(`${h.url}${p}`, { method, headers, body: body as RequestInit['body'] });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}
