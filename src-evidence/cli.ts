import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { InkstoneError } from '../src-shared/errors/index.js';
import { openDatabase, openEvidenceService } from './service.js';
import { createHttpApp } from './http/server.js';
import { createPrincipal, createTenant, endTenantService, issueToken, listPrincipals, listTenants, revokeToken } from './tenancy/index.js';
import type { ExternalTsa } from './tsa/index.js';
import { ROLES, type Role } from './context.js';

/**
 * `inkstone-evidence`: the evidence service's own entry point.
 *   serve                 run the HTTP service (SQLite in --data-dir by default; --database postgres://… to scale)
 *   tenant create <name>  create an organisation; prints its first administrator token
 *   tenant list | end-service <id>
 *   principal create | list | issue-token | revoke-token
 *                         people and devices of a tenant, each with a role and tokens of their own
 *   purge                 apply the retention rules now
 *   log-info              print the log origin and verifier key (to publish or pin)
 */

/** The package version, from the source tree (src-evidence/) or the build (dist/src-evidence/). */
function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'inkstone') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
const version = packageVersion();

interface StorageOpts {
  dataDir: string;
  database?: string;
}

const storage = (cmd: Command) =>
  cmd
    .requiredOption('--data-dir <dir>', 'folder for keys (and, without --database / --blobs, the SQLite database and document blobs)')
    .option(
      '--database <url>',
      'PostgreSQL connection URL (postgres://user@host:port/db); default: SQLite in the data folder',
      process.env.INKSTONE_EVIDENCE_DATABASE,
    );

function pemCertificates(file: string): Buffer[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/gu)].map((m) => Buffer.from(m[1].replace(/\s+/gu, ''), 'base64'));
}

async function withDatabase<T>(opts: StorageOpts, fn: (ctx: { db: Awaited<ReturnType<typeof openDatabase>>; now: () => Date }) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: path.resolve(opts.dataDir), database: opts.database });
  try {
    return await fn({ db, now: () => new Date() });
  } finally {
    await db.close();
  }
}

const program = new Command('inkstone-evidence')
  .description('Inkstone evidence service: a tamper-evident Merkle log with trusted time and offline-verifiable receipts')
  .version(version);

storage(program.command('serve').description('run the evidence service'))
  .option('--port <port>', 'TCP port (0: any free port)', (v) => Number(v), 8430)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option(
    '--blobs <spec>',
    'blob store: a folder, or s3://bucket/prefix?endpoint=http://host:port (credentials from AWS_* variables)',
    process.env.INKSTONE_EVIDENCE_BLOBS,
  )
  .option('--origin <name>', 'first part of the log origin (the log id is appended)', 'inkstone-evidence')
  .option('--tls-cert <file>', 'PEM certificate chain: serve HTTPS')
  .option('--tls-key <file>', 'PEM private key for --tls-cert')
  .option('--tsa-url <url...>', 'external RFC 3161 TSAs, tried in order')
  .option('--tsa-certs <file>', 'PEM bundle completing the external TSAs’ certificate chains')
  .option('--no-builtin-tsa', 'never use the built-in TSA (requires --tsa-url)')
  .option('--integrate-interval-ms <ms>', 'integrate waiting entries at least this often (≤ 1000)', (v) => Number(v), 500)
  .addOption(new Option('--rate-limit <perSecond>', 'requests per second per API token').argParser((v) => Number(v)).default(200))
  .option('--trust-proxy', 'behind a load balancer: client address from X-Forwarded-For')
  .option('--quiet', 'no request logs')
  .action(async (opts) => {
    if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new InkstoneError('EVIDENCE_CONFIG_INVALID', { reason: '--tls-cert and --tls-key go together' });
    const extra = opts.tsaCerts ? pemCertificates(opts.tsaCerts) : [];
    const externalTsas: ExternalTsa[] = (opts.tsaUrl ?? []).map((url: string) => ({ url, extraCertificates: extra }));
    const logError = (err: unknown) =>
      process.stderr.write(`${JSON.stringify({ level: 'error', msg: err instanceof Error ? err.message : String(err), code: (err as InkstoneError).code })}\n`);
    const service = await openEvidenceService({
      dataDir: path.resolve(opts.dataDir),
      database: opts.database,
      blobs: opts.blobs,
      originBase: opts.origin,
      integrateIntervalMs: opts.integrateIntervalMs,
      externalTsas,
      builtinTsa: opts.builtinTsa,
      onBackgroundError: logError,
    });
    const { app } = await createHttpApp(service, {
      version,
      logger: !opts.quiet,
      trustProxy: Boolean(opts.trustProxy),
      rateLimit: { perSecond: opts.rateLimit, burst: opts.rateLimit * 2 },
      tls: opts.tlsCert ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) } : undefined,
    });
    // A deep accept queue: bursts of clients reconnecting after a checkpoint must not be reset.
    const address = await app.listen({ port: opts.port, host: opts.host, backlog: 4096 });
    const purgeTimer = setInterval(() => void service.purge().catch(logError), 3600_000);
    purgeTimer.unref();
    // The ready line tests and supervisors wait for.
    process.stderr.write(`inkstone-evidence: serving log ${service.ctx.identity.origin} at ${address}\n`);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      clearInterval(purgeTimer);
      await app.close();
      await service.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  });

