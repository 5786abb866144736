import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { scopeTag } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { Caller, Role, ServiceContext } from '../context.js';

/** Tenancy needs only the database and the clock (the operator CLI uses it without a running log). */
export type TenancyContext = Pick<ServiceContext, 'db' | 'now'>;

/**
 * Tenants (organisations), their principals (people and devices) and API tokens. A token is shown
 * once, at creation; the service keeps only SHA-256 of its secret part (the secret is 256 random
 * bits, so a slow password hash would add nothing). Tokens read `iev_<token id>_<secret>`: the id
 * finds the row, the secret is compared in constant time.
 */

export interface TenantSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly serviceEndedAt: string | null;
}

export interface PrincipalSummary {
  readonly id: string;
  readonly kind: 'user' | 'device';
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
}

export interface IssuedToken {
  readonly tokenId: string;
  /** The bearer token. Shown once; store it like a password. */
  readonly token: string;
}

const TOKEN_RE = /^iev_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/u;
const CACHE_MS = 5_000;

function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/gu, '')}`;
}

function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

async function insertToken(ctx: TenancyContext, tenantId: string, principalId: string): Promise<IssuedToken> {
  const tokenId = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await ctx.db.run('INSERT INTO api_tokens (id, tenant_id, principal_id, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)', [
    tokenId,
    tenantId,
    principalId,
    secretHash(secret),
    ctx.now().toISOString(),
  ]);
  return { tokenId, token: `iev_${tokenId}_${secret}` };
}

/** Create a tenant with its first administrator and that administrator's token. */
export async function createTenant(
  ctx: TenancyContext,
  name: string,
  admin: { name?: string } = {},
): Promise<{ tenant: TenantSummary; principal: PrincipalSummary; token: IssuedToken }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw new InkstoneError('INVALID_INPUT', { issues: 'a tenant name has 1 to 200 characters' });
  const tenant: TenantSummary = { id: newId('ten'), name: trimmed, createdAt: ctx.now().toISOString(), serviceEndedAt: null };
  await ctx.db.run('INSERT INTO tenants (id, name, scope_salt, created_at) VALUES (?, ?, ?, ?)', [tenant.id, tenant.name, randomBytes(32), tenant.createdAt]);
  const { principal, token } = await createPrincipal(ctx, tenant.id, { kind: 'user', name: admin.name ?? 'administrator', role: 'admin' });
  return { tenant, principal, token };
}

export async function listTenants(ctx: TenancyContext): Promise<TenantSummary[]> {
  const rows = await ctx.db.all<{ id: string; name: string; created_at: string; service_ended_at: string | null }>(
    'SELECT id, name, created_at, service_ended_at FROM tenants ORDER BY created_at',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, serviceEndedAt: r.service_ended_at }));
}

export async function createPrincipal(
  ctx: TenancyContext,
  tenantId: string,
  input: { kind: 'user' | 'device'; name: string; role: Role },
): Promise<{ principal: PrincipalSummary; token: IssuedToken }> {
  const principal: PrincipalSummary = { id: newId('pri'), kind: input.kind, name: input.name, role: input.role, createdAt: ctx.now().toISOString() };
  const tenant = await ctx.db.get('SELECT id FROM tenants WHERE id = ?', [tenantId]);
  if (!tenant) throw new InkstoneError('NOT_FOUND', { what: `tenant ${tenantId}` });
  await ctx.db.run('INSERT INTO principals (id, tenant_id, kind, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    principal.id,
    tenantId,
    principal.kind,
    principal.name,
    principal.role,
    principal.createdAt,
  ]);
  return { principal, token: await insertToken(ctx, tenantId, principal.id) };
}

export async function listPrincipals(
  ctx: TenancyContext,
  tenantId: string,
): Promise<Array<PrincipalSummary & { tokens: Array<{ id: string; createdAt: string; revokedAt: string | null }> }>> {
  const rows = await ctx.db.all<{ id: string; kind: 'user' | 'device'; name: string; role: Role; created_at: string }>(
    'SELECT id, kind, name, role, created_at FROM principals WHERE tenant_id = ? ORDER BY created_at',
    [tenantId],
  );
  const tokens = await ctx.db.all<{ id: string; principal_id: string; created_at: string; revoked_at: string | null }>(
    'SELECT id, principal_id, created_at, revoked_at FROM api_tokens WHERE tenant_id = ? ORDER BY created_at',
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    tokens: tokens.filter((t) => t.principal_id === r.id).map((t) => ({ id: t.id, createdAt: t.created_at, revokedAt: t.revoked_at })),
  }));
}

export async function issueToken(ctx: TenancyContext, tenantId: string, principalId: string): Promise<IssuedToken> {
  const p = await ctx.db.get('SELECT id FROM principals WHERE id = ? AND tenant_id = ?', [principalId, tenantId]);
  if (!p) throw new InkstoneError('NOT_FOUND', { what: `principal ${principalId}` });
  return insertToken(ctx, tenantId, principalId);
}

export async function revokeToken(ctx: TenancyContext, tenantId: string, tokenId: string): Promise<void> {
  const changed = await ctx.db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL', [
    ctx.now().toISOString(),
    tokenId,
    tenantId,
  ]);
  if (!changed) throw new InkstoneError('NOT_FOUND', { what: `token ${tokenId}` });
  authCache(ctx).delete(tokenId);
}

/** Mark the end of a tenant's service: no new evidence; unsigned documents start their 90-day countdown. */
export async function endTenantService(ctx: TenancyContext, tenantId: string): Promise<TenantSummary> {
  const at = ctx.now().toISOString();
  await ctx.db.run('UPDATE tenants SET service_ended_at = ? WHERE id = ? AND service_ended_at IS NULL', [at, tenantId]);
  const row = await ctx.db.get<{ id: string; name: string; created_at: string; service_ended_at: string | null }>(
    'SELECT id, name, created_at, service_ended_at FROM tenants WHERE id = ?',
    [tenantId],
  );
  if (!row) throw new InkstoneError('NOT_FOUND', { what: `tenant ${tenantId}` });
  for (const [k, v] of authCache(ctx)) if (v.caller.tenantId === tenantId) authCache(ctx).delete(k);
  return { id: row.id, name: row.name, createdAt: row.created_at, serviceEndedAt: row.service_ended_at };
}

// Verified tokens are remembered briefly so a busy client costs one constant-time compare, not a query; a
// revocation on another instance therefore takes effect within CACHE_MS.
// The cache belongs to one service (tests run several in one process).
const authCaches = new WeakMap<TenancyContext, Map<string, { secret: Buffer; caller: Caller; until: number }>>();
function authCache(ctx: TenancyContext): Map<string, { secret: Buffer; caller: Caller; until: number }> {
  let cache = authCaches.get(ctx);
  if (!cache) authCaches.set(ctx, (cache = new Map()));
  return cache;
}

/** Resolve `Authorization: Bearer …` to a caller, or throw EVIDENCE_UNAUTHENTICATED. */
export async function authenticate(ctx: TenancyContext, authorization: string | undefined): Promise<Caller> {
  const m = authorization ? /^Bearer\s+(\S+)$/iu.exec(authorization) : null;
  const t = m ? TOKEN_RE.exec(m[1]) : null;
  if (!t) throw new InkstoneError('EVIDENCE_UNAUTHENTICATED', {});
  const [, tokenId, secret] = t;
  const cached = authCache(ctx).get(tokenId);
  if (cached && cached.until > Date.now()) {
    // The secret verified a moment ago is compared as it is (fixed length, constant time): no hash per request.
    if (timingSafeEqual(cached.secret, Buffer.from(secret, 'latin1'))) return cached.caller;
    throw new InkstoneError('EVIDENCE_UNAUTHENTICATED', {});
  }
  const presented = secretHash(secret);
  const row = await ctx.db.get<{
    secret_hash: Buffer;
    tenant_id: string;
    principal_id: string;
    role: Role;
    principal_name: string;
    tenant_name: string;
    scope_salt: Buffer;
    service_ended_at: string | null;
  }>(
    `SELECT t.secret_hash, t.tenant_id, t.principal_id, p.role, p.name AS principal_name, n.name AS tenant_name, n.scope_salt, n.service_ended_at
       FROM api_tokens t JOIN principals p ON p.id = t.principal_id AND p.tenant_id = t.tenant_id JOIN tenants n ON n.id = t.tenant_id
      WHERE t.id = ? AND t.revoked_at IS NULL`,
    [tokenId],
  );
  if (!row || !timingSafeEqual(Buffer.from(row.secret_hash), presented)) throw new InkstoneError('EVIDENCE_UNAUTHENTICATED', {});
  const caller: Caller = {
    tenantId: row.tenant_id,
    principalId: row.principal_id,
    principalName: row.principal_name,
    tenantName: row.tenant_name,
    tokenId,
    role: row.role,
    scope: scopeTag(row.scope_salt),
    serviceEndedAt: row.service_ended_at,
  };
  authCache(ctx).set(tokenId, { secret: Buffer.from(secret, 'latin1'), caller, until: Date.now() + CACHE_MS });
  return caller;
}

/** Throw EVIDENCE_FORBIDDEN unless the caller has one of `roles`. */
export function requireRole(caller: Caller, roles: readonly Role[], action: string): void {
  if (!roles.includes(caller.role)) throw new InkstoneError('EVIDENCE_FORBIDDEN', { role: caller.role, action });
}