const tenant = program.command('tenant').description('organisations using the service');
storage(tenant.command('create <name>').description('create a tenant; prints its administrator’s API token (shown once)'))
  .option('--admin <name>', 'name of the first administrator', 'administrator')
  .option('--json', 'print tenant, principal and token as JSON')
  .action(async (name: string, opts) => {
    await withDatabase(opts, async (ctx) => {
      const created = await createTenant(ctx, name, { name: opts.admin });
      if (opts.json) process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      else {
        process.stderr.write(`tenant ${created.tenant.id} “${created.tenant.name}” created; administrator token (shown once):\n`);
        process.stdout.write(`${created.token.token}\n`);
      }
    });
  });
storage(tenant.command('list').description('list tenants')).action(async (opts) => {
  await withDatabase(opts, async (ctx) => process.stdout.write(`${JSON.stringify(await listTenants(ctx), null, 2)}\n`));
});
storage(tenant.command('end-service <tenantId>').description('end a tenant’s service (unsigned documents are deleted 90 days later)')).action(
  async (id: string, opts) => {
    await withDatabase(opts, async (ctx) => process.stdout.write(`${JSON.stringify(await endTenantService(ctx, id), null, 2)}\n`));
  },
);

// People and devices of a tenant, each with a role and tokens of their own; the tenant's
// administrator runs these (or the same through the API). Tokens are printed once, on stdout alone.
const principal = program.command('principal').description('people and devices of a tenant, and their tokens');
storage(principal.command('create').description('add a person (or device) to a tenant; prints their API token (shown once)'))
  .requiredOption('--tenant <id>', 'tenant id')
  .requiredOption('--name <name>', 'person or device name, as audit trails will show it')
  .addOption(new Option('--role <role>', 'role').choices([...ROLES]).default('member'))
  .option('--device', 'a device rather than a person')
  .option('--json', 'print principal and token as JSON')
  .action(async (opts) => {
    await withDatabase(opts, async (ctx) => {
      const created = await createPrincipal(ctx, opts.tenant, { kind: opts.device ? 'device' : 'user', name: opts.name, role: opts.role as Role });
      if (opts.json) return void process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      process.stderr.write(`principal ${created.principal.id} “${created.principal.name}” (${created.principal.role}) created; token (shown once):\n`);
      process.stdout.write(`${created.token.token}\n`);
    });
  });
storage(principal.command('list').description('the people and devices of a tenant, with their token ids (never the tokens)'))
  .requiredOption('--tenant <id>', 'tenant id')
  .action(async (opts) => {
    await withDatabase(opts, async (ctx) => process.stdout.write(`${JSON.stringify(await listPrincipals(ctx, opts.tenant), null, 2)}\n`));
  });
storage(principal.command('issue-token').description('issue another token for a person or device (shown once), e.g. for a new desktop'))
  .requiredOption('--tenant <id>', 'tenant id')
  .requiredOption('--principal <id>', 'principal id')
  .action(async (opts) => {
    await withDatabase(opts, async (ctx) => {
      const issued = await issueToken(ctx, opts.tenant, opts.principal);
      process.stderr.write(`token ${issued.tokenId} issued (shown once):\n`);
      process.stdout.write(`${issued.token}\n`);
    });
  });
storage(principal.command('revoke-token').description('revoke a token: every instance refuses it within 5 seconds'))
  .requiredOption('--tenant <id>', 'tenant id')
  .requiredOption('--token-id <id>', 'the token’s id (from principal list)')
  .action(async (opts) => {
    await withDatabase(opts, async (ctx) => {
      await revokeToken(ctx, opts.tenant, opts.tokenId);
      process.stderr.write(`token ${opts.tokenId} revoked\n`);
    });
  });

storage(program.command('purge').description('apply the retention rules now (the service also does this hourly)'))
  .option('--blobs <spec>', 'blob store', process.env.INKSTONE_EVIDENCE_BLOBS)
  .action(async (opts) => {
    const service = await openEvidenceService({ dataDir: path.resolve(opts.dataDir), database: opts.database, blobs: opts.blobs, manualIntegration: true });
    try {
      process.stdout.write(`${JSON.stringify(await service.purge())}\n`);
    } finally {
      await service.close();
    }
  });

storage(program.command('log-info').description('print the log origin and its verifier key, to publish for pinning')).action(async (opts) => {
  await withDatabase(opts, async (ctx) => {
    const row = await ctx.db.get<{ origin: string; verifier_key: string }>('SELECT origin, verifier_key FROM log_identity WHERE id = 1');
    if (!row) throw new InkstoneError('NOT_FOUND', { what: 'log (start the service once)' });
    process.stdout.write(`${JSON.stringify({ origin: row.origin, verifierKey: row.verifier_key })}\n`);
  });
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const message = err instanceof InkstoneError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  process.stderr.write(`inkstone-evidence: ${message}\n`);
  process.exit(2);
}
